/**
 * A sliding window of back-end load for volume moves (array/volume-move.ts): once per simulated
 * second it snapshots every parity group's busy µs and every LDEV's back-end work (parity-group.ts
 * per-LDEV accounting), so the load of any whole-second span inside the window can be read as a
 * difference of two snapshots.
 *
 * Owns: the snapshot ring (`windowS` + 1 seconds), utilisation over a span (busy µs / (disks ×
 * span)), an LDEV's work over a span, and re-costing that work on another group's disks with the
 * formulas parity-group.ts charges (a read: positioning + bytes at the media rate; a destage: the
 * RAID write penalty × (positioning + bytes at the media rate)).
 *
 * Invariants: snapshots are taken at whole seconds 1, 2, 3 … in order (second 0 is all zeros);
 * a span is only read while both its ends are still in the ring; no allocation after
 * construction.
 *
 * Does not handle: degraded RAID service times (a re-cost assumes the target is healthy), cache
 * effects (a move keeps the LDEV's cache slots, so its back-end operations stay the same).
 */
import { US_PER_S } from '../constants.ts';
import { assert } from '../kernel/assert.ts';
import type { ParityGroups } from './parity-group.ts';

/** Per-LDEV work fields, in the order of the snapshot. */
export const WORK_BUSY_US = 0;
export const WORK_READ_OPS = 1;
export const WORK_READ_BYTES = 2;
export const WORK_DESTAGE_OPS = 3;
export const WORK_DESTAGE_BYTES = 4;
const WORK_FIELDS = 5;

export class LoadWindow {
  readonly windowS: number;
  /** The last second snapshotted (0 before the first `record`). */
  lastSecond = 0;
  private readonly groups: ParityGroups;
  private readonly slots: number;
  private readonly groupCount: number;
  private readonly ldevCount: number;
  /** [slot × groupCount + pg]: busy µs of the group at that second. */
  private readonly groupBusy: Float64Array;
  /** [(slot × ldevCount + ldev) × WORK_FIELDS + field]. */
  private readonly ldevWork: Float64Array;

  constructor(groups: ParityGroups, ldevCount: number, windowS: number) {
    assert(Number.isInteger(windowS) && windowS >= 1, `load window: bad length ${windowS}`);
    this.groups = groups;
    this.windowS = windowS;
    this.slots = windowS + 1;
    this.groupCount = groups.count;
    this.ldevCount = ldevCount;
    this.groupBusy = new Float64Array(this.slots * groups.count);
    this.ldevWork = new Float64Array(this.slots * ldevCount * WORK_FIELDS);
  }

  /** Snapshots the counters at the end of `second` (must be the next second). */
  record(second: number): void {
    assert(second === this.lastSecond + 1, `load window: second ${second} after ${this.lastSecond}`);
    const slot = second % this.slots;
    const g = this.groups;
    this.groupBusy.set(g.busyUs, slot * this.groupCount);
    const base = slot * this.ldevCount * WORK_FIELDS;
    for (let l = 0; l < this.ldevCount; l++) {
      const o = base + l * WORK_FIELDS;
      this.ldevWork[o + WORK_BUSY_US] = g.ldevBusyUs[l];
      this.ldevWork[o + WORK_READ_OPS] = g.ldevReadOps[l];
      this.ldevWork[o + WORK_READ_BYTES] = g.ldevReadBytes[l];
      this.ldevWork[o + WORK_DESTAGE_OPS] = g.ldevDestageOps[l];
      this.ldevWork[o + WORK_DESTAGE_BYTES] = g.ldevDestageBytes[l];
    }
    this.lastSecond = second;
  }

  /** Seconds of history available for a span ending now, at most `maxS` (default: the window). */
  span(maxS = this.windowS): number {
    return Math.min(maxS, this.windowS, this.lastSecond);
  }

  private checkSpan(fromS: number, toS: number): void {
    if (!(fromS <= toS && toS <= this.lastSecond && fromS >= this.lastSecond - this.windowS && fromS >= 0)) {
      assert(false, `load window: span ${fromS}–${toS} s is not in the window ending at ${this.lastSecond} s`);
    }
  }

  /** Busy µs of group `pg` in seconds (fromS, toS]. */
  groupBusyUs(pg: number, fromS: number, toS: number): number {
    this.checkSpan(fromS, toS);
    return this.busyAt(pg, toS) - this.busyAt(pg, fromS);
  }

  private busyAt(pg: number, second: number): number {
    return second === 0 ? 0 : this.groupBusy[(second % this.slots) * this.groupCount + pg];
  }

  private workAt(ldev: number, field: number, second: number): number {
    return second === 0 ? 0 : this.ldevWork[((second % this.slots) * this.ldevCount + ldev) * WORK_FIELDS + field];
  }

  /** Utilisation of group `pg` in seconds (fromS, toS], percent of its disks' time (0 for an empty span). */
  groupUtilPct(pg: number, fromS: number, toS: number): number {
    if (toS === fromS) return 0;
    return (100 * this.groupBusyUs(pg, fromS, toS)) / ((toS - fromS) * US_PER_S * this.groups.diskCount[pg]);
  }

  /** One work field (WORK_…) of `ldev` in seconds (fromS, toS]. */
  ldevWorkIn(ldev: number, field: number, fromS: number, toS: number): number {
    this.checkSpan(fromS, toS);
    return this.workAt(ldev, field, toS) - this.workAt(ldev, field, fromS);
  }

  /**
   * The disk µs `ldev`'s back-end operations of seconds (fromS, toS] would take on group `pg`:
   * each read positioning + bytes at the media rate, each destage the RAID write penalty ×
   * (positioning + bytes at the media rate) — parity-group.ts's formulas.
   */
  recostUs(ldev: number, pg: number, fromS: number, toS: number): number {
    const g = this.groups;
    const readOps = this.ldevWorkIn(ldev, WORK_READ_OPS, fromS, toS);
    const readBytes = this.ldevWorkIn(ldev, WORK_READ_BYTES, fromS, toS);
    const destageOps = this.ldevWorkIn(ldev, WORK_DESTAGE_OPS, fromS, toS);
    const destageBytes = this.ldevWorkIn(ldev, WORK_DESTAGE_BYTES, fromS, toS);
    const reads = readOps * g.positioningUs[pg] + readBytes * g.mediaUsPerByte[pg];
    const destages = g.writePenalty[pg] * (destageOps * g.positioningUs[pg] + destageBytes * g.mediaUsPerByte[pg]);
    return reads + destages;
  }
}
