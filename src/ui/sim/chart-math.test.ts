import { describe, expect, it } from 'vitest';
import { wrapLabel } from './chart-math.ts';

describe('wrapLabel', () => {
  it('breaks at spaces onto at most two lines and cuts the rest', () => {
    expect(wrapLabel('Storage area 150 (primary)', 18)).toEqual(['Storage area 150', '(primary)']);
    expect(wrapLabel('db', 18)).toEqual(['db']);
    expect(wrapLabel('a very long name that does not fit on two lines', 12)).toEqual(['a very long', 'name that…']);
    expect(wrapLabel('Supercalifragilistic', 8)).toEqual(['Superca…']);
  });
});
