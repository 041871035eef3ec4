/**
 * Disk failures in parity groups: the `disk` components of `setFault`, hot-spare rebuilds
 * (correction copy), and groups blocked by losing more disks than their RAID level survives.
 *
 * A group's life:
 *
 *            disk fails (survivable)                     last out disk rebuilt
 *   normal ───────────────────────────► rebuilding ─────────────────────────────► normal
 *                                        │    ▲   └─ another survivable failure: queued
 *                                        │    └── (next out disk's rebuild starts)
 *                                        │ one failure too many (before its rebuild ends)
 *                                        ▼
 *                                     blocked   (terminal: data lost; repairs do not undo it)
 *
 * - A failed disk is out of service at once; a hot spare takes its slot and the rebuild starts
 *   (arrays keep spares per drive type; SANdbox assumes one is always free, so 'degraded' —
 *   failed with no rebuild running — is never reported here). Out disks are rebuilt one at a
 *   time in failure order; RAID6's second out disk waits for the first.
 * - The rebuild of one disk copies ParityGroup.diskCapacityGiB at REBUILD_BYTES_PER_US (by RAID
 *   level and tier) in N = ⌈capacity / (rate × REBUILD_STEP_US)⌉ equal steps. A step's reads
 *   from the survivors and writes to the spare run as chunks in the disks' idle time
 *   (degraded-raid.ts: host I/O first; a read waits at most for the chunk in progress). Its
 *   check (an EV_FAULT) comes after the step's share of the idle duration: if every chunk ran
 *   and ended, the next step starts (or the rebuild ends); if host I/O left chunks waiting, one
 *   chunk per disk is forced behind the queue (the guaranteed minimum) and the check repeats a
 *   step later. On an idle group the rebuild therefore ends exactly round(capacity / rate) µs
 *   after the failure; a busy group rebuilds slower; the chunks' disk time is in busyUs.
 * - While out, a disk's strips are served degraded (degraded-raid.ts); the rebuilt fraction of the
 *   disk under rebuild is served normally.
 * - Survival: RAID5 one out disk, RAID6 two, RAID1 one per mirror pair (RAID_FAILURES_TOLERATED).
 *   One more failure blocks the group: the rebuild stops, `ldevBlocked` is set for the LDEVs on
 *   it now, a critical alert is raised and `host.blocked(g)` lets the simulation refuse their I/O
 *   ('ldev-blocked') and suspend their pairs. A blocked group stays blocked (its data is lost; a
 *   real array needs the group re-created and restored from a backup).
 * - Repair (`failed: false`) means the failed drive was replaced in the spare pool. The spare
 *   holding its slot (permanent sparing, no copy-back) is what restores redundancy, so a repair
 *   changes no service: a rebuild under way continues, a finished one stays finished, a blocked
 *   group stays blocked. Until repaired, the drive counts as failed: failing its slot again is
 *   redundant. After a repair, failing the slot again fails the spare in it: a new rebuild (or,
 *   if its rebuild was still running, that rebuild restarts on a new spare).
 *
 * Invariants: a group's out disks are exactly `degraded.outMask`; at most one rebuild runs per
 * group and it is for `outOrder[g][0]`; an EV_FAULT of an older generation is ignored (a
 * restart or a block bumps it); alerts and state change only at action and event times.
 *
 * Does not handle: copy-back to a replacement drive, a finite spare pool, latent sector errors
 * during a rebuild, the data of a blocked group's write-pending tracks (they stay pinned in
 * cache), nor an LDEV moving into a group that gets blocked (volume-move.ts).
 */
import type { FaultComponent } from '../../model/scenario-faults.ts';
import { componentLabel } from '../../model/scenario-faults.ts';
import type { AlertKind, AlertSeverity } from '../../model/topology-monitoring.ts';
import { GIB } from '../../model/units.ts';
import type { CompiledModel, CompiledParityGroup } from '../compile.ts';
import { RAID_FAILURES_TOLERATED, REBUILD_BYTES_PER_US, REBUILD_STEP_US } from '../constants.ts';
import type { ParityGroupState } from '../fault-api.ts';
import type { FaultTarget } from '../faults/fault-system.ts';
import type { DiskArrays } from './array.ts';
import { DegradedRaid } from './degraded-raid.ts';

export interface DiskFaultHost {
  nowUs(): number;
  /** Queues EV_FAULT (FAULT_EV_REBUILD) for `group` at `atUs`; its event calls `event(group, generation)`. */
  schedule(atUs: number, group: number, generation: number): void;
  raise(severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string): void;
  /** The group lost its data: refuse I/O to its LDEVs ('ldev-blocked') and suspend their pairs. */
  blocked(group: number): void;
}

export interface DiskGroupHealth {
  state: ParityGroupState;
  /** Out-of-service disks (failed, or a spare not yet rebuilt), ascending. */
  failedDisks: number[];
  /** Rebuild progress 0–100 (whole steps done) while rebuilding, else null. */
  rebuildPct: number | null;
  /** When the running rebuild ends if nothing else changes (idle disks from now on), else null. */
  rebuildEndUs: number | null;
}

const ST_NORMAL = 0;
const ST_REBUILDING = 2;
const ST_BLOCKED = 3;
const STATE_NAMES: readonly ParityGroupState[] = ['normal', 'degraded', 'rebuilding', 'blocked'];

/** A compiled group with its disks' capacity (compile.ts copies it from the topology). */
type GroupWithCapacity = CompiledParityGroup & { diskCapacityGiB?: number };

export class DiskFaults implements FaultTarget {
  /** Per LDEV index: 1 while its parity group is blocked. */
  readonly ldevBlocked: Uint8Array;
  private readonly model: CompiledModel;
  private readonly arrays: DiskArrays;
  private readonly host: DiskFaultHost;
  private readonly degraded: DegradedRaid;
  private readonly groupByKey = new Map<string, number>();
  private readonly arrayIds: Set<string>;
  private readonly state: Uint8Array;
  /** Per disk (global index): the drive in this slot failed and was not replaced (repaired) yet. */
  private readonly driveFailed: Uint8Array;
  /** Per group: out-of-service disks in failure order; the first is the one rebuilding. */
  private readonly outOrder: number[][];
  private readonly generation: Int32Array;
  private readonly rebuildCount: Int32Array;
  // The running rebuild of each group.
  private readonly rebuildDisk: Int32Array;
  private readonly stepsDone: Int32Array;
  private readonly stepsTotal: Int32Array;
  /** round(capacity / rate): the rebuild's duration on an idle group. */
  private readonly idleTotalUs: Float64Array;
  private readonly startUs: Float64Array;
  private readonly nextEventUs: Float64Array;

  constructor(model: CompiledModel, arrays: DiskArrays, host: DiskFaultHost) {
    this.model = model;
    this.arrays = arrays;
    this.host = host;
    this.degraded = arrays.parityGroups.degraded;
    const n = model.parityGroups.length;
    model.parityGroups.forEach((g, i) => this.groupByKey.set(g.id, i));
    this.arrayIds = new Set(model.arrays.map((a) => a.id));
    this.ldevBlocked = new Uint8Array(model.ldevs.length);
    this.state = new Uint8Array(n);
    this.driveFailed = new Uint8Array(arrays.parityGroups.diskNextFreeUs.length);
    this.outOrder = model.parityGroups.map(() => []);
    this.generation = new Int32Array(n);
    this.rebuildCount = new Int32Array(n);
    this.rebuildDisk = new Int32Array(n).fill(-1);
    this.stepsDone = new Int32Array(n);
    this.stepsTotal = new Int32Array(n);
    this.idleTotalUs = new Float64Array(n);
    this.startUs = new Float64Array(n);
    this.nextEventUs = new Float64Array(n);
  }

  /** The group index of `arrayId`/`parityGroupId`, or -1. */
  groupIndex(arrayId: string, parityGroupId: string): number {
    return this.groupByKey.get(`${arrayId}/${parityGroupId}`) ?? -1;
  }

  check(c: FaultComponent): string | null {
    if (c.kind !== 'disk') return `${componentLabel(c)} is not a disk`;
    if (!this.arrayIds.has(c.arrayId)) return `no disk array "${c.arrayId}"`;
    const g = this.groupIndex(c.arrayId, c.parityGroupId);
    if (g < 0) return `disk array ${c.arrayId} has no parity group "${c.parityGroupId}"`;
    const n = this.model.parityGroups[g].diskCount;
    if (c.disk >= n) return `parity group ${c.arrayId}/${c.parityGroupId} has ${n} disks (0–${n - 1}): no disk ${c.disk}`;
    return null;
  }

  setFailed(c: FaultComponent, failed: boolean): void {
    if (c.kind !== 'disk') return;
    const g = this.groupIndex(c.arrayId, c.parityGroupId);
    const slot = this.arrays.parityGroups.diskStart[g] + c.disk;
    if (!failed) {
      this.driveFailed[slot] = 0; // the replacement goes to the spare pool: nothing else changes
      return;
    }
    if (this.driveFailed[slot] === 1) return; // redundant
    this.driveFailed[slot] = 1;
    this.fail(g, c.disk);
  }

  /** Disk `d` of group `g` (its drive or the spare in its slot) fails now. */
  private fail(g: number, d: number): void {
    const out = this.outOrder[g];
    if (this.state[g] === ST_BLOCKED) {
      if (!out.includes(d)) this.takeOut(g, d);
      return;
    }
    if (out.includes(d)) {
      // The spare in an out slot failed: a running rebuild restarts on a new spare; a waiting one waits.
      if (this.rebuildDisk[g] === d) {
        this.host.raise('warning', 'rebuild', this.arrayId(g), `${this.diskLabel(g, d)}: the spare being rebuilt failed; the rebuild restarts on a new spare`);
        this.degraded.setProgress(g, d, 0);
        this.startRebuild(g, d);
      }
      return;
    }
    this.takeOut(g, d);
    if (!this.survives(g)) {
      this.block(g);
      return;
    }
    if (this.rebuildDisk[g] < 0) this.startRebuild(g, d);
    else this.host.raise('info', 'rebuild', this.arrayId(g), `${this.diskLabel(g, d)}: its rebuild waits for the rebuild of disk #${this.rebuildDisk[g]}`);
  }

  private takeOut(g: number, d: number): void {
    this.outOrder[g].push(d);
    this.degraded.setOut(g, d, true);
  }

  /** Whether group `g` still holds its data with its current out disks. */
  private survives(g: number): boolean {
    const pg = this.model.parityGroups[g];
    const out = this.outOrder[g];
    if (pg.raid !== 'RAID1') return out.length <= RAID_FAILURES_TOLERATED[pg.raid];
    const outMask = this.degraded.outMask[g];
    return out.every((d) => (outMask & (1 << DegradedRaid.partner(d, pg.diskCount))) === 0);
  }

  private startRebuild(g: number, d: number): void {
    const pg = this.model.parityGroups[g] as GroupWithCapacity;
    if (pg.diskCapacityGiB === undefined) throw new Error(`parity group ${pg.id}: the compiled model carries no diskCapacityGiB (compile.ts), so its rebuild cannot be timed`);
    const capacityBytes = pg.diskCapacityGiB * GIB;
    const rate = REBUILD_BYTES_PER_US[pg.raid][pg.tier];
    const now = this.host.nowUs();
    this.state[g] = ST_REBUILDING;
    this.generation[g]++;
    this.rebuildDisk[g] = d;
    this.stepsDone[g] = 0;
    this.stepsTotal[g] = Math.max(1, Math.ceil(capacityBytes / (rate * REBUILD_STEP_US)));
    this.idleTotalUs[g] = Math.max(1, Math.round(capacityBytes / rate));
    this.startUs[g] = now;
    this.degraded.cancelRebuild(g);
    this.host.raise(
      'info',
      'rebuild',
      this.arrayId(g),
      `${this.diskLabel(g, d)}: rebuild onto a spare started — ${formatGiB(pg.diskCapacityGiB)} at ${rate} MB/s, about ${formatDuration(this.idleTotalUs[g])} if the group stays idle`,
    );
    this.beginStep(g);
  }

  /** The end of step `k`'s share of the idle duration, from the rebuild's start. */
  private idleEndUs(g: number, k: number): number {
    return Math.round((k * this.idleTotalUs[g]) / this.stepsTotal[g]);
  }

  /** Starts step `stepsDone` of `g`'s rebuild now; its check comes after the step's share of the idle duration. */
  private beginStep(g: number): void {
    const now = this.host.nowUs();
    const d = this.rebuildDisk[g];
    const k = this.stepsDone[g];
    const total = this.stepsTotal[g];
    this.degraded.setProgress(g, d, k / total);
    const pg = this.model.parityGroups[g] as GroupWithCapacity;
    const bytes = ((pg.diskCapacityGiB ?? 0) * GIB) / total;
    this.degraded.beginRebuildStep(g, d, now, bytes);
    this.degraded.touch(g, now);
    this.scheduleCheck(g, now + this.idleEndUs(g, k + 1) - this.idleEndUs(g, k));
  }

  private scheduleCheck(g: number, atUs: number): void {
    this.nextEventUs[g] = atUs;
    this.host.schedule(atUs, g, this.generation[g]);
  }

  /**
   * EV_FAULT FAULT_EV_REBUILD: checks `group`'s rebuild step. Its chunks that could run in idle
   * time by now are charged; if some still wait (host I/O kept the disks busy), one more chunk per
   * disk is forced (the guaranteed minimum) and the check comes again a step later; once every
   * chunk has run and ended, the next step starts (or the rebuild ends).
   */
  event(group: number, generation: number): void {
    if (generation !== this.generation[group] || this.state[group] !== ST_REBUILDING) return;
    const now = this.host.nowUs();
    this.degraded.touch(group, now);
    if (this.degraded.rebuildPending(group) > 0) {
      this.degraded.forceRebuildChunk(group);
      this.scheduleCheck(group, now + Math.max(1, this.idleEndUs(group, 1)));
      return;
    }
    const endUs = Math.ceil(this.degraded.rebuildStepEndUs(group));
    if (endUs > now) {
      this.scheduleCheck(group, endUs);
      return;
    }
    this.stepsDone[group]++;
    if (this.stepsDone[group] < this.stepsTotal[group]) this.beginStep(group);
    else this.finishRebuild(group);
  }

  private finishRebuild(g: number): void {
    const d = this.rebuildDisk[g];
    const out = this.outOrder[g];
    out.splice(out.indexOf(d), 1);
    this.degraded.cancelRebuild(g); // nothing left: every chunk ran
    this.degraded.setOut(g, d, false);
    this.rebuildDisk[g] = -1;
    this.rebuildCount[g]++;
    const tookUs = this.host.nowUs() - this.startUs[g];
    this.host.raise(
      'info',
      'rebuild',
      this.arrayId(g),
      `${this.diskLabel(g, d)}: rebuild finished in ${formatDuration(tookUs)} (${formatDuration(this.idleTotalUs[g])} if idle); ${out.length === 0 ? 'the group is redundant again' : `${out.length} disk(s) still to rebuild`}`,
    );
    if (out.length > 0) this.startRebuild(g, out[0]);
    else this.state[g] = ST_NORMAL;
  }

  private block(g: number): void {
    const pg = this.model.parityGroups[g];
    this.state[g] = ST_BLOCKED;
    this.generation[g]++; // the rebuild's pending check is void
    this.degraded.cancelRebuild(g);
    this.rebuildDisk[g] = -1;
    const ldevIds: string[] = [];
    const ldevGroup = this.arrays.ldevParityGroup;
    for (let l = 0; l < ldevGroup.length; l++) {
      if (ldevGroup[l] !== g) continue;
      this.ldevBlocked[l] = 1;
      ldevIds.push(this.model.ldevs[l].id);
    }
    const survives = pg.raid === 'RAID1' ? 'one disk per mirror pair' : `${RAID_FAILURES_TOLERATED[pg.raid]} disk(s)`;
    const disks = [...this.outOrder[g]].sort((a, b) => a - b).map((d) => `#${d}`);
    this.host.raise(
      'critical',
      'fault',
      this.arrayId(g),
      `parity group ${pg.id} blocked: disks ${disks.join(', ')} out before the rebuild finished (${pg.raid} survives ${survives}); data lost on ${ldevIds.length === 0 ? 'no LDEV' : ldevIds.join(', ')}`,
    );
    this.host.blocked(g);
  }

  health(group: number): DiskGroupHealth {
    const state = this.state[group];
    const rebuilding = state === ST_REBUILDING;
    const done = this.stepsDone[group];
    return {
      state: STATE_NAMES[state],
      failedDisks: [...this.outOrder[group]].sort((a, b) => a - b),
      rebuildPct: rebuilding ? Math.round((1000 * done) / this.stepsTotal[group]) / 10 : null,
      // The pending check ends step `done` at the earliest; the remaining steps at their idle pace.
      rebuildEndUs: rebuilding ? this.nextEventUs[group] + this.idleTotalUs[group] - this.idleEndUs(group, done + 1) : null,
    };
  }

  /** Rebuilds of `group` completed so far. */
  rebuilds(group: number): number {
    return this.rebuildCount[group];
  }

  private arrayId(g: number): string {
    return this.model.arrays[this.model.parityGroups[g].arrayIndex].id;
  }

  private diskLabel(g: number, d: number): string {
    return `disk ${this.model.parityGroups[g].id}#${d}`;
  }
}

function formatGiB(gib: number): string {
  return gib >= 1024 ? `${(gib / 1024).toFixed(2)} TiB` : `${gib} GiB`;
}

/** A duration for an alert: `12.5 s`, `4 min 10 s`, `3 h 20 min`. */
export function formatDuration(us: number): string {
  if (us < 60e6) return `${(us / 1e6).toFixed(1)} s`;
  if (us < 3600e6) {
    const s = Math.round(us / 1e6);
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  const min = Math.round(us / 60e6);
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
