/**
 * The run-time tables of local replication: one row per pair (ShadowImage-style local pair,
 * host mirror of JP2002-041345, Thin Image-style snapshot) in the compiled order, and the
 * per-LDEV role indexes the I/O hooks look up.
 *
 * Owns: the layout and allocation of those tables, the state indices (positions in
 * PAIR_STATES), and `PairTablesView`, the read-only window that the acceptance rules
 * (pair-acceptance.ts) and the outputs (pair-outputs.ts) take. Only `Replication` (pairs.ts)
 * and the commands it carries out (pair-commands.ts) write the tables.
 *
 * The bitmaps of a pair, one bit per track of the P-VOL (a snapshot's copy-pair bitmaps have
 * no tracks):
 * - `pending`: the copy set still to copy;
 * - `pDiff` / `sDiff`: tracks written on each side since the split;
 * - `deferred`: tracks written during COPY / COPY(RS) after this copy had copied them (the
 *   update copy in PAIR takes them, so an initial copy or resync is one pass and ends under writes);
 * - `copied`: copied by the current or last copy operation (for the bitmap view).
 *
 * Invariants: `dirtyUnion[p]` is the number of set bits of pDiff | sDiff, kept as bits are set
 * (status is read ~4 Hz); an LDEV is the S-VOL of at most one local or host-mirror pair and
 * presents at most one snapshot; the tables' shapes never change after allocation (a row's
 * bitmap or op list may be replaced, a table never).
 *
 * Does not handle: how the tables change (pairs.ts, pair-commands.ts), snapshot pool
 * accounting (snapshot-pools.ts), what the tables are shown as (pair-outputs.ts).
 */
import type { CopyReason } from '../api.ts';
import type { TrackDigests } from '../block/track-digests.ts';
import type { CompiledLdev } from '../compile.ts';
import { DEFAULT_COPY_PACE } from '../constants.ts';
import { TrackBitmap } from './bitmap.ts';
import type { CompiledPair, CompiledPool, CompiledReplication } from './compile-replication.ts';
import { createSnapshotPool, type ReadonlySnapshotPool, type SnapshotPool } from './snapshot-pools.ts';

// State indices (positions in PAIR_STATES).
export const SMPL = 0;
export const COPY = 1;
export const PAIR = 2;
export const COPY_SP = 3;
export const PSUS_SP = 4;
export const PSUS = 5;
export const COPY_RS = 6;
export const COPY_RS_R = 7;
export const PSUE = 8;
/** Remote pairs: suspended because the journal stayed full (PFUS), and S-VOL takeover (SSWS). */
export const PFUS = 10;
export const SSWS = 11;

/** What the I/O path is told about host access (-1 allowed; else a reject reason). */
export const ACCESS_OK = -1;

/** One copy operation of a pair (an initial copy, a resync, a split's drain, …), as reported. */
export interface CopyOp {
  reason: CopyReason;
  startedUs: number;
  endedUs: number;
  planned: number;
  tracks: number;
  bytes: number;
  onAccess: number;
}

/** A pair command, parsed from a scenario action (pair-acceptance.ts `commandOf`). */
export type PairCommand =
  | { op: 'create'; pace: number; split: boolean }
  | { op: 'split'; quick: boolean; readOnly: boolean }
  | { op: 'suspend' }
  | { op: 'delete' }
  | { op: 'resync'; restore: boolean; pace: number | undefined }
  | { op: 'takeover' }
  | { op: 'swap'; pace: number | undefined };

export interface PairTables {
  readonly pairs: CompiledPair[];
  readonly pools: CompiledPool[];
  readonly ldevs: CompiledLdev[];
  /** Per LDEV: its content (the arrays' digests; shared, not copied). */
  readonly digests: TrackDigests[];
  /** Per LDEV: 1 when it has the read-only attribute (the arrays' table; shared). */
  readonly ldevReadOnly: Uint8Array;
  /** Per LDEV: 1 when some pair or snapshot involves it (the I/O path calls the hooks only then). */
  readonly ldevFlag: Uint8Array;
  readonly state: Int8Array;
  readonly pace: Int32Array;
  readonly svolReadOnly: Uint8Array;
  readonly splitAtUs: Float64Array;
  readonly pDigestAtSplit: Float64Array;
  /** 0: P → S; 1: S → P (restore). */
  readonly direction: Int8Array;
  readonly copyGen: Int32Array;
  readonly copyScheduled: Uint8Array;
  readonly scanPos: Int32Array;
  readonly trackCount: Int32Array;
  readonly pending: TrackBitmap[];
  readonly deferred: TrackBitmap[];
  readonly pDiff: TrackBitmap[];
  readonly sDiff: TrackBitmap[];
  readonly dirtyUnion: Int32Array;
  readonly copied: TrackBitmap[];
  readonly ops: CopyOp[][];
  readonly current: (CopyOp | null)[];
  readonly tracksCopied: Float64Array;
  readonly bytesCopied: Float64Array;
  readonly rejectedCommands: Float64Array;
  /** Snapshot pairs: preserved track → pool slot (ZERO_SLOT: a never-written track). */
  readonly preserved: Map<number, number>[];
  /** Snapshot pairs: preserved tracks that were never written (ZERO_SLOT: no pool space). */
  readonly zeroPreserved: Int32Array;
  readonly poolState: SnapshotPool[];
  /** Per LDEV: local / host-mirror pairs where it is the P-VOL. */
  readonly pRole: number[][];
  /** Per LDEV: the local / host-mirror pair where it is the S-VOL, or -1. */
  readonly sRole: Int32Array;
  /** Per LDEV: snapshot pairs of it (it is their P-VOL). */
  readonly snapshotsOf: number[][];
  /** Per LDEV: the snapshot pair whose image it presents (its S-VOL), or -1. */
  readonly snapshotSvol: Int32Array;
  /** Remote pairs: the reject reason of a host write to the P-VOL now (fence level, lost site), or -1; set by remote copy. */
  readonly remoteReject: Int8Array;
  /** Remote pairs: 1 while the master journal is over its PFUL threshold (shown as PFUL in PAIR); set by remote copy. */
  readonly remotePful: Uint8Array;
}

/** A bitmap as the rules and outputs see it: no setters. */
export type ReadonlyTrackBitmap = Pick<TrackBitmap, 'trackCount' | 'count' | 'has' | 'nextSet' | 'forEachSet'>;
export type ReadonlyTrackDigests = Pick<TrackDigests, 'trackCount' | 'get' | 'digestOfAll' | 'forEachWritten'>;

/** The tables, read-only: what acceptance and outputs may look at (PairTables is one). */
export interface PairTablesView {
  readonly pairs: readonly CompiledPair[];
  readonly pools: readonly CompiledPool[];
  readonly ldevs: readonly CompiledLdev[];
  readonly digests: readonly ReadonlyTrackDigests[];
  readonly ldevReadOnly: ArrayLike<number>;
  readonly ldevFlag: ArrayLike<number>;
  readonly state: ArrayLike<number>;
  readonly pace: ArrayLike<number>;
  readonly svolReadOnly: ArrayLike<number>;
  readonly splitAtUs: ArrayLike<number>;
  readonly pDigestAtSplit: ArrayLike<number>;
  readonly direction: ArrayLike<number>;
  readonly trackCount: ArrayLike<number>;
  readonly pending: readonly ReadonlyTrackBitmap[];
  readonly deferred: readonly ReadonlyTrackBitmap[];
  readonly pDiff: readonly ReadonlyTrackBitmap[];
  readonly sDiff: readonly ReadonlyTrackBitmap[];
  readonly dirtyUnion: ArrayLike<number>;
  readonly copied: readonly ReadonlyTrackBitmap[];
  readonly ops: readonly (readonly Readonly<CopyOp>[])[];
  readonly current: readonly (Readonly<CopyOp> | null)[];
  readonly tracksCopied: ArrayLike<number>;
  readonly bytesCopied: ArrayLike<number>;
  readonly rejectedCommands: ArrayLike<number>;
  readonly preserved: readonly ReadonlyMap<number, number>[];
  readonly zeroPreserved: ArrayLike<number>;
  readonly poolState: readonly ReadonlySnapshotPool[];
  readonly pRole: readonly (readonly number[])[];
  readonly sRole: ArrayLike<number>;
  readonly snapshotsOf: readonly (readonly number[])[];
  readonly snapshotSvol: ArrayLike<number>;
  readonly remoteReject: ArrayLike<number>;
  readonly remotePful: ArrayLike<number>;
}

/** Allocates the tables of `compiled`: every pair SMPL, nothing pending, pools empty. */
export function createPairTables(compiled: CompiledReplication, ldevs: CompiledLdev[], digests: TrackDigests[], ldevReadOnly: Uint8Array): PairTables {
  const pairs = compiled.pairs;
  const n = pairs.length;
  const trackCount = Int32Array.from(pairs, (p) => ldevs[p.pvol].trackCount);
  const isCopyPair = (p: CompiledPair): boolean => p.kind !== 'snapshot';
  const copyBitmaps = (): TrackBitmap[] => pairs.map((p, i) => new TrackBitmap(isCopyPair(p) ? trackCount[i] : 0));
  const t: PairTables = {
    pairs,
    pools: compiled.pools,
    ldevs,
    digests,
    ldevReadOnly,
    ldevFlag: new Uint8Array(ldevs.length),
    state: new Int8Array(n),
    pace: new Int32Array(n).fill(DEFAULT_COPY_PACE),
    svolReadOnly: new Uint8Array(n),
    splitAtUs: new Float64Array(n).fill(-1),
    pDigestAtSplit: new Float64Array(n).fill(-1),
    direction: new Int8Array(n),
    copyGen: new Int32Array(n),
    copyScheduled: new Uint8Array(n),
    scanPos: new Int32Array(n),
    trackCount,
    pending: copyBitmaps(),
    pDiff: copyBitmaps(),
    sDiff: copyBitmaps(),
    dirtyUnion: new Int32Array(n),
    deferred: copyBitmaps(),
    copied: pairs.map((_, i) => new TrackBitmap(trackCount[i])),
    ops: pairs.map(() => []),
    current: pairs.map(() => null),
    tracksCopied: new Float64Array(n),
    bytesCopied: new Float64Array(n),
    rejectedCommands: new Float64Array(n),
    preserved: pairs.map(() => new Map()),
    zeroPreserved: new Int32Array(n),
    poolState: compiled.pools.map(() => createSnapshotPool()),
    pRole: ldevs.map(() => []),
    sRole: new Int32Array(ldevs.length).fill(-1),
    snapshotsOf: ldevs.map(() => []),
    snapshotSvol: new Int32Array(ldevs.length).fill(-1),
    remoteReject: new Int8Array(n).fill(-1),
    remotePful: new Uint8Array(n),
  };
  pairs.forEach((p, i) => {
    t.ldevFlag[p.pvol] = 1;
    if (p.svol >= 0) t.ldevFlag[p.svol] = 1;
    if (p.kind === 'snapshot') {
      t.snapshotsOf[p.pvol].push(i);
      if (p.svol >= 0) t.snapshotSvol[p.svol] = i;
    } else {
      t.pRole[p.pvol].push(i);
      if (p.svol >= 0) t.sRole[p.svol] = i;
    }
  });
  return t;
}

/** Every track written on either volume of pair `p` (a full copy's set). */
export function writtenUnion(t: PairTablesView, p: number): TrackBitmap {
  const pair = t.pairs[p];
  const set = new TrackBitmap(t.trackCount[p]);
  const n = t.trackCount[p];
  t.digests[pair.pvol].forEachWritten((track) => void set.set(track));
  if (pair.svol >= 0) t.digests[pair.svol].forEachWritten((track) => void (track < n && set.set(track)));
  return set;
}
