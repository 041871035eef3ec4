/**
 * Tape (LTO-1 … LTO-9) and optical (DVD-RAM) media: what a cartridge holds, how fast a drive
 * moves it, how long the mechanics take, and what its barcode says.
 *
 * Owns: the per-generation LTO table (`LTO_SPECS`), the library's mechanical timings
 * (`LTO_MOUNT_TIMINGS`, `DVD_MOUNT_TIMINGS`), the DVD-RAM constants and barcode parsing
 * (`parseBarcode`). The media-ID table and drive/media compatibility are the model's
 * (`model/media-ids.ts`), re-exported here.
 *
 * Invariants: capacities are decimal bytes (as the LTO Program and ECMA quote them); rates are
 * bytes per µs (= MB/s, decimal, as in `../constants.ts`); times are integer µs. Every
 * `minMatchedBytesPerUs` is ≤ its `nativeBytesPerUs`. Changing a value changes reports and
 * event-log hashes: say why in the commit.
 *
 * Does not handle: compression (all figures are native, uncompressed — SANdbox copies tracks
 * whose compressibility it does not know); LTO-7 Type M (M8) media, LTO-10, cleaning
 * cartridges; double-sided DVD-RAM. Timing of transfers is in `streaming.ts`, multi-cartridge
 * jobs in `spanning.ts`.
 */
import { mediaOfId, type LtoGeneration, type MediaType } from '../../model/media-ids.ts';

// The media-ID table and the drive/media compatibility rules are pure data shared with the
// design rules: they live in the model (model/media-ids.ts) and are re-exported here.
export { driveCanRead, driveCanWrite, ltoGenerationNumber } from '../../model/media-ids.ts';
export type { LtoGeneration, MediaType } from '../../model/media-ids.ts';

const MIB = 1024 * 1024;
const US_PER_S = 1_000_000;

// ---------------------------------------------------------------- LTO generations

export interface LtoSpec {
  generation: LtoGeneration;
  /** Native (uncompressed) cartridge capacity, decimal bytes. */
  nativeCapacityBytes: number;
  /** Native transfer rate, bytes per µs (= MB/s). */
  nativeBytesPerUs: number;
  /**
   * Lowest speed the drive's speed matching (data-rate matching) can slow to, bytes per µs.
   * A source at or above it is matched without stopping; below it the drive shoe-shines.
   */
  minMatchedBytesPerUs: number;
  /** Drive data buffer, bytes: what the drive writes in one run before a slow source makes it stop. */
  bufferBytes: number;
}

/**
 * Capacities and native rates: the LTO Program's generation table (lto.org, "LTO generations";
 * IBM TS4500 "Supported tape drives" confirms LTO-5…9: 1.5/2.5/6/12/18 TB at 140/160/300/360/400 MB/s).
 * Minimum matched rates (per line): the lowest speed-matching step of a named full-height drive.
 * Buffers: IBM full-height drive data sheets (32 MB Ultrium 1 … 1 GB from Ultrium 6 on), taken
 * as MiB; from memory of the data sheets, not re-verified — see docs/model-constants.md.
 */
export const LTO_SPECS: Readonly<Record<LtoGeneration, LtoSpec>> = {
  // No speed matching on first-generation drives (IBM introduced it with Ultrium 2): min = native.
  'LTO-1': spec('LTO-1', 100e9, 20, 20, 32 * MIB),
  // IBM Ultrium 2 operator guide: five speeds 17.5, 21.9, 26.25, 30.63, 35 MB/s.
  'LTO-2': spec('LTO-2', 200e9, 40, 17.5, 64 * MIB),
  // IBM TotalStorage Ultrium T800 (Ultrium 3) operator guide: five speeds 40, 50, 60, 70, 80 MB/s.
  'LTO-3': spec('LTO-3', 400e9, 80, 40, 128 * MIB),
  // IBM Ultrium 4 (TS1040) data sheet: speed matching 30–120 MB/s (from memory, not re-verified).
  'LTO-4': spec('LTO-4', 800e9, 120, 30, 256 * MIB),
  // IBM Ultrium 5 (TS1050): 40–140 MB/s; also creativecow.net "LTO Tape Technologies update".
  'LTO-5': spec('LTO-5', 1.5e12, 140, 40, 256 * MIB),
  // IBM Ultrium 6 (TS1060) full height: 40–160 MB/s; also creativecow.net (as LTO-5).
  'LTO-6': spec('LTO-6', 2.5e12, 160, 40, 1024 * MIB),
  // IBM TS4300 docs, "Speed matching", full-height table, Generation 7 media: 101.46 … 306 MB/s.
  'LTO-7': spec('LTO-7', 6e12, 300, 101.46, 1024 * MIB),
  // Same table, Generation 8 media: 112.0 … 365 MB/s (Quantum LTO-9 HH user's guide agrees).
  'LTO-8': spec('LTO-8', 12e12, 360, 112, 1024 * MIB),
  // Same table, Generation 9 media (full and half height): 177 … 408 MB/s.
  'LTO-9': spec('LTO-9', 18e12, 400, 177, 1024 * MIB),
};

function spec(
  generation: LtoGeneration,
  nativeCapacityBytes: number,
  nativeBytesPerUs: number,
  minMatchedBytesPerUs: number,
  bufferBytes: number,
): LtoSpec {
  return Object.freeze({ generation, nativeCapacityBytes, nativeBytesPerUs, minMatchedBytesPerUs, bufferBytes });
}

// ---------------------------------------------------------------- tape mechanics and robot

/**
 * Load and thread to ready: 15 s (DESIGN.md "Performance model"; IBM LTO-7/LTO-8 nominal
 * load-to-ready 15 s, LTO-5/6 12 s, LTO-9 17 s — TS4500 "Performance specifications").
 */
export const TAPE_LOAD_THREAD_US = 15 * US_PER_S;

/** Unload (unthread and eject) after the rewind: 20 s (IBM LTO-7 nominal unload time; LTO-5/6 17 s, LTO-8 24 s). */
export const TAPE_UNLOAD_US = 20 * US_PER_S;

/** Average rewind: 60 s (IBM LTO-7 average rewind time 60 s; LTO-8 59 s, LTO-9 55–62 s). */
export const TAPE_REWIND_US = 60 * US_PER_S;

/**
 * Average locate (e.g. to end of data before an append): 60 s (DESIGN.md; IBM "average space
 * record time from load point" 45–65 s for LTO-5…LTO-9).
 */
export const TAPE_LOCATE_US = 60 * US_PER_S;

/**
 * Backhitch (shoe-shining reposition: stop, reverse past the last written data, restart): 2 s.
 * SANdbox choice inside the 1–3 s usually quoted for LTO; no data sheet states it. IBM calls
 * it "the condition that occurs when a tape stops, reverses, and restarts motion" (speed
 * matching pages cited above).
 */
export const TAPE_BACKHITCH_US = 2 * US_PER_S;

/**
 * Data wraps (end-to-end passes) per cartridge: LTO writes serpentine, so the head's position
 * along the tape after n bytes depends on the wrap it is in. LTO-5 80, LTO-6 136, LTO-7 112,
 * LTO-8 208, LTO-9 280 (LTO Program / IBM tape drive specifications); LTO-1…4 48, 64, 44, 56
 * (from memory of the same tables, not re-verified).
 */
export const LTO_WRAPS: Readonly<Record<LtoGeneration, number>> = {
  'LTO-1': 48, 'LTO-2': 64, 'LTO-3': 44, 'LTO-4': 56, 'LTO-5': 80, 'LTO-6': 136, 'LTO-7': 112, 'LTO-8': 208, 'LTO-9': 280,
};

/**
 * Rewind from the position reached after `positionBytes` on a cartridge of `generation`: the
 * fraction of the tape length the head is from the beginning, times a full-length rewind of
 * 2 × TAPE_REWIND_US (the 60 s average is over positions spread along the tape).
 */
export function rewindUs(generation: LtoGeneration, positionBytes: number): number {
  const wrapBytes = LTO_SPECS[generation].nativeCapacityBytes / LTO_WRAPS[generation];
  const wrap = Math.floor(positionBytes / wrapBytes);
  const along = (positionBytes - wrap * wrapBytes) / wrapBytes;
  const fraction = wrap % 2 === 0 ? along : 1 - along;
  return Math.round(2 * TAPE_REWIND_US * fraction);
}

/** Robot move of one cartridge between a slot and a drive: 10 s (DESIGN.md "Performance model"). */
export const ROBOT_MOVE_US = 10 * US_PER_S;

/** The mechanical step times of one library's drives and robot, µs. */
export interface MountTimings {
  robotMoveUs: number;
  loadUs: number;
  locateUs: number;
  rewindUs: number;
  unloadUs: number;
}

export const LTO_MOUNT_TIMINGS: Readonly<MountTimings> = Object.freeze({
  robotMoveUs: ROBOT_MOVE_US,
  loadUs: TAPE_LOAD_THREAD_US,
  locateUs: TAPE_LOCATE_US,
  rewindUs: TAPE_REWIND_US,
  unloadUs: TAPE_UNLOAD_US,
});

// ---------------------------------------------------------------- DVD-RAM

/**
 * DVD-RAM 4.7 GB single-sided user capacity: 2,295,104 sectors × 2,048 bytes (ECMA-330,
 * "120 mm (4,7 Gbytes per side) DVD Rewritable Disk (DVD-RAM)").
 */
export const DVD_RAM_CAPACITY_BYTES = 2_295_104 * 2048;

/**
 * DVD-RAM transfer at 2× speed: 2 × 1.385 MB/s (DVD 1× = 11.08 Mbit/s) = 2.77 MB/s, the speed of
 * the first 4.7 GB drives (ECMA-330 v2.0); later media run at 3× and 5×. Reads and writes alike:
 * write-and-verify (which halves effective writes on real drives) is not modelled.
 */
export const DVD_RAM_BYTES_PER_US = 2.77;

/** Disc load in an optical library drive (tray, spin-up, disc identification): 10 s. SANdbox choice, not from a data sheet. */
export const DVD_LOAD_US = 10 * US_PER_S;

/** Disc unload (spin-down and eject): 5 s. SANdbox choice, not from a data sheet. */
export const DVD_UNLOAD_US = 5 * US_PER_S;

/** Average seek of a DVD drive: 150 ms. SANdbox choice in the 0.1–0.2 s range drives quote for DVD-RAM access. */
export const DVD_SEEK_US = 150_000;

/** An optical disc needs no rewind; the robot is the library's, as for tape. */
export const DVD_MOUNT_TIMINGS: Readonly<MountTimings> = Object.freeze({
  robotMoveUs: ROBOT_MOVE_US,
  loadUs: DVD_LOAD_US,
  locateUs: DVD_SEEK_US,
  rewindUs: 0,
  unloadUs: DVD_UNLOAD_US,
});

// ---------------------------------------------------------------- barcodes

export interface Barcode {
  /** The whole label, e.g. `ULT001L6`. */
  label: string;
  /** The six-character volume serial, e.g. `ULT001`. */
  volser: string;
  media: MediaType;
}

export type BarcodeErrorCode = 'length' | 'volser' | 'unknown-media' | 'unsupported-media';

export type BarcodeResult =
  | { ok: true; barcode: Barcode }
  | { ok: false; code: BarcodeErrorCode; message: string };

const VOLSER = /^[A-Z0-9]{6}$/;

/**
 * Parses a cartridge label: six characters of volume serial (`A`–`Z`, `0`–`9`) then a two-character
 * media ID, e.g. `ULT001L6` → volser `ULT001`, LTO-6; `ULT001LW` → LTO-6 WORM; `DVD001D1` → DVD-RAM.
 * Labels are read as printed: lower case is an error, not folded, so two spellings never name
 * one cartridge.
 */
export function parseBarcode(label: string): BarcodeResult {
  const fail = (code: BarcodeErrorCode, why: string): BarcodeResult => ({ ok: false, code, message: `barcode "${label}": ${why}` });
  if (label.length !== 8) {
    return fail('length', `must be 8 characters (6 of volume serial and a 2-character media ID such as L6), not ${label.length}`);
  }
  const volser = label.slice(0, 6);
  const mediaId = label.slice(6);
  if (!VOLSER.test(volser)) {
    return fail('volser', `volume serial "${volser}" must be 6 characters of A-Z and 0-9 (upper case)`);
  }
  const found = mediaOfId(mediaId);
  if (found.ok) return { ok: true, barcode: { label, volser, media: found.media } };
  return fail(found.code, found.reason);
}

/** Native capacity of a cartridge of this media type, bytes. */
export function mediaCapacityBytes(media: MediaType): number {
  return media.kind === 'lto' ? LTO_SPECS[media.generation].nativeCapacityBytes : DVD_RAM_CAPACITY_BYTES;
}
