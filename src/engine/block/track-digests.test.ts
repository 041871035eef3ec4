import { describe, expect, it } from 'vitest';
import { EngineAssertionError } from '../kernel/assert.ts';
import { Rng } from '../kernel/rng.ts';
import { EMPTY_DIGEST, foldWrite } from './digest.ts';
import { TrackDigests } from './track-digests.ts';

const TIB_TRACKS = 4_194_304; // 1 TiB of 256 KiB tracks

describe('track digests', () => {
  describe('never written', () => {
    it('reads EMPTY_DIGEST everywhere and counts nothing', () => {
      const v = new TrackDigests(TIB_TRACKS);
      expect(v.get(0)).toBe(EMPTY_DIGEST);
      expect(v.get(TIB_TRACKS - 1)).toBe(EMPTY_DIGEST);
      expect(v.writtenCount).toBe(0);
    });
  });

  describe('fold', () => {
    it('applies foldWrite to the track and only to it', () => {
      const v = new TrackDigests(100);
      v.fold(7, 1, 1, 0);
      v.fold(7, 2, 2, 512);
      expect(v.get(7)).toBe(foldWrite(foldWrite(EMPTY_DIGEST, 1, 1, 0), 2, 2, 512));
      expect(v.get(6)).toBe(EMPTY_DIGEST);
      expect(v.get(8)).toBe(EMPTY_DIGEST);
      expect(v.writtenCount).toBe(1);
    });
  });

  describe('set', () => {
    it('copies a digest, and copying EMPTY_DIGEST forgets the track', () => {
      const v = new TrackDigests(100);
      v.set(3, 0xdeadbeef);
      expect(v.get(3)).toBe(0xdeadbeef);
      v.set(3, EMPTY_DIGEST);
      expect(v.get(3)).toBe(EMPTY_DIGEST);
      expect(v.writtenCount).toBe(0);
      expect(v.equals(new TrackDigests(100))).toBe(true);
    });
  });

  describe('bounds', () => {
    it.each([-1, 100, 1.5, NaN])('rejects track %s', (track) => {
      const v = new TrackDigests(100);
      expect(() => v.get(track)).toThrow(EngineAssertionError);
      expect(() => v.fold(track, 1, 1, 0)).toThrow(EngineAssertionError);
    });
  });

  describe('deletion', () => {
    it('regression: deleting the first of two tracks sharing a home keeps the second reachable', () => {
      // Found by the model test: in a 16-slot table these two tracks share a home slot.
      const v = new TrackDigests(TIB_TRACKS);
      v.set(3_450_506, 1);
      v.fold(2_188_234, 0, 0, 0);
      v.set(3_450_506, EMPTY_DIGEST);
      expect(v.get(2_188_234)).toBe(foldWrite(EMPTY_DIGEST, 0, 0, 0));
      expect(v.writtenCount).toBe(1);
    });
  });

  describe('forEachWritten', () => {
    it('visits written tracks in ascending order', () => {
      const v = new TrackDigests(TIB_TRACKS);
      for (const t of [4_000_000, 5, 123_456, 0, 77]) v.set(t, t + 1);
      const seen: Array<[number, number]> = [];
      v.forEachWritten((t, d) => seen.push([t, d]));
      expect(seen).toEqual([[0, 1], [5, 6], [77, 78], [123_456, 123_457], [4_000_000, 4_000_001]]);
    });
  });

  describe('comparison', () => {
    it('equals and digestOfAll agree for volumes written in different track orders', () => {
      const a = new TrackDigests(1000);
      const b = new TrackDigests(1000);
      for (let t = 0; t < 500; t++) a.fold(t, 1, t, 0);
      for (let t = 499; t >= 0; t--) b.fold(t, 1, t, 0);
      expect(a.equals(b)).toBe(true);
      expect(a.digestOfAll()).toBe(b.digestOfAll());
      b.fold(250, 1, 9999, 0);
      expect(a.equals(b)).toBe(false);
      expect(a.digestOfAll()).not.toBe(b.digestOfAll());
    });

    it('volumes of different sizes are not equal', () => {
      expect(new TrackDigests(10).equals(new TrackDigests(11))).toBe(false);
    });

    it('copyFrom makes an independent exact copy', () => {
      const a = new TrackDigests(1000);
      for (let t = 0; t < 100; t++) a.fold(t * 7, 2, t, 0);
      const b = new TrackDigests(1000);
      b.copyFrom(a);
      expect(b.equals(a)).toBe(true);
      a.fold(0, 3, 1, 0);
      expect(b.equals(a)).toBe(false);
    });
  });

  describe('memory', () => {
    it('a 1 TiB LDEV with 1% of tracks written costs well under 1 MB', () => {
      const v = new TrackDigests(TIB_TRACKS);
      const rng = new Rng(1);
      for (let i = 0; i < TIB_TRACKS / 100; i++) v.fold(rng.int(TIB_TRACKS), 1, i, 0);
      expect(v.approxBytes()).toBeLessThan(700_000);
    });

    it('a 1 TiB LDEV never written costs under 1 KB', () => {
      expect(new TrackDigests(TIB_TRACKS).approxBytes()).toBeLessThan(1024);
    });
  });
});
