/**
 * Back-end timelines of every parity group: one `nextFreeUs` per disk.
 *
 * Owns: the service time of a disk operation for each tier (positioning + transfer at the
 * media rate), choosing the earliest-free disk of a group for each operation, and charging a
 * write's destage (the RAID write penalty) to the group's disks.
 *
 * Invariants: a disk's nextFreeUs never decreases; each operation occupies exactly one disk
 * for its whole service time; ties between equally free disks go to the lowest disk index.
 *
 * Write-behind: a write is acknowledged from cache; its destage is appended to the disks'
 * timelines at acceptance time (work-conserving FIFO) rather than simulated by a later event,
 * so heavy writes slow later reads exactly as much back-end time as they consume.
 *
 * Does not handle: full-stripe write optimisation, rebuilds, disk failures, tiering.
 */
import type { CompiledParityGroup } from '../compile.ts';
import { RAID_WRITE_PENALTY, TIER_MODELS } from '../constants.ts';
import type { IoCursor } from '../io-cursor.ts';

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
  /** Disk-busy µs per group, whole run (for utilisation views). */
  readonly busyUs: Float64Array;
  private readonly cursor: IoCursor;
  /** Scratch: the per-disk service time of the destage being charged. */
  private readonly perDiskUs = new Float64Array(1);

  constructor(groups: CompiledParityGroup[], cursor: IoCursor) {
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

  /** A read of `bytes` on the earliest-free disk (positioning + transfer); advances the cursor to its end. */
  read(pg: number, bytes: number): void {
    const serviceUs = this.positioningUs[pg] + bytes * this.mediaUsPerByte[pg];
    const disk = this.earliestDisk(pg);
    const arrivalUs = this.cursor[0];
    const free = this.diskNextFreeUs[disk];
    const end = (arrivalUs > free ? arrivalUs : free) + serviceUs;
    this.diskNextFreeUs[disk] = end;
    this.busyUs[pg] += serviceUs;
    this.cursor[0] = end;
  }

  /**
   * Charges a write's destage: `writePenalty` disk operations of `bytes` each, spread over the
   * `destageDisks` earliest-free distinct disks (a RAID5 read-modify-write reads and writes
   * both the data and the parity disk). `positioned` false means the write continues a track
   * already being written sequentially (coalesced in cache), so it costs transfer time only.
   * Starts at the cursor (the acceptance time); does not move it.
   */
  destage(pg: number, bytes: number, positioned: boolean): void {
    const opUs = (positioned ? this.positioningUs[pg] : 0) + bytes * this.mediaUsPerByte[pg];
    const disks = this.destageDisks[pg];
    this.busyUs[pg] += opUs * this.writePenalty[pg];
    this.perDiskUs[0] = (opUs * this.writePenalty[pg]) / disks; // a typed array: see io-cursor.ts
    if (disks === 2) this.chargeTwoEarliest(pg);
    else this.chargeEarliest(pg, disks);
  }

  /** RAID1 / RAID5 small write: one pass finds the two earliest-free disks (ties: lower index). */
  private chargeTwoEarliest(pg: number): void {
    const free = this.diskNextFreeUs;
    const start = this.diskStart[pg];
    const end = start + this.diskCount[pg];
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
    const acceptedUs = this.cursor[0];
    const a = free[first];
    const b = free[second];
    free[first] = (acceptedUs > a ? acceptedUs : a) + this.perDiskUs[0];
    free[second] = (acceptedUs > b ? acceptedUs : b) + this.perDiskUs[0];
  }

  /** Any other count (RAID6: 3): `disks` passes, each taking the earliest-free disk not yet charged. */
  private chargeEarliest(pg: number, disks: number): void {
    const free = this.diskNextFreeUs;
    const start = this.diskStart[pg];
    const end = start + this.diskCount[pg];
    const acceptedUs = this.cursor[0];
    let taken = 0; // bitmask of disks (relative to start) already charged by this write
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
      free[best] = (acceptedUs > bestUs ? acceptedUs : bestUs) + this.perDiskUs[0];
    }
  }
}
