import { describe, expect, it } from 'vitest';
import { linePath, niceCeil, timeTicks, valueTicks, wrapLabel } from './chart-math.ts';

/** The path's points as [x, y] pairs. */
const points = (d: string) =>
  d
    .slice(1)
    .split('L')
    .map((p) => p.split(',').map(Number));

describe('axis ticks', () => {
  it('rounds up to 1, 2, 2.5, 5 × 10^k', () => {
    expect([0.7, 1, 1.2, 2.2, 4, 7, 60_000, 0].map(niceCeil)).toEqual([1, 1, 2, 2.5, 5, 10, 100_000, 1]);
  });
  it('gives 0 … top in nice steps covering the maximum; a fixed top is kept', () => {
    expect(valueTicks(100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(valueTicks(8.1, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(valueTicks(51_000, 4)).toEqual([0, 20_000, 40_000, 60_000]);
  });
  it('puts round-second time ticks inside the window', () => {
    expect(timeTicks(1, 120, 3)).toEqual([60, 120]);
    expect(timeTicks(601, 1200, 4)).toEqual([900, 1200]);
    expect(timeTicks(1, 5, 3)).toEqual([2, 4]);
  });
});

describe('linePath', () => {
  it('draws every point when each has its own pixel column', () => {
    const t = Float64Array.from([0, 1, 2]);
    const v = Float64Array.from([10, 20, 5]);
    expect(linePath(t, v, 0, 10, 100, -1)).toBe('M0,90L10,80L20,95');
  });

  it('keeps entry, min, max and exit per pixel column (what uPlot draws)', () => {
    // 600 samples into 150 columns: 4 samples per column.
    const n = 600;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    const v = Float64Array.from({ length: n }, (_, i) => Math.round(50 + 40 * Math.sin(i / 3)));
    const pts = points(linePath(t, v, 0, 0.25, 0, 1));
    expect(pts.length).toBeLessThanOrEqual(4 * 151);
    const columns = new Map<number, number[]>();
    pts.forEach(([x, y]) => columns.set(x, [...(columns.get(x) ?? []), y]));
    expect(columns.size).toBe(151); // 0 … 150 (x = round(i / 4))
    // Every column spans exactly the min … max of the samples that fall in it.
    for (const [x, ys] of columns) {
      const inColumn = [...v].filter((_, i) => Math.round(i * 0.25) === x);
      expect(Math.min(...ys)).toBe(Math.min(...inColumn));
      expect(Math.max(...ys)).toBe(Math.max(...inColumn));
    }
  });

  it('is empty without samples', () => {
    expect(linePath(new Float64Array(0), new Float64Array(0), 0, 1, 0, 1)).toBe('');
  });
});

describe('wrapLabel', () => {
  it('breaks at spaces onto at most two lines and cuts the rest', () => {
    expect(wrapLabel('Storage area 150 (primary)', 18)).toEqual(['Storage area 150', '(primary)']);
    expect(wrapLabel('db', 18)).toEqual(['db']);
    expect(wrapLabel('a very long name that does not fit on two lines', 12)).toEqual(['a very long', 'name that…']);
    expect(wrapLabel('Supercalifragilistic', 8)).toEqual(['Superca…']);
  });
});
