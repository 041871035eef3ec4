import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../kernel/rng.ts';
import { EMPTY_DIGEST, foldWrite } from './digest.ts';
import { TrackDigests } from './track-digests.ts';

type Op =
  | { kind: 'fold'; track: number; writer: number; seq: number }
  | { kind: 'set'; track: number; digest: number }
  | { kind: 'delete'; track: number }
  | { kind: 'clear' };

/**
 * 300 tracks scattered over a 1 TiB volume. Scattered, not 0..299: Fibonacci hashing spreads
 * consecutive integers almost perfectly, so a dense range would never build the probe runs that
 * deletion's backward shift must repair.
 */
const TRACKS = 4_194_304;
const rng = new Rng(77);
const POOL = Array.from(new Set(Array.from({ length: 300 }, () => rng.int(TRACKS))));
const trackArb = fc.constantFrom(...POOL);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('fold' as const), track: trackArb, writer: fc.nat(3), seq: fc.nat(1e6) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), track: trackArb, digest: fc.oneof(fc.constant(EMPTY_DIGEST), fc.nat({ max: 0xffffffff })) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), track: trackArb }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

describe('track digests › model', () => {
  it('matches a Map model under random folds, sets, deletes and clears', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 800 }), (ops) => {
        const v = new TrackDigests(TRACKS);
        const model = new Map<number, number>();
        for (const op of ops) {
          if (op.kind === 'fold') {
            v.fold(op.track, op.writer, op.seq, 0);
            const next = foldWrite(model.get(op.track) ?? EMPTY_DIGEST, op.writer, op.seq, 0);
            if (next === EMPTY_DIGEST) model.delete(op.track);
            else model.set(op.track, next);
          } else if (op.kind === 'set') {
            v.set(op.track, op.digest);
            if (op.digest === EMPTY_DIGEST) model.delete(op.track);
            else model.set(op.track, op.digest);
          } else if (op.kind === 'delete') {
            v.set(op.track, EMPTY_DIGEST);
            model.delete(op.track);
          } else {
            v.clear();
            model.clear();
          }
        }
        // Every written track must still be reachable after all the backward shifts.
        expect(v.writtenCount).toBe(model.size);
        for (const t of POOL) expect(v.get(t)).toBe(model.get(t) ?? EMPTY_DIGEST);
        const visited: Array<[number, number]> = [];
        v.forEachWritten((t, d) => visited.push([t, d]));
        expect(visited).toEqual([...model.entries()].sort((x, y) => x[0] - y[0]));
        // A rebuilt-from-scratch volume compares equal.
        const rebuilt = new TrackDigests(TRACKS);
        for (const [t, d] of model) rebuilt.set(t, d);
        expect(v.equals(rebuilt)).toBe(true);
        expect(rebuilt.equals(v)).toBe(true);
        expect(v.digestOfAll()).toBe(rebuilt.digestOfAll());
      }),
      { numRuns: 500 },
    );
  });
});
