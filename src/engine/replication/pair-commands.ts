/**
 * Pair commands carried out: paircreate, pairsplit (steady, quick, -E, -S) and pairresync
 * (-restore) on local pairs, host mirrors and snapshots, as transitions of the pair tables
 * driven through the copy engine of `Replication` (pairs.ts), which owns the tables and hands
 * this module a `PairEngine`.
 *
 * Lifecycle (DESIGN.md "Local pairs", "Copy-on-write snapshots"; "drained" and "restored" are
 * the copy engine's transitions, pairs.ts `finishIfDrained`):
 *
 *   local pair / host mirror:
 *     SMPL ─paircreate─▶ COPY ─drained─▶ PAIR
 *     COPY / PAIR / COPY(RS) ─pairsplit─▶ COPY(SP) ─drained─▶ PSUS   (nothing pending: PSUS)
 *     COPY / PAIR / COPY(RS) ─pairsplit -fq quick─▶ PSUS(SP) ─drained─▶ PSUS
 *     PSUS / PSUE ─pairresync─▶ COPY(RS) ─drained─▶ PAIR
 *     PSUS ─pairresync -restore─▶ COPY(RS-R) ─drained─▶ PAIR
 *   snapshot:
 *     SMPL ─paircreate─▶ PAIR ─pairsplit─▶ PSUS ─pairresync─▶ PAIR;  PSUE ─pairresync─▶ PAIR
 *     PSUS ─pairresync -restore─▶ COPY(RS-R) ─restored─▶ PSUS;  PSUS ─pool full─▶ PSUE
 *   any state but SMPL: pairsplit -E ─▶ PSUE;  pairsplit -S ─▶ SMPL
 *
 * - paircreate: copy set = every track written on either volume (never-written tracks are zero
 *   on both and skipped, as ShadowImage skips unallocated pages of DP-VOLs); `-split` splits the
 *   new pair at once (a steady split of the initial copy); a snapshot has no image yet;
 * - PAIR: local pairs copy P-VOL updates asynchronously (UPDATE_COPY_DELAY_US), so the S-VOL may
 *   lag; a host mirror duplexes each write of its server to both volumes (simulation.ts);
 * - steady split (Fig. 5a): the P-VOL image at acceptance is what the S-VOL gets: pending tracks
 *   are drained (COPY(SP)), a P-VOL write to a still-pending track copies it first; the S-VOL is
 *   unavailable until PSUS. Quick split (Fig. 5b): PSUS(SP) at once, the S-VOL usable at once;
 *   the same drain runs in the background, a S-VOL read or write of a pending track copies it
 *   first; every track is copied at most once. A host mirror splits at once (nothing pending).
 *   A split during COPY / COPY(RS) drains the rest of that copy, which keeps its reason;
 * - pairresync: the union of pDiff and sDiff is the copy set; from PSUE, or for a host mirror
 *   that does not record positions, every track written on either side; `-restore` copies the
 *   union S → P, the P-VOL inaccessible meanwhile;
 * - snapshots: pairsplit takes the image; pairresync discards it; pairresync -restore copies the
 *   image (every preserved track) back onto the P-VOL.
 *
 * Invariants: a command is checked for every addressed pair (pair-acceptance.ts) before any of
 * them changes, and all of them change at one instant or none does; a rejected or redundant
 * command changes nothing but the rejection count and the event log.
 *
 * Does not handle: acceptance (pair-acceptance.ts), copying and the drained transitions
 * (pairs.ts), faults that suspend a pair (issue 6).
 */
import type { CommandResult, CopyReason } from '../api.ts';
import { LOG_PAIR_REJECT } from '../events.ts';
import { TrackBitmap } from './bitmap.ts';
import { verdict, type Rejection } from './pair-acceptance.ts';
import { COPY, COPY_RS, COPY_RS_R, COPY_SP, PAIR, PSUE, PSUS, PSUS_SP, SMPL, SSWS, writtenUnion, type CopyOp, type PairCommand, type PairTables } from './pair-tables.ts';

/** What carrying out a command needs from `Replication`: its tables and its copy engine (bound once). */
export interface PairEngine {
  readonly tables: PairTables;
  nowUs(): number;
  /** Records a replication event in the event log. */
  log(code: number, a: number, b: number): void;
  setState(p: number, s: number): void;
  /** Stops any queued copy cycle of the pair. */
  stopCopy(p: number): void;
  /** Starts the copy engine now if the pair has pending tracks and none is queued. */
  kick(p: number): void;
  openOp(p: number, reason: CopyReason, planned: number): CopyOp;
  closeOp(p: number): void;
  /** When the copy set is empty: finish the operation and move to the state it leads to. */
  finishIfDrained(p: number): void;
  /** Frees a snapshot's pool slots. */
  releasePreserved(p: number): void;
  /** Restores a snapshot's pending (preserved) tracks onto its P-VOL. */
  restoreSnapshotTracks(p: number): void;
  /** Remote pairs: the writes the remote has not applied leave the journal, as pDiff bits (delete: dropped). */
  remotePurge(p: number, keepBits: boolean): void;
  /** Remote pairs: the P-VOL and S-VOL changed roles (pairresync -swaps). */
  remoteSwapped(p: number): void;
}

/** Applies a pair command to every addressed pair at this instant; all or nothing. */
/**
 * The pairs a command addresses, as CCI does: every device of `group`, or just `device`; a
 * refusal naming the unknown group (EX_ENOGRP) or device (EX_ENODEV) when there is none.
 */
export function addressedPairs(pairs: readonly { group: string; device: string }[], group: string, device: string | undefined): number[] | CommandResult {
  const indices: number[] = [];
  pairs.forEach((p, i) => {
    if (p.group === group && (device === undefined || p.device === device)) indices.push(i);
  });
  if (indices.length > 0) return indices;
  return pairs.some((p) => p.group === group)
    ? { ok: false, code: 'EX_ENODEV', message: `no device "${device}" in copy group "${group}"` }
    : { ok: false, code: 'EX_ENOGRP', message: `no copy group "${group}"` };
}

export function applyCommand(e: PairEngine, indices: number[], cmd: PairCommand): CommandResult {
  const t = e.tables;
  const verdicts = indices.map((p) => verdict(t, p, cmd, indices));
  const refused = indices.filter((_, k) => verdicts[k].kind === 'reject');
  if (refused.length > 0) {
    for (const p of refused) {
      t.rejectedCommands[p]++;
      e.log(LOG_PAIR_REJECT, p, 0);
    }
    const first = verdicts.find((v) => v.kind === 'reject') as Rejection;
    const detail = refused.map((p) => `${t.pairs[p].key}: ${(verdicts[indices.indexOf(p)] as Rejection).why}`).join('; ');
    return { ok: false, code: first.code, message: detail };
  }
  let changed = 0;
  indices.forEach((p, k) => {
    if (verdicts[k].kind === 'redundant') return;
    changed++;
    perform(e, p, cmd);
  });
  return changed === 0 ? { ok: true, redundant: true, message: 'already in the requested state' } : { ok: true };
}

function perform(e: PairEngine, p: number, cmd: PairCommand): void {
  const t = e.tables;
  const pair = t.pairs[p];
  if (pair.remote !== null) {
    performRemote(e, p, cmd);
    return;
  }
  switch (cmd.op) {
    case 'create':
      resetForCreate(t, p, cmd.pace);
      if (pair.kind === 'snapshot') {
        e.setState(p, PAIR);
        return;
      }
      t.sRole[pair.svol] = p; // a free volume may be a candidate S-VOL of several pairs: this one is now its pair
      t.direction[p] = 0;
      startCopy(e, p, COPY, 'initial', writtenUnion(t, p));
      // `-split`: the S-VOL becomes the P-VOL's image as of now (a steady split of the copy).
      if (cmd.split) beginSplit(e, p, false, false);
      return;
    case 'split':
      if (pair.kind === 'snapshot') {
        t.preserved[p].clear();
        t.zeroPreserved[p] = 0;
        e.openOp(p, 'copy-on-write', 0);
        t.splitAtUs[p] = e.nowUs();
        t.pDigestAtSplit[p] = t.digests[pair.pvol].digestOfAll();
        e.setState(p, PSUS);
        return;
      }
      t.svolReadOnly[p] = cmd.readOnly ? 1 : 0;
      beginSplit(e, p, cmd.quick, cmd.readOnly);
      return;
    case 'suspend':
      e.stopCopy(p);
      e.closeOp(p);
      t.pending[p].clearAll();
      t.deferred[p].clearAll();
      if (pair.kind === 'snapshot') e.releasePreserved(p);
      e.setState(p, PSUE);
      return;
    case 'delete':
      e.stopCopy(p);
      e.closeOp(p);
      clearBitmaps(t, p);
      e.releasePreserved(p);
      t.splitAtUs[p] = -1;
      t.svolReadOnly[p] = 0;
      e.setState(p, SMPL);
      return;
    case 'resync':
      if (cmd.pace !== undefined) t.pace[p] = cmd.pace;
      resync(e, p, cmd.restore);
      return;
    case 'takeover':
    case 'swap':
      return; // refused for local pairs by acceptance
  }
}

/**
 * Remote pairs (TrueCopy / Universal Replicator), DESIGN.md "Remote copy":
 *
 *   SMPL ─paircreate─▶ COPY ─drained─▶ PAIR ─pairsplit─▶ PSUS ─pairresync─▶ COPY(RS) ─drained─▶ PAIR
 *   PAIR ─WAN lost (sync) / journal full past the overflow watch (async)─▶ PSUE / PFUS
 *   any ─pairsplit -RS─▶ SSWS ─pairresync -swaps─▶ COPY(RS) (roles swapped) ─drained─▶ PAIR
 *
 * The bitmaps are kept in every suspended state: what the remote did not get (pending copy,
 * un-applied journal entries) becomes pDiff bits, S-VOL writes in SSWS sDiff bits; every resync
 * (from PSUS, PSUE, PFUS or SSWS, swapped or not) copies their union.
 */
function performRemote(e: PairEngine, p: number, cmd: PairCommand): void {
  const t = e.tables;
  switch (cmd.op) {
    case 'create':
      resetForCreate(t, p, cmd.pace);
      t.direction[p] = 0;
      startCopy(e, p, COPY, 'initial', writtenUnion(t, p));
      return;
    case 'split':
      // Writes from now on are pDiff; the journal keeps sending what was acknowledged before.
      beginSplit(e, p, false, cmd.readOnly);
      return;
    case 'suspend':
      stopInto(e, p);
      e.remotePurge(p, true);
      e.setState(p, PSUE);
      return;
    case 'takeover':
      stopInto(e, p);
      e.remotePurge(p, true);
      t.splitAtUs[p] = e.nowUs();
      e.setState(p, SSWS);
      return;
    case 'delete':
      e.stopCopy(p);
      e.closeOp(p);
      e.remotePurge(p, false);
      clearBitmaps(t, p);
      t.splitAtUs[p] = -1;
      e.setState(p, SMPL);
      return;
    case 'resync':
    case 'swap': {
      if (cmd.pace !== undefined) t.pace[p] = cmd.pace;
      stopInto(e, p);
      e.remotePurge(p, true);
      if (cmd.op === 'swap') swapRoles(e, p);
      const set = new TrackBitmap(t.trackCount[p]);
      set.orWith(t.pDiff[p]);
      set.orWith(t.sDiff[p]);
      t.splitAtUs[p] = -1;
      t.svolReadOnly[p] = 0;
      startCopy(e, p, COPY_RS, cmd.op === 'swap' ? 'swap-resync' : 'resync-union', set);
      return;
    }
  }
}

/** Stops the copy; what it had still to copy stays owed to the S-VOL as pDiff bits. */
function stopInto(e: PairEngine, p: number): void {
  const t = e.tables;
  e.stopCopy(p);
  e.closeOp(p);
  t.pending[p].orWith(t.deferred[p]);
  t.pending[p].forEachSet((track) => {
    if (t.pDiff[p].set(track) && !t.sDiff[p].has(track)) t.dirtyUnion[p]++;
  });
  t.pending[p].clearAll();
  t.deferred[p].clearAll();
}

/** pairresync -swaps: the S-VOL becomes the P-VOL; bitmaps, roles, and the WAN direction follow. */
function swapRoles(e: PairEngine, p: number): void {
  const t = e.tables;
  const pair = t.pairs[p];
  const oldP = pair.pvol;
  const oldS = pair.svol;
  const roles = t.pRole[oldP];
  roles.splice(roles.indexOf(p), 1);
  t.sRole[oldS] = -1;
  pair.pvol = oldS;
  pair.svol = oldP;
  t.pRole[oldS].push(p);
  t.sRole[oldP] = p;
  const pDiff = t.pDiff[p];
  t.pDiff[p] = t.sDiff[p];
  t.sDiff[p] = pDiff;
  e.remoteSwapped(p);
}

function beginSplit(e: PairEngine, p: number, quick: boolean, readOnly: boolean): void {
  const t = e.tables;
  const pair = t.pairs[p];
  t.svolReadOnly[p] = readOnly ? 1 : t.svolReadOnly[p];
  t.splitAtUs[p] = e.nowUs();
  t.pDigestAtSplit[p] = t.digests[pair.pvol].digestOfAll();
  // Split during COPY / COPY(RS): the copy's own set plus what it re-dirtied is the drain, and
  // the operation keeps its reason; in PAIR the period's update copy ends here.
  const copying = t.state[p] === COPY || t.state[p] === COPY_RS;
  t.pending[p].orWith(t.deferred[p]);
  t.deferred[p].clearAll();
  if (!copying) e.closeOp(p);
  clearDiffs(t, p);
  if (t.pending[p].count === 0) {
    e.stopCopy(p);
    e.closeOp(p);
    e.setState(p, PSUS);
    return;
  }
  // Drain what the S-VOL still lags, as of this instant (writes from now on are pDiff).
  e.stopCopy(p);
  if (!copying) e.openOp(p, 'split-drain', t.pending[p].count);
  else t.current[p]!.planned = t.current[p]!.tracks + t.pending[p].count;
  e.setState(p, quick ? PSUS_SP : COPY_SP);
  e.kick(p);
}

function resync(e: PairEngine, p: number, restore: boolean): void {
  const t = e.tables;
  const pair = t.pairs[p];
  if (pair.kind === 'snapshot') {
    if (!restore) {
      e.closeOp(p);
      e.releasePreserved(p);
      t.splitAtUs[p] = -1;
      e.setState(p, PAIR);
      return;
    }
    // Copy the image back: every preserved track (the others equal the P-VOL already).
    const set = new TrackBitmap(t.trackCount[p]);
    for (const track of t.preserved[p].keys()) set.set(track);
    startSnapshotRestore(e, p, set);
    return;
  }
  const wasError = t.state[p] === PSUE;
  let set: TrackBitmap;
  let reason: CopyReason;
  if (wasError) {
    set = writtenUnion(t, p);
    reason = 'full-psue';
  } else if (pair.kind === 'host-mirror' && !pair.recordPositions) {
    set = writtenUnion(t, p);
    reason = 'full-no-positions';
  } else {
    set = new TrackBitmap(t.trackCount[p]);
    set.orWith(t.pDiff[p]);
    set.orWith(t.sDiff[p]);
    reason = restore ? 'restore' : 'resync-union';
  }
  t.direction[p] = restore ? 1 : 0;
  t.splitAtUs[p] = -1;
  t.svolReadOnly[p] = 0;
  startCopy(e, p, restore ? COPY_RS_R : COPY_RS, reason, set);
}

function startSnapshotRestore(e: PairEngine, p: number, set: TrackBitmap): void {
  e.stopCopy(p);
  e.tables.pending[p] = set;
  e.openOp(p, 'snapshot-restore', set.count);
  e.setState(p, COPY_RS_R);
  // Snapshot restores copy from the pool: done track by track in cycles like any copy.
  e.restoreSnapshotTracks(p);
}

function startCopy(e: PairEngine, p: number, state: number, reason: CopyReason, set: TrackBitmap): void {
  const t = e.tables;
  e.stopCopy(p);
  t.pending[p] = set;
  t.deferred[p].clearAll();
  clearDiffs(t, p);
  t.scanPos[p] = 0;
  e.openOp(p, reason, set.count);
  e.setState(p, state);
  if (set.count === 0) e.finishIfDrained(p);
  else e.kick(p);
}

function clearDiffs(t: PairTables, p: number): void {
  t.pDiff[p].clearAll();
  t.sDiff[p].clearAll();
  t.dirtyUnion[p] = 0;
}

/** A new pair's row: no bitmaps, no copy history, not split, S-VOL writable once split. */
function resetForCreate(t: PairTables, p: number, pace: number): void {
  t.pace[p] = pace;
  clearBitmaps(t, p);
  t.ops[p] = [];
  t.current[p] = null;
  t.svolReadOnly[p] = 0;
  t.splitAtUs[p] = -1;
  t.pDigestAtSplit[p] = -1;
}

function clearBitmaps(t: PairTables, p: number): void {
  t.copied[p].clearAll();
  if (t.pairs[p].kind === 'snapshot') return;
  t.deferred[p].clearAll();
  t.pending[p].clearAll();
  clearDiffs(t, p);
  t.copied[p].clearAll();
}
