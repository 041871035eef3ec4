/**
 * Remote copy at run time (DESIGN.md "Remote copy"): TrueCopy-style synchronous pairs with
 * fence levels, Universal Replicator-style asynchronous journal copy with ordered apply per
 * consistency group, journal overflow (PFUL → PFUS), takeover and swap, library targets.
 *
 * Owns, for the remote pairs of the replication tables (replication/pairs.ts keeps their
 * states and bitmaps and calls `RemoteHooks`):
 * - the remote groups (`ctg-N` / `sync:<group>`): the history count of acknowledged writes
 *   (`lastSeq`), the prefix the remote holds (`appliedSeq`), lag, suspensions, the checker;
 * - the master journals (journal.ts) and the pull protocol over the WAN (wan.ts):
 *
 *     host write ─ack─▶ master journal ──batch (≤ 1 MiB, ≤ 16 reads outstanding)──▶ restore side
 *         ▲                  ▲  trim (the applied point rides on the next read command) │
 *         │ journal full:    └──────────────────────────────────────────────────────────┘
 *         │ the write waits; still full after the overflow watch → the group suspends (PFUS)
 *     restore side: entries received out of order wait; applied strictly in journal sequence
 *
 * - synchronous updates (`afterAccept` returns when the remote acknowledged), the fence rules
 *   (as write-reject reasons in the tables: `data` refuses while suspended by an error,
 *   `status` while the remote cannot be told, `never` never), WAN outages and site loss;
 * - copies of initial copies and resyncs over the WAN (`copyTrack`);
 * - "verify remote" with the prefix checker (prefix-checker.ts).
 *
 * Invariants: the remote of a consistent group equals the primary after its first `appliedSeq`
 * acknowledged writes; `appliedSeq` never decreases while the group stays consistent and never
 * exceeds `lastSeq`; entries apply in journal sequence order (void entries apply as nothing).
 *
 * Does not handle: pair states and bitmaps (replication/), the WAN's timing (wan.ts), outputs
 * (remote-outputs.ts).
 */
import type { CommandResult } from '../api.ts';
import { JNL_READS_OUTSTANDING, REMOTE_CHECK_HISTORY, REMOTE_PORT_US } from '../constants.ts';
import { TrackDigests } from '../block/track-digests.ts';
import type { RemoteHooks } from '../replication/pairs.ts';
import { COPY, COPY_RS, COPY_SP, PAIR, PFUS, PSUE, PSUS, SMPL, SSWS } from '../replication/pair-tables.ts';
import type { CompiledRemotePair } from './compile-remote.ts';
import { JournalRing } from './journal.ts';
import { JournalTransfer } from './journal-transfer.ts';
import { PrefixChecker } from './prefix-checker.ts';
import { RemoteOutputs } from './remote-outputs.ts';
import { setSite, setWan, updateReject } from './remote-outages.ts';
import { createOptionsRefusal, unreachableRefusal, type CreateOptions } from './remote-commands.ts';
import { BATCH_SLOTS, K_WATCH, newGroup, type JournalLink, type RemoteDeps, type RemoteGroup } from './remote-groups.ts';

export type { JournalLink, RemoteDeps, RemoteGroup } from './remote-groups.ts';


export class RemoteCopy implements RemoteHooks {
  readonly groups: RemoteGroup[] = [];
  readonly jls: JournalLink[] = [];
  /** Per pair: its group (-1 for local pairs) and journal link (-1 for sync). */
  readonly groupOf: Int32Array;
  readonly jlOf: Int32Array;
  /** Per pair: its volume index in its group's checker. */
  readonly volumeOf: Int32Array;
  /** Per LDEV: 1 when it is the P-VOL of a remote pair; `pairOfPvol` names it. */
  readonly ldevFlag: Uint8Array;
  readonly pairOfPvol: Int32Array;
  /** Per array: 1 when its site was lost. */
  readonly arrayDown: Uint8Array;
  /** Library-target pairs: the image their tape holds. */
  readonly tapeImage = new Map<number, TrackDigests>();
  private readonly d: RemoteDeps;
  /** The journal protocol (journal-transfer.ts). */
  readonly x: JournalTransfer;
  private pre = new Uint32Array(64);
  private post = new Uint32Array(64);

  constructor(deps: RemoteDeps) {
    this.d = deps;
    const pairs = deps.model.replication.pairs;
    this.groupOf = new Int32Array(pairs.length).fill(-1);
    this.jlOf = new Int32Array(pairs.length).fill(-1);
    this.volumeOf = new Int32Array(pairs.length).fill(-1);
    this.ldevFlag = new Uint8Array(deps.model.ldevs.length);
    this.pairOfPvol = new Int32Array(deps.model.ldevs.length).fill(-1);
    this.arrayDown = new Uint8Array(deps.model.arrays.length);
    this.x = new JournalTransfer(deps, this.groups, this.jls, this.jlOf, this.tapeImage, (gi, state, reason) => this.suspendGroup(gi, state, reason));
    const byKey = new Map<string, number>();
    pairs.forEach((pair, p) => {
      const r = pair.remote;
      if (r === null) return;
      let g = byKey.get(r.groupKey);
      if (g === undefined) {
        g = this.groups.length;
        byKey.set(r.groupKey, g);
        this.groups.push(newGroup(r));
      }
      const group = this.groups[g];
      group.pairs.push(p);
      if (!group.copyGroups.includes(pair.group)) group.copyGroups.push(pair.group);
      this.groupOf[p] = g;
      if (r.mode === 'async') this.jlOf[p] = this.journalLink(g, r);
      if (pair.svol < 0) this.tapeImage.set(p, new TrackDigests(deps.model.ldevs[pair.pvol].trackCount));
    });
    for (const group of this.groups) {
      group.copyGroups.sort();
      group.pairs.forEach((p, v) => {
        group.volumeOfPair.set(p, v);
        this.volumeOf[p] = v;
      });
      const capacity = group.jls.reduce((s, j) => s + this.jls[j].capacityBytes, 0);
      group.checker = new PrefixChecker(
        group.pairs.map((p) => deps.model.ldevs[pairs[p].pvol].trackCount),
        { maxHistory: REMOTE_CHECK_HISTORY + Math.ceil(capacity / 512) }, // a full journal of 512 B writes, and more
      );
    }
    this.rebuildRoles();
  }

  private journalLink(g: number, r: CompiledRemotePair): number {
    const existing = this.jls.findIndex((j) => j.masterArray === r.pArray && j.masterId === r.masterJournal);
    if (existing >= 0) return existing;
    const journals = this.d.model.remote.journals;
    const master = journals.find((j) => j.arrayIndex === r.pArray && j.id === r.masterJournal)!;
    const restore = journals.find((j) => j.arrayIndex === r.sArray && j.id === r.restoreJournal);
    this.jls.push({
      group: g,
      ring: new JournalRing(),
      masterArray: r.pArray,
      masterId: r.masterJournal,
      capacityBytes: master.capacityBytes,
      overflowWatchUs: master.overflowWatchUs,
      restoreArray: r.sArray,
      restoreId: r.restoreJournal,
      restoreCapacityBytes: restore?.capacityBytes ?? master.capacityBytes,
      wan: r.wan,
      dir: r.dir,
      credits: 0,
      reads: [],
      sendScheduled: false,
      epoch: 0,
      batchId: 0,
      batchFirst: new Float64Array(BATCH_SLOTS),
      batchEnd: new Float64Array(BATCH_SLOTS),
      batchTag: new Float64Array(BATCH_SLOTS).fill(-1),
      parked: [],
      watchGen: 0,
      watchRunning: false,
      driveFreeUs: 0,
      pful: false,
    });
    this.groups[g].jls.push(this.jls.length - 1);
    return this.jls.length - 1;
  }

  private rebuildRoles(): void {
    this.ldevFlag.fill(0);
    this.pairOfPvol.fill(-1);
    this.d.model.replication.pairs.forEach((pair, p) => {
      if (pair.remote === null) return;
      this.ldevFlag[pair.pvol] = 1;
      this.pairOfPvol[pair.pvol] = p;
    });
  }

  // ------------------------------------------------------------------ host writes

  /**
   * A host write to `ldev` (a remote P-VOL) at the cursor: parks it (returns true) while its
   * master journal is full, starting the overflow watch; a watch of 0 suspends the group at once.
   */
  parkIfFull(ldev: number, slot: number, w: number, block: number, bytes: number): boolean {
    const j = this.fullJournal(ldev, bytes);
    if (j < 0) return false;
    const jl = this.jls[j];
    jl.parked.push(slot, w, block, bytes);
    if (!jl.watchRunning) {
      jl.watchRunning = true;
      jl.watchGen++;
      this.d.push(this.d.nowUs() + jl.overflowWatchUs, j, K_WATCH + 8 * (jl.watchGen & 0xffffff));
    }
    return true;
  }

  /**
   * Whether a write of `bytes` to `ldev` (a remote P-VOL) would have to wait for journal space
   * now (the test probe cannot wait: it is refused instead); a watch of 0 suspends the group.
   */
  mustWait(ldev: number, bytes: number): boolean {
    return this.fullJournal(ldev, bytes) >= 0;
  }

  /**
   * The master journal a write of `bytes` to `ldev` must wait for (full, or writes already wait
   * there), or -1 when it may go ahead; a full journal with an overflow watch of 0 suspends the
   * group at once (the write then goes ahead as a bitmap bit).
   */
  private fullJournal(ldev: number, bytes: number): number {
    const p = this.pairOfPvol[ldev];
    const j = this.jlOf[p];
    if (j < 0 || this.d.repl.stateIndex(p) !== PAIR) return -1;
    const jl = this.jls[j];
    if (jl.parked.length === 0 && jl.ring.usedBytes + bytes <= jl.capacityBytes) return -1;
    if (jl.overflowWatchUs === 0) {
      this.suspendGroup(jl.group, PFUS, 'the master journal is full (overflow watch 0 s)');
      return -1;
    }
    return j;
  }

  /** Before the primary accepts a write to `ldev` (a remote P-VOL): remember the tracks' digests. */
  capturePre(ldev: number, first: number, last: number): void {
    const digests = this.d.arrays.digests[ldev];
    if (last - first + 1 > this.pre.length) {
      this.pre = new Uint32Array(2 * (last - first + 1));
      this.post = new Uint32Array(2 * (last - first + 1));
    }
    for (let k = 0; k <= last - first; k++) this.pre[k] = digests.get(first + k);
  }

  /**
   * The primary accepted a write of `w` (cursor: the acceptance) to the P-VOL of remote pair `p`:
   * the history counts it; async in PAIR journals it; sync in PAIR sends it and returns when the
   * remote has acknowledged it (else -1).
   */
  afterAccept(p: number, block: number, bytes: number, w: number, wseq: number, first: number, last: number): number {
    const d = this.d;
    const g = this.groups[this.groupOf[p]];
    const pair = d.model.replication.pairs[p];
    const acceptedUs = d.cursor[0];
    const state = d.repl.stateIndex(p);
    if (state === SMPL) return -1; // not paired: no remote history (paircreate copies what is there)
    const hseq = ++g.lastSeq;
    g.lastBytes += bytes;
    if (g.oldestUs < 0) g.oldestUs = acceptedUs;
    const digests = d.arrays.digests[pair.pvol];
    const n = last - first + 1;
    for (let k = 0; k < n; k++) this.post[k] = digests.get(first + k);
    g.checker.recordSpan(hseq, this.volumeOf[p], first, last, this.pre, this.post);
    if (state === COPY || state === COPY_RS) {
      // While copying: a track still to copy will carry this write; an already copied one
      // needs the update itself (journal entry or synchronous send), after its base copy.
      if (d.repl.anyPending(p, first, last)) {
        d.repl.markPending(p, first, last);
        return -1;
      }
    } else if (state !== PAIR) return -1;
    const r = pair.remote!;
    if (r.mode === 'async') {
      this.x.appendEntry(p, hseq, block, bytes, w, wseq, acceptedUs);
      return -1;
    }
    // Synchronous: over the WAN, accepted by the remote array, acknowledged back.
    const arrival = d.wan.transmit(r.wan, r.dir, bytes, acceptedUs);
    d.cursor[0] = arrival + REMOTE_PORT_US;
    d.arrays.frontEnd(r.sPort);
    this.x.applyToSvol(p, block, bytes, w, wseq, first, last);
    const ack = d.cursor[0] + d.wan.oneWayUs[r.wan];
    g.appliedWrites++;
    if (state === PAIR) {
      g.appliedSeq = hseq;
      g.appliedBytes = g.lastBytes;
      g.oldestUs = -1;
    }
    d.cursor[0] = acceptedUs;
    return ack;
  }

  /** Host response of a completed write to remote pair `p`'s P-VOL. */
  noteResponse(p: number, us: number): void {
    const g = this.groups[this.groupOf[p]];
    g.respUs += us;
    g.respCount++;
  }

  /** A parked write waited `us` for journal space before it was sent: part of its response. */
  noteWait(ldev: number, us: number): void {
    const p = this.pairOfPvol[ldev];
    if (p >= 0) this.groups[this.groupOf[p]].respUs += us;
  }

  /** An EV_REMOTE event (journal-transfer.ts). */
  event(j: number, b: number): void {
    this.x.event(j, b);
  }

  // ------------------------------------------------------------------ suspension, outages, sites

  /** The whole group leaves remote copy with `state`: un-applied entries become pDiff bits; the remote freezes at its prefix. */
  suspendGroup(gi: number, state: number, reason: string): void {
    const g = this.groups[gi];
    g.consistJseq = -1; // what the journals held is lost: a pending consistency point is never reached
    let changed = false;
    for (const p of g.pairs) {
      const s = this.d.repl.stateIndex(p);
      if (s !== PAIR && s !== COPY && s !== COPY_RS) continue;
      this.purge(p, true);
      this.d.repl.forceState(p, state);
      changed = true;
    }
    if (!changed) return;
    g.suspendedAtUs = this.d.nowUs();
    g.suspendReason = reason;
    g.suspensions++;
    g.consistJseq = -1;
  }

  /** RemoteHooks.purge: the un-applied entries of `p` leave the journal (as pDiff bits when `keepBits`). */
  purge(p: number, keepBits: boolean): void {
    const j = this.jlOf[p];
    if (j < 0) return;
    const d = this.d;
    const jl = this.jls[j];
    const ring = jl.ring;
    const pvol = d.model.replication.pairs[p].pvol;
    for (let e = ring.applied; e < ring.tail; e++) {
      const i = ring.at(e);
      if (ring.pair[i] !== p) continue;
      if (keepBits) d.repl.markPDiff(p, d.arrays.firstTrack(pvol, ring.block[i], ring.bytes[i]), d.arrays.lastTrack(pvol, ring.block[i], ring.bytes[i]));
      ring.voidEntry(e);
    }
    // A consistency point behind voided entries is never reached. No apply here: the other pairs'
    // entries must not run past the voided ones (the group's later entries wait for its next apply).
    this.groups[jl.group].consistJseq = -1;
    this.x.journalUseChanged(j);
  }

  /** RemoteHooks.stateChanged. */
  stateChanged(p: number, s: number): void {
    const d = this.d;
    const g = this.groups[this.groupOf[p]];
    this.updateReject(p);
    // Writes waiting for journal space go ahead once the pair no longer journals (as bitmap bits).
    if (s !== PAIR && this.jlOf[p] >= 0) this.x.releaseParked(this.jlOf[p]);
    // A journal starting to carry entries (a copy or PAIR): the restore side has its reads waiting.
    const j = this.jlOf[p];
    if (j >= 0 && (s === PAIR || s === COPY || s === COPY_RS)) {
      const jl = this.jls[j];
      if (jl.credits === 0 && jl.reads.length === 0 && d.wan.up[jl.wan] === 1) jl.credits = JNL_READS_OUTSTANDING;
      this.x.trySend(j);
    }
    if (s === COPY || s === COPY_RS) {
      g.settled = false;
      g.splitPending = false;
    }
    // A split of a copy not settled yet: the remote will be the primary as of the split once the
    // split's drain has applied (the checker's history restarts there).
    if ((s === COPY_SP || s === PSUS) && !g.settled && !g.splitPending && g.consistJseq < 0) {
      g.splitPending = true;
      g.splitHseq = g.lastSeq;
      g.splitBytes = g.lastBytes;
      g.checker.equalAt();
      g.checkerBroken = null;
    }
    if (s === PSUS && g.splitPending && g.pairs.every((q) => d.repl.stateIndex(q) === PSUS || d.repl.stateIndex(q) === SMPL)) {
      g.splitPending = false;
      g.consistJseq = g.lastJseq;
      g.consistHseq = g.splitHseq;
      g.consistBytes = g.splitBytes;
      this.x.applyGroup(this.groupOf[p]);
    }
    if (s === PSUE || s === PFUS || s === SSWS || s === SMPL) g.splitPending = false;
    if (s === PAIR) {
      const all = g.pairs.every((q) => {
        const t = d.repl.stateIndex(q);
        return t === PAIR || t === SMPL;
      });
      if (all) {
        // Consistent again once what the journals hold now has applied.
        g.consistJseq = g.lastJseq;
        g.consistHseq = g.lastSeq;
        g.consistBytes = g.lastBytes;
        g.checker.equalAt();
        g.checkerBroken = null;
        this.x.applyGroup(this.groupOf[p]);
      }
    }
  }

  /** RemoteHooks.swapped: the roles of `p`'s volumes and arrays reverse. */
  swapped(p: number): void {
    const r = this.d.model.replication.pairs[p].remote!;
    [r.pArray, r.sArray] = [r.sArray, r.pArray];
    [r.pPort, r.sPort] = [r.sPort, r.pPort];
    [r.masterJournal, r.restoreJournal] = [r.restoreJournal, r.masterJournal];
    r.dir ^= 1;
    r.swapped = !r.swapped;
    const j = this.jlOf[p];
    if (j >= 0) {
      const jl = this.jls[j];
      jl.ring.clear();
      const g = this.groups[jl.group];
      g.appliedJseq = g.lastJseq;
      jl.epoch++;
      jl.credits = 0;
      jl.reads.length = 0;
      [jl.masterArray, jl.restoreArray] = [jl.restoreArray, jl.masterArray];
      [jl.masterId, jl.restoreId] = [jl.restoreId, jl.masterId];
      [jl.capacityBytes, jl.restoreCapacityBytes] = [jl.restoreCapacityBytes, jl.capacityBytes];
      jl.dir ^= 1;
    }
    this.rebuildRoles();
    this.updateReject(p);
  }

  /** RemoteHooks.copyTrack: a track of an initial copy or resync crosses the WAN. */
  copyTrack(p: number, track: number): void {
    const d = this.d;
    const pair = d.model.replication.pairs[p];
    const r = pair.remote!;
    const from = pair.pvol;
    const bytes = d.arrays.ldevTrackBytes[from];
    const value = d.arrays.digests[from].get(track);
    if (r.mode === 'async') {
      // Universal Replicator's base journal: the track, read now, travels in sequence with the writes.
      if (!d.arrays.ldevCache[from].contains(from, track)) {
        const pg = d.arrays.ldevParityGroup[from];
        d.arrays.parityGroups.destageIdle(pg);
        d.arrays.parityGroups.read(pg, bytes);
      }
      this.x.appendEntry(p, 0, track, bytes, -1, value, d.nowUs());
      // The copy engine keeps pace with the WAN: the next track waits for the journal's backlog to drain.
      const jl = this.jls[this.jlOf[p]];
      const drainUs = d.nowUs() + jl.ring.usedBytes / d.wan.bytesPerUs[jl.wan];
      if (drainUs > d.cursor[0]) d.cursor[0] = drainUs;
      return;
    }
    if (pair.svol >= 0) d.arrays.digests[pair.svol].set(track, value);
    else this.tapeImage.get(p)!.set(track, value);
    // Read the source (cache or disk), send it, write it behind at the remote.
    if (!d.arrays.ldevCache[from].contains(from, track)) {
      const pg = d.arrays.ldevParityGroup[from];
      d.arrays.parityGroups.destageIdle(pg);
      d.arrays.parityGroups.read(pg, bytes);
    }
    const arrival = d.wan.transmit(r.wan, r.dir, bytes, d.cursor[0]);
    if (arrival < 0) return;
    d.cursor[0] = arrival + REMOTE_PORT_US;
    if (pair.svol >= 0) {
      const pg = d.arrays.ldevParityGroup[pair.svol];
      d.arrays.parityGroups.destageIdle(pg);
      d.arrays.parityGroups.scheduleDestage(pg, bytes, true, -1, 0);
    }
    d.cursor[0] += d.wan.oneWayUs[r.wan];
  }

  /** A WAN link goes down or up (setWanLink, site loss): remote-outages.ts. */
  setWan(l: number, up: boolean): void {
    setWan(this.d, this, l, up);
  }

  /** A site is lost (`down`) or back: its arrays stop or answer again, its WAN links follow (remote-outages.ts `setSite`). */
  setSite(siteId: string, arraysInSite: number[], down: boolean, isLost: (siteId: string) => boolean): void {
    setSite(this.d, this, this.arrayDown, siteId, arraysInSite, down, isLost);
  }

  /** Fence levels and lost sites as the write-reject reason of `p`'s P-VOL (remote-outages.ts). */
  updateReject(p: number): void {
    updateReject(this.d, this.arrayDown, p);
  }

  wanIndex(id: string): number {
    return this.d.wan.indexOf(id);
  }

  /** The remote group of copy group `group`, or -1. */
  groupOfCopyGroup(group: string): number {
    return this.groups.findIndex((g) => g.copyGroups.includes(group));
  }

  /** paircreate's remote options (remote-commands.ts); null when accepted. */
  createOptions(indices: number[], a: CreateOptions): CommandResult | null {
    return createOptionsRefusal(this.d, indices, a);
  }

  /** A copy cannot start while the remote cannot be reached (remote-commands.ts); null when it can. */
  unreachable(indices: number[]): CommandResult | null {
    return unreachableRefusal(this.d, this.arrayDown, indices);
  }

  /** A host write to `ldev` was refused by the fence level. */
  countFenced(ldev: number): void {
    const p = this.pairOfPvol[ldev];
    if (p >= 0) this.groups[this.groupOf[p]].fencedWrites++;
  }
}

/** Remote copy and its outputs over the same dependencies (the simulation builds them once). */
export function createRemote(deps: RemoteDeps): [RemoteCopy, RemoteOutputs] {
  const remote = new RemoteCopy(deps);
  return [remote, new RemoteOutputs(remote, deps)];
}
