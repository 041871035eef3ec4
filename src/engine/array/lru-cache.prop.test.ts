import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';

/** The deliberately simple model: keys in an array, LRU first, MRU at the end. */
class ArrayLru {
  keys: string[] = [];
  hits = 0;
  evictions = 0;
  constructor(readonly capacity: number) {}

  access(key: string): boolean {
    const i = this.keys.indexOf(key);
    if (i >= 0) {
      this.keys.splice(i, 1);
      this.keys.push(key);
      this.hits++;
      return true;
    }
    this.keys.push(key);
    if (this.keys.length > this.capacity) {
      this.keys.shift();
      this.evictions++;
    }
    return false;
  }

  invalidate(key: string): boolean {
    const i = this.keys.indexOf(key);
    if (i < 0) return false;
    this.keys.splice(i, 1);
    return true;
  }
}

type Real = { cache: LruCache };
const keyOf = (ldev: number, track: number): string => `${ldev}:${track}`;

class AccessCommand implements fc.Command<ArrayLru, Real> {
  constructor(readonly ldev: number, readonly track: number) {}
  check(): boolean {
    return true;
  }
  run(model: ArrayLru, real: Real): void {
    const expected = model.access(keyOf(this.ldev, this.track));
    expect(real.cache.access(this.ldev, this.track)).toBe(expected);
    expect(real.cache.evictions).toBe(model.evictions);
    expect(real.cache.size).toBe(model.keys.length);
  }
  toString(): string {
    return `access(${this.ldev}, ${this.track})`;
  }
}

class ContainsCommand implements fc.Command<ArrayLru, Real> {
  constructor(readonly ldev: number, readonly track: number) {}
  check(): boolean {
    return true;
  }
  run(model: ArrayLru, real: Real): void {
    expect(real.cache.contains(this.ldev, this.track)).toBe(model.keys.includes(keyOf(this.ldev, this.track)));
  }
  toString(): string {
    return `contains(${this.ldev}, ${this.track})`;
  }
}

class InvalidateCommand implements fc.Command<ArrayLru, Real> {
  constructor(readonly ldev: number, readonly track: number) {}
  check(): boolean {
    return true;
  }
  run(model: ArrayLru, real: Real): void {
    expect(real.cache.invalidate(this.ldev, this.track)).toBe(model.invalidate(keyOf(this.ldev, this.track)));
    expect(real.cache.size).toBe(model.keys.length);
  }
  toString(): string {
    return `invalidate(${this.ldev}, ${this.track})`;
  }
}

/** Recency order must match the model exactly, not just membership. */
class OrderCommand implements fc.Command<ArrayLru, Real> {
  check(): boolean {
    return true;
  }
  run(model: ArrayLru, real: Real): void {
    expect(real.cache.keysLruToMru().map(([l, t]) => keyOf(l, t))).toEqual(model.keys);
  }
  toString(): string {
    return 'checkOrder()';
  }
}

// Small key spaces (2 LDEVs x up to 12 tracks) against capacities 1..8 keep hits, evictions
// and re-insertions of evicted keys frequent.
const key = fc.tuple(fc.nat(1), fc.nat(11));
const commands = [
  key.map(([l, t]) => new AccessCommand(l, t)),
  key.map(([l, t]) => new AccessCommand(l, t)),
  key.map(([l, t]) => new AccessCommand(l, t)),
  key.map(([l, t]) => new ContainsCommand(l, t)),
  key.map(([l, t]) => new InvalidateCommand(l, t)),
  fc.constant(new OrderCommand()),
];

describe('lru cache › model', () => {
  it('hits, evictions, membership and recency order match an array model', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.commands(commands, { maxCommands: 200 }), (capacity, cmds) => {
        fc.modelRun(() => ({ model: new ArrayLru(capacity), real: { cache: new LruCache(capacity) } }), cmds);
      }),
      { numRuns: 400 },
    );
  });

  it('hit counts match the model on pure access sequences over random key spaces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(60)), { maxLength: 1000 }),
        (capacity, accesses) => {
          const cache = new LruCache(capacity);
          const model = new ArrayLru(capacity);
          for (const [l, t] of accesses) {
            cache.access(l, t);
            model.access(keyOf(l, t));
          }
          expect(cache.hits).toBe(model.hits);
          expect(cache.evictions).toBe(model.evictions);
          expect(cache.misses).toBe(accesses.length - model.hits);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('lru cache › slots model', () => {
  it('slotOf is -1 exactly for absent keys, and resident keys never share a slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(1), fc.nat(11), fc.boolean()), { maxLength: 300 }), (capacity, ops) => {
        const cache = new LruCache(capacity);
        const model = new ArrayLru(capacity);
        for (const [l, t, invalidate] of ops) {
          if (invalidate) {
            cache.invalidate(l, t);
            model.invalidate(keyOf(l, t));
          } else {
            cache.access(l, t);
            model.access(keyOf(l, t));
            expect(cache.slotOf(l, t)).toBe(cache.lastSlot);
          }
          const slots = model.keys.map((k) => {
            const [ml, mt] = k.split(':').map(Number);
            return cache.slotOf(ml, mt);
          });
          expect(slots.every((s) => s >= 0 && s < capacity)).toBe(true);
          expect(new Set(slots).size).toBe(slots.length);
          expect(cache.slotOf(l, t) >= 0).toBe(model.keys.includes(keyOf(l, t)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
