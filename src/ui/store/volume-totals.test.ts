/** Run totals per LDEV: means over every sample of the run, NaN seconds left out, a new layout starting over. */
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../engine/api.ts';
import { addFrameTotals, emptyTotals, volumeMeans } from './volume-totals.ts';

/** A frame of `rows` samples for LDEVs `ids`; `v(metric, row, col)` gives each value. */
function frame(ids: string[], rows: number, v: (m: 'r' | 'w' | 'h' | 't', row: number, col: number) => number): TelemetryFrame {
  const col = (m: 'r' | 'w' | 'h' | 't') => {
    const a = new Float64Array(rows * ids.length);
    for (let r = 0; r < rows; r++) for (let c = 0; c < ids.length; c++) a[r * ids.length + c] = v(m, r, c);
    return a;
  };
  return {
    timesS: Float64Array.from({ length: rows }, (_, i) => i + 1),
    ldevIds: ids,
    linkIds: [],
    readIops: col('r'),
    writeIops: col('w'),
    cacheHitPct: col('h'),
    responseMsMean: col('t'),
    linkUtilPct: new Float64Array(0),
    rejected: new Float64Array(rows * ids.length),
    remoteKeys: [],
    remoteLagS: new Float64Array(0),
    remoteLagWrites: new Float64Array(0),
    remoteJournalPct: new Float64Array(0),
    wanIds: [],
    wanThroughputMBps: new Float64Array(0),
  };
}

describe('volume totals', () => {
  it('has no means before a sample', () => {
    expect(volumeMeans(emptyTotals(['a']), 'a')).toEqual({ iops: null, readPct: null, cacheHitPct: null, responseMs: null });
  });

  it('averages IOPS over seconds, read % over I/Os, cache hit % over reads and response time over I/Os', () => {
    // a: second 1 — 100 reads (90 % hits), 100 writes, 2 ms; second 2 — 300 reads (50 % hits), 0 writes, 6 ms.
    const f = frame(['a', 'b'], 2, (m, r, c) => {
      if (c === 1) return m === 'h' || m === 't' ? Number.NaN : 0;
      return { r: [100, 300], w: [100, 0], h: [90, 50], t: [2, 6] }[m][r];
    });
    const t = addFrameTotals(emptyTotals(), f);
    expect(t.samples).toBe(2);
    const a = volumeMeans(t, 'a');
    expect(a.iops).toBe(250);
    expect(a.readPct).toBe(80);
    expect(a.cacheHitPct).toBeCloseTo(((90 + 150) / 400) * 100, 9); // 60 %
    expect(a.responseMs).toBeCloseTo((200 * 2 + 300 * 6) / 500, 9); // 4.4 ms, not the plain mean 4
    expect(volumeMeans(t, 'b')).toEqual({ iops: 0, readPct: null, cacheHitPct: null, responseMs: null });
    expect(volumeMeans(t, 'nope').iops).toBeNull();
  });

  it('leaves seconds without a value out of that metric (a NaN never pulls a mean to 0)', () => {
    const f1 = frame(['a'], 1, (m) => ({ r: 100, w: 0, h: 80, t: 3 })[m]);
    const f2 = frame(['a'], 1, (m) => ({ r: 0, w: 50, h: Number.NaN, t: Number.NaN })[m]);
    const t = addFrameTotals(addFrameTotals(emptyTotals(), f1), f2);
    expect(volumeMeans(t, 'a')).toEqual({ iops: 75, readPct: (100 / 150) * 100, cacheHitPct: 80, responseMs: 3 });
  });

  it('publishes a new version per frame and starts over when the LDEVs change', () => {
    const t1 = addFrameTotals(emptyTotals(), frame(['a'], 3, () => 1));
    const t2 = addFrameTotals(t1, frame(['a'], 1, () => 1));
    expect([t1.version, t2.version, t2.samples]).toEqual([1, 2, 4]);
    expect(t2).not.toBe(t1);
    const t3 = addFrameTotals(t2, frame(['a', 'b'], 1, () => 1));
    expect([t3.samples, t3.ldevIds]).toEqual([1, ['a', 'b']]);
    expect(addFrameTotals(t3, frame(['a', 'b'], 0, () => 1))).toBe(t3);
  });
});
