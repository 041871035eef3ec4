import { describe, expect, it } from 'vitest';
import { EngineAssertionError } from '../kernel/assert.ts';
import { LruCache } from './lru-cache.ts';

describe('lru cache', () => {
  describe('misses', () => {
    it('cold misses count and insert at MRU', () => {
      const c = new LruCache(3);
      expect(c.access(0, 1)).toBe(false);
      expect(c.access(0, 2)).toBe(false);
      expect(c.size).toBe(2);
      expect(c.misses).toBe(2);
      expect(c.evictions).toBe(0);
      expect(c.keysLruToMru()).toEqual([[0, 1], [0, 2]]);
    });

    it('evict the LRU key when full', () => {
      const c = new LruCache(2);
      c.access(0, 1);
      c.access(0, 2);
      c.access(0, 3);
      expect(c.contains(0, 1)).toBe(false);
      expect(c.evictions).toBe(1);
      expect(c.size).toBe(2);
    });
  });

  describe('hits', () => {
    it('move the key to MRU so the other key is evicted next', () => {
      const c = new LruCache(2);
      c.access(0, 1);
      c.access(0, 2);
      expect(c.access(0, 1)).toBe(true);
      c.access(0, 3);
      expect(c.contains(0, 1)).toBe(true);
      expect(c.contains(0, 2)).toBe(false);
      expect(c.hits).toBe(1);
    });
  });

  describe('contains', () => {
    it('does not reorder', () => {
      const c = new LruCache(2);
      c.access(0, 1);
      c.access(0, 2);
      expect(c.contains(0, 1)).toBe(true);
      c.access(0, 3);
      expect(c.contains(0, 1)).toBe(false);
      expect(c.hits + c.misses).toBe(3);
    });
  });

  describe('keys', () => {
    it('distinguish the same track on different LDEVs', () => {
      const c = new LruCache(4);
      c.access(1, 5);
      expect(c.contains(2, 5)).toBe(false);
      expect(c.access(2, 5)).toBe(false);
      expect(c.access(1, 5)).toBe(true);
    });

    it('accept the full int32 range and reject negatives and fractions', () => {
      const c = new LruCache(4);
      expect(c.access(2 ** 31 - 1, 2 ** 31 - 1)).toBe(false);
      expect(c.access(2 ** 31 - 1, 2 ** 31 - 1)).toBe(true);
      expect(() => c.access(-1, 0)).toThrow(EngineAssertionError);
      expect(() => c.access(0, 1.5)).toThrow(EngineAssertionError);
      expect(() => c.access(0, 2 ** 31)).toThrow(EngineAssertionError);
    });
  });

  describe('invalidate', () => {
    it('drops a resident key without counting an eviction and frees its slot', () => {
      const c = new LruCache(2);
      c.access(0, 1);
      c.access(0, 2);
      expect(c.invalidate(0, 1)).toBe(true);
      expect(c.invalidate(0, 1)).toBe(false);
      expect(c.size).toBe(1);
      c.access(0, 3); // fills the freed slot: nothing is evicted
      expect(c.evictions).toBe(0);
      expect(c.keysLruToMru()).toEqual([[0, 2], [0, 3]]);
    });
  });

  describe('capacity', () => {
    it('a one-slot cache holds only the last key', () => {
      const c = new LruCache(1);
      c.access(0, 1);
      expect(c.access(0, 1)).toBe(true);
      c.access(0, 2);
      expect(c.contains(0, 1)).toBe(false);
      expect(c.capacity).toBe(1);
    });

    it('rejects zero slots', () => {
      expect(() => new LruCache(0)).toThrow(EngineAssertionError);
    });

    it('survives heavy churn with the table intact (every resident key found, none lost)', () => {
      const c = new LruCache(1000);
      let s = 1;
      for (let i = 0; i < 200_000; i++) {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        c.access((s >>> 20) & 7, (s >>> 1) % 20_000);
      }
      const keys = c.keysLruToMru();
      expect(keys).toHaveLength(1000);
      expect(keys.filter(([l, t]) => !c.contains(l, t))).toEqual([]);
      expect(c.evictions).toBe(c.misses - 1000);
    });
  });

  describe('slots', () => {
    it('lastSlot names the slot of the key just accessed, stable while it stays resident', () => {
      const c = new LruCache(3);
      c.access(0, 1);
      const s1 = c.lastSlot;
      c.access(0, 2);
      const s2 = c.lastSlot;
      expect(s1).not.toBe(s2);
      expect(c.access(0, 1)).toBe(true);
      expect(c.lastSlot).toBe(s1);
      expect(c.slotOf(0, 1)).toBe(s1);
      expect(c.slotOf(0, 2)).toBe(s2);
      expect(c.slotOf(0, 3)).toBe(-1);
      expect(c.lastSlot).toBe(s1); // slotOf does not touch it
    });

    it('a miss in a full cache re-uses the evicted LRU key’s slot', () => {
      const c = new LruCache(2);
      c.access(0, 1);
      const lru = c.lastSlot;
      c.access(0, 2);
      c.access(0, 3); // evicts (0, 1)
      expect(c.lastSlot).toBe(lru);
      expect(c.slotOf(0, 1)).toBe(-1);
      expect(c.slotOf(0, 3)).toBe(lru);
    });

    it('slots stay in 0..capacity-1 and map one-to-one to resident keys under churn', () => {
      const c = new LruCache(64);
      const owner = new Map<number, string>();
      let s = 7;
      for (let i = 0; i < 20_000; i++) {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        const ldev = (s >>> 20) & 3;
        const track = (s >>> 1) % 300;
        c.access(ldev, track);
        expect(c.lastSlot).toBeGreaterThanOrEqual(0);
        expect(c.lastSlot).toBeLessThan(64);
        owner.set(c.lastSlot, `${ldev}:${track}`);
      }
      for (const [l, t] of c.keysLruToMru()) expect(owner.get(c.slotOf(l, t))).toBe(`${l}:${t}`);
      expect(new Set(c.keysLruToMru().map(([l, t]) => c.slotOf(l, t))).size).toBe(64);
    });

    it('a slot freed by invalidate is handed to the next miss', () => {
      const c = new LruCache(3);
      c.access(0, 1);
      c.access(0, 2);
      const freed = c.slotOf(0, 1);
      c.invalidate(0, 1);
      c.access(0, 9);
      expect(c.lastSlot).toBe(freed);
    });
  });
});
