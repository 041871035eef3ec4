import { describe, expect, it } from 'vitest';
import { Rng } from '../kernel/rng.ts';
import { EMPTY_DIGEST, foldWrite } from './digest.ts';

type Write = [writerId: number, seq: number, offsetInTrack: number];

function applyAll(writes: Write[], start = EMPTY_DIGEST): number {
  return writes.reduce((d, [w, s, o]) => foldWrite(d, w, s, o), start);
}

describe('digest', () => {
  describe('foldWrite', () => {
    it('returns an unsigned 32-bit integer that differs from EMPTY_DIGEST', () => {
      const d = foldWrite(EMPTY_DIGEST, 0, 0, 0);
      expect(Number.isInteger(d) && d >= 0 && d < 2 ** 32).toBe(true);
      expect(d).not.toBe(EMPTY_DIGEST);
    });

    it('is deterministic and pinned (a change breaks every stored integrity result)', () => {
      expect(foldWrite(EMPTY_DIGEST, 1, 2, 3)).toBe(foldWrite(EMPTY_DIGEST, 1, 2, 3));
      expect(applyAll([[1, 1, 0], [2, 2, 4096]])).toBe(PINNED_TWO_WRITES);
    });

    it('depends on every input, including the high word of the sequence number', () => {
      const base = foldWrite(123, 4, 2 ** 33 + 5, 6);
      expect(foldWrite(124, 4, 2 ** 33 + 5, 6)).not.toBe(base);
      expect(foldWrite(123, 5, 2 ** 33 + 5, 6)).not.toBe(base);
      expect(foldWrite(123, 4, 2 ** 33 + 6, 6)).not.toBe(base);
      expect(foldWrite(123, 4, 2 ** 34 + 5, 6)).not.toBe(base);
      expect(foldWrite(123, 4, 2 ** 33 + 5, 7)).not.toBe(base);
    });

    describe('order sensitivity', () => {
      it('two orders of the same writes give different digests (1,000 fixed-seed cases)', () => {
        const rng = new Rng(2024);
        let sameDigest = 0;
        for (let c = 0; c < 1000; c++) {
          const writes: Write[] = Array.from({ length: 2 + rng.int(6) }, () => [rng.int(4), rng.int(1e6), rng.int(64) * 512]);
          const i = rng.int(writes.length);
          let j = rng.int(writes.length - 1);
          if (j >= i) j++;
          const swapped = writes.slice();
          [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
          const identical = swapped.every((w, k) => w.every((x, f) => x === writes[k][f]));
          if (!identical && applyAll(writes) === applyAll(swapped)) sameDigest++;
        }
        expect(sameDigest).toBe(0);
      });

      it('a replica that missed a write or applied one twice ends different', () => {
        const writes: Write[] = [[1, 10, 0], [1, 11, 512], [2, 12, 0]];
        const primary = applyAll(writes);
        expect(applyAll([writes[0], writes[2]])).not.toBe(primary);
        expect(applyAll([...writes, writes[2]])).not.toBe(primary);
      });
    });
  });
});

const PINNED_TWO_WRITES = 3346301841;
