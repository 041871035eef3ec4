/**
 * Local replication at run time: ShadowImage-style array pairs, the host mirror program of
 * JP2002-041345, and Thin Image-style copy-on-write snapshots — their states, commands,
 * differential bitmaps, copy engine and snapshot pools.
 *
 * Owns:
 * - pair state machines with the CCI names (api.ts `PairState`) and the acceptance rule of every
 *   command in every state: a rejected command changes nothing and says why (with an EX_ code);
 *   a redundant one succeeds and does nothing. A group command is checked for every addressed
 *   pair before any of them changes, and all of them change at one instant (consistency-group
 *   split);
 * - the bitmaps of each pair (one bit per track of the P-VOL): `pending` (the copy set still to
 *   copy), `pDiff` / `sDiff` (tracks written on each side since the split), `copied` (copied by
 *   the current or last copy, for the bitmap view);
 * - the copy engine: a pair with pending tracks runs copy cycles (event EV_COPY) of `pace`
 *   tracks each; a track copy costs a read of the source track (none if it is in cache) and a
 *   write-through of the track to the target's parity group, on the same disk timelines as host
 *   I/O (and, for a host mirror, the server's links and array ports), so copies and host I/O
 *   compete; content moves as digests (`TrackDigests.set`) at the cycle's event;
 * - the hooks the I/O path calls for LDEVs that take part in a pair (`ldevFlag`):
 *   `hostAccess` (may a host read / write it now?), `beforeRead` (quick split copy-on-read) and
 *   `beforeWrite` (P-VOL: mark pending or copy-before-write, record pDiff; S-VOL: quick split
 *   copy-before-secondary-write, record sDiff; snapshots: preserve the old track);
 * - snapshot pools: a P-VOL write to a track that a taken snapshot has not preserved copies the
 *   old content into the pool once, shared by every generation that needs it; pool use above
 *   its warning percent shows PFUL / PFUS; a full pool invalidates the snapshots that needed the
 *   space (PSUE, reads fail) and the P-VOL write goes on.
 *
 * Semantics (DESIGN.md "Local pairs", "Copy-on-write snapshots"):
 * - paircreate: local/host-mirror SMPL → COPY (copy set: every track written on either volume —
 *   never-written tracks are zero on both and skipped, as ShadowImage skips unallocated pages of
 *   DP-VOLs) → PAIR; snapshot SMPL → PAIR (no image yet);
 * - PAIR: local pairs copy P-VOL updates asynchronously (UPDATE_COPY_DELAY_US), so the S-VOL may
 *   lag; a host mirror duplexes each write of its server to both volumes (simulation.ts);
 * - steady split (Fig. 5a): the P-VOL image at acceptance is what the S-VOL gets: pending tracks
 *   are drained (COPY(SP)), a P-VOL write to a still-pending track copies it first; the S-VOL is
 *   unavailable until PSUS. Quick split (Fig. 5b): PSUS(SP) at once, the S-VOL usable at once;
 *   the same drain runs in the background, a S-VOL read or write of a pending track copies it
 *   first; every track is copied at most once. A host mirror splits at once (nothing pending);
 * - pairresync: the union of pDiff and sDiff is the copy set (COPY(RS) → PAIR); from PSUE, or
 *   for a host mirror that does not record positions, every track written on either side;
 *   `-restore` copies the union S → P (COPY(RS-R) → PAIR), the P-VOL inaccessible meanwhile;
 * - a restore (local or snapshot) is refused (EX_INVVOL) while another pair could write its
 *   P-VOL meanwhile — the P-VOL is the S-VOL of a pair neither split nor suspended, or is being
 *   restored — or its S-VOL is being restored, or one command restores the P-VOL twice; a
 *   paircreate / pairresync is refused while its S-VOL is being restored;
 * - pairsplit -E → PSUE; pairsplit -S → SMPL;
 * - snapshots: pairsplit takes the image (PAIR → PSUS); pairresync discards it (→ PAIR);
 *   pairresync -restore copies the image back onto the P-VOL (COPY(RS-R) → PSUS).
 *
 * Invariants: a track is in `pending` only while a copy operation is current; every copied
 * track's content is exactly the source's at the copy instant; a quick-split track is copied
 * at most once (its pending bit is cleared by the copy); pool `used` equals the number of
 * distinct preserved track images referenced by valid snapshots.
 *
 * Does not handle: remote copy, journals, faults that suspend a pair (issue 6), timing of
 * snapshot S-VOL reads from the pool (they are served like reads of the S-VOL's own LDEV).
 */
import {
  BITMAP_CLEAN,
  BITMAP_COPIED,
  BITMAP_DIRTY,
  BITMAP_PENDING,
  PAIR_STATES,
  type CommandResult,
  type CopyOpReport,
  type CopyReason,
  type PairBitmap,
  type PairReport,
  type PairState,
  type PairStatus,
  type PoolReport,
  type PoolStatus,
  type ReplicationStatus,
} from '../api.ts';
import type { DiskArrays } from '../array/array.ts';
import { EMPTY_DIGEST, foldWrite } from '../block/digest.ts';
import type { CompiledLdev } from '../compile.ts';
import { CACHE_SERVICE_US, DEFAULT_COPY_PACE, UPDATE_COPY_DELAY_US, US_PER_S } from '../constants.ts';
import { LOG_PAIR_REJECT, LOG_PAIR_STATE } from '../events.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { IoCursor } from '../io-cursor.ts';
import { TrackBitmap } from './bitmap.ts';
import type { CompiledPair, CompiledPool, CompiledReplication } from './compile-replication.ts';

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

/** A snapshot's mark for a track that was never written when first overwritten: zero, no pool slot. */
const ZERO_SLOT = -1;

/** What the I/O path is told about host access (-1 allowed; else a reject reason). */
export const ACCESS_OK = -1;

/** Callbacks into the simulation (clock, event queue, event log). */
export interface ReplicationHost {
  nowUs(): number;
  /** Queue a copy cycle of `pair` at `atUs` (integer µs) tagged with `generation`. */
  scheduleCopy(atUs: number, pair: number, generation: number): void;
  /** Record a replication event in the event log. */
  log(code: number, a: number, b: number): void;
}


interface CopyOp {
  reason: CopyReason;
  startedUs: number;
  endedUs: number;
  planned: number;
  tracks: number;
  bytes: number;
  onAccess: number;
}

interface Pool {
  used: number;
  peakUsed: number;
  nextSlot: number;
  slotDigest: Map<number, number>;
  slotRefs: Map<number, number>;
}

type PairCommand =
  | { op: 'create'; pace: number; split: boolean }
  | { op: 'split'; quick: boolean; readOnly: boolean }
  | { op: 'suspend' }
  | { op: 'delete' }
  | { op: 'resync'; restore: boolean; pace: number | undefined };

/** A command's verdict for one pair: 'accept', 'redundant', or a rejection. */
type Verdict = { kind: 'accept' } | { kind: 'redundant' } | { kind: 'reject'; code: string; why: string };

const ACCEPT: Verdict = { kind: 'accept' };
const REDUNDANT: Verdict = { kind: 'redundant' };
const reject = (code: string, why: string): Verdict => ({ kind: 'reject', code, why });

export class Replication {
  readonly pairs: CompiledPair[];
  readonly pools: CompiledPool[];
  /** Per LDEV: 1 when some pair or snapshot involves it (the I/O path calls the hooks only then). */
  readonly ldevFlag: Uint8Array;
  private readonly state: Int8Array;
  private readonly pace: Int32Array;
  private readonly svolReadOnly: Uint8Array;
  private readonly splitAtUs: Float64Array;
  private readonly pDigestAtSplit: Float64Array;
  /** 0: P → S; 1: S → P (restore). */
  private readonly direction: Int8Array;
  private readonly copyGen: Int32Array;
  private readonly copyScheduled: Uint8Array;
  private readonly scanPos: Int32Array;
  private readonly trackCount: Int32Array;
  readonly pending: TrackBitmap[];
  /**
   * Tracks written during COPY / COPY(RS) after this copy had copied them: the update copy in
   * PAIR takes them, so an initial copy or resync is one pass and ends even under writes.
   */
  private readonly deferred: TrackBitmap[];
  readonly pDiff: TrackBitmap[];
  readonly sDiff: TrackBitmap[];
  /** Per pair: set bits of pDiff | sDiff, kept as bits are set (status is read ~4 Hz). */
  private readonly dirtyUnion: Int32Array;
  private readonly copied: TrackBitmap[];
  private readonly ops: CopyOp[][];
  private readonly current: (CopyOp | null)[];
  private readonly tracksCopied: Float64Array;
  private readonly bytesCopied: Float64Array;
  private readonly rejectedCommands: Float64Array;
  /** Snapshot pairs: preserved track → pool slot. */
  private readonly preserved: Map<number, number>[];
  /** Snapshot pairs: preserved tracks that were never written (ZERO_SLOT: no pool space). */
  private readonly zeroPreserved: Int32Array;
  private readonly poolState: Pool[];
  /** Per LDEV: local / host-mirror pairs where it is the P-VOL. */
  private readonly pRole: number[][];
  /** Per LDEV: the local / host-mirror pair where it is the S-VOL, or -1. */
  private readonly sRole: Int32Array;
  /** Per LDEV: snapshot pairs of it (it is their P-VOL). */
  private readonly snapshotsOf: number[][];
  /** Per LDEV: the snapshot pair whose image it presents (its S-VOL), or -1. */
  private readonly snapshotSvol: Int32Array;
  private readonly ldevs: CompiledLdev[];
  private readonly arrays: DiskArrays;
  private readonly links: LinkTimelines;
  private readonly cursor: IoCursor;
  private readonly host: ReplicationHost;
  private readonly readOnlyReason: number;
  private readonly pairStateReason: number;

  constructor(
    compiled: CompiledReplication,
    ldevs: CompiledLdev[],
    arrays: DiskArrays,
    links: LinkTimelines,
    cursor: IoCursor,
    host: ReplicationHost,
    reasons: { readOnly: number; pairState: number },
  ) {
    this.pairs = compiled.pairs;
    this.pools = compiled.pools;
    this.ldevs = ldevs;
    this.arrays = arrays;
    this.links = links;
    this.cursor = cursor;
    this.host = host;
    this.readOnlyReason = reasons.readOnly;
    this.pairStateReason = reasons.pairState;
    const n = this.pairs.length;
    this.state = new Int8Array(n);
    this.pace = new Int32Array(n).fill(DEFAULT_COPY_PACE);
    this.svolReadOnly = new Uint8Array(n);
    this.splitAtUs = new Float64Array(n).fill(-1);
    this.pDigestAtSplit = new Float64Array(n).fill(-1);
    this.direction = new Int8Array(n);
    this.copyGen = new Int32Array(n);
    this.copyScheduled = new Uint8Array(n);
    this.scanPos = new Int32Array(n);
    this.trackCount = Int32Array.from(this.pairs, (p) => ldevs[p.pvol].trackCount);
    const isCopyPair = (p: CompiledPair): boolean => p.kind !== 'snapshot';
    this.pending = this.pairs.map((p, i) => new TrackBitmap(isCopyPair(p) ? this.trackCount[i] : 0));
    this.pDiff = this.pairs.map((p, i) => new TrackBitmap(isCopyPair(p) ? this.trackCount[i] : 0));
    this.sDiff = this.pairs.map((p, i) => new TrackBitmap(isCopyPair(p) ? this.trackCount[i] : 0));
    this.dirtyUnion = new Int32Array(n);
    this.deferred = this.pairs.map((p, i) => new TrackBitmap(isCopyPair(p) ? this.trackCount[i] : 0));
    this.copied = this.pairs.map((_, i) => new TrackBitmap(this.trackCount[i]));
    this.ops = this.pairs.map(() => []);
    this.current = this.pairs.map(() => null);
    this.tracksCopied = new Float64Array(n);
    this.bytesCopied = new Float64Array(n);
    this.rejectedCommands = new Float64Array(n);
    this.preserved = this.pairs.map(() => new Map());
    this.zeroPreserved = new Int32Array(n);
    this.poolState = this.pools.map(() => ({ used: 0, peakUsed: 0, nextSlot: 0, slotDigest: new Map(), slotRefs: new Map() }));
    this.ldevFlag = new Uint8Array(ldevs.length);
    this.pRole = ldevs.map(() => []);
    this.sRole = new Int32Array(ldevs.length).fill(-1);
    this.snapshotsOf = ldevs.map(() => []);
    this.snapshotSvol = new Int32Array(ldevs.length).fill(-1);
    this.pairs.forEach((p, i) => {
      this.ldevFlag[p.pvol] = 1;
      if (p.svol >= 0) this.ldevFlag[p.svol] = 1;
      if (p.kind === 'snapshot') {
        this.snapshotsOf[p.pvol].push(i);
        if (p.svol >= 0) this.snapshotSvol[p.svol] = i;
      } else {
        this.pRole[p.pvol].push(i);
        this.sRole[p.svol] = i;
      }
    });
  }

  stateOf(pair: number): PairState {
    return PAIR_STATES[this.state[pair]];
  }

  /** Whether host-mirror pair `pair` duplexes its server's writes now. */
  duplexing(pair: number): boolean {
    const s = this.state[pair];
    return s === COPY || s === PAIR || s === COPY_RS;
  }

  indexOf(key: string): number {
    return this.pairs.findIndex((p) => p.key === key);
  }

  // ------------------------------------------------------------------ host I/O hooks

  /** May a host read (write) `ldev` now? ACCESS_OK or a reject-reason code. Call only when ldevFlag is set. */
  hostAccess(ldev: number, isWrite: boolean): number {
    const asS = this.sRole[ldev];
    if (asS >= 0) {
      const s = this.state[asS];
      if (s === COPY_SP) return this.pairStateReason; // steady split draining: unavailable
      if (s === COPY || s === PAIR || s === COPY_RS || s === COPY_RS_R) {
        if (isWrite) return this.pairStateReason; // read-only to hosts while paired
      } else if ((s === PSUS || s === PSUS_SP) && isWrite && this.svolReadOnly[asS] === 1) {
        return this.readOnlyReason;
      }
    }
    const roles = this.pRole[ldev];
    for (let k = 0; k < roles.length; k++) {
      if (this.state[roles[k]] === COPY_RS_R) return this.pairStateReason; // restore: P-VOL inaccessible
    }
    const snaps = this.snapshotsOf[ldev];
    for (let k = 0; k < snaps.length; k++) {
      if (this.state[snaps[k]] === COPY_RS_R) return this.pairStateReason;
    }
    const snap = this.snapshotSvol[ldev];
    if (snap >= 0) {
      if (isWrite) return this.pairStateReason; // snapshot images are read-only here
      const s = this.state[snap];
      if (s !== PSUS) return this.pairStateReason; // no image (PAIR), invalid (PSUE), or being restored
    }
    return ACCESS_OK;
  }

  /** A host read of tracks [first, last] of `ldev` at the cursor: quick-split copy-on-read. */
  beforeRead(ldev: number, first: number, last: number): void {
    const p = this.sRole[ldev];
    if (p < 0 || this.state[p] !== PSUS_SP) return;
    const pending = this.pending[p];
    const end = Math.min(last, this.trackCount[p] - 1);
    for (let t = first; t <= end; t++) if (pending.has(t)) this.copyTrack(p, t, true);
    this.finishIfDrained(p);
  }

  /**
   * Tracks [first, last] of `ldev` are about to change at the cursor (a host write, a duplexed
   * write, or a copy into it by pair `except`): keep every pair and snapshot of it exact.
   * `duplexPair`: the host-mirror pair duplexing this very write (its S-VOL gets the write too).
   */
  beforeWrite(ldev: number, first: number, last: number, except: number, duplexPair: number): void {
    const roles = this.pRole[ldev];
    for (let k = 0; k < roles.length; k++) {
      const p = roles[k];
      if (p !== except && p !== duplexPair) this.pWrite(p, first, last);
    }
    const s = this.sRole[ldev];
    if (s >= 0 && s !== except && s !== duplexPair) this.sWrite(s, first, last);
    const snaps = this.snapshotsOf[ldev];
    if (snaps.length > 0) for (let t = first; t <= last; t++) this.preserve(ldev, t, except);
  }

  private pWrite(p: number, first: number, last: number): void {
    const s = this.state[p];
    if (s === SMPL || s === COPY_RS_R) return;
    const end = Math.min(last, this.trackCount[p] - 1);
    if (s === COPY || s === COPY_RS) {
      // One pass: a track this copy already copied is re-copied by the update copy in PAIR.
      const pending = this.pending[p];
      const copied = this.copied[p];
      const deferred = this.deferred[p];
      for (let t = first; t <= end; t++) (copied.has(t) ? deferred : pending).set(t);
      return;
    }
    if (s === PAIR) {
      const pending = this.pending[p];
      for (let t = first; t <= end; t++) pending.set(t);
      if (this.copyScheduled[p] === 0) {
        if (this.current[p] === null) this.openOp(p, 'update', 0);
        this.scheduleCycle(p, this.host.nowUs() + UPDATE_COPY_DELAY_US);
      }
      return;
    }
    if (s === COPY_SP || s === PSUS_SP) {
      // Copy-before-write: the S-VOL must get the image as of split acceptance.
      const pending = this.pending[p];
      for (let t = first; t <= end; t++) if (pending.has(t)) this.copyTrack(p, t, true);
      this.finishIfDrained(p);
    }
    const diff = this.pDiff[p];
    const other = this.sDiff[p];
    for (let t = first; t <= end; t++) if (diff.set(t) && !other.has(t)) this.dirtyUnion[p]++;
  }

  private sWrite(p: number, first: number, last: number): void {
    const s = this.state[p];
    const end = Math.min(last, this.trackCount[p] - 1);
    if (s === PSUS_SP) {
      // Copy-before-secondary-write: the track must hold the split image before the S write lands.
      const pending = this.pending[p];
      for (let t = first; t <= end; t++) if (pending.has(t)) this.copyTrack(p, t, true);
      this.finishIfDrained(p);
    }
    if (s === PSUS_SP || s === PSUS || s === PSUE) {
      const diff = this.sDiff[p];
      const other = this.pDiff[p];
      for (let t = first; t <= end; t++) if (diff.set(t) && !other.has(t)) this.dirtyUnion[p]++;
    }
  }

  /** Copy-on-write for every taken snapshot of `ldev` that has not preserved `track` yet. */
  private preserve(ldev: number, track: number, except: number): void {
    const snaps = this.snapshotsOf[ldev];
    const needs = (p: number): boolean => p !== except && this.state[p] === PSUS && !this.preserved[p].has(track);
    if (this.arrays.digests[ldev].get(track) === EMPTY_DIGEST) {
      // A never-written track is zero: the snapshot notes it (ZERO_SLOT), with no copy and no pool space.
      for (let k = 0; k < snaps.length; k++) {
        const p = snaps[k];
        if (!needs(p)) continue;
        this.preserved[p].set(track, ZERO_SLOT);
        this.zeroPreserved[p]++;
      }
      return;
    }
    // Generations in one pool share one copy of the old track; a pool at a time.
    for (;;) {
      let poolIndex = -1;
      let need = 0;
      for (let k = 0; k < snaps.length; k++) {
        const p = snaps[k];
        if (!needs(p)) continue;
        if (poolIndex < 0) poolIndex = this.pairs[p].pool;
        if (this.pairs[p].pool === poolIndex) need++;
      }
      if (need === 0) return;
      const pool = this.poolState[poolIndex];
      if (pool.used >= this.pools[poolIndex].capacityTracks) {
        // Pool full: these snapshots cannot keep their image; the P-VOL write goes on.
        for (let k = 0; k < snaps.length; k++) {
          const p = snaps[k];
          if (needs(p) && this.pairs[p].pool === poolIndex) this.invalidateSnapshot(p);
        }
        continue;
      }
      const slot = pool.nextSlot++;
      pool.slotDigest.set(slot, this.arrays.digests[ldev].get(track));
      pool.slotRefs.set(slot, need);
      pool.used++;
      if (pool.used > pool.peakUsed) pool.peakUsed = pool.used;
      for (let k = 0; k < snaps.length; k++) {
        const p = snaps[k];
        if (!needs(p) || this.pairs[p].pool !== poolIndex) continue;
        this.preserved[p].set(track, slot);
        this.countCopy(p, track, true);
      }
      // The copy into the pool: the write waits for the old track's read (none if cached); the
      // pool write goes through cache and is destaged behind.
      this.chargeTrackCopy(ldev, track, this.pools[poolIndex].parityGroupIndex, false);
    }
  }

  private invalidateSnapshot(p: number): void {
    this.closeOp(p);
    this.releasePreserved(p);
    this.setState(p, PSUE);
  }

  private releasePreserved(p: number): void {
    const map = this.preserved[p];
    this.zeroPreserved[p] = 0;
    if (map.size === 0) return;
    const pool = this.poolState[this.pairs[p].pool];
    for (const slot of map.values()) {
      if (slot === ZERO_SLOT) continue;
      const refs = pool.slotRefs.get(slot)! - 1;
      if (refs === 0) {
        pool.slotRefs.delete(slot);
        pool.slotDigest.delete(slot);
        pool.used--;
      } else {
        pool.slotRefs.set(slot, refs);
      }
    }
    map.clear();
  }

  // ------------------------------------------------------------------ the copy engine

  /** A copy cycle of `pair` (event EV_COPY with its generation). */
  copyCycle(p: number, generation: number): void {
    if (generation !== this.copyGen[p]) return;
    this.copyScheduled[p] = 0;
    const now = this.host.nowUs();
    const pending = this.pending[p];
    let latest = now;
    for (let k = 0; k < this.pace[p] && pending.count > 0; k++) {
      let t = pending.nextSet(this.scanPos[p]);
      if (t < 0) t = pending.nextSet(0);
      this.scanPos[p] = t + 1;
      this.cursor[0] = now;
      this.copyTrack(p, t, false);
      if (this.cursor[0] > latest) latest = this.cursor[0];
    }
    if (pending.count === 0) {
      this.finishIfDrained(p);
      return;
    }
    this.scheduleCycle(p, Math.max(now + 1, Math.ceil(latest)));
  }

  private scheduleCycle(p: number, atUs: number): void {
    this.copyScheduled[p] = 1;
    this.host.scheduleCopy(atUs, p, this.copyGen[p]);
  }

  /** Starts the copy engine now if the pair has pending tracks and none is queued. */
  private kick(p: number): void {
    if (this.copyScheduled[p] === 0 && this.pending[p].count > 0) this.scheduleCycle(p, this.host.nowUs());
  }

  /** Stops any queued cycle (a newer generation makes it stale). */
  private stopCopy(p: number): void {
    this.copyGen[p]++;
    this.copyScheduled[p] = 0;
  }

  /**
   * Copies one pending track of pair p (direction per `direction`) at the cursor, which moves to
   * when the copy is on the target's disks (the caller waits for it on access).
   */
  private copyTrack(p: number, track: number, onAccess: boolean): void {
    const pair = this.pairs[p];
    const restore = this.direction[p] === 1;
    const from = restore ? pair.svol : pair.pvol;
    const to = restore ? pair.pvol : pair.svol;
    this.pending[p].clear(track);
    // The target may itself be the P-VOL of a cascaded pair or have snapshots: keep those exact.
    if (this.ldevFlag[to] === 1) this.beforeWrite(to, track, track, p, -1);
    this.arrays.digests[to].set(track, this.arrays.digests[from].get(track));
    this.countCopy(p, track, onAccess);
    if (pair.kind === 'host-mirror') this.chargeHostCopy(pair, track, restore);
    else this.chargeTrackCopy(from, track, this.arrays.ldevParityGroup[to], !onAccess);
  }

  private countCopy(p: number, track: number, onAccess: boolean): void {
    const bytes = this.arrays.ldevTrackBytes[this.pairs[p].pvol];
    this.copied[p].set(track);
    this.tracksCopied[p]++;
    this.bytesCopied[p] += bytes;
    let op = this.current[p];
    // No current op: a snapshot preserving again after its restore, or the first update copy in PAIR.
    if (op === null) op = this.openOp(p, this.pairs[p].kind === 'snapshot' ? 'copy-on-write' : 'update', 0);
    op.tracks++;
    op.bytes += bytes;
    if (onAccess) op.onAccess++;
  }

  /**
   * Array-internal copy of a track of `from` to parity group `toGroup`, from the cursor: a read
   * of the source (none if cached), then the target write. `writeThrough`: the cursor waits for
   * the write on the target's disks (background copy cycles, which are paced by it); otherwise
   * the track lands in cache and its destage is queued behind (a copy made on a host's access:
   * the host waits for the source read only).
   */
  private chargeTrackCopy(from: number, track: number, toGroup: number, writeThrough: boolean): void {
    const arrays = this.arrays;
    const bytes = arrays.ldevTrackBytes[from];
    const pgs = arrays.parityGroups;
    this.readSourceTrack(from, track, bytes);
    pgs.destageIdle(toGroup);
    if (writeThrough) pgs.destageNow(toGroup, bytes, true);
    else pgs.scheduleDestage(toGroup, bytes, true, -1, 0);
  }

  private readSourceTrack(from: number, track: number, bytes: number): void {
    // Resident in cache (e.g. still write pending): no disk read. The cache order is untouched.
    const arrays = this.arrays;
    if (arrays.ldevCache[from].contains(from, track)) {
      this.cursor[0] += CACHE_SERVICE_US;
      return;
    }
    const pg = arrays.ldevParityGroup[from];
    arrays.parityGroups.destageIdle(pg);
    arrays.parityGroups.read(pg, bytes);
  }

  /** Host-mirror copy: the server reads the source over its leg and writes the target over the other. */
  private chargeHostCopy(pair: CompiledPair, track: number, restore: boolean): void {
    const fromLeg = restore ? pair.sLeg! : pair.pLeg!;
    const toLeg = restore ? pair.pLeg! : pair.sLeg!;
    const from = restore ? pair.svol : pair.pvol;
    const to = restore ? pair.pvol : pair.svol;
    const arrays = this.arrays;
    const bytes = arrays.ldevTrackBytes[from];
    const links = this.links;
    for (const h of fromLeg.hops) this.cursor[0] += links.propagationUs[h.linkIndex];
    arrays.frontEnd(fromLeg.frontEndPortIndex);
    this.readSourceTrack(from, track, bytes);
    for (let i = fromLeg.hops.length - 1; i >= 0; i--) links.transfer((fromLeg.hops[i].linkIndex * 2 + fromLeg.hops[i].dir) ^ 1, bytes);
    for (const h of toLeg.hops) links.transfer(h.linkIndex * 2 + h.dir, bytes);
    arrays.frontEnd(toLeg.frontEndPortIndex);
    const pg = arrays.ldevParityGroup[to];
    arrays.parityGroups.destageIdle(pg);
    arrays.parityGroups.destageNow(pg, bytes, true);
  }

  private openOp(p: number, reason: CopyReason, planned: number): CopyOp {
    const op: CopyOp = { reason, startedUs: this.host.nowUs(), endedUs: -1, planned, tracks: 0, bytes: 0, onAccess: 0 };
    this.closeOp(p);
    this.ops[p].push(op);
    this.current[p] = op;
    this.copied[p].clearAll();
    return op;
  }

  private closeOp(p: number): void {
    const op = this.current[p];
    if (op === null) return;
    op.endedUs = this.host.nowUs();
    if (op.reason === 'update' || op.reason === 'copy-on-write') op.planned = op.tracks;
    this.current[p] = null;
  }

  /** When the copy set is empty: finish the operation and move to the state it leads to. */
  private finishIfDrained(p: number): void {
    if (this.pending[p].count > 0) return;
    const s = this.state[p];
    const op = this.current[p];
    if (s === PAIR) {
      // Update copy caught up: keep the 'update' op open for the PAIR period (closed at the split).
      this.stopCopy(p);
      return;
    }
    this.stopCopy(p);
    if (s === COPY || s === COPY_RS) {
      this.closeOp(p);
      this.direction[p] = 0;
      this.setState(p, PAIR);
      // Tracks re-written after this pass copied them: the update copy takes them from here.
      if (this.deferred[p].count > 0) {
        this.pending[p].orWith(this.deferred[p]);
        this.deferred[p].clearAll();
        this.openOp(p, 'update', 0);
        this.scheduleCycle(p, this.host.nowUs() + UPDATE_COPY_DELAY_US);
      }
    } else if (s === COPY_SP || s === PSUS_SP) {
      this.closeOp(p);
      this.setState(p, PSUS);
    } else if (s === COPY_RS_R) {
      this.closeOp(p);
      this.direction[p] = 0;
      this.setState(p, this.pairs[p].kind === 'snapshot' ? PSUS : PAIR);
    } else if (op !== null && op.reason === 'update') {
      this.closeOp(p);
    }
  }

  private setState(p: number, s: number): void {
    if (this.state[p] === s) return;
    this.state[p] = s;
    this.host.log(LOG_PAIR_STATE + s, p, 0);
  }

  // ------------------------------------------------------------------ commands

  /** Applies a pair command to every addressed pair at this instant; all or nothing. */
  command(indices: number[], cmd: PairCommand): CommandResult {
    const verdicts = indices.map((p) => this.verdict(p, cmd, indices));
    const refused = indices.filter((_, k) => verdicts[k].kind === 'reject');
    if (refused.length > 0) {
      for (const p of refused) {
        this.rejectedCommands[p]++;
        this.host.log(LOG_PAIR_REJECT, p, 0);
      }
      const first = verdicts.find((v) => v.kind === 'reject') as Extract<Verdict, { kind: 'reject' }>;
      const detail = refused.map((p) => `${this.pairs[p].key}: ${(verdicts[indices.indexOf(p)] as Extract<Verdict, { kind: 'reject' }>).why}`).join('; ');
      return { ok: false, code: first.code, message: detail };
    }
    let changed = 0;
    indices.forEach((p, k) => {
      if (verdicts[k].kind === 'redundant') return;
      changed++;
      this.perform(p, cmd);
    });
    return changed === 0 ? { ok: true, redundant: true, message: 'already in the requested state' } : { ok: true };
  }

  private verdict(p: number, cmd: PairCommand, indices: number[]): Verdict {
    const pair = this.pairs[p];
    const s = this.state[p];
    const name = PAIR_STATES[s];
    const snapshot = pair.kind === 'snapshot';
    switch (cmd.op) {
      case 'create': {
        if (s !== SMPL) return s === COPY || s === PAIR ? REDUNDANT : reject('EX_INVSTP', `the pair already exists (${name}); delete it first (pairsplit -S)`);
        if (pair.svol >= 0 && this.ldevs[pair.svol].trackCount < this.trackCount[p]) {
          return reject('EX_ENQSIZ', `the S-VOL ${this.ldevs[pair.svol].id} is smaller than the P-VOL ${this.ldevs[pair.pvol].id}`);
        }
        if (pair.svol >= 0 && this.arrays.ldevReadOnly[pair.svol] === 1 && !snapshot) {
          return reject('EX_INVVOL', `the S-VOL ${this.ldevs[pair.svol].id} has the read-only attribute`);
        }
        return snapshot ? ACCEPT : (this.svolBeingRestored(p) ?? ACCEPT);
      }
      case 'split':
        if (snapshot) return s === PAIR ? ACCEPT : s === PSUS ? REDUNDANT : reject('EX_INVSTP', `cannot take a snapshot in ${name}`);
        if (s === PAIR) return ACCEPT;
        if (s === COPY || s === COPY_RS) return ACCEPT; // the rest of the copy becomes the drain
        if (s === PSUS || s === PSUS_SP || s === COPY_SP) return REDUNDANT;
        return reject('EX_INVSTP', s === SMPL ? 'no pair (SMPL): create it first (paircreate)' : `cannot split in ${name}`);
      case 'suspend':
        if (s === SMPL) return reject('EX_INVSTP', 'no pair (SMPL)');
        return s === PSUE ? REDUNDANT : ACCEPT;
      case 'delete':
        return s === SMPL ? REDUNDANT : ACCEPT;
      case 'resync':
        if (cmd.restore) {
          if (s === PSUS) return this.restoreConflict(p, indices) ?? ACCEPT;
          if (s === COPY_RS_R) return REDUNDANT;
          return reject('EX_INVSTP', s === PSUE ? 'cannot restore from PSUE: the S-VOL is not a valid image' : `cannot restore in ${name} (the pair must be split: PSUS)`);
        }
        if (snapshot) return s === PSUS || s === PSUE ? ACCEPT : s === PAIR ? REDUNDANT : reject('EX_INVSTP', `cannot resync in ${name}`);
        if (s === PSUS || s === PSUE) return this.svolBeingRestored(p) ?? ACCEPT;
        if (s === PAIR || s === COPY || s === COPY_RS) return REDUNDANT;
        return reject('EX_INVSTP', s === SMPL ? 'no pair (SMPL): create it first (paircreate)' : `cannot resync in ${name} (a split or restore is in progress)`);
    }
  }

  /**
   * A restore writes its P-VOL, which nothing else may write meanwhile without the pairs of that
   * volume missing the change: refused while the P-VOL is the S-VOL of a pair that still copies
   * into it (neither split nor suspended), while another pair restores it, while its own S-VOL
   * is being restored, and when one command restores the same P-VOL from several pairs.
   */
  private restoreConflict(p: number, indices: number[]): Verdict | null {
    const target = this.pairs[p].pvol;
    const id = this.ldevs[target].id;
    const feeder = this.sRole[target];
    const fs = feeder >= 0 ? this.state[feeder] : SMPL;
    if (fs !== SMPL && fs !== PSUS && fs !== PSUE) return reject('EX_INVVOL', `${id} is the S-VOL of ${this.pairs[feeder].key} (${PAIR_STATES[fs]}): split it first`);
    if (this.restoringOnto(target, p)) return reject('EX_INVVOL', `${id} is being restored by another pair`);
    if (indices.some((q) => q !== p && this.pairs[q].pvol === target)) return reject('EX_INVVOL', `${id} cannot be restored from several pairs at once`);
    return this.pairs[p].kind === 'snapshot' ? null : this.svolBeingRestored(p);
  }

  /** A local or host-mirror pair cannot copy while another pair restores its S-VOL. */
  private svolBeingRestored(p: number): Verdict | null {
    const svol = this.pairs[p].svol;
    return this.restoringOnto(svol, p) ? reject('EX_INVVOL', `the S-VOL ${this.ldevs[svol].id} is being restored by another pair`) : null;
  }

  /** Whether a pair other than `except` (a local pair, a host mirror or a snapshot of it) is restoring onto `ldev`. */
  private restoringOnto(ldev: number, except: number): boolean {
    for (const q of this.pRole[ldev]) if (q !== except && this.state[q] === COPY_RS_R) return true;
    for (const q of this.snapshotsOf[ldev]) if (q !== except && this.state[q] === COPY_RS_R) return true;
    return false;
  }

  private perform(p: number, cmd: PairCommand): void {
    const pair = this.pairs[p];
    switch (cmd.op) {
      case 'create':
        this.pace[p] = cmd.pace;
        this.clearBitmaps(p);
        this.ops[p] = [];
        this.current[p] = null;
        this.svolReadOnly[p] = 0;
        this.splitAtUs[p] = -1;
        this.pDigestAtSplit[p] = -1;
        if (pair.kind === 'snapshot') {
          this.setState(p, PAIR);
          return;
        }
        this.direction[p] = 0;
        this.startCopy(p, COPY, 'initial', this.writtenUnion(p));
        // `-split`: the S-VOL becomes the P-VOL's image as of now (a steady split of the copy).
        if (cmd.split) this.beginSplit(p, false, false);
        return;
      case 'split':
        if (pair.kind === 'snapshot') {
          this.preserved[p].clear();
          this.zeroPreserved[p] = 0;
          this.openOp(p, 'copy-on-write', 0);
          this.splitAtUs[p] = this.host.nowUs();
          this.pDigestAtSplit[p] = this.arrays.digests[pair.pvol].digestOfAll();
          this.setState(p, PSUS);
          return;
        }
        this.svolReadOnly[p] = cmd.readOnly ? 1 : 0;
        this.beginSplit(p, cmd.quick, cmd.readOnly);
        return;
      case 'suspend':
        this.stopCopy(p);
        this.closeOp(p);
        this.pending[p].clearAll();
        this.deferred[p].clearAll();
        if (pair.kind === 'snapshot') this.releasePreserved(p);
        this.setState(p, PSUE);
        return;
      case 'delete':
        this.stopCopy(p);
        this.closeOp(p);
        this.clearBitmaps(p);
        this.releasePreserved(p);
        this.splitAtUs[p] = -1;
        this.svolReadOnly[p] = 0;
        this.setState(p, SMPL);
        return;
      case 'resync':
        if (cmd.pace !== undefined) this.pace[p] = cmd.pace;
        this.resync(p, cmd.restore);
        return;
    }
  }

  private beginSplit(p: number, quick: boolean, readOnly: boolean): void {
    const pair = this.pairs[p];
    this.svolReadOnly[p] = readOnly ? 1 : this.svolReadOnly[p];
    this.splitAtUs[p] = this.host.nowUs();
    this.pDigestAtSplit[p] = this.arrays.digests[pair.pvol].digestOfAll();
    // Split during COPY / COPY(RS): the copy's own set plus what it re-dirtied is the drain, and
    // the operation keeps its reason; in PAIR the period's update copy ends here.
    const copying = this.state[p] === COPY || this.state[p] === COPY_RS;
    this.pending[p].orWith(this.deferred[p]);
    this.deferred[p].clearAll();
    if (!copying) this.closeOp(p);
    this.clearDiffs(p);
    if (this.pending[p].count === 0) {
      this.stopCopy(p);
      this.closeOp(p);
      this.setState(p, PSUS);
      return;
    }
    // Drain what the S-VOL still lags, as of this instant (writes from now on are pDiff).
    this.stopCopy(p);
    if (!copying) this.openOp(p, 'split-drain', this.pending[p].count);
    else this.current[p]!.planned = this.current[p]!.tracks + this.pending[p].count;
    this.setState(p, quick ? PSUS_SP : COPY_SP);
    this.kick(p);
  }

  private resync(p: number, restore: boolean): void {
    const pair = this.pairs[p];
    if (pair.kind === 'snapshot') {
      if (!restore) {
        this.closeOp(p);
        this.releasePreserved(p);
        this.splitAtUs[p] = -1;
        this.setState(p, PAIR);
        return;
      }
      // Copy the image back: every preserved track (the others equal the P-VOL already).
      const set = new TrackBitmap(this.trackCount[p]);
      for (const t of this.preserved[p].keys()) set.set(t);
      this.startSnapshotRestore(p, set);
      return;
    }
    const wasError = this.state[p] === PSUE;
    let set: TrackBitmap;
    let reason: CopyReason;
    if (wasError) {
      set = this.writtenUnion(p);
      reason = 'full-psue';
    } else if (pair.kind === 'host-mirror' && !pair.recordPositions) {
      set = this.writtenUnion(p);
      reason = 'full-no-positions';
    } else {
      set = new TrackBitmap(this.trackCount[p]);
      set.orWith(this.pDiff[p]);
      set.orWith(this.sDiff[p]);
      reason = restore ? 'restore' : 'resync-union';
    }
    this.direction[p] = restore ? 1 : 0;
    this.splitAtUs[p] = -1;
    this.svolReadOnly[p] = 0;
    this.startCopy(p, restore ? COPY_RS_R : COPY_RS, reason, set);
  }

  private startSnapshotRestore(p: number, set: TrackBitmap): void {
    this.stopCopy(p);
    this.pending[p] = set;
    this.openOp(p, 'snapshot-restore', set.count);
    this.setState(p, COPY_RS_R);
    // Snapshot restores copy from the pool: done track by track in cycles like any copy.
    this.restoreSnapshotTracks(p);
  }

  /** Restores a snapshot's preserved tracks onto its P-VOL in one pass at this instant (timed per track). */
  private restoreSnapshotTracks(p: number): void {
    const pair = this.pairs[p];
    const pool = this.poolState[pair.pool];
    const pg = this.pools[pair.pool].parityGroupIndex;
    const now = this.host.nowUs();
    const set = this.pending[p];
    let latest = now;
    set.forEachSet((t) => {
      this.cursor[0] = now;
      if (this.ldevFlag[pair.pvol] === 1) this.beforeWrite(pair.pvol, t, t, p, -1);
      const slot = this.preserved[p].get(t)!;
      this.arrays.digests[pair.pvol].set(t, slot === ZERO_SLOT ? EMPTY_DIGEST : pool.slotDigest.get(slot)!);
      this.countCopy(p, t, false);
      const pgs = this.arrays.parityGroups;
      const bytes = this.arrays.ldevTrackBytes[pair.pvol];
      pgs.destageIdle(pg);
      pgs.read(pg, bytes);
      const to = this.arrays.ldevParityGroup[pair.pvol];
      pgs.destageIdle(to);
      pgs.destageNow(to, bytes, true);
      if (this.cursor[0] > latest) latest = this.cursor[0];
    });
    set.clearAll();
    // The P-VOL stays inaccessible until the last track is on disk.
    this.host.scheduleCopy(Math.max(now + 1, Math.ceil(latest)), p, this.copyGen[p]);
    this.copyScheduled[p] = 1;
  }

  private startCopy(p: number, state: number, reason: CopyReason, set: TrackBitmap): void {
    this.stopCopy(p);
    this.pending[p] = set;
    this.deferred[p].clearAll();
    this.clearDiffs(p);
    this.scanPos[p] = 0;
    this.openOp(p, reason, set.count);
    this.setState(p, state);
    if (set.count === 0) this.finishIfDrained(p);
    else this.kick(p);
  }

  private clearDiffs(p: number): void {
    this.pDiff[p].clearAll();
    this.sDiff[p].clearAll();
    this.dirtyUnion[p] = 0;
  }

  private clearBitmaps(p: number): void {
    this.copied[p].clearAll();
    if (this.pairs[p].kind === 'snapshot') return;
    this.deferred[p].clearAll();
    this.pending[p].clearAll();
    this.clearDiffs(p);
    this.copied[p].clearAll();
  }

  /** Every track written on either volume of the pair (a full copy's set). */
  private writtenUnion(p: number): TrackBitmap {
    const pair = this.pairs[p];
    const set = new TrackBitmap(this.trackCount[p]);
    const n = this.trackCount[p];
    this.arrays.digests[pair.pvol].forEachWritten((t) => void set.set(t));
    if (pair.svol >= 0) this.arrays.digests[pair.svol].forEachWritten((t) => void (t < n && set.set(t)));
    return set;
  }

  /** Parses a scenario pair action into a command. */
  static commandOf(action: { type: string; pace?: number; split?: boolean; mode?: string; access?: string; restore?: boolean }): PairCommand {
    switch (action.type) {
      case 'pairCreate':
        return { op: 'create', pace: action.pace ?? DEFAULT_COPY_PACE, split: action.split ?? false };
      case 'pairSplit':
        return { op: 'split', quick: action.mode === 'quick', readOnly: action.access === 'r' };
      case 'pairSuspend':
        return { op: 'suspend' };
      case 'pairDelete':
        return { op: 'delete' };
      default:
        return { op: 'resync', restore: action.restore ?? false, pace: action.pace };
    }
  }

  // ------------------------------------------------------------------ outputs

  /** Content digest of an LDEV as hosts see it: a snapshot S-VOL shows its snapshot's image. */
  contentDigest(ldev: number): number {
    const snap = this.snapshotSvol[ldev];
    if (snap >= 0 && this.state[snap] !== SMPL) return this.imageDigest(snap);
    return this.arrays.digests[ldev].digestOfAll();
  }

  /** Digest of a snapshot's image: the P-VOL with every preserved track replaced by its old content. */
  imageDigest(p: number): number {
    const pair = this.pairs[p];
    const digests = this.arrays.digests[pair.pvol];
    let sum = digests.digestOfAll();
    const pool = this.poolState[pair.pool];
    for (const [t, slot] of this.preserved[p]) {
      const now = digests.get(t);
      if (now !== 0) sum = (sum - foldWrite(now, t, 0, 0x5eed)) | 0;
      const old = slot === ZERO_SLOT ? EMPTY_DIGEST : pool.slotDigest.get(slot)!;
      if (old !== 0) sum = (sum + foldWrite(old, t, 0, 0x5eed)) | 0;
    }
    return sum >>> 0;
  }

  /** The content a host reads from a track of `ldev`: a snapshot S-VOL's image, else the volume's own. */
  readTrack(ldev: number, track: number): number {
    const snap = this.snapshotSvol[ldev];
    if (snap >= 0) return this.imageTrack(snap, track);
    return this.arrays.digests[ldev].get(track);
  }

  /** A snapshot's image of one track (tests): preserved content, else the P-VOL's. */
  imageTrack(p: number, track: number): number {
    const pair = this.pairs[p];
    const slot = this.preserved[p].get(track);
    if (slot === undefined) return this.arrays.digests[pair.pvol].get(track);
    return slot === ZERO_SLOT ? EMPTY_DIGEST : this.poolState[pair.pool].slotDigest.get(slot)!;
  }

  private svolState(p: number): string {
    const s = this.state[p];
    const pair = this.pairs[p];
    const display = this.displayState(p);
    if (pair.kind === 'snapshot') return display;
    if (s === PSUS || s === PSUS_SP) return 'SSUS';
    return display;
  }

  private displayState(p: number): PairState {
    const pair = this.pairs[p];
    const s = this.state[p];
    if (pair.kind === 'snapshot' && (s === PAIR || s === PSUS)) {
      const pool = this.pools[pair.pool];
      const usedPct = (100 * this.poolState[pair.pool].used) / pool.capacityTracks;
      if (usedPct > pool.warningPct) return s === PAIR ? 'PFUL' : 'PFUS';
    }
    return PAIR_STATES[s];
  }

  private copyPct(p: number): number {
    const op = this.current[p];
    const pending = this.pending[p].count;
    if (pending === 0) return 100;
    if (op === null || op.reason === 'update') {
      const n = this.trackCount[p];
      return Math.floor((100 * (n - pending)) / n);
    }
    const planned = Math.max(op.planned, op.tracks + pending);
    return Math.floor((100 * (planned - pending)) / planned);
  }

  pairStatus(p: number): PairStatus {
    const pair = this.pairs[p];
    const s = this.state[p];
    const snapshot = pair.kind === 'snapshot';
    let svolAccess: PairStatus['svolAccess'] = 'rw';
    if (pair.svol < 0) svolAccess = 'none';
    else if (snapshot) svolAccess = s === PSUS ? 'r' : 'none';
    else if (s === COPY_SP) svolAccess = 'none';
    else if (s === COPY || s === PAIR || s === COPY_RS || s === COPY_RS_R) svolAccess = 'r';
    else if ((s === PSUS || s === PSUS_SP) && this.svolReadOnly[p] === 1) svolAccess = 'r';
    return {
      key: pair.key,
      group: pair.group,
      device: pair.device,
      kind: pair.kind,
      mu: pair.mu,
      pvol: this.ldevs[pair.pvol].id,
      svol: pair.svol >= 0 ? this.ldevs[pair.svol].id : null,
      state: this.displayState(p),
      svolState: this.svolState(p),
      copyPct: snapshot ? 100 : this.copyPct(p),
      pace: this.pace[p],
      pendingTracks: this.pending[p].count,
      pDirtyTracks: snapshot ? 0 : this.pDiff[p].count,
      sDirtyTracks: snapshot ? 0 : this.sDiff[p].count,
      dirtyTracks: snapshot ? 0 : this.dirtyUnion[p],
      trackCount: this.trackCount[p],
      tracksCopied: this.tracksCopied[p],
      bytesCopied: this.bytesCopied[p],
      splitAtS: this.splitAtUs[p] >= 0 && (s === PSUS || s === PSUS_SP || s === COPY_SP) ? this.splitAtUs[p] / US_PER_S : null,
      svolAccess,
      preservedTracks: this.preserved[p].size - this.zeroPreserved[p],
    };
  }

  poolStatus(i: number): PoolStatus {
    const pool = this.pools[i];
    const used = this.poolState[i].used;
    const usedPct = Math.round((100_000 * used) / pool.capacityTracks) / 1000;
    return {
      key: pool.key,
      arrayId: pool.key.slice(0, pool.key.length - pool.poolId.length - 1),
      poolId: pool.poolId,
      name: pool.name,
      capacityTracks: pool.capacityTracks,
      usedTracks: used,
      usedPct,
      warningPct: pool.warningPct,
      state: used >= pool.capacityTracks ? 'full' : usedPct > pool.warningPct ? 'warning' : 'normal',
    };
  }

  status(): ReplicationStatus {
    const pairs = this.pairs.map((_, p) => this.pairStatus(p)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const pools = this.pools.map((_, i) => this.poolStatus(i)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { pairs, pools };
  }

  pairReport(p: number, round: (x: number) => number): PairReport {
    const { key: _key, ...status } = this.pairStatus(p);
    void _key;
    const pair = this.pairs[p];
    const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
    const svolDigest = pair.kind === 'snapshot' ? this.imageDigest(p) : pair.svol >= 0 ? this.arrays.digests[pair.svol].digestOfAll() : 0;
    return {
      ...status,
      copyPct: round(status.copyPct),
      splitAtS: status.splitAtS === null ? null : round(status.splitAtS),
      pDigestAtSplit: this.pDigestAtSplit[p] >= 0 ? hex(this.pDigestAtSplit[p]) : null,
      svolDigest: hex(svolDigest),
      copies: this.ops[p].map(
        (op): CopyOpReport => ({
          reason: op.reason,
          startedS: round(op.startedUs / US_PER_S),
          endedS: op.endedUs >= 0 ? round(op.endedUs / US_PER_S) : null,
          tracksPlanned: op.endedUs >= 0 ? op.planned : op.reason === 'update' ? op.tracks + this.pending[p].count : op.reason === 'copy-on-write' ? op.tracks : op.planned,
          tracks: op.tracks,
          bytes: op.bytes,
          onAccessTracks: op.onAccess,
        }),
      ),
      rejectedCommands: this.rejectedCommands[p],
    };
  }

  poolReport(i: number): PoolReport {
    const { key: _key, ...status } = this.poolStatus(i);
    void _key;
    const peak = this.poolState[i].peakUsed;
    return { ...status, peakUsedPct: Math.round((100_000 * peak) / this.pools[i].capacityTracks) / 1000 };
  }

  bitmap(p: number, maxCells: number): PairBitmap {
    const n = this.trackCount[p];
    const cellsWanted = Math.max(1, Math.min(maxCells | 0, n));
    const perCell = Math.ceil(n / cellsWanted);
    const cellCount = Math.ceil(n / perCell);
    const cells = new Uint8Array(cellCount);
    const mark = (bm: TrackBitmap, code: number): void => {
      if (bm.trackCount === 0) return;
      bm.forEachSet((t) => {
        const c = Math.floor(t / perCell);
        if (cells[c] < code) cells[c] = code;
      });
    };
    const snapshot = this.pairs[p].kind === 'snapshot';
    mark(this.copied[p], BITMAP_COPIED);
    if (!snapshot) {
      mark(this.pDiff[p], BITMAP_DIRTY);
      mark(this.sDiff[p], BITMAP_DIRTY);
      mark(this.pending[p], BITMAP_PENDING);
    }
    void BITMAP_CLEAN;
    return {
      key: this.pairs[p].key,
      state: this.displayState(p),
      trackCount: n,
      tracksPerCell: perCell,
      cells,
      pendingTracks: snapshot ? 0 : this.pending[p].count,
      dirtyTracks: snapshot ? 0 : this.dirtyUnion[p],
      copiedTracks: this.copied[p].count,
    };
  }
}
