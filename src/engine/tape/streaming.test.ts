import { describe, expect, it } from 'vitest';
import { EngineAssertionError } from '../kernel/assert.ts';
import { DVD_RAM_BYTES_PER_US } from './media.ts';
import { dvdTransferTime, readTime, shoeShineRunBytes, writeTime } from './streaming.ts';

const GIB = 1024 ** 3;

// Hand-computed: LTO-6 native 160 MB/s, min matched 40 MB/s, buffer 1 GiB; backhitch 2 s.
describe('tape streaming › LTO-6 by hand', () => {
  it('fills a cartridge from a fast source at native speed: 2.5 TB / 160 MB/s = 15,625 s', () => {
    expect(writeTime('LTO-6', 2.5e12, 200)).toEqual({ timeUs: 15_625_000_000, mediumBytesPerUs: 160, backhitchCount: 0, backhitchUs: 0 });
  });

  it('speed-matches a 100 MB/s source: 1 TB in 10,000 s, no stops', () => {
    expect(writeTime('LTO-6', 1e12, 100)).toEqual({ timeUs: 10_000_000_000, mediumBytesPerUs: 100, backhitchCount: 0, backhitchUs: 0 });
  });

  it('shoe-shines below 40 MB/s: 100 GB at 20 MB/s is 47 runs of 2 GiB, 46 backhitches, 5,000 s + 92 s', () => {
    // run = 1 GiB × 40 / (40 − 20) = 2 GiB; ⌈1e11 / 2,147,483,648⌉ = ⌈46.57⌉ = 47 runs.
    expect(shoeShineRunBytes('LTO-6', 20)).toBe(2 * GIB);
    expect(writeTime('LTO-6', 1e11, 20)).toEqual({
      timeUs: 5_000_000_000 + 46 * 2_000_000,
      mediumBytesPerUs: 40,
      backhitchCount: 46,
      backhitchUs: 92_000_000,
    });
  });

  it('streams a source exactly at the minimum matched rate without stopping', () => {
    expect(writeTime('LTO-6', 1e11, 40).backhitchCount).toBe(0);
  });
});

// Hand-computed: LTO-9 native 400 MB/s, min matched 177 MB/s, buffer 1 GiB; backhitch 2 s.
describe('tape streaming › LTO-9 by hand', () => {
  it('fills 18 TB at native 400 MB/s in 45,000 s (12.5 h)', () => {
    expect(writeTime('LTO-9', 18e12, 1000).timeUs).toBe(45_000_000_000);
  });

  it('matches a 200 MB/s source: 1 TB in 5,000 s', () => {
    expect(writeTime('LTO-9', 1e12, 200)).toEqual({ timeUs: 5_000_000_000, mediumBytesPerUs: 200, backhitchCount: 0, backhitchUs: 0 });
  });

  it('shoe-shines a 150 MB/s source: runs of 1 GiB × 177 / 27 ≈ 7.04 GB, 143 runs, 142 backhitches', () => {
    // ⌈1e12 / 150⌉ = 6,666,666,667 µs; + 142 × 2 s = 284 s.
    expect(writeTime('LTO-9', 1e12, 150)).toEqual({
      timeUs: 6_666_666_667 + 284_000_000,
      mediumBytesPerUs: 177,
      backhitchCount: 142,
      backhitchUs: 284_000_000,
    });
  });

  it('shoe-shines a 100 MB/s source: runs of 1 GiB × 177 / 77 ≈ 2.47 GB, 406 runs, 405 backhitches (+810 s)', () => {
    expect(writeTime('LTO-9', 1e12, 100)).toMatchObject({ timeUs: 10_810_000_000, backhitchCount: 405 });
  });
});

describe('tape streaming › restores', () => {
  it('read-ahead into a slow sink shoe-shines like a slow source', () => {
    expect(readTime('LTO-9', 1e12, 150)).toEqual(writeTime('LTO-9', 1e12, 150));
    expect(readTime('LTO-6', 2.5e12, 400).timeUs).toBe(15_625_000_000);
  });
});

describe('tape streaming › edges', () => {
  it('takes no time and no stops for zero bytes', () => {
    expect(writeTime('LTO-5', 0, 1)).toMatchObject({ timeUs: 0, backhitchCount: 0 });
  });

  it('one buffer-load from a slow source needs a single run and no backhitch', () => {
    expect(writeTime('LTO-6', GIB, 1).backhitchCount).toBe(0);
  });

  it('treats an unlimited source as native', () => {
    expect(writeTime('LTO-7', 3e11, Infinity)).toMatchObject({ timeUs: 1_000_000_000, mediumBytesPerUs: 300 });
  });

  it('rejects negative, fractional byte counts and non-positive rates', () => {
    expect(() => writeTime('LTO-6', -1, 100)).toThrow(EngineAssertionError);
    expect(() => writeTime('LTO-6', 1.5, 100)).toThrow(/non-negative integer/);
    expect(() => writeTime('LTO-6', 100, 0)).toThrow(/peer rate must be positive/);
    expect(() => readTime('LTO-6', 100, Number.NaN)).toThrow(/peer rate/);
    expect(() => shoeShineRunBytes('LTO-6', 40)).toThrow(/not below the minimum/);
  });
});

describe('optical streaming › DVD-RAM', () => {
  it('writes a full 4.7 GB disc at 2× (2.77 MB/s) in ~28 min and never backhitches', () => {
    expect(DVD_RAM_BYTES_PER_US).toBe(2.77);
    expect(dvdTransferTime(4_700_372_992, 100)).toEqual({
      timeUs: Math.ceil(4_700_372_992 / 2.77),
      mediumBytesPerUs: 2.77,
      backhitchCount: 0,
      backhitchUs: 0,
    });
    expect(dvdTransferTime(1e9, 1)).toMatchObject({ timeUs: 1e9, backhitchCount: 0 });
  });

});
