import { describe, expect, it } from 'vitest';
import { withGaps, wrapLabel } from './chart-math.ts';

describe('wrapLabel', () => {
  it('breaks at spaces onto at most two lines and cuts the rest', () => {
    expect(wrapLabel('Storage area 150 (primary)', 18)).toEqual(['Storage area 150', '(primary)']);
    expect(wrapLabel('db', 18)).toEqual(['db']);
    expect(wrapLabel('a very long name that does not fit on two lines', 12)).toEqual(['a very long', 'name that…']);
    expect(wrapLabel('Supercalifragilistic', 8)).toEqual(['Superca…']);
  });
});

describe('withGaps', () => {
  it('turns NaN (no value) into null for uPlot and passes complete series through uncopied', () => {
    const full = Float64Array.from([0, 1.5, 100]);
    expect(withGaps(full)).toBe(full);
    expect(withGaps(Float64Array.from([NaN, 0, 2, NaN]))).toEqual([null, 0, 2, null]);
    expect(withGaps(new Float64Array(0))).toEqual(new Float64Array(0));
  });
});
