import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LTO_MOUNT_TIMINGS } from './media.ts';
import { planSpan, type SpanCartridge } from './spanning.ts';

/** Cartridges with unique barcodes, some partly or wholly used. */
const cartridges = fc
  .array(
    fc.integer({ min: 0, max: 20e12 }).chain((capacityBytes) =>
      fc.record({ capacityBytes: fc.constant(capacityBytes), usedBytes: fc.integer({ min: 0, max: capacityBytes }) }),
    ),
    { maxLength: 12 },
  )
  .map((cs): SpanCartridge[] => cs.map((c, i) => ({ barcode: `C${String(i).padStart(5, '0')}L9`, ...c })));

const free = (cs: SpanCartridge[]) => cs.reduce((sum, c) => sum + c.capacityBytes - c.usedBytes, 0);

describe('spanning › properties', () => {
  it('conserves bytes and never exceeds what a cartridge has free', () => {
    fc.assert(
      fc.property(cartridges, fc.double({ min: 0, max: 1, noNaN: true }), (cs, f) => {
        const job = Math.floor(free(cs) * f);
        const r = planSpan(job, cs, LTO_MOUNT_TIMINGS);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const { segments, steps } = r.plan;
        expect(segments.reduce((s, x) => s + x.bytes, 0)).toBe(job);
        let offset = 0;
        let lastIndex = -1;
        for (const s of segments) {
          const c = cs[s.cartridgeIndex];
          expect(s.bytes).toBeGreaterThan(0);
          expect(s.bytes).toBeLessThanOrEqual(c.capacityBytes - c.usedBytes);
          expect(s.cartridgeOffsetBytes).toBe(c.usedBytes);
          expect(s.jobOffsetBytes).toBe(offset);
          expect(s.cartridgeIndex).toBeGreaterThan(lastIndex);
          offset += s.bytes;
          lastIndex = s.cartridgeIndex;
        }
        const written = steps.flatMap((s) => (s.kind === 'write' ? [s.bytes] : []));
        expect(written).toEqual(segments.map((s) => s.bytes));
        // Every cartridge but the last is filled before the next is mounted.
        for (const s of segments.slice(0, -1)) expect(s.bytes).toBe(cs[s.cartridgeIndex].capacityBytes - cs[s.cartridgeIndex].usedBytes);
      }),
      { numRuns: 500 },
    );
  });

  it('mounts and unmounts every cartridge it writes, around its write', () => {
    fc.assert(
      fc.property(cartridges, fc.double({ min: 0, max: 1, noNaN: true }), (cs, f) => {
        const r = planSpan(Math.floor(free(cs) * f), cs, LTO_MOUNT_TIMINGS);
        if (!r.ok) return;
        const kinds = r.plan.steps.map((s) => s.kind).join(' ').replace(/ locate/g, '');
        const one = 'robot-move load write rewind unload robot-move';
        expect(kinds).toBe(r.plan.segments.map(() => one).join(' '));
      }),
      { numRuns: 200 },
    );
  });

  it('fails as media-exhausted exactly when the job exceeds the free bytes, naming the shortfall', () => {
    fc.assert(
      fc.property(cartridges, fc.integer({ min: 1, max: 1e13 }), (cs, extra) => {
        const r = planSpan(free(cs) + extra, cs, LTO_MOUNT_TIMINGS);
        expect(r).toMatchObject({ ok: false, code: 'media-exhausted', shortBytes: extra });
      }),
      { numRuns: 200 },
    );
  });
});
