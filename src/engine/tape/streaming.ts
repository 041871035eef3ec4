/**
 * How long a drive takes to write (backup) or read (restore) a run of bytes when its peer — the
 * source of a backup or the sink of a restore — moves data at a given rate. Pure arithmetic, no
 * events: the simulation turns the answer into events.
 *
 * The model, per LTO generation (`LTO_SPECS`):
 *
 *   peer ≥ native                  streams at native; no stops
 *   min matched ≤ peer < native    speed matching: the tape runs at the peer's rate; no stops
 *   peer < min matched             shoe-shining: the tape runs at the minimum matched speed in
 *                                  runs, with a backhitch between two runs
 *
 * A shoe-shining run starts with a full buffer (write: the peer filled it; read: the drive read
 * ahead into it) and lasts until the buffer is empty (write) or full (read). During the run the
 * peer keeps moving data, so the buffer changes at (min − peer) and one run moves
 *   runBytes = bufferBytes × min / (min − peer)
 * bytes. A job of N bytes needs ⌈N / runBytes⌉ runs and one backhitch between each two:
 *   backhitchCount = ⌈N / runBytes⌉ − 1.
 *
 * Simplification (documented in docs/model-constants.md): a backhitch is serialised with the
 * transfer, so timeUs = N / peer + backhitchCount × TAPE_BACKHITCH_US. A real drive overlaps the
 * reposition with its buffer filling, and with a steady peer and a large buffer the overlap can
 * be total; real backup sources are bursty and keep few writes outstanding, so a slow path does
 * cost time — the effect the backup window must show. Speed-matching steps are taken as a
 * continuum (drives have 5–14 discrete speeds).
 *
 * Invariants: timeUs is an integer, non-increasing in the peer's rate for fixed bytes; a peer at
 * or above native costs bytes / native with zero backhitches.
 *
 * Does not handle: compression, positioning (locate, rewind: `media.ts`), the medium running
 * out (`spanning.ts`), writing an older generation's format in a newer drive (pass the format's
 * generation: its native rate is what a drive achieves on that media).
 */
import { assert } from '../kernel/assert.ts';
import { DVD_RAM_BYTES_PER_US, LTO_SPECS, TAPE_BACKHITCH_US, type LtoGeneration } from './media.ts';

export interface TransferTime {
  /** Elapsed µs from the first byte offered to the last byte on the medium (write) or delivered (read). */
  timeUs: number;
  /** Medium speed while moving, bytes per µs. */
  mediumBytesPerUs: number;
  /** Stops and repositions (shoe-shining) during the transfer. */
  backhitchCount: number;
  /** Time spent in backhitches, µs; included in `timeUs`. */
  backhitchUs: number;
}

/** Writing `bytes` to an LTO cartridge of `generation`'s format from a source moving `sourceBytesPerUs`. */
export function writeTime(generation: LtoGeneration, bytes: number, sourceBytesPerUs: number): TransferTime {
  return tapeTransferTime(generation, bytes, sourceBytesPerUs);
}

/**
 * Reading `bytes` from an LTO cartridge to a sink taking `sinkBytesPerUs` (a restore). Symmetric
 * to writing: a slow sink fills the drive's read-ahead buffer, the tape stops and backhitches.
 */
export function readTime(generation: LtoGeneration, bytes: number, sinkBytesPerUs: number): TransferTime {
  return tapeTransferTime(generation, bytes, sinkBytesPerUs);
}

/**
 * Writing or reading `bytes` on DVD-RAM. A DVD-RAM drive writes addressed sectors and simply
 * waits for a slow peer (no streaming tape to reposition), so there are never backhitches.
 */
export function dvdTransferTime(bytes: number, peerBytesPerUs: number): TransferTime {
  checkArguments(bytes, peerBytesPerUs);
  const rate = Math.min(peerBytesPerUs, DVD_RAM_BYTES_PER_US);
  return { timeUs: Math.ceil(bytes / rate), mediumBytesPerUs: rate, backhitchCount: 0, backhitchUs: 0 };
}

/**
 * Bytes one shoe-shining run moves on `generation` with a peer at `peerBytesPerUs` (below the
 * minimum matched rate); see the module header.
 */
export function shoeShineRunBytes(generation: LtoGeneration, peerBytesPerUs: number): number {
  const { minMatchedBytesPerUs: min, bufferBytes } = LTO_SPECS[generation];
  assert(peerBytesPerUs < min, `shoeShineRunBytes: peer ${peerBytesPerUs} B/us is not below the minimum matched ${min}`);
  return (bufferBytes * min) / (min - peerBytesPerUs);
}

function tapeTransferTime(generation: LtoGeneration, bytes: number, peerBytesPerUs: number): TransferTime {
  checkArguments(bytes, peerBytesPerUs);
  const { nativeBytesPerUs: native, minMatchedBytesPerUs: min } = LTO_SPECS[generation];
  if (peerBytesPerUs >= min) {
    const rate = Math.min(peerBytesPerUs, native);
    return { timeUs: Math.ceil(bytes / rate), mediumBytesPerUs: rate, backhitchCount: 0, backhitchUs: 0 };
  }
  const runs = Math.ceil(bytes / shoeShineRunBytes(generation, peerBytesPerUs));
  const backhitchCount = Math.max(0, runs - 1);
  const backhitchUs = backhitchCount * TAPE_BACKHITCH_US;
  return { timeUs: Math.ceil(bytes / peerBytesPerUs) + backhitchUs, mediumBytesPerUs: min, backhitchCount, backhitchUs };
}

function checkArguments(bytes: number, peerBytesPerUs: number): void {
  assert(Number.isSafeInteger(bytes) && bytes >= 0, `transfer: bytes must be a non-negative integer, not ${bytes}`);
  assert(peerBytesPerUs > 0, `transfer: peer rate must be positive bytes/us, not ${peerBytesPerUs}`);
}
