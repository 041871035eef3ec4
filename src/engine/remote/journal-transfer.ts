/**
 * The journal protocol of asynchronous remote copy (Universal Replicator), between a master
 * journal and its restore side over the WAN:
 *
 *   host write ─ack─▶ master journal ──batch (≤ 1 MiB, ≤ 16 reads outstanding)──▶ restore side
 *       ▲                  ▲  trim (the applied point rides on the next read command) │
 *       │ journal full:    └──────────────────────────────────────────────────────────┘
 *       │ the write waits (remote-copy.ts parks it); room frees at the trim
 *   restore side: entries received out of order wait; applied strictly in journal sequence
 *
 * Owns: appending entries (host writes and base copies), EV_REMOTE events (send, read command
 * arriving at the master, reset after an outage, batch arrival, overflow watch), applying in
 * sequence order to the S-VOLs or the library image, the group's applied prefix and the
 * oldest write it lacks, trimming, releasing parked writes, the PFUL flag.
 *
 * Invariants: a batch is delivered only in the epoch it was sent in (an outage loses it and the
 * master resends from the first entry not received); an entry applies only after every entry
 * before it in the group's sequence; the prefix advances only while the group is whole.
 *
 * Does not handle: when the group suspends (remote-copy.ts `suspendGroup`), the WAN timing (wan.ts).
 */
import { JNL_BATCH_BYTES, JNL_BATCH_WAIT_US, JNL_PFUL_PCT, JNL_READS_OUTSTANDING, REMOTE_PORT_US } from '../constants.ts';
import type { TrackDigests } from '../block/track-digests.ts';
import { COPY, COPY_RS, PAIR, PFUS } from '../replication/pair-tables.ts';
import { foldHistory, BATCH_SLOTS, K_ARRIVE, K_READ, K_RESET, K_SEND, K_WATCH, type JournalLink, type RemoteDeps, type RemoteGroup } from './remote-groups.ts';

/** The apply path folds the checker's history once the prefix has moved this many writes past it. */
const FOLD_STEP = 1024;

export class JournalTransfer {
  constructor(
    private readonly d: RemoteDeps,
    private readonly groups: RemoteGroup[],
    private readonly jls: JournalLink[],
    private readonly jlOf: Int32Array,
    private readonly tapeImage: Map<number, TrackDigests>,
    /** The whole group suspends (the overflow watch expired with writes still waiting). */
    private readonly suspendGroup: (gi: number, state: number, reason: string) => void,
  ) {}

  /**
   * A journal entry of pair `p`: a host write (hseq > 0), or a base copy of a track (hseq 0,
   * writer -1, wseq the track's digest) that applies in sequence with the writes around it.
   */
  appendEntry(p: number, hseq: number, block: number, bytes: number, w: number, wseq: number, atUs: number): void {
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

  /** The write lands on the S-VOL (at the cursor) or on the target library's tape. */
  applyToSvol(p: number, block: number, bytes: number, w: number, wseq: number, first: number, last: number): void {
    const d = this.d;
    const pair = d.model.replication.pairs[p];
    const svol = pair.svol;
    if (w === -1) {
      // A base copy: the track as it was when copied.
      if (svol >= 0) {
        if (d.repl.ldevFlag[svol] === 1) d.repl.beforeWrite(svol, first, first, p, -1);
        d.arrays.digests[svol].set(first, wseq);
        d.metrics.jobIo(svol, true, bytes, false);
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
    d.metrics.jobIo(svol, true, bytes, false); // the remote's apply shows as the S-VOL's write I/O
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

  trySend(j: number): void {
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
  applyGroup(gi: number): void {
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
    // The checker's history follows the remote's prefix in steps, so it stays about the size of the journal.
    foldHistory(this.d, g, FOLD_STEP);
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
    g.settled = true;
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
  releaseParked(j: number): void {
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

  journalUseChanged(j: number): void {
    const jl = this.jls[j];
    const pct = (100 * jl.ring.usedBytes) / jl.capacityBytes;
    const g = this.groups[jl.group];
    if (pct > g.peakJournalPct) g.peakJournalPct = pct;
    const over = pct > JNL_PFUL_PCT;
    if (over === jl.pful) return; // only a crossing changes the pairs' PFUL flag
    jl.pful = over;
    for (const p of g.pairs) if (this.jlOf[p] === j) this.d.repl.setRemotePful(p, over);
  }
}
