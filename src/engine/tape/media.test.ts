import { describe, expect, it } from 'vitest';
import {
  DVD_RAM_CAPACITY_BYTES,
  LTO_SPECS,
  driveCanRead,
  driveCanWrite,
  mediaCapacityBytes,
  parseBarcode,
  type LtoGeneration,
} from './media.ts';

const GENERATIONS = Object.keys(LTO_SPECS) as LtoGeneration[];

describe('tape media › LTO table', () => {
  it('has nine generations, each with min matched ≤ native and positive figures', () => {
    expect(GENERATIONS).toEqual(['LTO-1', 'LTO-2', 'LTO-3', 'LTO-4', 'LTO-5', 'LTO-6', 'LTO-7', 'LTO-8', 'LTO-9']);
    for (const g of GENERATIONS) {
      const s = LTO_SPECS[g];
      expect(s.generation).toBe(g);
      expect(s.minMatchedBytesPerUs).toBeGreaterThan(0);
      expect(s.minMatchedBytesPerUs).toBeLessThanOrEqual(s.nativeBytesPerUs);
      expect(s.bufferBytes).toBeGreaterThan(0);
    }
  });

  it('grows capacity and native rate with every generation', () => {
    for (let i = 1; i < GENERATIONS.length; i++) {
      expect(LTO_SPECS[GENERATIONS[i]].nativeCapacityBytes).toBeGreaterThan(LTO_SPECS[GENERATIONS[i - 1]].nativeCapacityBytes);
      expect(LTO_SPECS[GENERATIONS[i]].nativeBytesPerUs).toBeGreaterThan(LTO_SPECS[GENERATIONS[i - 1]].nativeBytesPerUs);
    }
  });

  it('quotes the LTO Program figures for LTO-6 and LTO-9', () => {
    expect(LTO_SPECS['LTO-6']).toMatchObject({ nativeCapacityBytes: 2_500_000_000_000, nativeBytesPerUs: 160, minMatchedBytesPerUs: 40 });
    expect(LTO_SPECS['LTO-9']).toMatchObject({ nativeCapacityBytes: 18_000_000_000_000, nativeBytesPerUs: 400, minMatchedBytesPerUs: 177 });
  });
});

describe('tape media › drive compatibility', () => {
  it('writes its own and the previous generation, never older or newer', () => {
    expect(driveCanWrite('LTO-6', 'LTO-6')).toBe(true);
    expect(driveCanWrite('LTO-6', 'LTO-5')).toBe(true);
    expect(driveCanWrite('LTO-6', 'LTO-4')).toBe(false);
    expect(driveCanWrite('LTO-6', 'LTO-7')).toBe(false);
    expect(driveCanWrite('LTO-9', 'LTO-8')).toBe(true);
    expect(driveCanWrite('LTO-9', 'LTO-7')).toBe(false);
    expect(driveCanWrite('LTO-1', 'LTO-1')).toBe(true);
  });

  it('reads two generations back up to LTO-7 and one from LTO-8 on', () => {
    expect(driveCanRead('LTO-7', 'LTO-5')).toBe(true);
    expect(driveCanRead('LTO-7', 'LTO-4')).toBe(false);
    expect(driveCanRead('LTO-8', 'LTO-7')).toBe(true);
    expect(driveCanRead('LTO-8', 'LTO-6')).toBe(false);
    expect(driveCanRead('LTO-9', 'LTO-8')).toBe(true);
    expect(driveCanRead('LTO-9', 'LTO-7')).toBe(false);
    expect(driveCanRead('LTO-5', 'LTO-6')).toBe(false);
  });
});

describe('tape media › barcodes', () => {
  it('reads ULT001L6 as volser ULT001 on LTO-6 data media', () => {
    expect(parseBarcode('ULT001L6')).toEqual({
      ok: true,
      barcode: { label: 'ULT001L6', volser: 'ULT001', media: { kind: 'lto', generation: 'LTO-6', worm: false } },
    });
  });

  it('maps L1…L9 to LTO-1…LTO-9 and LT…LZ to LTO-3…LTO-9 WORM', () => {
    GENERATIONS.forEach((g, i) => {
      const r = parseBarcode(`ABC123L${i + 1}`);
      expect(r.ok && r.barcode.media).toEqual({ kind: 'lto', generation: g, worm: false });
    });
    [...'TUVWXYZ'].forEach((c, i) => {
      const r = parseBarcode(`ABC123L${c}`);
      expect(r.ok && r.barcode.media).toEqual({ kind: 'lto', generation: GENERATIONS[i + 2], worm: true });
    });
  });

  it('reads D1 as a 4.7 GB DVD-RAM disc', () => {
    const r = parseBarcode('DVD001D1');
    expect(r.ok && r.barcode).toEqual({ label: 'DVD001D1', volser: 'DVD001', media: { kind: 'dvd-ram' } });
    expect(r.ok && mediaCapacityBytes(r.barcode.media)).toBe(DVD_RAM_CAPACITY_BYTES);
    expect(DVD_RAM_CAPACITY_BYTES).toBe(4_700_372_992);
  });

  it('gives an LTO cartridge its generation capacity', () => {
    const r = parseBarcode('ULT001L9');
    expect(r.ok && mediaCapacityBytes(r.barcode.media)).toBe(18e12);
  });

  it.each([
    ['ULT01L6', 'length', /must be 8 characters.*not 7/],
    ['ULT0001L6', 'length', /not 9/],
    ['', 'length', /not 0/],
    ['ult001L6', 'volser', /volume serial "ult001".*upper case/],
    ['ULT-01L6', 'volser', /volume serial "ULT-01"/],
    ['ULT001L0', 'unknown-media', /media ID "L0" is not one of L1-L9/],
    ['ULT001l6', 'unknown-media', /media ID "l6"/],
    ['ULT001M8', 'unsupported-media', /LTO-7 Type M/],
    ['ULT001LA', 'unsupported-media', /LTO-10/],
    ['CLN001CU', 'unsupported-media', /cleaning/],
  ])('rejects %s as %s, naming the problem', (label, code, message) => {
    const r = parseBarcode(label);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
    expect(r.message).toContain(`barcode "${label}"`);
  });
});
