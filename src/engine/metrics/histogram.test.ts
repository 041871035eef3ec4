import { describe, expect, it } from 'vitest';
import { Rng } from '../kernel/rng.ts';
import { LatencyHistogram } from './histogram.ts';

describe('latency histogram', () => {
  describe('empty', () => {
    it('reports zeros', () => {
      const h = new LatencyHistogram();
      expect([h.count, h.meanUs(), h.quantileUs(0.5), h.minUs(), h.maxUs()]).toEqual([0, 0, 0, 0, 0]);
    });
  });

  describe('exact statistics', () => {
    it('mean, min and max are exact; q=0 and q=1 give min and max', () => {
      const h = new LatencyHistogram();
      for (const us of [100, 200, 3_600_000_000, 0.5]) h.record(us);
      expect(h.count).toBe(4);
      expect(h.meanUs()).toBe((100 + 200 + 3_600_000_000 + 0.5) / 4);
      expect(h.quantileUs(0)).toBe(0.5);
      expect(h.quantileUs(1)).toBe(3_600_000_000);
    });

    it('a single value is reported exactly at every quantile', () => {
      const h = new LatencyHistogram();
      h.record(1234.5);
      for (const q of [0.01, 0.5, 0.99]) expect(h.quantileUs(q)).toBe(1234.5);
    });
  });

  describe('precision', () => {
    it.each([1, 1.5, 7, 99, 1000, 123_456, 3_600_000_000])('a value of %s us is reported within 1%%', (us) => {
      const h = new LatencyHistogram();
      h.record(us / 10); // pull min and max away so the bucket, not the clamp, answers
      h.record(us);
      h.record(us);
      h.record(us * 10);
      expect(Math.abs(h.quantileUs(0.5) / us - 1)).toBeLessThan(0.01);
    });
  });

  describe('edges', () => {
    it('counts zero, negative and out-of-range values without losing them', () => {
      const h = new LatencyHistogram();
      h.record(0);
      h.record(-5);
      h.record(1e-9);
      h.record(2 ** 40);
      expect(h.count).toBe(4);
      expect(h.quantileUs(0.25)).toBe(0);
      expect(h.quantileUs(1)).toBe(2 ** 40);
    });
  });

  describe('reset and merge', () => {
    it('merging two halves equals recording everything in one', () => {
      const rng = new Rng(5);
      const all = new LatencyHistogram();
      const left = new LatencyHistogram();
      const right = new LatencyHistogram();
      for (let i = 0; i < 10_000; i++) {
        const us = rng.exp(500);
        all.record(us);
        (i % 2 === 0 ? left : right).record(us);
      }
      left.merge(right);
      expect(left.count).toBe(all.count);
      expect(left.meanUs()).toBeCloseTo(all.meanUs(), 9);
      for (const q of [0.1, 0.5, 0.9, 0.99, 0.999]) expect(left.quantileUs(q)).toBe(all.quantileUs(q));
      left.reset();
      expect(left.count).toBe(0);
      expect(left.quantileUs(0.5)).toBe(0);
    });
  });
});
