import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LTO_SPECS, TAPE_BACKHITCH_US, type LtoGeneration } from './media.ts';
import { dvdTransferTime, readTime, writeTime } from './streaming.ts';

const generation = fc.constantFrom(...(Object.keys(LTO_SPECS) as LtoGeneration[]));
const bytes = fc.integer({ min: 0, max: 20e12 });
const rate = fc.double({ min: 0.01, max: 2000, noNaN: true });

describe('tape streaming › properties', () => {
  it('write and read time are non-increasing in the peer rate', () => {
    fc.assert(
      fc.property(generation, bytes, rate, rate, (g, n, a, b) => {
        const [slow, fast] = a <= b ? [a, b] : [b, a];
        expect(writeTime(g, n, slow).timeUs).toBeGreaterThanOrEqual(writeTime(g, n, fast).timeUs);
        expect(writeTime(g, n, slow).backhitchCount).toBeGreaterThanOrEqual(writeTime(g, n, fast).backhitchCount);
        expect(readTime(g, n, slow).timeUs).toBeGreaterThanOrEqual(readTime(g, n, fast).timeUs);
      }),
      { numRuns: 500 },
    );
  });

  it('a source at or above native streams at native with zero backhitches', () => {
    fc.assert(
      fc.property(generation, bytes, fc.double({ min: 1, max: 10, noNaN: true }), (g, n, factor) => {
        const native = LTO_SPECS[g].nativeBytesPerUs;
        const t = writeTime(g, n, native * factor);
        expect(t).toEqual({ timeUs: Math.ceil(n / native), mediumBytesPerUs: native, backhitchCount: 0, backhitchUs: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('between the minimum matched rate and native the drive matches the source without stopping', () => {
    fc.assert(
      fc.property(generation, bytes, fc.double({ min: 0, max: 1, noNaN: true }), (g, n, f) => {
        const { minMatchedBytesPerUs: min, nativeBytesPerUs: native } = LTO_SPECS[g];
        const s = min + f * (native - min);
        const t = writeTime(g, n, s);
        expect(t.backhitchCount).toBe(0);
        expect(t.timeUs).toBe(Math.ceil(n / s));
      }),
      { numRuns: 300 },
    );
  });

  it('below the minimum matched rate a job of more than two buffers backhitches and costs extra time', () => {
    fc.assert(
      fc.property(generation, fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 1000 }), (g, f, k) => {
        const { minMatchedBytesPerUs: min, bufferBytes } = LTO_SPECS[g];
        const s = min * f; // ≤ min / 2, so a run moves at most 2 buffers
        const n = 2 * bufferBytes + k * 1_000_000;
        const t = writeTime(g, n, s);
        expect(t.backhitchCount).toBeGreaterThan(0);
        expect(t.backhitchUs).toBe(t.backhitchCount * TAPE_BACKHITCH_US);
        expect(t.timeUs).toBe(Math.ceil(n / s) + t.backhitchUs);
        expect(t.mediumBytesPerUs).toBe(min);
      }),
      { numRuns: 300 },
    );
  });

  it('DVD-RAM never backhitches and is non-increasing in the peer rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5e9 }), rate, rate, (n, a, b) => {
        const [slow, fast] = a <= b ? [a, b] : [b, a];
        expect(dvdTransferTime(n, slow).backhitchCount).toBe(0);
        expect(dvdTransferTime(n, slow).timeUs).toBeGreaterThanOrEqual(dvdTransferTime(n, fast).timeUs);
      }),
      { numRuns: 200 },
    );
  });
});
