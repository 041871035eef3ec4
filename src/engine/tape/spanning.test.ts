import { describe, expect, it } from 'vitest';
import { EngineAssertionError } from '../kernel/assert.ts';
import { DVD_MOUNT_TIMINGS, LTO_MOUNT_TIMINGS, LTO_SPECS } from './media.ts';
import { planSpan, type SpanCartridge } from './spanning.ts';

const LTO6 = LTO_SPECS['LTO-6'].nativeCapacityBytes; // 2.5 TB
const fresh = (barcode: string, capacityBytes = LTO6): SpanCartridge => ({ barcode, capacityBytes, usedBytes: 0 });
const S = 1_000_000;

describe('spanning › a job larger than a cartridge', () => {
  it('spans 6 TB over three fresh LTO-6 cartridges: 2.5 + 2.5 + 1 TB', () => {
    const r = planSpan(6e12, [fresh('ULT001L6'), fresh('ULT002L6'), fresh('ULT003L6'), fresh('ULT004L6')], LTO_MOUNT_TIMINGS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.segments).toEqual([
      { barcode: 'ULT001L6', cartridgeIndex: 0, jobOffsetBytes: 0, cartridgeOffsetBytes: 0, bytes: 2.5e12 },
      { barcode: 'ULT002L6', cartridgeIndex: 1, jobOffsetBytes: 2.5e12, cartridgeOffsetBytes: 0, bytes: 2.5e12 },
      { barcode: 'ULT003L6', cartridgeIndex: 2, jobOffsetBytes: 5e12, cartridgeOffsetBytes: 0, bytes: 1e12 },
    ]);
    // Per cartridge: robot 10 s + load 15 s + rewind 60 s + unload 20 s + robot 10 s = 115 s.
    expect(r.plan.mechanicalUs).toBe(3 * 115 * S);
    expect(r.plan.steps.slice(0, 7)).toEqual([
      { kind: 'robot-move', barcode: 'ULT001L6', from: 'slot', to: 'drive', durationUs: 10 * S },
      { kind: 'load', barcode: 'ULT001L6', durationUs: 15 * S },
      { kind: 'write', barcode: 'ULT001L6', bytes: 2.5e12 },
      { kind: 'rewind', barcode: 'ULT001L6', durationUs: 60 * S },
      { kind: 'unload', barcode: 'ULT001L6', durationUs: 20 * S },
      { kind: 'robot-move', barcode: 'ULT001L6', from: 'drive', to: 'slot', durationUs: 10 * S },
      { kind: 'robot-move', barcode: 'ULT002L6', from: 'slot', to: 'drive', durationUs: 10 * S },
    ]);
    expect(r.plan.steps).toHaveLength(18);
  });

  it('appends to a partly written cartridge after a locate, then spans', () => {
    const r = planSpan(2e12, [{ barcode: 'ULT001L6', capacityBytes: LTO6, usedBytes: 1e12 }, fresh('ULT002L6')], LTO_MOUNT_TIMINGS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.segments.map((s) => [s.barcode, s.cartridgeOffsetBytes, s.bytes])).toEqual([
      ['ULT001L6', 1e12, 1.5e12],
      ['ULT002L6', 0, 0.5e12],
    ]);
    expect(r.plan.steps.filter((s) => s.kind === 'locate')).toEqual([{ kind: 'locate', barcode: 'ULT001L6', durationUs: 60 * S }]);
    expect(r.plan.mechanicalUs).toBe((115 + 60 + 115) * S);
  });

  it('skips a full cartridge without mounting it', () => {
    const r = planSpan(1e12, [{ barcode: 'ULT001L6', capacityBytes: LTO6, usedBytes: LTO6 }, fresh('ULT002L6')], LTO_MOUNT_TIMINGS);
    expect(r.ok && r.plan.steps.some((s) => s.barcode === 'ULT001L6')).toBe(false);
    expect(r.ok && r.plan.segments.map((s) => s.cartridgeIndex)).toEqual([1]);
  });

  it('plans nothing for an empty job', () => {
    expect(planSpan(0, [fresh('ULT001L6')], LTO_MOUNT_TIMINGS)).toEqual({ ok: true, plan: { segments: [], steps: [], mechanicalUs: 0 } });
  });

  it('uses the optical timings for DVD-RAM discs (no rewind time)', () => {
    const r = planSpan(5e9, [fresh('DVD001D1', 4_700_372_992), fresh('DVD002D1', 4_700_372_992)], DVD_MOUNT_TIMINGS);
    expect(r.ok && r.plan.segments.map((s) => s.bytes)).toEqual([4_700_372_992, 5e9 - 4_700_372_992]);
    expect(r.ok && r.plan.mechanicalUs).toBe(2 * (10 + 10 + 0 + 5 + 10) * S);
  });
});

describe('spanning › errors', () => {
  it('names the shortfall when the media run out', () => {
    const r = planSpan(6e12, [fresh('ULT001L6'), fresh('ULT002L6')], LTO_MOUNT_TIMINGS);
    expect(r).toEqual({
      ok: false,
      code: 'media-exhausted',
      shortBytes: 1e12,
      message: 'media exhausted: a job of 6000000000000 bytes needs 1000000000000 bytes more than the 2 cartridge(s) offered have free (5000000000000 bytes)',
    });
  });

  it('runs out with no cartridges at all', () => {
    expect(planSpan(1, [], LTO_MOUNT_TIMINGS)).toMatchObject({ ok: false, code: 'media-exhausted', shortBytes: 1 });
  });

  it('refuses a cartridge listed twice', () => {
    expect(planSpan(1, [fresh('ULT001L6'), fresh('ULT001L6')], LTO_MOUNT_TIMINGS)).toMatchObject({
      ok: false,
      code: 'duplicate-barcode',
      message: 'cartridge ULT001L6 is listed twice',
    });
  });

  it('asserts on impossible input: used beyond capacity, fractional bytes', () => {
    expect(() => planSpan(1, [{ barcode: 'X', capacityBytes: 10, usedBytes: 11 }], LTO_MOUNT_TIMINGS)).toThrow(EngineAssertionError);
    expect(() => planSpan(0.5, [fresh('ULT001L6')], LTO_MOUNT_TIMINGS)).toThrow(/non-negative integer/);
  });
});
