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
import type { DiskArrays } from '../array/array.ts';
import type { CompiledModel } from '../compile.ts';
import { JNL_BATCH_BYTES, JNL_BATCH_WAIT_US, JNL_PFUL_PCT, JNL_READS_OUTSTANDING, REMOTE_CHECK_HISTORY, REMOTE_PORT_US } from '../constants.ts';
import type { IoCursor } from '../io-cursor.ts';
import { TrackDigests } from '../block/track-digests.ts';
import type { RemoteHooks, Replication } from '../replication/pairs.ts';
import { COPY, COPY_RS, PAIR, PFUS, PSUE, SMPL, SSWS } from '../replication/pair-tables.ts';
import type { CompiledRemotePair } from './compile-remote.ts';
import { JournalRing } from './journal.ts';
import { PrefixChecker } from './prefix-checker.ts';
import type { WanLinks } from './wan.ts';

const K_READ = 0;
const K_RESET = 1;
const K_SEND = 2;
const K_ARRIVE = 3;
const K_WATCH = 4;
const BATCH_SLOTS = 4096;

export interface RemoteDeps {
  model: CompiledModel;
  arrays: DiskArrays;
  repl: Replication;
  cursor: IoCursor;
  wan: WanLinks;
  nowUs(): number;
  push(atUs: number, a: number, b: number): void;
  /** A parked host write may go ahead now. */
  resume(slot: number, w: number, block: number, bytes: number): void;
  reasons: { fence: number; siteDown: number };
}

export interface RemoteGroup {
  key: string;
  mode: 'sync' | 'async';
  pairs: number[];
  copyGroups: string[];
  jls: number[];
  lastSeq: number;
  lastJseq: number;
  appliedSeq: number;
  appliedJseq: number;
  lastBytes: number;
  appliedBytes: number;
  appliedWrites: number;
  /** Ack time of the oldest write the remote does not hold (-1: none). */
  oldestUs: number;
  /** Journal sequence up to which entries must apply before the remote is consistent again (-1: consistent or suspended). */
  consistJseq: number;
  consistHseq: number;
  consistBytes: number;
  checker: PrefixChecker;
  /** Why the checker cannot vouch for the primary's history (something wrote a P-VOL outside host writes), or null. */
  checkerBroken: string | null;
  volumeOfPair: Map<number, number>;
  suspendedAtUs: number;
  suspendReason: string | null;
  suspensions: number;
  fencedWrites: number;
  respUs: number;
  respCount: number;
  worstLagS: number;
  worstLagWrites: number;
  worstLagBytes: number;
  peakJournalPct: number;
}

/** A master journal with its restore side and its share of the WAN protocol. */
export interface JournalLink {
  group: number;
  ring: JournalRing;
  masterArray: number;
  masterId: number;
  capacityBytes: number;
  overflowWatchUs: number;
  restoreArray: number;
  restoreId: number;
  restoreCapacityBytes: number;
  wan: number;
  dir: number;
  credits: number;
  /** Applied entry number carried by each read command on the wire, oldest first. */
  reads: number[];
  sendScheduled: boolean;
  epoch: number;
  batchId: number;
  batchFirst: Float64Array;
  batchEnd: Float64Array;
  batchTag: Float64Array;
  parked: number[]; // [slot, w, block, bytes] × n
  watchGen: number;
  watchRunning: boolean;
  /** Library targets: when the drive is free. */
  driveFreeUs: number;
}

export class RemoteCopy implements RemoteHooks {
  readonly groups: RemoteGroup[] = [];
  readonly jls: JournalLink[] = [];
  /** Per pair: its group (-1 for local pairs) and journal link (-1 for sync). */
  readonly groupOf: Int32Array;
  readonly jlOf: Int32Array;
  /** Per LDEV: 1 when it is the P-VOL of a remote pair; `pairOfPvol` names it. */
  readonly ldevFlag: Uint8Array;
  readonly pairOfPvol: Int32Array;
  /** Per array: 1 when its site was lost. */
  readonly arrayDown: Uint8Array;
  /** Library-target pairs: the image their tape holds. */
  readonly tapeImage = new Map<number, TrackDigests>();
  private readonly d: RemoteDeps;
  private pre = new Uint32Array(64);
  private post = new Uint32Array(64);

  constructor(deps: RemoteDeps) {
    this.d = deps;
    const pairs = deps.model.replication.pairs;
    this.groupOf = new Int32Array(pairs.length).fill(-1);
    this.jlOf = new Int32Array(pairs.length).fill(-1);
    this.ldevFlag = new Uint8Array(deps.model.ldevs.length);
    this.pairOfPvol = new Int32Array(deps.model.ldevs.length).fill(-1);
    this.arrayDown = new Uint8Array(deps.model.arrays.length);
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
      group.pairs.forEach((p, v) => group.volumeOfPair.set(p, v));
      const capacity = group.jls.reduce((s, j) => s + this.jls[j].capacityBytes, 0);
      group.checker = new PrefixChecker(
        group.pairs.map((p) => deps.model.ldevs[pairs[p].pvol].trackCount),
        { maxHistory: REMOTE_CHECK_HISTORY + Math.ceil(capacity / 4096) },
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
    const p = this.pairOfPvol[ldev];
    const j = this.jlOf[p];
    if (j < 0 || this.d.repl.stateIndex(p) !== PAIR) return false;
    const jl = this.jls[j];
    if (jl.parked.length === 0 && jl.ring.usedBytes + bytes <= jl.capacityBytes) return false;
    if (jl.overflowWatchUs === 0) {
      this.suspendGroup(jl.group, PFUS, 'the master journal is full (overflow watch 0 s)');
      return false;
    }
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
    const p = this.pairOfPvol[ldev];
    const j = this.jlOf[p];
    if (j < 0 || this.d.repl.stateIndex(p) !== PAIR) return false;
    const jl = this.jls[j];
    if (jl.parked.length === 0 && jl.ring.usedBytes + bytes <= jl.capacityBytes) return false;
    if (jl.overflowWatchUs === 0) {
      this.suspendGroup(jl.group, PFUS, 'the master journal is full (overflow watch 0 s)');
      return false;
    }
    return true;
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
    const hseq = ++g.lastSeq;
    g.lastBytes += bytes;
    if (g.oldestUs < 0) g.oldestUs = acceptedUs;
    const digests = d.arrays.digests[pair.pvol];
    const n = last - first + 1;
    for (let k = 0; k < n; k++) this.post[k] = digests.get(first + k);
    g.checker.record({ seq: hseq, volume: g.volumeOfPair.get(p)!, first, last, pre: this.pre.subarray(0, n), post: this.post.subarray(0, n) });
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
      this.appendEntry(p, hseq, block, bytes, w, wseq, acceptedUs);
      return -1;
    }
    // Synchronous: over the WAN, accepted by the remote array, acknowledged back.
    const arrival = d.wan.transmit(r.wan, r.dir, bytes, acceptedUs);
    d.cursor[0] = arrival + REMOTE_PORT_US;
    d.arrays.frontEnd(r.sPort);
    this.applyToSvol(p, block, bytes, w, wseq, first, last);
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

  /**
   * A journal entry of pair `p`: a host write (hseq > 0), or a base copy of a track (hseq 0,
   * writer -1, wseq the track's digest) that applies in sequence with the writes around it.
   */
  private appendEntry(p: number, hseq: number, block: number, bytes: number, w: number, wseq: number, atUs: number): void {
    const j = this.jlOf[p];
    const jl = this.jls[j];
    const g = this.groups[jl.group];
    jl.ring.append(++g.lastJseq, hseq, p, block, bytes, w, wseq, atUs);
    this.journalUseChanged(j);
    if (jl.credits > 0 && !jl.sendScheduled) {
      jl.sendScheduled = true;
      this.d.push(Math.ceil(atUs + JNL_BATCH_WAIT_US), j, K_SEND);
    }
  }

  /** Host response of a completed write to remote pair `p`'s P-VOL. */
  noteResponse(p: number, us: number): void {
    const g = this.groups[this.groupOf[p]];
    g.respUs += us;
    g.respCount++;
  }

  /** The write lands on the S-VOL (at the cursor) or on the target library's tape. */
  private applyToSvol(p: number, block: number, bytes: number, w: number, wseq: number, first: number, last: number): void {
    const d = this.d;
    const pair = d.model.replication.pairs[p];
    const svol = pair.svol;
    if (w === -1) {
      // A base copy: the track as it was when copied.
      if (svol >= 0) {
        if (d.repl.ldevFlag[svol] === 1) d.repl.beforeWrite(svol, first, first, p, -1);
        d.arrays.digests[svol].set(first, wseq);
        const pg = d.arrays.ldevParityGroup[svol];
        d.arrays.parityGroups.destageIdle(pg);
        d.arrays.parityGroups.scheduleDestage(pg, bytes, true, -1, 0);
      } else {
        this.tapeImage.get(p)!.set(first, wseq);
        const jl = this.jls[this.jlOf[p]];
        jl.driveFreeUs = Math.max(jl.driveFreeUs, d.cursor[0]) + bytes / pair.remote!.targetBytesPerUs;
      }
      return;
    }
    if (svol < 0) {
      const image = this.tapeImage.get(p)!;
      const trackBytes = d.arrays.ldevTrackBytes[pair.pvol];
      const offset = block * bytes;
      for (let track = first; track <= last; track++) image.fold(track, w, wseq, track === first ? (offset - first * trackBytes) | 0 : 0);
      const jl = this.jls[this.jlOf[p]];
      jl.driveFreeUs = Math.max(jl.driveFreeUs, d.cursor[0]) + bytes / pair.remote!.targetBytesPerUs;
      return;
    }
    if (d.repl.ldevFlag[svol] === 1) d.repl.beforeWrite(svol, first, last, p, -1);
    d.arrays.acceptWrite(svol, block, bytes, w, wseq, false);
  }

  // ------------------------------------------------------------------ the journal protocol (EV_REMOTE)

  event(j: number, b: number): void {
    const kind = b & 7;
    const jl = this.jls[j];
    switch (kind) {
      case K_SEND:
        jl.sendScheduled = false;
        this.trySend(j);
        return;
      case K_READ: {
        if (jl.reads.length === 0) return; // lost with an outage
        const trimTo = jl.reads.shift()!;
        jl.credits++;
        this.trim(j, trimTo);
        this.trySend(j);
        return;
      }
      case K_RESET:
        if (b >>> 3 !== (jl.epoch & 0xfffffff) || this.d.wan.up[jl.wan] === 0) return;
        jl.credits = JNL_READS_OUTSTANDING;
        jl.reads.length = 0;
        this.trim(j, jl.ring.applied);
        this.trySend(j);
        return;
      case K_ARRIVE:
        this.arrive(j, b >>> 3);
        return;
      case K_WATCH:
        if (!jl.watchRunning || (b >>> 3) !== (jl.watchGen & 0xffffff)) return;
        jl.watchRunning = false;
        if (jl.parked.length > 0) this.suspendGroup(jl.group, PFUS, `the master journal stayed full for the overflow watch (${jl.overflowWatchUs / 1e6} s)`);
        return;
    }
  }

  private trySend(j: number): void {
    const d = this.d;
    const jl = this.jls[j];
    const ring = jl.ring;
    while (jl.credits > 0 && ring.send < ring.tail && d.wan.up[jl.wan] === 1) {
      while (ring.send < ring.tail && ring.received[ring.at(ring.send)] === 1) ring.send++;
      if (ring.send >= ring.tail) break;
      const first = ring.send;
      let bytes = 0;
      while (ring.send < ring.tail && (bytes === 0 || bytes + ring.bytes[ring.at(ring.send)] <= JNL_BATCH_BYTES)) {
        if (ring.received[ring.at(ring.send)] === 0) bytes += ring.bytes[ring.at(ring.send)];
        ring.send++;
      }
      const arrival = d.wan.transmit(jl.wan, jl.dir, Math.max(bytes, 64), d.nowUs());
      const id = jl.batchId++;
      const slot = id % BATCH_SLOTS;
      jl.batchFirst[slot] = first;
      jl.batchEnd[slot] = ring.send;
      jl.batchTag[slot] = id;
      jl.credits--;
      d.push(Math.ceil(arrival + REMOTE_PORT_US), j, K_ARRIVE + 8 * (id & 0xfffffff));
    }
  }

  private arrive(j: number, idLow: number): void {
    const d = this.d;
    const jl = this.jls[j];
    const slot = idLow % BATCH_SLOTS;
    const id = jl.batchTag[slot];
    if (id < 0 || (id & 0xfffffff) !== idLow) return; // lost (an outage) or stale
    jl.batchTag[slot] = -1;
    const ring = jl.ring;
    for (let e = Math.max(jl.batchFirst[slot], ring.applied); e < jl.batchEnd[slot] && e < ring.tail; e++) {
      const i = ring.at(e);
      if (ring.received[i] === 1) continue;
      ring.received[i] = 1;
      if (ring.pair[i] >= 0) {
        ring.restoreBytes += ring.bytes[i];
        ring.restoreEntries++;
      }
    }
    this.applyGroup(jl.group);
    // The restore side asks for more: its read carries the applied point (the master trims by it).
    const backlogUs = Math.max(0, jl.driveFreeUs - d.nowUs());
    const at = d.wan.signal(jl.wan, d.nowUs() + backlogUs);
    if (at >= 0) {
      jl.reads.push(ring.applied);
      d.push(Math.ceil(at), j, K_READ);
    }
  }

  /** Applies the group's received entries in journal sequence order, stopping at the first gap. */
  private applyGroup(gi: number): void {
    const d = this.d;
    const g = this.groups[gi];
    this.reachConsistency(g);
    for (;;) {
      let found = -1;
      for (const j of g.jls) {
        const ring = this.jls[j].ring;
        if (ring.applied < ring.tail && ring.jseq[ring.at(ring.applied)] === g.appliedJseq + 1) found = j;
      }
      if (found < 0) break;
      const ring = this.jls[found].ring;
      const i = ring.at(ring.applied);
      const p = ring.pair[i];
      if (p >= 0 && ring.received[i] === 0) break; // a gap: wait for it
      if (p >= 0) {
        const pvol = d.model.replication.pairs[p].pvol;
        const block = ring.block[i];
        const bytes = ring.bytes[i];
        d.cursor[0] = d.nowUs();
        this.applyToSvol(p, block, bytes, ring.writer[i], ring.wseq[i], d.arrays.firstTrack(pvol, block, bytes), d.arrays.lastTrack(pvol, block, bytes));
        if (ring.received[i] === 1) {
          ring.restoreBytes -= bytes;
          ring.restoreEntries--;
        }
        if (ring.hseq[i] > 0) {
          g.appliedBytes += bytes;
          g.appliedWrites++;
        }
        // A prefix only while the group is whole: entries applied during a copy, or before the
        // consistency point, make no prefix (the jump to the point comes in reachConsistency).
        if (ring.hseq[i] > g.appliedSeq && g.consistJseq < 0 && !this.copying(g)) g.appliedSeq = ring.hseq[i];
      }
      ring.applied++;
      g.appliedJseq++;
      this.reachConsistency(g);
      if (p >= 0 && ring.hseq[i] > 0) this.refreshOldest(g);
    }
  }

  /**
   * The acknowledgement time of the oldest write the remote lacks (write appliedSeq + 1): the next
   * live journal entry when it is that write; otherwise (writes not journaled while suspended)
   * the value stays — the RPO then counts from the first write the remote missed.
   */
  private refreshOldest(g: RemoteGroup): void {
    if (g.appliedSeq >= g.lastSeq) {
      g.oldestUs = -1;
      return;
    }
    for (const j of g.jls) {
      const ring = this.jls[j].ring;
      for (let e = ring.applied, k = 0; e < ring.tail && k < 64; e++, k++) {
        const i = ring.at(e);
        if (ring.pair[i] < 0 || ring.hseq[i] === 0) continue;
        if (ring.hseq[i] === g.appliedSeq + 1) g.oldestUs = ring.ackUs[i];
        break;
      }
    }
  }

  /** Whether a pair of the group runs an initial copy or a resync. */
  copying(g: RemoteGroup): boolean {
    for (const p of g.pairs) {
      const s = this.d.repl.stateIndex(p);
      if (s === COPY || s === COPY_RS) return true;
    }
    return false;
  }

  /** Once the entries journaled before the group became whole again have applied, the remote holds the primary as of then. */
  private reachConsistency(g: RemoteGroup): void {
    if (g.consistJseq < 0 || g.appliedJseq < g.consistJseq) return;
    if (g.consistHseq > g.appliedSeq) g.appliedSeq = g.consistHseq;
    if (g.consistBytes > g.appliedBytes) g.appliedBytes = g.consistBytes;
    g.consistJseq = -1;
    this.refreshOldest(g);
  }

  private trim(j: number, upTo: number): void {
    const jl = this.jls[j];
    jl.ring.trim(upTo);
    this.journalUseChanged(j);
    this.releaseParked(j);
  }

  /** Parked writes go ahead, in order, while they fit (all of them once the group is not journaling). */
  private releaseParked(j: number): void {
    const jl = this.jls[j];
    if (jl.parked.length === 0) return;
    const journaling = this.groups[jl.group].pairs.some((p) => this.jlOf[p] === j && this.d.repl.stateIndex(p) === PAIR);
    let k = 0;
    let used = jl.ring.usedBytes;
    while (k < jl.parked.length && (!journaling || used + jl.parked[k + 3] <= jl.capacityBytes)) {
      used += jl.parked[k + 3];
      k += 4;
    }
    if (k === 0) return;
    const go = jl.parked.splice(0, k);
    if (jl.parked.length === 0) jl.watchRunning = false;
    for (let q = 0; q < go.length; q += 4) this.d.resume(go[q], go[q + 1], go[q + 2], go[q + 3]);
  }

  private journalUseChanged(j: number): void {
    const jl = this.jls[j];
    const pct = (100 * jl.ring.usedBytes) / jl.capacityBytes;
    const g = this.groups[jl.group];
    if (pct > g.peakJournalPct) g.peakJournalPct = pct;
    const over = pct > JNL_PFUL_PCT;
    for (const p of g.pairs) if (this.jlOf[p] === j) this.d.repl.setRemotePful(p, over);
  }

  // ------------------------------------------------------------------ suspension, outages, sites

  /** The whole group leaves remote copy with `state`: un-applied entries become pDiff bits; the remote freezes at its prefix. */
  suspendGroup(gi: number, state: number, reason: string): void {
    const g = this.groups[gi];
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
    this.applyGroup(jl.group);
    this.journalUseChanged(j);
  }

  /** RemoteHooks.stateChanged. */
  stateChanged(p: number, s: number): void {
    const d = this.d;
    const g = this.groups[this.groupOf[p]];
    this.updateReject(p);
    // Writes waiting for journal space go ahead once the pair no longer journals (as bitmap bits).
    if (s !== PAIR && this.jlOf[p] >= 0) this.releaseParked(this.jlOf[p]);
    // A journal starting to carry entries (a copy or PAIR): the restore side has its reads waiting.
    const j = this.jlOf[p];
    if (j >= 0 && (s === PAIR || s === COPY || s === COPY_RS)) {
      const jl = this.jls[j];
      if (jl.credits === 0 && jl.reads.length === 0 && d.wan.up[jl.wan] === 1) jl.credits = JNL_READS_OUTSTANDING;
      this.trySend(j);
    }
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
        this.applyGroup(this.groupOf[p]);
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
      this.appendEntry(p, 0, track, bytes, -1, value, d.nowUs());
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

  /** A WAN link goes down or up (setWanLink, site loss). */
  setWan(l: number, up: boolean): void {
    const d = this.d;
    if (!d.wan.setUp(l, up, d.nowUs())) return;
    this.jls.forEach((jl, j) => {
      if (jl.wan !== l) return;
      if (!up) {
        jl.epoch++;
        jl.credits = 0;
        jl.reads.length = 0;
        jl.ring.send = jl.ring.applied;
        for (let k = 0; k < BATCH_SLOTS; k++) jl.batchTag[k] = -1;
      } else {
        d.push(Math.ceil(d.nowUs() + d.wan.oneWayUs[l]), j, K_RESET + 8 * (jl.epoch & 0xfffffff));
      }
    });
    d.model.replication.pairs.forEach((pair, p) => {
      if (pair.remote === null || pair.remote.wan !== l) return;
      const s = d.repl.stateIndex(p);
      const copying = s === COPY || s === COPY_RS;
      if (!up && (copying || (pair.remote.mode === 'sync' && s === PAIR))) {
        const g = this.groups[this.groupOf[p]];
        d.repl.forceState(p, PSUE);
        if (g.suspendedAtUs !== d.nowUs()) g.suspensions++;
        g.suspendedAtUs = d.nowUs();
        g.suspendReason = `WAN link ${d.wan.links[l].id} down`;
      }
      this.updateReject(p);
    });
  }

  /** A site is lost: its arrays stop, every WAN link of the site goes down. */
  siteLost(siteId: string, arraysInSite: number[]): void {
    for (const a of arraysInSite) this.arrayDown[a] = 1;
    this.d.wan.links.forEach((w, l) => {
      if (w.siteA === siteId || w.siteB === siteId) this.setWan(l, false);
    });
    this.d.model.replication.pairs.forEach((pair, p) => {
      if (pair.remote !== null) this.updateReject(p);
    });
  }

  /** Fence levels and lost sites as the write-reject reason of `p`'s P-VOL. */
  private updateReject(p: number): void {
    const d = this.d;
    const r = d.model.replication.pairs[p].remote!;
    const s = d.repl.stateIndex(p);
    let reason = -1;
    if (this.arrayDown[r.pArray] === 1) reason = d.reasons.siteDown;
    else if (r.mode === 'sync' && s === PSUE) {
      const reachable = d.wan.up[r.wan] === 1 && (r.sArray < 0 || this.arrayDown[r.sArray] === 0);
      if (r.fence === 'data' || (r.fence === 'status' && !reachable)) reason = d.reasons.fence;
    }
    d.repl.setRemoteReject(p, reason);
  }

  wanIndex(id: string): number {
    return this.d.wan.indexOf(id);
  }

  /** The remote group of copy group `group`, or -1. */
  groupOfCopyGroup(group: string): number {
    return this.groups.findIndex((g) => g.copyGroups.includes(group));
  }

  /**
   * paircreate's remote options (`-f fence`, `-f async CTG`, `-jp`, `-js`) for the addressed
   * pairs: a fence level replaces the group's; journals and the consistency group must be the
   * group's (they are part of the design). A refusal names the option; null when accepted.
   */
  createOptions(indices: number[], a: { fence?: 'data' | 'status' | 'never'; masterJournal?: number; restoreJournal?: number; consistencyGroup?: number }): CommandResult | null {
    const pairs = this.d.model.replication.pairs;
    for (const p of indices) {
      const r = pairs[p].remote;
      if (r === null) {
        if (a.fence !== undefined || a.masterJournal !== undefined || a.restoreJournal !== undefined || a.consistencyGroup !== undefined) {
          return { ok: false, code: 'EX_INVARG', message: `${pairs[p].key} is a ${pairs[p].kind} pair: -f, -jp and -js are for remote copy` };
        }
        continue;
      }
      if (r.mode === 'sync' && (a.masterJournal !== undefined || a.restoreJournal !== undefined || a.consistencyGroup !== undefined)) {
        return { ok: false, code: 'EX_INVARG', message: `${pairs[p].key} is synchronous (TrueCopy): journals and -f async are for Universal Replicator groups` };
      }
      if (r.mode === 'async' && a.fence !== undefined) return { ok: false, code: 'EX_INVARG', message: `${pairs[p].key} is asynchronous: use -f async [CTG] -jp <id> -js <id>, not a fence level` };
      if (a.masterJournal !== undefined && a.masterJournal !== r.masterJournal) return { ok: false, code: 'EX_INVARG', message: `-jp ${a.masterJournal}: ${pairs[p].key} uses master journal ${r.masterJournal} (set in the copy group)` };
      if (a.restoreJournal !== undefined && a.restoreJournal !== r.restoreJournal) return { ok: false, code: 'EX_INVARG', message: `-js ${a.restoreJournal}: ${pairs[p].key} uses restore journal ${r.restoreJournal} (set in the copy group)` };
      if (a.consistencyGroup !== undefined && a.consistencyGroup !== r.ctg) return { ok: false, code: 'EX_INVARG', message: `CTG ${a.consistencyGroup}: ${pairs[p].key} is in consistency group ${r.ctg} (set in the copy group)` };
    }
    if (a.fence !== undefined) for (const p of indices) if (pairs[p].remote && this.d.repl.stateIndex(p) === SMPL) pairs[p].remote!.fence = a.fence;
    return null;
  }

  /** A copy cannot start while the remote cannot be reached (the WAN link or the other site is down): EX_CMDRJE, or null. */
  unreachable(indices: number[]): CommandResult | null {
    const pairs = this.d.model.replication.pairs;
    for (const p of indices) {
      const r = pairs[p].remote;
      if (r === null) continue;
      const s = this.d.repl.stateIndex(p);
      if (s === PAIR || s === COPY || s === COPY_RS) continue; // redundant: acceptance says so
      const link = this.d.wan.links[r.wan];
      if (this.d.wan.up[r.wan] === 0) return { ok: false, code: 'EX_CMDRJE', message: `${pairs[p].key}: the WAN link ${link.id} is down; the remote cannot be reached` };
      if (this.arrayDown[r.pArray] === 1 || (r.sArray >= 0 && this.arrayDown[r.sArray] === 1)) return { ok: false, code: 'EX_CMDRJE', message: `${pairs[p].key}: a site of the pair was lost` };
    }
    return null;
  }

  /** A host write to `ldev` was refused by the fence level. */
  countFenced(ldev: number): void {
    const p = this.pairOfPvol[ldev];
    if (p >= 0) this.groups[this.groupOf[p]].fencedWrites++;
  }
}

function newGroup(r: CompiledRemotePair): RemoteGroup {
  return {
    key: r.groupKey,
    mode: r.mode,
    pairs: [],
    copyGroups: [],
    jls: [],
    lastSeq: 0,
    lastJseq: 0,
    appliedSeq: 0,
    appliedJseq: 0,
    lastBytes: 0,
    appliedBytes: 0,
    appliedWrites: 0,
    oldestUs: -1,
    consistJseq: -1,
    consistHseq: 0,
    consistBytes: 0,
    checker: null as unknown as PrefixChecker,
    checkerBroken: null,
    volumeOfPair: new Map(),
    suspendedAtUs: -1,
    suspendReason: null,
    suspensions: 0,
    fencedWrites: 0,
    respUs: 0,
    respCount: 0,
    worstLagS: 0,
    worstLagWrites: 0,
    worstLagBytes: 0,
    peakJournalPct: 0,
  };
}
