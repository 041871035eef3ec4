/** The remote series rings: append and wrap, re-layout when the keys change, newest and peak values. */
import { describe, expect, it } from 'vitest';
import {
  REMOTE_METRICS,
  REMOTE_SERIES_CAPACITY,
  appendKeyed,
  emptyKeyedRing,
  latestKeyed,
  peakKeyed,
  readKeyed,
  readTimes,
  relayout,
} from './remote-series.ts';

const times = (from: number, n: number) => Float64Array.from({ length: n }, (_, i) => from + i);

describe('remote series › rings', () => {
  it('wraps after REMOTE_SERIES_CAPACITY rows and reads back in time order', () => {
    let ring = relayout(emptyKeyedRing(REMOTE_METRICS), REMOTE_METRICS, ['a']);
    const n = REMOTE_SERIES_CAPACITY + 25;
    ring = appendKeyed(ring, REMOTE_METRICS, times(1, n), { lagS: times(1, n) });
    const t = readTimes(ring);
    expect(t.length).toBe(REMOTE_SERIES_CAPACITY);
    expect(t[0]).toBe(26);
    expect(Array.from(readKeyed(ring, 'a', 'lagS'))).toEqual(Array.from(t));
    // a metric the frame did not carry reads NaN, never 0
    expect(Number.isNaN(readKeyed(ring, 'a', 'journalPct')[0])).toBe(true);
    expect(latestKeyed(ring, 'a', 'journalPct')).toBeNull();
    expect(latestKeyed(ring, 'a', 'lagS')).toBe(n);
  });

  it('keeps a remaining key’s history across a re-layout and drops a key that left', () => {
    let ring = relayout(emptyKeyedRing(REMOTE_METRICS), REMOTE_METRICS, ['a', 'b']);
    ring = appendKeyed(ring, REMOTE_METRICS, times(1, 3), { lagWrites: Float64Array.of(1, 100, 2, 200, 3, 300) });
    const v = ring.version;
    ring = relayout(ring, REMOTE_METRICS, ['b', 'c']);
    expect(ring.version).toBeGreaterThan(v);
    expect(Array.from(readKeyed(ring, 'b', 'lagWrites'))).toEqual([100, 200, 300]);
    expect(readKeyed(ring, 'a', 'lagWrites').every(Number.isNaN)).toBe(true);
    expect(readKeyed(ring, 'c', 'lagWrites').every(Number.isNaN)).toBe(true);
    expect(relayout(ring, REMOTE_METRICS, ['b', 'c'])).toBe(ring); // same keys: the same ring
  });

  it('finds the peak over the window, skipping gaps', () => {
    let ring = relayout(emptyKeyedRing(REMOTE_METRICS), REMOTE_METRICS, ['a']);
    ring = appendKeyed(ring, REMOTE_METRICS, times(1, 4), { journalPct: Float64Array.of(10, Number.NaN, 93, 40) });
    expect(peakKeyed(ring, 'a', 'journalPct')).toBe(93);
    expect(latestKeyed(ring, 'a', 'journalPct')).toBe(40);
    expect(peakKeyed(ring, 'a', 'lagS')).toBeNull();
    expect(peakKeyed(ring, 'zz', 'lagS')).toBeNull();
  });
});
