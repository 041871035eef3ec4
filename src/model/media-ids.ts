/**
 * Cartridge media IDs and drive/media compatibility, as pure data: the part of the tape and
 * optical media rules that both the design rules (a cartridge the drives cannot write is a
 * design error) and the engine (`engine/tape/media.ts`, which adds capacities, rates and
 * timings) need.
 *
 * Owns: the media-ID table (the last two characters of a barcode label), the known IDs SANdbox
 * does not model with the reason, `driveCanWrite` / `driveCanRead` for LTO, and `mediaOfLabel`
 * (label → media, or why not).
 *
 * Invariants: every LTO generation has exactly one data ID (`L1`…`L9`); WORM IDs exist for
 * LTO-3…LTO-9 only; no ID is both supported and unsupported. A drive always writes and reads
 * its own generation.
 *
 * Does not handle: barcode volume-serial syntax beyond what `mediaOfLabel` checks, capacities
 * and speeds (engine/tape/media.ts). Pure data: no DOM, no Node.
 */
import type { z } from 'zod';
import type { LtoGeneration as LtoGenerationSchema } from './topology.ts';

/** `LTO-1` … `LTO-9`: the topology's tape library drive generation. */
export type LtoGeneration = z.infer<typeof LtoGenerationSchema>;

export type MediaType =
  | { kind: 'lto'; generation: LtoGeneration; worm: boolean }
  | { kind: 'dvd-ram' };

export const LTO_GENERATIONS: readonly LtoGeneration[] = ['LTO-1', 'LTO-2', 'LTO-3', 'LTO-4', 'LTO-5', 'LTO-6', 'LTO-7', 'LTO-8', 'LTO-9'];

/** The WORM media-ID letters of LTO-3…LTO-9, in order (`LT` is LTO-3 WORM … `LZ` LTO-9 WORM). */
const WORM_LETTERS = 'TUVWXYZ';

/**
 * Media IDs (the label's last two characters). LTO: `L1`…`L9` data cartridges; WORM `LT`…`LZ`
 * for LTO-3…LTO-9 (IBM and HPE media labelling guides). DVD-RAM: `D1`, SANdbox's own scheme
 * (optical libraries have no industry media ID): 4.7 GB single-sided.
 */
export const MEDIA_IDS: ReadonlyMap<string, MediaType> = new Map<string, MediaType>([
  ...LTO_GENERATIONS.map((g, i) => [`L${i + 1}`, { kind: 'lto', generation: g, worm: false }] as const),
  ...LTO_GENERATIONS.slice(2).map((g, i) => [`L${WORM_LETTERS[i]}`, { kind: 'lto', generation: g, worm: true }] as const),
  ['D1', { kind: 'dvd-ram' }],
]);

/** Known media IDs SANdbox does not model, with why. */
export const UNSUPPORTED_MEDIA_IDS: ReadonlyMap<string, string> = new Map([
  ['M8', 'LTO-7 Type M (initialised to 9 TB by an LTO-8 drive) is not modelled'],
  ['LA', 'LTO-10 is beyond the LTO-1…LTO-9 drives SANdbox models'],
  ['CU', 'cleaning cartridges are not modelled'],
  ['D2', 'double-sided DVD-RAM is not modelled'],
]);

/** The data (non-WORM) media ID of an LTO generation: `LTO-6` → `L6`. */
export function ltoMediaId(generation: LtoGeneration): string {
  return `L${ltoGenerationNumber(generation)}`;
}

/** The media ID for DVD-RAM discs. */
export const DVD_RAM_MEDIA_ID = 'D1';

/** Generation number 1…9 of an LTO generation name. */
export function ltoGenerationNumber(generation: LtoGeneration): number {
  return Number(generation.slice(4));
}

/**
 * Whether a drive writes a cartridge. LTO-1…LTO-8 drives write their own and the previous
 * generation; LTO-9 writes LTO-9 and LTO-8. Source: LTO Program compatibility table; Oracle
 * SL150 / SL8500 docs ("LTO-8 and above can read and write one generation back").
 */
export function driveCanWrite(drive: LtoGeneration, media: LtoGeneration): boolean {
  const d = ltoGenerationNumber(drive);
  const m = ltoGenerationNumber(media);
  return m === d || m === d - 1;
}

/**
 * Whether a drive reads a cartridge. Up to LTO-7 a drive reads two generations back; from
 * LTO-8 on, one. Source: as `driveCanWrite`.
 */
export function driveCanRead(drive: LtoGeneration, media: LtoGeneration): boolean {
  const d = ltoGenerationNumber(drive);
  const m = ltoGenerationNumber(media);
  const back = d >= 8 ? 1 : 2;
  return m <= d && m >= d - back;
}

/** A one-word name of a media type for messages: `LTO-6`, `LTO-6 WORM`, `DVD-RAM`. */
export function mediaName(media: MediaType): string {
  if (media.kind === 'dvd-ram') return 'DVD-RAM';
  return media.worm ? `${media.generation} WORM` : media.generation;
}

export type MediaIdResult =
  | { ok: true; media: MediaType }
  | { ok: false; code: 'unknown-media' | 'unsupported-media'; reason: string };

/** The media of a two-character media ID, or why it has none. */
export function mediaOfId(mediaId: string): MediaIdResult {
  const media = MEDIA_IDS.get(mediaId);
  if (media) return { ok: true, media };
  const unsupported = UNSUPPORTED_MEDIA_IDS.get(mediaId);
  if (unsupported) return { ok: false, code: 'unsupported-media', reason: `media ID "${mediaId}": ${unsupported}` };
  return { ok: false, code: 'unknown-media', reason: `media ID "${mediaId}" is not one of L1-L9 (LTO), LT-LZ (LTO-3…LTO-9 WORM) or D1 (DVD-RAM)` };
}

/** The media of an 8-character label (its last two characters), or why it has none. */
export function mediaOfLabel(label: string): MediaIdResult {
  return mediaOfId(label.slice(6));
}
