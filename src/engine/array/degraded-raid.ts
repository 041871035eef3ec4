/**
 * Degraded RAID service: how a parity group with disks out of service (failed, or a hot spare
 * not yet rebuilt) serves reads and destages, and the disk work of a rebuild step. ParityGroups
 * hands an operation over here only when its group's `degradedGroup` flag is set, so a group
 * with no failed disk pays one byte load per operation and nothing else.
 *
 * Owns, per group: the out-of-service disk mask, the rebuild progress of each out disk, and the
 * derived *hit fraction* — the share of host operations whose strip lies on an out disk and was
 * not rebuilt yet:
 *   RAID5/6: Σ over out disks of (1 − progress) / n   (every disk holds 1/n of the strips);
 *   RAID1:   Σ over out disks of (1 − progress) × 2/n (a mirror pair holds 2/n of the data).
 * Which operations hit is decided by a Weyl sequence per group (u = frac(k × (√5 − 1)/2) for the
 * k-th operation): deterministic, allocation-free, and evenly spread, so over many operations
 * the share is the hit fraction, as addresses spread over the stripes would give.
 *
 * Service while degraded (the pool model of parity-group.ts: any in-service disk can serve):
 * - read, RAID5/6: a hit is reconstructed — the same bytes are read from the n − parity
 *   earliest-free in-service disks (RAID5: every survivor, n − 1; RAID6: n − 2) and the read
 *   ends when the last of them does; a miss reads one in-service disk;
 * - read, RAID1: a hit goes to the failed disk's mirror partner alone (the pair lost its read
 *   balance); a miss reads the earliest-free disk outside the degraded pairs;
 * - destage (small write, op = one disk operation of the write's size), RAID5/6:
 *     u < hit:              the target strip is lost: reconstruct-write, one op on every survivor
 *                           (read the other data strips, write the parities);
 *     u < hit × (1 + m):    a parity strip is lost (m = parities): RAID5 writes the data only
 *                           (1 op), RAID6 read-modify-writes data + the surviving parity (4 ops
 *                           on 2 disks);
 *     else:                 the normal penalty on the earliest-free in-service disks;
 *   RAID1: a hit writes the surviving mirror only (1 op); else both mirrors of a healthy pair;
 * - rebuild work: a step (disk-faults.ts) reads its bytes from the survivors a reconstruct
 *   needs (RAID1: the partner) and writes them to the spare, in chunks of ≈ REBUILD_CHUNK_BYTES
 *   per disk that run in idle time: at every touch of the group (any read or destage here),
 *   chunks that could start on their disk by then are charged first, each at max(due, disk
 *   free), so host I/O waits at most for one chunk in progress; a chunk pays a positioning only
 *   when its disk did other work since its previous chunk (an undisturbed rebuild streams).
 * Out-of-service disks take no host work: the spare's rebuilt region is served by the pool.
 *
 * Invariants: disk free times never decrease; every charged µs is added to `busyUs` of its
 * group; with no disk out the flag is 0 and nothing here runs; a group with fewer survivors than
 * an operation needs (blocked) charges no disk and moves no time (its LDEVs refuse I/O anyway).
 *
 * Does not handle: which disks fail or when a rebuild advances (disk-faults.ts); per-LDEV
 * accounting of the extra degraded destage work (parity-group.ts attributes the nominal cost).
 */
import type { CompiledParityGroup } from '../compile.ts';
import { REBUILD_CHUNK_BYTES } from '../constants.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { ParityGroups } from './parity-group.ts';

/** (√5 − 1) / 2: the Weyl step with the most even spread. */
const WEYL_STEP = 0.6180339887498949;

const RAID1 = 1;
const RAID5 = 5;
const RAID6 = 6;

export class DegradedRaid {
  /** Per group: 1 while any disk is out of service (ParityGroups checks it once per operation). */
  readonly flag: Uint8Array;
  /** Per group: bit d set while disk d (relative to the group) is out of service. */
  readonly outMask: Int32Array;
  /** Per disk (global index): rebuilt fraction 0–1 of an out disk (0 while it waits). */
  readonly progress: Float64Array;
  /** Per group: the share of host operations that hit unrebuilt strips (see the header). */
  readonly hitFraction: Float64Array;
  private readonly raid: Uint8Array;
  private readonly parities: Int32Array;
  /** Per group: disks excluded from non-hit operations (out disks; RAID1 also their partners when n > 2). */
  private readonly poolMask: Int32Array;
  private readonly readSeq: Float64Array;
  private readonly writeSeq: Float64Array;
  private readonly g: ParityGroups;
  private readonly cursor: IoCursor;
  // Rebuild work: per group the current step's chunks, per disk (global index) its share.
  private readonly pendingChunks: Int32Array;
  private readonly chunkUs: Float64Array;
  private readonly stepDueUs: Float64Array;
  private readonly stepEndUs: Float64Array;
  private readonly chunksLeft: Int32Array;
  /** Per disk: when its last rebuild chunk ended (a chunk that starts there continues sequentially: no positioning). */
  private readonly lastChunkEndUs: Float64Array;
  /** [0] latest free time among the disks `pick` chose. */
  private readonly scratch = new Float64Array(1);

  constructor(groups: CompiledParityGroup[], parityGroups: ParityGroups, cursor: IoCursor, flag: Uint8Array) {
    const n = groups.length;
    this.g = parityGroups;
    this.cursor = cursor;
    this.flag = flag;
    this.outMask = new Int32Array(n);
    this.poolMask = new Int32Array(n);
    this.hitFraction = new Float64Array(n);
    this.readSeq = new Float64Array(n);
    this.writeSeq = new Float64Array(n);
    this.raid = Uint8Array.from(groups, (pg) => (pg.raid === 'RAID1' ? RAID1 : pg.raid === 'RAID5' ? RAID5 : RAID6));
    this.parities = Int32Array.from(groups, (pg) => (pg.raid === 'RAID6' ? 2 : 1));
    this.progress = new Float64Array(parityGroups.diskNextFreeUs.length);
    this.pendingChunks = new Int32Array(n);
    this.chunkUs = new Float64Array(n);
    this.stepDueUs = new Float64Array(n);
    this.stepEndUs = new Float64Array(n);
    this.chunksLeft = new Int32Array(parityGroups.diskNextFreeUs.length);
    this.lastChunkEndUs = new Float64Array(parityGroups.diskNextFreeUs.length).fill(-1);
  }

  /** Takes disk `disk` (0-based in group `pg`) out of service or puts it back; resets its progress. */
  setOut(pg: number, disk: number, out: boolean): void {
    const bit = 1 << disk;
    this.outMask[pg] = out ? this.outMask[pg] | bit : this.outMask[pg] & ~bit;
    this.progress[this.g.diskStart[pg] + disk] = 0;
    this.refresh(pg);
  }

  /** The rebuilt fraction (0–1) of out disk `disk` of group `pg`. */
  setProgress(pg: number, disk: number, fraction: number): void {
    this.progress[this.g.diskStart[pg] + disk] = fraction;
    this.refresh(pg);
  }

  /** The mirror partner of disk `d` in a RAID1 group of `n` disks (pairs 0–1, 2–3, …; an odd last disk pairs with its neighbour). */
  static partner(d: number, n: number): number {
    const p = d ^ 1;
    return p < n ? p : d - 1;
  }

  private refresh(pg: number): void {
    const n = this.g.diskCount[pg];
    const out = this.outMask[pg];
    const start = this.g.diskStart[pg];
    let hit = 0;
    let pool = out;
    for (let d = 0; d < n; d++) {
      if ((out & (1 << d)) === 0) continue;
      const left = 1 - this.progress[start + d];
      if (this.raid[pg] === RAID1) {
        hit += (left * 2) / n;
        if (n > 2) pool |= 1 << DegradedRaid.partner(d, n);
      } else {
        hit += left / n;
      }
    }
    this.hitFraction[pg] = hit > 1 ? 1 : hit;
    this.poolMask[pg] = pool;
    this.flag[pg] = out !== 0 ? 1 : 0;
    // Which disks a destage may use changed: a remembered "no destage before t" no longer holds.
    this.g.resetDestageWait(pg);
  }

  /** The next Weyl value of a sequence (not advanced: the caller does on success). */
  private static weyl(seq: number): number {
    return (seq * WEYL_STEP) % 1;
  }

  /**
   * Chooses the `k` earliest-free disks of `pg` outside `exclude` (ties: lower index) as a mask,
   * or 0 when fewer than `k` are available; scratch[0] = the latest free time among them.
   */
  private pick(pg: number, k: number, exclude: number): number {
    const free = this.g.diskNextFreeUs;
    const start = this.g.diskStart[pg];
    const n = this.g.diskCount[pg];
    let taken = 0;
    let latest = 0;
    for (let c = 0; c < k; c++) {
      let best = -1;
      let bestUs = Infinity;
      for (let d = 0; d < n; d++) {
        if (((exclude | taken) & (1 << d)) === 0 && free[start + d] < bestUs) {
          bestUs = free[start + d];
          best = d;
        }
      }
      if (best < 0) return 0;
      taken |= 1 << best;
      if (bestUs > latest) latest = bestUs;
    }
    this.scratch[0] = latest;
    return taken;
  }

  /** Occupies every disk of `mask` for `us` from max(`fromUs`, its free time); returns the latest end. */
  private occupy(pg: number, mask: number, fromUs: number, us: number): number {
    const free = this.g.diskNextFreeUs;
    const start = this.g.diskStart[pg];
    const n = this.g.diskCount[pg];
    let last = fromUs;
    for (let d = 0; d < n; d++) {
      if ((mask & (1 << d)) === 0) continue;
      const f = free[start + d];
      const end = (fromUs > f ? fromUs : f) + us;
      free[start + d] = end;
      if (end > last) last = end;
    }
    return last;
  }

  private static count(mask: number): number {
    let c = 0;
    for (let m = mask; m !== 0; m &= m - 1) c++;
    return c;
  }

  /** The in-service partner of the out disk whose pair an RAID1 hit `u` falls in, or -1. */
  private hitPartner(pg: number, u: number): number {
    const n = this.g.diskCount[pg];
    const start = this.g.diskStart[pg];
    const out = this.outMask[pg];
    let acc = 0;
    let last = -1;
    for (let d = 0; d < n; d++) {
      if ((out & (1 << d)) === 0) continue;
      const p = DegradedRaid.partner(d, n);
      if ((out & (1 << p)) !== 0) continue; // both out: blocked
      last = p;
      acc += ((1 - this.progress[start + d]) * 2) / n;
      if (u < acc) return p;
    }
    return last;
  }

  /**
   * A host read of `serviceUs` per disk on degraded group `pg` at the cursor; advances the cursor
   * to its end and counts its disk time (and, for `ldev` >= 0, the per-LDEV read accounting).
   */
  read(pg: number, serviceUs: number, bytes: number, ldev: number): void {
    const arrivalUs = this.cursor[0];
    this.rebuildIdle(pg, arrivalUs);
    const u = DegradedRaid.weyl(this.readSeq[pg]++);
    const hit = u < this.hitFraction[pg];
    let mask: number;
    if (this.raid[pg] === RAID1) {
      const partner = hit ? this.hitPartner(pg, u) : -1;
      mask = partner >= 0 ? 1 << partner : this.pick(pg, 1, this.poolMask[pg]);
      if (mask === 0) mask = this.pick(pg, 1, this.outMask[pg]);
    } else {
      const need = hit ? this.g.diskCount[pg] - this.parities[pg] : 1;
      mask = this.pick(pg, need, this.outMask[pg]);
    }
    const busyUs = DegradedRaid.count(mask) * serviceUs;
    this.cursor[0] = mask === 0 ? arrivalUs : this.occupy(pg, mask, arrivalUs, serviceUs);
    this.g.busyUs[pg] += busyUs;
    if (ldev >= 0) {
      this.g.ldevBusyUs[ldev] += busyUs;
      this.g.ldevReadOps[ldev]++;
      this.g.ldevReadBytes[ldev] += bytes;
    }
  }

  /**
   * ParityGroups' `charge` for a degraded group (same contract: args [0] earliest start,
   * [1] nominal per-disk µs, [2] latest allowed start, [3] ← end). The caller counts the nominal
   * busy (per-disk µs × destageDisks) on success; this adds the difference to what it charged.
   */
  charge(pg: number, args: Float64Array): boolean {
    this.rebuildIdle(pg, this.cursor[0]);
    const fromUs = args[0];
    const nominalPerDiskUs = args[1];
    const disks = this.g.destageDisks[pg];
    const opUs = (nominalPerDiskUs * disks) / this.g.writePenalty[pg];
    const u = DegradedRaid.weyl(this.writeSeq[pg]);
    const hit = this.hitFraction[pg];
    let mask: number;
    let perDiskUs: number;
    if (this.raid[pg] === RAID1) {
      const partner = u < hit ? this.hitPartner(pg, u) : -1;
      perDiskUs = partner >= 0 ? opUs : nominalPerDiskUs;
      mask = partner >= 0 ? 1 << partner : this.pickUpTo(pg, disks, this.poolMask[pg]);
      if (partner >= 0) this.scratch[0] = this.g.diskNextFreeUs[this.g.diskStart[pg] + partner];
    } else if (u < hit) {
      perDiskUs = opUs; // reconstruct-write: one op on every survivor
      mask = this.pickUpTo(pg, this.g.diskCount[pg], this.outMask[pg]);
    } else if (u < hit * (1 + this.parities[pg])) {
      const k = this.parities[pg]; // RAID5: data only (1 disk); RAID6: data + surviving parity (2 disks)
      perDiskUs = k === 1 ? opUs : 2 * opUs;
      mask = this.pickUpTo(pg, k, this.outMask[pg]);
    } else {
      perDiskUs = nominalPerDiskUs;
      mask = this.pickUpTo(pg, disks, this.outMask[pg]);
    }
    if (mask === 0) {
      // Blocked: no survivor takes the work (the data is lost); nothing is charged.
      args[3] = fromUs;
      this.g.busyUs[pg] -= nominalPerDiskUs * disks;
      this.writeSeq[pg]++;
      return true;
    }
    const latestFree = this.scratch[0];
    if (latestFree > args[2]) {
      args[3] = latestFree;
      return false;
    }
    args[3] = this.occupy(pg, mask, fromUs, perDiskUs);
    this.g.busyUs[pg] += DegradedRaid.count(mask) * perDiskUs - nominalPerDiskUs * disks;
    this.writeSeq[pg]++;
    return true;
  }

  /** `pick` of min(k, available) disks (a group short of disks writes to those it has). */
  private pickUpTo(pg: number, k: number, exclude: number): number {
    const n = this.g.diskCount[pg];
    const all = n >= 32 ? -1 : (1 << n) - 1;
    const available = n - DegradedRaid.count(exclude & all);
    return available <= 0 ? 0 : this.pick(pg, k < available ? k : available, exclude);
  }

  // ------------------------------------------------------------ rebuild work (disk-faults.ts paces the steps)

  /**
   * Starts a rebuild step of out disk `disk` of `pg` at `atUs`: `bytes` to read from each survivor
   * a reconstruct needs (RAID1: the partner; chosen now, earliest-free first) and to write to the
   * spare in the disk's slot, as chunks of about REBUILD_CHUNK_BYTES per disk, due at `atUs`. The
   * chunks run in the disks' idle time (`rebuildIdle`, at every touch of the group). Returns
   * false when no survivor can serve (blocked).
   */
  beginRebuildStep(pg: number, disk: number, atUs: number, bytes: number): boolean {
    const n = this.g.diskCount[pg];
    let sources: number;
    if (this.raid[pg] === RAID1) {
      const p = DegradedRaid.partner(disk, n);
      sources = (this.outMask[pg] & (1 << p)) === 0 ? 1 << p : 0;
    } else {
      sources = this.pick(pg, n - this.parities[pg], this.outMask[pg]);
    }
    if (sources === 0) return false;
    const chunks = Math.max(1, Math.ceil(bytes / REBUILD_CHUNK_BYTES));
    const mask = sources | (1 << disk);
    const start = this.g.diskStart[pg];
    for (let d = 0; d < n; d++) if ((mask & (1 << d)) !== 0) this.chunksLeft[start + d] = chunks;
    this.pendingChunks[pg] = chunks * DegradedRaid.count(mask);
    this.chunkUs[pg] = (bytes / chunks) * this.g.mediaUsPerByte[pg];
    this.stepDueUs[pg] = atUs;
    this.stepEndUs[pg] = atUs;
    return true;
  }

  /** A touch of `pg` at `atUs` from a rebuild event: due destages, then rebuild chunks, that can start by then. */
  touch(pg: number, atUs: number): void {
    this.cursor[0] = atUs;
    this.g.destageIdle(pg);
    this.rebuildIdle(pg, atUs);
  }

  /** Rebuild chunks of the current step not yet charged to a disk. */
  rebuildPending(pg: number): number {
    return this.pendingChunks[pg];
  }

  /** When the last charged chunk of the current step ends. */
  rebuildStepEndUs(pg: number): number {
    return this.stepEndUs[pg];
  }

  /** Drops the current step's uncharged chunks (the rebuild ended, restarted or the group is blocked). */
  cancelRebuild(pg: number): void {
    const start = this.g.diskStart[pg];
    for (let d = 0; d < this.g.diskCount[pg]; d++) this.chunksLeft[start + d] = 0;
    this.pendingChunks[pg] = 0;
  }

  /**
   * A touch of `pg` at `untilUs`: charges the pending rebuild chunks that can start on their
   * disks no later than `untilUs`, each at max(its step's due time, the disk's free time) — so
   * they fill idle time and what arrives at `untilUs` goes after them (non-preemptive, as the
   * destage queue). Every reservation on a degraded group's disks passes here first, so the
   * timeline is what charging at each idle instant would have given.
   */
  rebuildIdle(pg: number, untilUs: number): void {
    if (this.pendingChunks[pg] === 0) return;
    const free = this.g.diskNextFreeUs;
    const start = this.g.diskStart[pg];
    const dueUs = this.stepDueUs[pg];
    for (let d = start; d < start + this.g.diskCount[pg]; d++) {
      while (this.chunksLeft[d] > 0) {
        const at = free[d] > dueUs ? free[d] : dueUs;
        if (at > untilUs) break;
        this.chargeChunk(pg, d, at);
      }
    }
  }

  /** md's guaranteed minimum: one pending chunk on each disk that has one, now, behind what is queued. */
  forceRebuildChunk(pg: number): void {
    const free = this.g.diskNextFreeUs;
    const start = this.g.diskStart[pg];
    const dueUs = this.stepDueUs[pg];
    for (let d = start; d < start + this.g.diskCount[pg]; d++) {
      if (this.chunksLeft[d] > 0) this.chargeChunk(pg, d, free[d] > dueUs ? free[d] : dueUs);
    }
  }

  /** One chunk on global disk `d` from `atUs`: a positioning only if the disk did other work since its last chunk. */
  private chargeChunk(pg: number, d: number, atUs: number): void {
    const free = this.g.diskNextFreeUs;
    const us = this.chunkUs[pg] + (free[d] === this.lastChunkEndUs[d] ? 0 : this.g.positioningUs[pg]);
    const end = atUs + us;
    free[d] = end;
    this.lastChunkEndUs[d] = end;
    this.chunksLeft[d]--;
    this.pendingChunks[pg]--;
    this.g.busyUs[pg] += us;
    if (end > this.stepEndUs[pg]) this.stepEndUs[pg] = end;
  }
}
