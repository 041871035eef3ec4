/**
 * Back-end timelines of every parity group — one `nextFreeUs` per disk — and each group's
 * write-pending queue (dirty tracks waiting for their destage).
 *
 * Owns: the service time of a disk operation for each tier (positioning + transfer at the
 * media rate), choosing the earliest-free disks for each operation, and destaging: charging a
 * dirty track's RAID write penalty to the group's disks and marking the track clean.
 *
 * Destage model (write-behind with read priority):
 * - array.ts schedules a destage when a write dirties a track; it becomes *due*
 *   WRITE_BEHIND_DELAY_US after acceptance (the minimum time a track stays write pending,
 *   during which rewrites merge into it);
 * - due destages run in the disks' idle time: whenever the group is touched at time t (a read
 *   reaches its disks, or a write is accepted), queued destages are charged FIFO, each starting
 *   at max(due, disks free), as long as that start is not after t. So a destage never makes an
 *   I/O wait except by being already in progress when it arrives (non-preemptive), as arrays
 *   destage in the background and serve reads first. Charging happens only at touches, and
 *   every reservation on these disks is a touch, so the timeline is what an event at each
 *   idle instant would have produced — with no event per destage, and independent of how a
 *   run is sliced;
 * - when its destage is charged the track is clean again (if its slot still holds that dirty
 *   period: the slot's dirty token is compared), so the next write dirties it anew;
 * - write-pending limit: `dirtyByArray` counts scheduled, uncharged track destages per array.
 *   array.ts turns writes write-through (`destageNow`: FIFO with reads, the write waits for
 *   it) while its array is at the limit, which throttles writes to back-end speed and bounds
 *   the queue.
 *
 * Invariants: a disk's nextFreeUs never decreases; each operation occupies exactly one disk
 * for its whole service time; ties between equally free disks go to the lowest disk index;
 * every scheduled destage is charged exactly once, in FIFO order per group, no earlier than
 * its due time.
 *
 * Per-LDEV accounting (volume moves, array/volume-move.ts): callers that know the LDEV an
 * operation is for pass it (`ldev` >= 0; -1 = unattributed, e.g. replication copies). Its disk
 * busy µs go to `ldevBusyUs` when charged (a queued destage remembers its LDEV); its positioned
 * operations and bytes go to `ldevReadOps`/`ldevReadBytes`/`ldevDestageOps`/`ldevDestageBytes`
 * when issued, so its work can be re-costed on another tier's disks.
 *
 * Failed disks (array/degraded-raid.ts, driven by array/disk-faults.ts): while a group has a disk
 * out of service its `degradedGroup` flag is set and `read` and `charge` hand the operation to
 * `degraded` (reconstructed reads, degraded writes, no work on out disks); a healthy group pays
 * one flag check per operation and its timelines are exactly what they were without this.
 *
 * Does not handle: full-stripe write optimisation, tiering, raising destage priority at high
 * write pending (the queue waits for idle time; writes throttle); which disks fail and the
 * rebuild's pacing (disk-faults.ts).
 */
import type { CompiledParityGroup } from '../compile.ts';
import { RAID_WRITE_PENALTY, TIER_MODELS, WRITE_BEHIND_DELAY_US } from '../constants.ts';
import type { IoCursor } from '../io-cursor.ts';
import { DegradedRaid } from './degraded-raid.ts';

const QUEUE_INITIAL = 64; // a power of two; rings double when full

export class ParityGroups {
  readonly count: number;
  readonly ids: string[];
  readonly diskNextFreeUs: Float64Array;
  readonly diskStart: Int32Array;
  readonly diskCount: Int32Array;
  readonly positioningUs: Float64Array;
  /** 1 / media rate in bytes per µs (multiplied, not divided, on the hot path). */
  readonly mediaUsPerByte: Float64Array;
  readonly writePenalty: Int32Array;
  /** Disks a small write touches (RAID1: 2 mirrors; RAID5: data + parity; RAID6: data + P + Q). */
  readonly destageDisks: Int32Array;
  /** Disk-busy µs per group, whole run, counted when work is charged (for utilisation views). */
  readonly busyUs: Float64Array;
  /** Destages per group: scheduled ones when charged, plus write-throughs. */
  readonly destages: Float64Array;
  /** Scheduled track destages not yet charged, per array (the write-pending count). */
  readonly dirtyByArray: Float64Array;
  /** Per group: 1 while a disk is out of service (failed / spare not rebuilt): operations go to `degraded`. */
  readonly degradedGroup: Uint8Array;
  /** Degraded-RAID service of groups with `degradedGroup` set (degraded-raid.ts; disk-faults.ts drives it). */
  readonly degraded: DegradedRaid;
  // Per-LDEV accounting (volume moves; see the header): busy µs when charged, work when issued.
  readonly ldevBusyUs: Float64Array;
  readonly ldevReadOps: Float64Array;
  readonly ldevReadBytes: Float64Array;
  /** Positioned destages (a RAID write is one, whatever its penalty). */
  readonly ldevDestageOps: Float64Array;
  readonly ldevDestageBytes: Float64Array;
  private readonly arrayOf: Int32Array;
  private readonly cursor: IoCursor;
  /** Per group: the dirty-token array of its array's cache (slot → token, 0 = clean). */
  private readonly dirtyTokens: Int32Array[];
  // Write-pending queue of each group: a FIFO ring of (due, per-disk µs, cache slot, token).
  private queueDueUs: Float64Array[];
  private queuePerDiskUs: Float64Array[];
  private queueSlot: Int32Array[];
  private queueToken: Int32Array[];
  /** The LDEV each queued destage is for (-1: unattributed). */
  private queueLdev: Int32Array[];
  private readonly queueHead: Int32Array;
  private readonly queueCount: Int32Array;
  /**
   * Per group: no destage can start before this (the last failed attempt's disks were busy
   * until then, and disks' free times never decrease), so touches before it skip the scan.
   */
  private readonly blockedUntilUs: Float64Array;
  /**
   * `charge` arguments and result (doubles never cross a call boundary: see io-cursor.ts):
   * [0] earliest start, [1] per-disk µs, [2] latest allowed start of the last disk, [3] end.
   */
  private readonly chargeArgs = new Float64Array(4);

  /** `dirtyTokensByArray[a]`: the dirty tokens of array a's cache slots (shared with array.ts); `ldevCount` sizes the per-LDEV accounting. */
  constructor(groups: CompiledParityGroup[], cursor: IoCursor, dirtyTokensByArray: Int32Array[], ldevCount = 0) {
    this.cursor = cursor;
    const n = groups.length;
    this.count = n;
    this.ids = groups.map((g) => g.id);
    this.diskStart = new Int32Array(n);
    this.diskCount = new Int32Array(n);
    this.positioningUs = new Float64Array(n);
    this.mediaUsPerByte = new Float64Array(n);
    this.writePenalty = new Int32Array(n);
    this.destageDisks = new Int32Array(n);
    this.busyUs = new Float64Array(n);
    this.destages = new Float64Array(n);
    this.dirtyByArray = new Float64Array(dirtyTokensByArray.length);
    this.arrayOf = Int32Array.from(groups, (g) => g.arrayIndex);
    this.dirtyTokens = groups.map((g) => dirtyTokensByArray[g.arrayIndex]);
    this.queueDueUs = groups.map(() => new Float64Array(QUEUE_INITIAL));
    this.queuePerDiskUs = groups.map(() => new Float64Array(QUEUE_INITIAL));
    this.queueSlot = groups.map(() => new Int32Array(QUEUE_INITIAL));
    this.queueToken = groups.map(() => new Int32Array(QUEUE_INITIAL));
    this.queueLdev = groups.map(() => new Int32Array(QUEUE_INITIAL));
    this.ldevBusyUs = new Float64Array(ldevCount);
    this.ldevReadOps = new Float64Array(ldevCount);
    this.ldevReadBytes = new Float64Array(ldevCount);
    this.ldevDestageOps = new Float64Array(ldevCount);
    this.ldevDestageBytes = new Float64Array(ldevCount);
    this.queueHead = new Int32Array(n);
    this.queueCount = new Int32Array(n);
    this.blockedUntilUs = new Float64Array(n);
    let disks = 0;
    groups.forEach((g, i) => {
      this.diskStart[i] = disks;
      this.diskCount[i] = g.diskCount;
      disks += g.diskCount;
      this.positioningUs[i] = TIER_MODELS[g.tier].positioningUs;
      this.mediaUsPerByte[i] = 1 / TIER_MODELS[g.tier].mediaBytesPerUs;
      this.writePenalty[i] = RAID_WRITE_PENALTY[g.raid];
      this.destageDisks[i] = Math.min(g.diskCount, g.raid === 'RAID6' ? 3 : 2);
    });
    this.diskNextFreeUs = new Float64Array(disks);
    // Degraded RAID (disk-faults.ts): after the disk tables, which it reads.
    this.degradedGroup = new Uint8Array(n);
    this.degraded = new DegradedRaid(groups, this, cursor, this.degradedGroup);
  }

  /** Index of the group's disk that frees up first. */
  private earliestDisk(pg: number): number {
    const free = this.diskNextFreeUs;
    const start = this.diskStart[pg];
    const end = start + this.diskCount[pg];
    let best = start;
    let bestUs = free[start];
    for (let d = start + 1; d < end; d++) {
      if (free[d] < bestUs) {
        bestUs = free[d];
        best = d;
      }
    }
    return best;
  }

  /** A read of `bytes` on the earliest-free disk (positioning + transfer) for `ldev` (-1: unattributed); advances the cursor to its end. */
  read(pg: number, bytes: number, ldev = -1): void {
    const serviceUs = this.positioningUs[pg] + bytes * this.mediaUsPerByte[pg];
    // A disk of this group is out of service: degraded-raid.ts serves it (and counts it).
    if (this.degradedGroup[pg] !== 0) return this.degraded.read(pg, serviceUs, bytes, ldev);
    const disk = this.earliestDisk(pg);
    const arrivalUs = this.cursor[0];
    const free = this.diskNextFreeUs[disk];
    const end = (arrivalUs > free ? arrivalUs : free) + serviceUs;
    this.diskNextFreeUs[disk] = end;
    this.busyUs[pg] += serviceUs;
    if (ldev >= 0) {
      this.ldevBusyUs[ldev] += serviceUs;
      this.ldevReadOps[ldev]++;
      this.ldevReadBytes[ldev] += bytes;
    }
    this.cursor[0] = end;
  }

  /**
   * Schedules a destage due WRITE_BEHIND_DELAY_US after the cursor (the write's acceptance; the
   * cursor does not move): `writePenalty` disk operations of `bytes` each (a RAID5
   * read-modify-write reads and writes both the data and the parity disk). `positioned` false
   * means the data continues a track already being written sequentially: transfer time only.
   * `slot` >= 0: the cache slot the write dirtied, with its dirty `token` — counted as write
   * pending until charged, and cleaned then if it still holds that token. `slot` -1: work only
   * (`bytes` 0: a clean-up only, for extra tracks of one write). `ldev`: whose work it is (-1: unattributed).
   */
  scheduleDestage(pg: number, bytes: number, positioned: boolean, slot: number, token: number, ldev = -1): void {
    let capacity = this.queueDueUs[pg].length;
    if (this.queueCount[pg] === capacity) capacity = this.growQueue(pg);
    const i = (this.queueHead[pg] + this.queueCount[pg]) & (capacity - 1);
    this.queueDueUs[pg][i] = this.cursor[0] + WRITE_BEHIND_DELAY_US;
    const opUs = (positioned ? this.positioningUs[pg] : 0) + bytes * this.mediaUsPerByte[pg];
    this.queuePerDiskUs[pg][i] = bytes > 0 ? (opUs * this.writePenalty[pg]) / this.destageDisks[pg] : 0;
    this.queueSlot[pg][i] = slot;
    this.queueToken[pg][i] = token;
    this.queueLdev[pg][i] = ldev;
    if (ldev >= 0 && bytes > 0) this.countDestage(ldev, bytes, positioned);
    this.queueCount[pg]++;
    if (slot >= 0) this.dirtyByArray[this.arrayOf[pg]]++;
  }

  /**
   * Write-through: charges a destage of `bytes` now, FIFO with reads on the earliest-free
   * disks, and advances the cursor to its end (the write waits for it). `ldev`: whose work it is (-1: unattributed).
   */
  destageNow(pg: number, bytes: number, positioned: boolean, ldev = -1): void {
    const opUs = (positioned ? this.positioningUs[pg] : 0) + bytes * this.mediaUsPerByte[pg];
    const perDiskUs = (opUs * this.writePenalty[pg]) / this.destageDisks[pg];
    this.busyUs[pg] += perDiskUs * this.destageDisks[pg];
    if (ldev >= 0) {
      this.ldevBusyUs[ldev] += perDiskUs * this.destageDisks[pg];
      this.countDestage(ldev, bytes, positioned);
    }
    this.destages[pg]++;
    const args = this.chargeArgs;
    args[0] = this.cursor[0];
    args[1] = perDiskUs;
    args[2] = Infinity;
    this.charge(pg);
    this.cursor[0] = args[3];
  }

  /** Per-LDEV accounting of a destage issued for `ldev` (see the header). */
  private countDestage(ldev: number, bytes: number, positioned: boolean): void {
    if (positioned) this.ldevDestageOps[ldev]++;
    this.ldevDestageBytes[ldev] += bytes;
  }

  /** Scheduled destages of group `pg` not yet charged to its disks. */
  pendingDestages(pg: number): number {
    return this.queueCount[pg];
  }

  /** Forgets when the last failed destage attempt could start (degraded-raid.ts: the usable disks changed). */
  resetDestageWait(pg: number): void {
    this.blockedUntilUs[pg] = 0;
  }

  /**
   * The group is touched at the cursor: charges queued destages that are due and can start on
   * idle disks no later than the cursor, oldest first (see the file header).
   */
  destageIdle(pg: number): void {
    let count = this.queueCount[pg];
    if (count === 0) return;
    const untilUs = this.cursor[0];
    if (untilUs < this.blockedUntilUs[pg]) return;
    const due = this.queueDueUs[pg];
    const mask = due.length - 1;
    let head = this.queueHead[pg];
    const args = this.chargeArgs;
    args[2] = untilUs;
    while (count > 0) {
      const dueUs = due[head];
      if (dueUs > untilUs) break;
      const perDiskUs = this.queuePerDiskUs[pg][head];
      if (perDiskUs > 0) {
        args[0] = dueUs;
        args[1] = perDiskUs;
        if (!this.charge(pg)) {
          // Disks busy past the cursor: what arrives now goes first.
          this.blockedUntilUs[pg] = args[3];
          break;
        }
        this.busyUs[pg] += perDiskUs * this.destageDisks[pg];
        const ldev = this.queueLdev[pg][head];
        if (ldev >= 0) this.ldevBusyUs[ldev] += perDiskUs * this.destageDisks[pg];
      }
      const slot = this.queueSlot[pg][head];
      if (slot >= 0) {
        const tokens = this.dirtyTokens[pg];
        if (tokens[slot] === this.queueToken[pg][head]) tokens[slot] = 0;
        this.dirtyByArray[this.arrayOf[pg]]--;
        if (perDiskUs > 0) this.destages[pg]++;
      } else if (perDiskUs > 0) {
        this.destages[pg]++;
      }
      head = (head + 1) & mask;
      count--;
    }
    this.queueHead[pg] = head;
    this.queueCount[pg] = count;
  }

  /**
   * Occupies the `destageDisks` earliest-free distinct disks of `pg` for chargeArgs[1] µs each,
   * starting no earlier than chargeArgs[0], and sets chargeArgs[3] to when the last of them
   * finishes. If the last of them would only start after chargeArgs[2], charges nothing, sets
   * chargeArgs[3] to when it would, and returns false.
   */
  private charge(pg: number): boolean {
    // A disk of this group is out of service: degraded-raid.ts chooses the disks and the work.
    if (this.degradedGroup[pg] !== 0) return this.degraded.charge(pg, this.chargeArgs);
    const args = this.chargeArgs;
    const fromUs = args[0];
    const perDiskUs = args[1];
    const latestStartUs = args[2];
    const free = this.diskNextFreeUs;
    const start = this.diskStart[pg];
    const end = start + this.diskCount[pg];
    const disks = this.destageDisks[pg];
    if (disks === 2) {
      // RAID1 / RAID5 small write: one pass finds the two earliest-free disks (ties: lower index).
      let first = start;
      let second = start + 1;
      if (free[second] < free[first]) {
        first = start + 1;
        second = start;
      }
      for (let d = start + 2; d < end; d++) {
        const f = free[d];
        if (f < free[first]) {
          second = first;
          first = d;
        } else if (f < free[second]) {
          second = d;
        }
      }
      const a = free[first];
      const b = free[second];
      if (b > latestStartUs) {
        args[3] = b;
        return false;
      }
      const endA = (fromUs > a ? fromUs : a) + perDiskUs;
      const endB = (fromUs > b ? fromUs : b) + perDiskUs;
      free[first] = endA;
      free[second] = endB;
      args[3] = endB > endA ? endB : endA;
      return true;
    }
    // Any other count (RAID6: 3; a 1-disk group: 1): passes taking the earliest-free disk not yet
    // taken; the latest of them decides whether the destage may start.
    let taken = 0; // bitmask of disks (relative to start) chosen for this destage
    let latestFree = 0;
    for (let k = 0; k < disks; k++) {
      let best = -1;
      let bestUs = Infinity;
      for (let d = start; d < end; d++) {
        if ((taken & (1 << (d - start))) === 0 && free[d] < bestUs) {
          bestUs = free[d];
          best = d;
        }
      }
      taken |= 1 << (best - start);
      if (bestUs > latestFree) latestFree = bestUs;
    }
    if (latestFree > latestStartUs) {
      args[3] = latestFree;
      return false;
    }
    let last = 0;
    for (let d = start; d < end; d++) {
      if ((taken & (1 << (d - start))) !== 0) {
        free[d] = (fromUs > free[d] ? fromUs : free[d]) + perDiskUs;
        if (free[d] > last) last = free[d];
      }
    }
    args[3] = last;
    return true;
  }

  /** Doubles the ring of `pg` (allocates; amortised over many destages). Returns the new capacity. */
  private growQueue(pg: number): number {
    const oldDue = this.queueDueUs[pg];
    const oldPer = this.queuePerDiskUs[pg];
    const oldSlot = this.queueSlot[pg];
    const oldToken = this.queueToken[pg];
    const oldLdev = this.queueLdev[pg];
    const capacity = oldDue.length * 2;
    const due = new Float64Array(capacity);
    const per = new Float64Array(capacity);
    const slot = new Int32Array(capacity);
    const token = new Int32Array(capacity);
    const ldev = new Int32Array(capacity);
    const head = this.queueHead[pg];
    const count = this.queueCount[pg];
    for (let k = 0; k < count; k++) {
      const j = (head + k) & (oldDue.length - 1);
      due[k] = oldDue[j];
      per[k] = oldPer[j];
      slot[k] = oldSlot[j];
      token[k] = oldToken[j];
      ldev[k] = oldLdev[j];
    }
    this.queueDueUs[pg] = due;
    this.queuePerDiskUs[pg] = per;
    this.queueSlot[pg] = slot;
    this.queueToken[pg] = token;
    this.queueLdev[pg] = ldev;
    this.queueHead[pg] = 0;
    return capacity;
  }
}
