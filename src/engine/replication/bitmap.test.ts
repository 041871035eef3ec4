/**
 * TrackBitmap against a Set model: set / clear / has / count, nextSet against a naive scan,
 * orWith / unionCount against a set union, forEachSet order, and the word-boundary edges
 * (bit 31 is the sign bit of a word; track counts that are and are not multiples of 32).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrackBitmap, popcount } from './bitmap.ts';

/** The first member of `set` at or after `from` by a linear scan, or -1. */
function naiveNextSet(set: Set<number>, trackCount: number, from: number): number {
  for (let t = Math.max(0, from); t < trackCount; t++) if (set.has(t)) return t;
  return -1;
}

function bitmapOf(trackCount: number, tracks: Iterable<number>): TrackBitmap {
  const bm = new TrackBitmap(trackCount);
  for (const t of tracks) bm.set(t);
  return bm;
}

function members(bm: TrackBitmap): number[] {
  const out: number[] = [];
  bm.forEachSet((t) => out.push(t));
  return out;
}

/** Track counts around word boundaries, plus arbitrary small ones. */
const trackCountArb = fc.oneof(fc.constantFrom(1, 31, 32, 33, 63, 64, 65, 96, 127, 128, 129), fc.integer({ min: 1, max: 300 }));

type Op = { kind: 'set' | 'clear'; track: number } | { kind: 'clearAll' };

const opsArb = (n: number): fc.Arbitrary<Op[]> =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), track: fc.nat(n - 1) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('clear' as const), track: fc.nat(n - 1) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clearAll' as const }) },
    ),
    { maxLength: 200 },
  );

describe('track bitmap › unit', () => {
  it('sets, tests and clears bits, returning whether each call changed the bit', () => {
    const bm = new TrackBitmap(70);
    expect(bm.count).toBe(0);
    expect(bm.set(31)).toBe(true);
    expect(bm.set(31)).toBe(false);
    expect(bm.set(0)).toBe(true);
    expect(bm.set(69)).toBe(true);
    expect(bm.has(31) && bm.has(0) && bm.has(69)).toBe(true);
    expect(bm.has(30) || bm.has(32) || bm.has(68)).toBe(false);
    expect(bm.count).toBe(3);
    expect(bm.clear(31)).toBe(true);
    expect(bm.clear(31)).toBe(false);
    expect(bm.count).toBe(2);
    bm.clearAll();
    expect(bm.count).toBe(0);
    expect(members(bm)).toEqual([]);
  });

  it('refuses a bit outside [0, trackCount)', () => {
    const bm = new TrackBitmap(40);
    expect(() => bm.set(40)).toThrow(/outside/);
    expect(() => bm.set(-1)).toThrow(/outside/);
    expect(bm.count).toBe(0);
  });

  it('finds the next set bit across words, including bit 31 (the sign bit of a word)', () => {
    const bm = bitmapOf(100, [31, 32, 63, 99]);
    expect(bm.nextSet(0)).toBe(31);
    expect(bm.nextSet(31)).toBe(31);
    expect(bm.nextSet(32)).toBe(32);
    expect(bm.nextSet(33)).toBe(63);
    expect(bm.nextSet(64)).toBe(99);
    expect(bm.nextSet(100)).toBe(-1);
    expect(new TrackBitmap(64).nextSet(0)).toBe(-1);
  });

  it('refuses the union of bitmaps of different sizes', () => {
    expect(() => new TrackBitmap(10).orWith(new TrackBitmap(11))).toThrow(/union/);
  });

  it('counts the bits of a word, the sign bit included', () => {
    expect(popcount(0)).toBe(0);
    expect(popcount(0xffffffff)).toBe(32);
    expect(popcount(-1)).toBe(32);
    expect(popcount(0x80000000)).toBe(1);
    expect(popcount(0x80000001)).toBe(2);
  });
});

describe('track bitmap › model', () => {
  it('matches a Set under random set / clear / clearAll: has, count, nextSet, forEachSet order', () => {
    fc.assert(
      fc.property(
        trackCountArb.chain((n) => fc.tuple(fc.constant(n), opsArb(n))),
        ([n, ops]) => {
          const bm = new TrackBitmap(n);
          const model = new Set<number>();
          for (const op of ops) {
            if (op.kind === 'set') {
              expect(bm.set(op.track)).toBe(!model.has(op.track));
              model.add(op.track);
            } else if (op.kind === 'clear') {
              expect(bm.clear(op.track)).toBe(model.has(op.track));
              model.delete(op.track);
            } else {
              bm.clearAll();
              model.clear();
            }
            expect(bm.count).toBe(model.size);
          }
          for (let t = 0; t < n; t++) expect(bm.has(t)).toBe(model.has(t));
          for (let from = 0; from <= n + 1; from++) expect(bm.nextSet(from)).toBe(naiveNextSet(model, n, from));
          expect(members(bm)).toEqual([...model].sort((a, b) => a - b));
          // No bit at or above trackCount is ever set.
          const spare = bm.words.length * 32;
          for (let t = n; t < spare; t++) expect(bm.has(t)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orWith and unionCount match a set union; unionCount changes neither side', () => {
    fc.assert(
      fc.property(
        trackCountArb.chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.nat(n - 1)), fc.uniqueArray(fc.nat(n - 1)))),
        ([n, a, b]) => {
          const x = bitmapOf(n, a);
          const y = bitmapOf(n, b);
          const union = new Set([...a, ...b]);
          expect(x.unionCount(y)).toBe(union.size);
          expect(y.unionCount(x)).toBe(union.size);
          expect(members(x)).toEqual([...a].sort((p, q) => p - q));
          expect(members(y)).toEqual([...b].sort((p, q) => p - q));
          x.orWith(y);
          expect(x.count).toBe(union.size);
          expect(members(x)).toEqual([...union].sort((p, q) => p - q));
          expect(y.count).toBe(b.length);
          // The recount after a union keeps set / clear consistent.
          for (const t of union) expect(x.clear(t)).toBe(true);
          expect(x.count).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
