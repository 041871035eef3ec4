import { describe, expect, it } from 'vitest';
import { EngineAssertionError } from './assert.ts';
import { deriveSeed, Rng, scatter, zeta, ZipfSampler } from './rng.ts';

function take(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextU32());
}

describe('rng', () => {
  describe('determinism', () => {
    it('same seed gives the same sequence', () => {
      expect(take(new Rng(12345), 100)).toEqual(take(new Rng(12345), 100));
    });

    it('is pinned: the first outputs of seed 1 never change (a change breaks every stored hash)', () => {
      // Regression pin for sfc32 seeded by splitmix32 with 12 warm-up rounds.
      expect(take(new Rng(1), 4)).toEqual(PINNED_SEED_1);
    });

    it('different seeds give different sequences, including seeds that differ above bit 32', () => {
      const base = take(new Rng(1), 8);
      expect(take(new Rng(2), 8)).not.toEqual(base);
      expect(take(new Rng(1 + 2 ** 32), 8)).not.toEqual(base);
      expect(take(new Rng(0), 8)).not.toEqual(take(new Rng(2 ** 32), 8));
    });

    it('rejects seeds that are not safe integers', () => {
      expect(() => new Rng(1.5)).toThrow(EngineAssertionError);
      expect(() => new Rng(2 ** 60)).toThrow(EngineAssertionError);
    });
  });

  describe('fork', () => {
    it('depends on the label', () => {
      const root = new Rng(99);
      expect(take(root.fork('array:A'), 8)).not.toEqual(take(root.fork('array:B'), 8));
    });

    it('does not depend on how many numbers the parent drew', () => {
      const fresh = new Rng(99);
      const used = new Rng(99);
      take(used, 1000);
      expect(take(used.fork('host:db'), 8)).toEqual(take(fresh.fork('host:db'), 8));
    });

    it('differs from its parent stream', () => {
      expect(take(new Rng(5).fork(''), 8)).not.toEqual(take(new Rng(5), 8));
    });

    it('deriveSeed separates roots and labels and stays in [0, 2^32)', () => {
      const seeds = new Set<number>();
      for (let root = 0; root < 50; root++) {
        for (const label of ['a', 'b', 'ab', 'ba', 'cache', 'cache ']) {
          const seed = deriveSeed(root, label);
          expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
          seeds.add(seed);
        }
      }
      expect(seeds.size).toBe(300);
    });
  });

  describe('next', () => {
    it('stays in [0, 1) with mean near 1/2', () => {
      const rng = new Rng(3);
      let sum = 0;
      let outside = 0;
      for (let i = 0; i < 100_000; i++) {
        const x = rng.next();
        if (!(x >= 0 && x < 1)) outside++;
        sum += x;
      }
      expect(outside).toBe(0);
      expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
    });
  });

  describe('int', () => {
    it('covers [0, n) uniformly (chi-square, 10 buckets)', () => {
      const rng = new Rng(4);
      const counts = new Array(10).fill(0);
      const draws = 100_000;
      for (let i = 0; i < draws; i++) counts[rng.int(10)]++;
      const expected = draws / 10;
      const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
    });

    it('handles n = 1, n above 2^21 and n = 2^32', () => {
      const rng = new Rng(5);
      for (let i = 0; i < 1000; i++) {
        expect(rng.int(1)).toBe(0);
        const big = rng.int(3_000_000_000);
        expect(Number.isInteger(big) && big >= 0 && big < 3_000_000_000).toBe(true);
        const full = rng.int(2 ** 32);
        expect(full >= 0 && full < 2 ** 32).toBe(true);
      }
    });

    it.each([0, -1, 2.5, 2 ** 32 + 1])('rejects n = %s', (n) => {
      expect(() => new Rng(1).int(n)).toThrow(EngineAssertionError);
    });
  });

  describe('exp', () => {
    it('has the requested mean and is finite and >= 0', () => {
      const rng = new Rng(6);
      let sum = 0;
      let bad = 0;
      for (let i = 0; i < 200_000; i++) {
        const x = rng.exp(250);
        if (!(x >= 0 && Number.isFinite(x))) bad++;
        sum += x;
      }
      expect(bad).toBe(0);
      expect(Math.abs(sum / 200_000 / 250 - 1)).toBeLessThan(0.01);
    });
  });
});

describe('zipf', () => {
  describe('zeta', () => {
    it.each([0.5, 0.99, 1, 1.01, 1.5, 2.5])('Euler-Maclaurin matches the exact sum for theta %s', (theta) => {
      const n = 300_000;
      let exact = 0;
      for (let i = n; i >= 1; i--) exact += Math.pow(i, -theta); // small terms first: accurate
      expect(Math.abs(zeta(n, theta) / exact - 1)).toBeLessThan(1e-12);
    });
  });

  describe('sampler', () => {
    function histogram(n: number, theta: number, draws: number): { counts: number[]; outOfRange: number } {
      const sampler = new ZipfSampler(n, theta, new Rng(7));
      const counts = new Array(n).fill(0);
      let outOfRange = 0;
      for (let i = 0; i < draws; i++) {
        const r = sampler.next();
        if (Number.isInteger(r) && r >= 0 && r < n) counts[r]++;
        else outOfRange++;
      }
      return { counts, outOfRange };
    }

    // For theta above ~1.5, P(rank 10) = 11^-theta / zeta falls below 1/n at n = 1000, so the
    // "hotter than uniform" claim only holds for moderate skew.
    it.each([0.5, 0.99, 1, 1 - 1e-12, 1 + 1e-12, 1.2])('theta %s: ranks in range, rank 0 > rank 10 > uniform', (theta) => {
      const n = 1000;
      const draws = 200_000;
      const { counts, outOfRange } = histogram(n, theta, draws);
      expect(outOfRange).toBe(0);
      expect(counts[0]).toBeGreaterThan(counts[10]);
      expect(counts[10]).toBeGreaterThan(draws / n);
    });

    it('theta 2.9: ranks in range, rank 0 > rank 1 > rank 10', () => {
      const { counts, outOfRange } = histogram(1000, 2.9, 200_000);
      expect(outOfRange).toBe(0);
      expect(counts[0]).toBeGreaterThan(counts[1]);
      expect(counts[1]).toBeGreaterThan(counts[10]);
    });

    it('gives rank 0 its exact share 1 / zeta(n, theta)', () => {
      const n = 10_000;
      const theta = 0.99;
      const sampler = new ZipfSampler(n, theta, new Rng(8));
      let zeros = 0;
      const draws = 400_000;
      for (let i = 0; i < draws; i++) if (sampler.next() === 0) zeros++;
      expect(Math.abs(zeros / draws - 1 / zeta(n, theta))).toBeLessThan(0.005);
    });

    it('works for huge n in O(1) per sample and for n = 1 and 2', () => {
      const huge = new ZipfSampler(2 ** 32, 0.99, new Rng(9));
      for (let i = 0; i < 1000; i++) expect(huge.next()).toBeLessThan(2 ** 32);
      const one = new ZipfSampler(1, 0.99, new Rng(9));
      expect(one.next()).toBe(0);
      const two = new ZipfSampler(2, 0.99, new Rng(9));
      const seen = new Set(Array.from({ length: 100 }, () => two.next()));
      expect([...seen].sort()).toEqual([0, 1]);
    });

    it('rejects theta outside (0, 3)', () => {
      expect(() => new ZipfSampler(10, 0, new Rng(1))).toThrow(EngineAssertionError);
      expect(() => new ZipfSampler(10, 3, new Rng(1))).toThrow(EngineAssertionError);
    });
  });

  describe('scatter', () => {
    it.each([1, 2, 3, 10, 1000, 1023, 1024, 1025, 65_537])('is a permutation of [0, %s)', (n) => {
      const seen = new Uint8Array(n);
      for (let r = 0; r < n; r++) {
        const x = scatter(r, n);
        expect(x >= 0 && x < n).toBe(true);
        seen[x]++;
      }
      expect(seen.every((c) => c === 1)).toBe(true);
    });

    it('puts consecutive hot ranks far apart', () => {
      const n = 1_000_000;
      let adjacent = 0;
      for (let r = 0; r < 100; r++) if (Math.abs(scatter(r, n) - scatter(r + 1, n)) < 1000) adjacent++;
      expect(adjacent).toBeLessThan(5);
    });

    it('works at n = 2^32', () => {
      const x = scatter(2 ** 32 - 1, 2 ** 32);
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    });
  });
});

const PINNED_SEED_1 = [792534090, 3215351813, 160231488, 1151041103];
