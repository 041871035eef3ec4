/**
 * A track bitmap: one bit per track of a volume, the unit of differential bitmaps, copy sets
 * and "copied" marks of a pair.
 *
 * Owns: set / clear / test of one bit with a running count of set bits, word-level union,
 * and the scan for the next set bit (a whole zero word is skipped at once, so scanning a
 * 4 Mi-track bitmap with 1 % of bits set costs ~131 k word reads).
 *
 * Layout: Uint32Array words, bit (t & 31) of word (t >>> 5). Bits at or above `trackCount`
 * are never set. Memory: trackCount / 8 bytes (512 KiB for a 1 TiB volume of 256 KiB tracks).
 *
 * Does not handle: what the bits mean (pairs.ts).
 */
import { assertFail } from '../kernel/assert.ts';

export class TrackBitmap {
  readonly trackCount: number;
  readonly words: Uint32Array;
  private setCount = 0;

  constructor(trackCount: number) {
    this.trackCount = trackCount;
    this.words = new Uint32Array((trackCount + 31) >>> 5);
  }

  /** Set bits. */
  get count(): number {
    return this.setCount;
  }

  has(track: number): boolean {
    return (this.words[track >>> 5] & (1 << (track & 31))) !== 0;
  }

  /** Sets a bit; returns whether it was clear before. */
  set(track: number): boolean {
    if (!(track >= 0 && track < this.trackCount)) assertFail(`bitmap: track ${track} outside [0, ${this.trackCount})`);
    const i = track >>> 5;
    const bit = 1 << (track & 31);
    const w = this.words[i];
    if ((w & bit) !== 0) return false;
    this.words[i] = w | bit;
    this.setCount++;
    return true;
  }

  /** Clears a bit; returns whether it was set. */
  clear(track: number): boolean {
    const i = track >>> 5;
    const bit = 1 << (track & 31);
    const w = this.words[i];
    if ((w & bit) === 0) return false;
    this.words[i] = w & ~bit;
    this.setCount--;
    return true;
  }

  clearAll(): void {
    this.words.fill(0);
    this.setCount = 0;
  }

  /** this |= other (same trackCount); recounts. */
  orWith(other: TrackBitmap): void {
    if (other.trackCount !== this.trackCount) assertFail(`bitmap: union of ${this.trackCount} and ${other.trackCount} tracks`);
    const a = this.words;
    const b = other.words;
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const w = (a[i] | b[i]) >>> 0;
      a[i] = w;
      n += popcount(w);
    }
    this.setCount = n;
  }

  /** Set bits of (this | other), without changing either. */
  unionCount(other: TrackBitmap): number {
    const a = this.words;
    const b = other.words;
    let n = 0;
    for (let i = 0; i < a.length; i++) n += popcount(a[i] | b[i]);
    return n;
  }

  /** The first set bit at or after `from`, or -1. */
  nextSet(from: number): number {
    if (from >= this.trackCount) return -1;
    const words = this.words;
    let i = from >>> 5;
    let w = words[i] & (~0 << (from & 31));
    while (w === 0) {
      if (++i >= words.length) return -1;
      w = words[i];
    }
    return (i << 5) + (31 - Math.clz32(w & -w));
  }

  /** Calls `cb` for every set bit in ascending order. */
  forEachSet(cb: (track: number) => void): void {
    const words = this.words;
    for (let i = 0; i < words.length; i++) {
      let w = words[i];
      while (w !== 0) {
        const low = w & -w;
        cb((i << 5) + (31 - Math.clz32(low)));
        w ^= low;
      }
    }
  }
}

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
