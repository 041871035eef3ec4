/**
 * Verification by track digests: a tape image (or a restored or copied volume) compared with the
 * image it must equal, track by track over the whole volume.
 *
 * Owns: `compareWithImage` and the pass/fail line a person reads. Never-written tracks have the
 * empty digest on both sides, so comparing the tracks written on either side compares every
 * track; `tracksCompared` is the volume's track count.
 *
 * Does not handle: where the images come from (split captures: backup.ts; the catalog: jobs.ts).
 */
import type { Verification } from '../backup-api.ts';
import type { TrackDigests } from '../block/track-digests.ts';

/** A sparse image as a sorted track list with a digest per track. */
export interface TrackList {
  tracks: Int32Array;
  digests: Uint32Array;
}

export interface ReferenceImage {
  /** Exactly one of these. */
  digests?: TrackDigests;
  list?: TrackList;
  atUs: number;
  /** What it is, e.g. "db-primary at the split of DB/db". */
  label: string;
}

interface Image {
  get(track: number): number;
  forEach(cb: (track: number, digest: number) => void): void;
}

function listImage(l: TrackList): Image {
  return {
    get(track) {
      let lo = 0;
      let hi = l.tracks.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const t = l.tracks[mid];
        if (t === track) return l.digests[mid];
        if (t < track) lo = mid + 1;
        else hi = mid - 1;
      }
      return 0;
    },
    forEach(cb) {
      for (let i = 0; i < l.tracks.length; i++) if (l.digests[i] !== 0) cb(l.tracks[i], l.digests[i]);
    },
  };
}

function digestsImage(d: TrackDigests): Image {
  return { get: (t) => d.get(t), forEach: (cb) => d.forEachWritten(cb) };
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Compares `actual` (a track list, or the digests of a volume) with `expected` over `trackCount`
 * tracks. `name` names the actual side in the line ("the tape of bk1", "db-primary").
 */
export function compareWithImage(
  actualTracks: Int32Array | null,
  actualDigests: Uint32Array | null,
  expected: ReferenceImage,
  trackCount: number,
  name: string,
  actualVolume?: TrackDigests,
): Verification {
  const actual = actualVolume ? digestsImage(actualVolume) : listImage({ tracks: actualTracks!, digests: actualDigests! });
  const ref = expected.digests ? digestsImage(expected.digests) : listImage(expected.list!);
  let mismatches = 0;
  let firstMismatch: number | null = null;
  const note = (t: number): void => {
    mismatches++;
    if (firstMismatch === null || t < firstMismatch) firstMismatch = t;
  };
  actual.forEach((t, d) => {
    if (ref.get(t) !== d) note(t);
  });
  ref.forEach((t, d) => {
    if (actual.get(t) === 0 && d !== 0) note(t);
  });
  const against = `${expected.label} (${(expected.atUs / 1e6).toFixed(3)} s)`;
  const passed = mismatches === 0;
  const line = passed
    ? `PASS: ${name} equals ${against}: ${fmt(trackCount)} tracks compared digest by digest`
    : `FAIL: ${name} differs from ${against} on ${fmt(mismatches)} of ${fmt(trackCount)} tracks (first: track ${firstMismatch})`;
  return { passed, tracksCompared: trackCount, mismatches, firstMismatch, against, line };
}
