/**
 * Plans one job of N bytes over a library's cartridges, in the order given: which cartridges it
 * fills, how many bytes go on each, and the robot and drive steps around each of them. A job
 * larger than what a cartridge has left spans the next one.
 *
 * Per cartridge used, on one drive:
 *
 *   robot-move (slot → drive) → load → [locate, if the cartridge already holds data]
 *     → write → rewind → unload → robot-move (drive → slot)
 *
 * The last cartridge is unmounted too; a caller that keeps it mounted drops the trailing steps.
 *
 * Invariants: the segments' bytes sum to the job's bytes; no segment exceeds its cartridge's
 * free bytes; segments are in the cartridges' order and each cartridge is used at most once;
 * full cartridges are skipped without a mount. Mechanical steps carry their duration; write
 * steps carry bytes only (their time depends on the source: `streaming.ts`).
 *
 * Does not handle: several drives (the backup manager allocates them), media/drive
 * compatibility (`driveCanWrite` in `media.ts`), restores (a restore reads the segments a
 * catalog recorded, with the same mount steps).
 */
import { assert } from '../kernel/assert.ts';
import type { MountTimings } from './media.ts';

export interface SpanCartridge {
  /** The cartridge's label (see `parseBarcode`). */
  barcode: string;
  /** Native capacity, bytes. */
  capacityBytes: number;
  /** Bytes already written; a job appends after them. */
  usedBytes: number;
}

export interface SpanSegment {
  barcode: string;
  /** Index of the cartridge in the list given to `planSpan`. */
  cartridgeIndex: number;
  /** Offset of this segment's first byte within the job. */
  jobOffsetBytes: number;
  /** Offset on the cartridge where the segment starts (its used bytes before the job). */
  cartridgeOffsetBytes: number;
  bytes: number;
}

export type SpanStep =
  | { kind: 'robot-move'; barcode: string; from: 'slot' | 'drive'; to: 'slot' | 'drive'; durationUs: number }
  | { kind: 'load' | 'locate' | 'rewind' | 'unload'; barcode: string; durationUs: number }
  | { kind: 'write'; barcode: string; bytes: number };

export interface SpanPlan {
  segments: SpanSegment[];
  steps: SpanStep[];
  /** Sum of the mechanical steps' durations, µs (everything but the writes). */
  mechanicalUs: number;
}

export type SpanErrorCode = 'media-exhausted' | 'duplicate-barcode';

export type SpanResult =
  | { ok: true; plan: SpanPlan }
  | { ok: false; code: SpanErrorCode; message: string; shortBytes: number };

/** Plans `jobBytes` over `cartridges` in order; see the module header. */
export function planSpan(jobBytes: number, cartridges: readonly SpanCartridge[], timings: MountTimings): SpanResult {
  assert(Number.isSafeInteger(jobBytes) && jobBytes >= 0, `planSpan: job bytes must be a non-negative integer, not ${jobBytes}`);
  const seen = new Set<string>();
  let freeBytes = 0;
  for (const c of cartridges) {
    checkCartridge(c);
    if (seen.has(c.barcode)) {
      return { ok: false, code: 'duplicate-barcode', message: `cartridge ${c.barcode} is listed twice`, shortBytes: 0 };
    }
    seen.add(c.barcode);
    freeBytes += c.capacityBytes - c.usedBytes;
  }
  if (freeBytes < jobBytes) {
    const shortBytes = jobBytes - freeBytes;
    const message =
      `media exhausted: a job of ${jobBytes} bytes needs ${shortBytes} bytes more than the ` +
      `${cartridges.length} cartridge(s) offered have free (${freeBytes} bytes)`;
    return { ok: false, code: 'media-exhausted', message, shortBytes };
  }
  const segments = fillSegments(jobBytes, cartridges);
  const steps = segments.flatMap((s) => cartridgeSteps(s, timings));
  let mechanicalUs = 0;
  for (const s of steps) if (s.kind !== 'write') mechanicalUs += s.durationUs;
  return { ok: true, plan: { segments, steps, mechanicalUs } };
}

function checkCartridge(c: SpanCartridge): void {
  const ok =
    Number.isSafeInteger(c.capacityBytes) &&
    Number.isSafeInteger(c.usedBytes) &&
    c.usedBytes >= 0 &&
    c.usedBytes <= c.capacityBytes;
  assert(ok, `planSpan: cartridge ${c.barcode} has used ${c.usedBytes} of ${c.capacityBytes} bytes`);
}

/** Greedy in order: each cartridge takes min(its free bytes, what is left of the job). */
function fillSegments(jobBytes: number, cartridges: readonly SpanCartridge[]): SpanSegment[] {
  const segments: SpanSegment[] = [];
  let offset = 0;
  for (let i = 0; i < cartridges.length && offset < jobBytes; i++) {
    const c = cartridges[i];
    const bytes = Math.min(c.capacityBytes - c.usedBytes, jobBytes - offset);
    if (bytes === 0) continue;
    segments.push({ barcode: c.barcode, cartridgeIndex: i, jobOffsetBytes: offset, cartridgeOffsetBytes: c.usedBytes, bytes });
    offset += bytes;
  }
  assert(offset === jobBytes, `planSpan: placed ${offset} of ${jobBytes} bytes`);
  return segments;
}

function cartridgeSteps(s: SpanSegment, t: MountTimings): SpanStep[] {
  const barcode = s.barcode;
  const steps: SpanStep[] = [
    { kind: 'robot-move', barcode, from: 'slot', to: 'drive', durationUs: t.robotMoveUs },
    { kind: 'load', barcode, durationUs: t.loadUs },
  ];
  if (s.cartridgeOffsetBytes > 0) steps.push({ kind: 'locate', barcode, durationUs: t.locateUs });
  steps.push(
    { kind: 'write', barcode, bytes: s.bytes },
    { kind: 'rewind', barcode, durationUs: t.rewindUs },
    { kind: 'unload', barcode, durationUs: t.unloadUs },
    { kind: 'robot-move', barcode, from: 'drive', to: 'slot', durationUs: t.robotMoveUs },
  );
  return steps;
}
