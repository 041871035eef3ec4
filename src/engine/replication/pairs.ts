/**
 * Local replication at run time: ShadowImage-style array pairs, the host mirror program of
 * JP2002-041345, and Thin Image-style copy-on-write snapshots. `Replication` owns every table
 * of them (pair-tables.ts) and is their only writer; the simulation, the inspector and the
 * tests use its methods.
 *
 * Owns:
 * - the hooks the I/O path calls for LDEVs that take part in a pair (`ldevFlag`):
 *   `hostAccess` (may a host read / write it now? the rules are host-access.ts's),
 *   `beforeRead` (quick split copy-on-read) and `beforeWrite` (P-VOL: mark pending or
 *   copy-before-write, record pDiff; S-VOL: quick split copy-before-secondary-write, record
 *   sDiff; snapshots: copy-on-write.ts preserves the old track in the pool once per generation
 *   set, or invalidates them when it is full). They run per host I/O and allocate nothing;
 * - the copy engine: a pair with pending tracks runs copy cycles (event EV_COPY) of `pace`
 *   tracks each, scanning round-robin from where the last cycle stopped; content moves as
 *   digests (`TrackDigests.set`) at the cycle's event, its time is charged by copy-costs.ts on
 *   the same timelines as host I/O, so copies and host I/O compete; a drained copy set moves
 *   the pair on (COPY / COPY(RS) / COPY(RS-R) → PAIR, COPY(SP) / PSUS(SP) → PSUS, a snapshot's
 *   COPY(RS-R) → PSUS); the copy operations of each pair, as reported;
 * - the entry of pair commands, carried out by pair-commands.ts (the lifecycle diagram) after
 *   pair-acceptance.ts's verdicts, through the engine operations bound in `engine`.
 *
 * Invariants: a track is in `pending` only while a copy operation is current; every copied
 * track's content is exactly the source's at the copy instant; a quick-split track is copied at
 * most once (its pending bit is cleared by the copy); an initial copy or resync is one pass
 * (tracks it re-dirties are `deferred` to the update copy in PAIR).
 *
 * Does not handle: remote copy and journals (remote/), deciding that a fault suspends a pair
 * (faults/fault-runtime.ts sends `suspend`); delegated to: host access rules (host-access.ts),
 * copy-on-write and restore (copy-on-write.ts, via `copyOnWrite`), outputs (pair-outputs.ts).
 */
import { PAIR_STATES, type CommandResult, type CopyReason, type PairBitmap, type PairReport, type PairState, type PairStatus, type PoolReport, type PoolStatus, type ReplicationStatus } from '../api.ts';
import type { DiskArrays } from '../array/array.ts';
import type { CompiledLdev } from '../compile.ts';
import { UPDATE_COPY_DELAY_US } from '../constants.ts';
import { LOG_PAIR_STATE } from '../events.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { TrackBitmap } from './bitmap.ts';
import type { CompiledPair, CompiledPool, CompiledReplication } from './compile-replication.ts';
import { chargeHostCopy, chargeTrackCopy } from './copy-costs.ts';
import { preserve, releasePreserved, restoreSnapshotTracks, type SnapshotEngine } from './copy-on-write.ts';
import { duplexing, hostAccess } from './host-access.ts';
import type { ReplicationHost } from './replication-host.ts';
import { anyPending, markPDiff, markPending, pendingToPDiff } from './remote-levers.ts';
import { commandOf } from './pair-acceptance.ts';
import { applyCommand, type PairEngine } from './pair-commands.ts';
import * as outputs from './pair-outputs.ts';
import { COPY, COPY_RS, COPY_RS_R, COPY_SP, PAIR, PFUS, PSUE, PSUS, PSUS_SP, SMPL, SSWS, createPairTables, type CopyOp, type PairCommand, type PairTables } from './pair-tables.ts';

export { ACCESS_OK, COPY, COPY_RS, COPY_RS_R, COPY_SP, PAIR, PFUS, PSUE, PSUS, PSUS_SP, SMPL, SSWS } from './pair-tables.ts';
export type { RemoteHooks, ReplicationHost } from './replication-host.ts';

export class Replication {
  readonly pairs: CompiledPair[];
  readonly pools: CompiledPool[];
  /** Per LDEV: 1 when some pair or snapshot involves it (the I/O path calls the hooks only then). */
  readonly ldevFlag: Uint8Array;
  /**
   * Set by `beforeRead`: whose cache and disks serve that read — the LDEV (a snapshot S-VOL's
   * unpreserved track is its P-VOL's) and a parity group overriding the LDEV's (a preserved
   * track is read from the pool's group), or -1.
   */
  readLdev = 0;
  readGroup = -1;
  readonly pending: TrackBitmap[];
  readonly pDiff: TrackBitmap[];
  readonly sDiff: TrackBitmap[];
  /** Every per-pair and per-LDEV table; written only here. */
  private readonly tables: PairTables;
  /** The tables and the copy engine's operations, as pair-commands.ts drives them. */
  private readonly engine: PairEngine;
  /** The tables and the operations snapshot copy-on-write (copy-on-write.ts) uses. */
  private readonly copyOnWrite: SnapshotEngine;
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
    const t = createPairTables(compiled, ldevs, arrays.digests, arrays.ldevReadOnly);
    this.tables = t;
    this.pairs = t.pairs;
    this.pools = t.pools;
    this.ldevFlag = t.ldevFlag;
    this.pending = t.pending;
    this.pDiff = t.pDiff;
    this.sDiff = t.sDiff;
    this.arrays = arrays;
    this.links = links;
    this.cursor = cursor;
    this.host = host;
    this.readOnlyReason = reasons.readOnly;
    this.pairStateReason = reasons.pairState;
    this.engine = {
      tables: t,
      nowUs: () => host.nowUs(),
      log: (code, a, b) => host.log(code, a, b),
      setState: (p, s) => this.setState(p, s),
      stopCopy: (p) => this.stopCopy(p),
      kick: (p) => this.kick(p),
      openOp: (p, reason, planned) => this.openOp(p, reason, planned),
      closeOp: (p) => this.closeOp(p),
      finishIfDrained: (p) => this.finishIfDrained(p),
      releasePreserved: (p) => releasePreserved(t, p),
      restoreSnapshotTracks: (p) => restoreSnapshotTracks(this.copyOnWrite, p),
      remotePurge: (p, keepBits) => host.remote?.purge(p, keepBits),
      remoteSwapped: (p) => host.remote?.swapped(p),
    };
    this.copyOnWrite = {
      tables: t,
      arrays,
      cursor,
      nowUs: () => host.nowUs(),
      scheduleCopy: (atUs, p, generation) => host.scheduleCopy(atUs, p, generation),
      setState: (p, s) => this.setState(p, s),
      closeOp: (p) => this.closeOp(p),
      countCopy: (p, track, onAccess) => this.countCopy(p, track, onAccess),
      beforeWrite: (ldev, first, last, except, duplexPair) => this.beforeWrite(ldev, first, last, except, duplexPair),
    };
  }

  stateOf(pair: number): PairState {
    return PAIR_STATES[this.tables.state[pair]];
  }

  /** Whether host-mirror pair `pair` duplexes its server's writes now (host-access.ts). */
  duplexing(pair: number): boolean {
    return duplexing(this.tables, pair);
  }

  indexOf(key: string): number {
    return this.pairs.findIndex((p) => p.key === key);
  }

  // ------------------------------------------------------------------ host I/O hooks

  /** May a host read (write) `ldev` now? ACCESS_OK or a reject-reason code (host-access.ts). Call only when ldevFlag is set. */
  hostAccess(ldev: number, isWrite: boolean): number {
    return hostAccess(this.tables, ldev, isWrite, this.readOnlyReason, this.pairStateReason);
  }

  /** A host read of tracks [first, last] of `ldev` at the cursor: quick-split copy-on-read. */
  beforeRead(ldev: number, first: number, last: number): void {
    const t = this.tables;
    this.readLdev = ldev;
    this.readGroup = -1;
    const snap = t.snapshotSvol[ldev];
    if (snap >= 0) {
      // A snapshot image: a preserved track comes from the pool, the others from the P-VOL.
      if (t.preserved[snap].has(first)) this.readGroup = t.pools[t.pairs[snap].pool].parityGroupIndex;
      else this.readLdev = t.pairs[snap].pvol;
      return;
    }
    const p = t.sRole[ldev];
    if (p < 0 || t.state[p] !== PSUS_SP) return;
    const pending = t.pending[p];
    const end = Math.min(last, t.trackCount[p] - 1);
    for (let track = first; track <= end; track++) if (pending.has(track)) this.copyTrack(p, track, true);
    this.finishIfDrained(p);
  }

  /**
   * Tracks [first, last] of `ldev` are about to change at the cursor (a host write, a duplexed
   * write, or a copy into it by pair `except`): keep every pair and snapshot of it exact.
   * `duplexPair`: the host-mirror pair duplexing this very write (its S-VOL gets the write too).
   */
  beforeWrite(ldev: number, first: number, last: number, except: number, duplexPair: number): void {
    const t = this.tables;
    const roles = t.pRole[ldev];
    for (let k = 0; k < roles.length; k++) {
      const p = roles[k];
      if (p !== except && p !== duplexPair) this.pWrite(p, first, last);
    }
    const s = t.sRole[ldev];
    if (s >= 0 && s !== except && s !== duplexPair) this.sWrite(s, first, last);
    const snaps = t.snapshotsOf[ldev];
    if (snaps.length > 0) for (let track = first; track <= last; track++) preserve(this.copyOnWrite, ldev, track, except);
  }

  private pWrite(p: number, first: number, last: number): void {
    const t = this.tables;
    const s = t.state[p];
    if (s === SMPL || s === COPY_RS_R) return;
    const end = Math.min(last, t.trackCount[p] - 1);
    if (t.pairs[p].remote !== null) {
      // Remote pairs: in PAIR the write travels by itself (sync update / journal entry); while
      // copying, a written track is (re)copied; while suspended or split, it is a pDiff bit.
      // COPY / COPY(RS): remote copy decides after the write is accepted (afterAccept: pending
      // tracks carry it, copied ones get the update in sequence).
      if (s === PAIR || s === COPY || s === COPY_RS) return;
    }
    if (s === COPY || s === COPY_RS) {
      // One pass: a track this copy already copied is re-copied by the update copy in PAIR.
      const pending = t.pending[p];
      const copied = t.copied[p];
      const deferred = t.deferred[p];
      for (let track = first; track <= end; track++) (copied.has(track) ? deferred : pending).set(track);
      return;
    }
    if (s === PAIR) {
      const pending = t.pending[p];
      for (let track = first; track <= end; track++) pending.set(track);
      if (t.copyScheduled[p] === 0) {
        if (t.current[p] === null) this.openOp(p, 'update', 0);
        this.scheduleCycle(p, this.host.nowUs() + UPDATE_COPY_DELAY_US);
      }
      return;
    }
    if (s === COPY_SP || s === PSUS_SP) {
      // Copy-before-write: the S-VOL must get the image as of split acceptance.
      const pending = t.pending[p];
      for (let track = first; track <= end; track++) if (pending.has(track)) this.copyTrack(p, track, true);
      this.finishIfDrained(p);
    }
    const diff = t.pDiff[p];
    const other = t.sDiff[p];
    for (let track = first; track <= end; track++) if (diff.set(track) && !other.has(track)) t.dirtyUnion[p]++;
  }

  private sWrite(p: number, first: number, last: number): void {
    const t = this.tables;
    const s = t.state[p];
    const end = Math.min(last, t.trackCount[p] - 1);
    if (s === PSUS_SP) {
      // Copy-before-secondary-write: the track must hold the split image before the S write lands.
      const pending = t.pending[p];
      for (let track = first; track <= end; track++) if (pending.has(track)) this.copyTrack(p, track, true);
      this.finishIfDrained(p);
    }
    if (s === PSUS_SP || s === PSUS || s === PSUE || s === PFUS || s === SSWS) {
      const diff = t.sDiff[p];
      const other = t.pDiff[p];
      for (let track = first; track <= end; track++) if (diff.set(track) && !other.has(track)) t.dirtyUnion[p]++;
    }
  }

  // ------------------------------------------------------------------ the copy engine

  /** A copy cycle of `pair` (event EV_COPY with its generation). */
  copyCycle(p: number, generation: number): void {
    const t = this.tables;
    if (generation !== t.copyGen[p]) return;
    t.copyScheduled[p] = 0;
    const now = this.host.nowUs();
    const pending = t.pending[p];
    let latest = now;
    for (let k = 0; k < t.pace[p] && pending.count > 0; k++) {
      let track = pending.nextSet(t.scanPos[p]);
      if (track < 0) track = pending.nextSet(0);
      t.scanPos[p] = track + 1;
      this.cursor[0] = now;
      this.copyTrack(p, track, false);
      if (this.cursor[0] > latest) latest = this.cursor[0];
    }
    if (pending.count === 0) {
      this.finishIfDrained(p);
      return;
    }
    this.scheduleCycle(p, Math.max(now + 1, Math.ceil(latest)));
  }

  private scheduleCycle(p: number, atUs: number): void {
    this.tables.copyScheduled[p] = 1;
    this.host.scheduleCopy(atUs, p, this.tables.copyGen[p]);
  }

  /** Starts the copy engine now if the pair has pending tracks and none is queued. */
  private kick(p: number): void {
    if (this.tables.copyScheduled[p] === 0 && this.tables.pending[p].count > 0) this.scheduleCycle(p, this.host.nowUs());
  }

  /** Stops any queued cycle (a newer generation makes it stale). */
  private stopCopy(p: number): void {
    this.tables.copyGen[p]++;
    this.tables.copyScheduled[p] = 0;
  }

  /**
   * Copies one pending track of pair p (direction per `direction`) at the cursor, which moves to
   * when the copy is on the target's disks (the caller waits for it on access).
   */
  private copyTrack(p: number, track: number, onAccess: boolean): void {
    const t = this.tables;
    const pair = t.pairs[p];
    const restore = t.direction[p] === 1;
    const from = restore ? pair.svol : pair.pvol;
    const to = restore ? pair.pvol : pair.svol;
    t.pending[p].clear(track);
    if (pair.remote !== null) {
      if (to >= 0 && t.ldevFlag[to] === 1) this.beforeWrite(to, track, track, p, -1);
      this.host.remote!.copyTrack(p, track);
      this.countCopy(p, track, onAccess);
      return;
    }
    // The target may itself be the P-VOL of a cascaded pair or have snapshots: keep those exact.
    if (t.ldevFlag[to] === 1) this.beforeWrite(to, track, track, p, -1);
    this.arrays.digests[to].set(track, this.arrays.digests[from].get(track));
    this.countCopy(p, track, onAccess);
    if (pair.kind === 'host-mirror') chargeHostCopy(this.arrays, this.links, this.cursor, pair, track, restore);
    else chargeTrackCopy(this.arrays, this.cursor, from, track, this.arrays.ldevParityGroup[to], !onAccess);
  }

  private countCopy(p: number, track: number, onAccess: boolean): void {
    const t = this.tables;
    const bytes = this.arrays.ldevTrackBytes[t.pairs[p].pvol];
    t.copied[p].set(track);
    t.tracksCopied[p]++;
    t.bytesCopied[p] += bytes;
    let op = t.current[p];
    // No current op: a snapshot preserving again after its restore, or the first update copy in PAIR.
    if (op === null) op = this.openOp(p, t.pairs[p].kind === 'snapshot' ? 'copy-on-write' : 'update', 0);
    op.tracks++;
    op.bytes += bytes;
    if (onAccess) op.onAccess++;
  }

  private openOp(p: number, reason: CopyReason, planned: number): CopyOp {
    const t = this.tables;
    const op: CopyOp = { reason, startedUs: this.host.nowUs(), endedUs: -1, planned, tracks: 0, bytes: 0, onAccess: 0 };
    this.closeOp(p);
    t.ops[p].push(op);
    t.current[p] = op;
    t.copied[p].clearAll();
    return op;
  }

  private closeOp(p: number): void {
    const op = this.tables.current[p];
    if (op === null) return;
    op.endedUs = this.host.nowUs();
    if (op.reason === 'update' || op.reason === 'copy-on-write') op.planned = op.tracks;
    this.tables.current[p] = null;
  }

  /** When the copy set is empty: finish the operation and move to the state it leads to. */
  private finishIfDrained(p: number): void {
    const t = this.tables;
    if (t.pending[p].count > 0) return;
    const s = t.state[p];
    const op = t.current[p];
    if (s === PAIR) {
      // Update copy caught up: keep the 'update' op open for the PAIR period (closed at the split).
      this.stopCopy(p);
      return;
    }
    this.stopCopy(p);
    if (s === COPY || s === COPY_RS) {
      this.closeOp(p);
      t.direction[p] = 0;
      this.setState(p, PAIR);
      // Tracks re-written after this pass copied them: the update copy takes them from here.
      if (t.deferred[p].count > 0) {
        t.pending[p].orWith(t.deferred[p]);
        t.deferred[p].clearAll();
        this.openOp(p, 'update', 0);
        this.scheduleCycle(p, this.host.nowUs() + UPDATE_COPY_DELAY_US);
      }
    } else if (s === COPY_SP || s === PSUS_SP) {
      this.closeOp(p);
      this.setState(p, PSUS);
    } else if (s === COPY_RS_R) {
      this.closeOp(p);
      t.direction[p] = 0;
      this.setState(p, t.pairs[p].kind === 'snapshot' ? PSUS : PAIR);
    } else if (op !== null && op.reason === 'update') {
      this.closeOp(p);
    }
  }

  private setState(p: number, s: number): void {
    if (this.tables.state[p] === s) return;
    this.tables.state[p] = s;
    this.host.log(LOG_PAIR_STATE + s, p, 0);
    if (this.tables.pairs[p].remote !== null) this.host.remote?.stateChanged(p, s);
  }

  // ------------------------------------------------------------------ remote copy's levers (remote/remote-copy.ts)

  /** The state index (PAIR_STATES position) of `p`. */
  stateIndex(p: number): number {
    return this.tables.state[p];
  }

  /** Tracks [first, last] of remote pair `p`'s P-VOL did not reach the remote: pDiff bits. */
  markPDiff(p: number, first: number, last: number): void {
    markPDiff(this.tables, p, first, last);
  }

  /** A remote pair's state change forced by remote copy (a lost WAN, a full journal): stops its copy, what it still owed becomes pDiff bits. */
  forceState(p: number, s: number): void {
    const t = this.tables;
    if (t.state[p] === s) return;
    if (t.state[p] === COPY || t.state[p] === COPY_RS) {
      this.stopCopy(p);
      this.closeOp(p);
      pendingToPDiff(t, p);
    }
    this.setState(p, s);
  }

  /** The reject reason of host writes to remote pair `p`'s P-VOL now (-1: none). */
  setRemoteReject(p: number, reason: number): void {
    this.tables.remoteReject[p] = reason;
  }
  /** A remote pair's master journal crossed 80 % (the host is told, for its alert). */
  setRemotePful(p: number, over: boolean): void {
    if (this.tables.remotePful[p] !== (over ? 1 : 0)) this.host.remotePful?.(p, over);
    this.tables.remotePful[p] = over ? 1 : 0;
  }

  /** Whether any of tracks [first, last] of `p` is still to copy. */
  anyPending(p: number, first: number, last: number): boolean {
    return anyPending(this.tables, p, first, last);
  }

  /** Tracks [first, last] of `p` join the copy set (a write to a track still to copy: the copy carries it). */
  markPending(p: number, first: number, last: number): void {
    markPending(this.tables, p, first, last);
    this.kick(p);
  }

  /** The pending copy set of `p` (remote copy checks whether a copy is still running). */
  pendingCount(p: number): number {
    return this.tables.pending[p].count;
  }

  // ------------------------------------------------------------------ commands (pair-commands.ts)

  /** Applies a pair command to every addressed pair at this instant; all or nothing. */
  command(indices: number[], cmd: PairCommand): CommandResult {
    const splitBefore = indices.map((p) => this.tables.splitAtUs[p]);
    const result = applyCommand(this.engine, indices, cmd);
    if (result.ok && this.host.splitAccepted) {
      indices.forEach((p, k) => {
        if (this.tables.splitAtUs[p] !== splitBefore[k] && this.tables.splitAtUs[p] === this.host.nowUs()) this.host.splitAccepted!(p);
      });
    }
    return result;
  }

  /** Parses a scenario pair action into a command. */
  static commandOf(action: { type: string; pace?: number; split?: boolean; mode?: string; access?: string; restore?: boolean; takeover?: boolean; swap?: boolean }): PairCommand {
    return commandOf(action);
  }

  // ------------------------------------------------------------------ outputs (pair-outputs.ts)

  contentDigest(ldev: number): number {
    return outputs.contentDigest(this.tables, ldev);
  }

  imageDigest(p: number): number {
    return outputs.imageDigest(this.tables, p);
  }

  readTrack(ldev: number, track: number): number {
    return outputs.readTrack(this.tables, ldev, track);
  }

  imageTrack(p: number, track: number): number {
    return outputs.imageTrack(this.tables, p, track);
  }

  pairStatus(p: number): PairStatus {
    return outputs.pairStatus(this.tables, p);
  }

  poolStatus(i: number): PoolStatus {
    return outputs.poolStatus(this.tables, i);
  }

  status(): ReplicationStatus {
    return outputs.replicationStatus(this.tables);
  }

  /** Every pair's report, keyed `group/device`, in key order. */
  pairReports(round: (x: number) => number): Record<string, PairReport> {
    return outputs.byKey(this.pairs, (p) => outputs.pairReport(this.tables, p, round));
  }

  /** Every pool's report, keyed `arrayId/poolId`, in key order. */
  poolReports(): Record<string, PoolReport> {
    return outputs.byKey(this.pools, (i) => outputs.poolReport(this.tables, i));
  }

  bitmap(p: number, maxCells: number): PairBitmap {
    return outputs.pairBitmap(this.tables, p, maxCells);
  }
}
