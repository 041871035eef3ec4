/**
 * Everything a simulation needs for failures, multipath, alerts and volume moves, built once
 * and wired together: the alert log, the fabric's down-sets, multipath, the disk faults of the
 * parity groups, the tape drives, volume moves, the acknowledged-write checker and the
 * per-second health checks.
 *
 * Owns: the wiring between those parts (a fabric change re-routes multipath, then the
 * simulation retries the I/Os lost with it; a blocked parity group or a lost mirror leg
 * suspends the pairs that depend on it: PSUE, with an alert; a pair that goes PSUE, PFUS or
 * a journal that fills raises an alert), EV_FAULT dispatch by sub-kind, the per-second checks
 * (parity-group utilisation over the last second, thresholds of the console's `monitoring`),
 * and the status and report of faults.
 *
 * Invariants: nothing here runs per I/O except through the checker (after the first fault);
 * alerts come only from events, so they are deterministic.
 *
 * Does not handle: the I/O lifecycle and retries (simulation.ts), the parts' own rules (each
 * file named in its field).
 */
import type { Scenario } from '../../model/scenario.ts';
import { effectiveMonitoring } from '../../model/monitoring.ts';
import type { Server } from '../../model/topology.ts';
import type { DiskArrays } from '../array/array.ts';
import { DiskFaults } from '../array/disk-faults.ts';
import { VolumeMoves } from '../array/volume-move.ts';
import type { BackupSystem } from '../backup.ts';
import type { CompiledModel } from '../compile.ts';
import { PAIR_STATES, REJECT_REASONS } from '../api.ts';
import { EventJournal } from '../ops/event-journal.ts';
import { US_PER_S } from '../constants.ts';
import { LOG_PAIR_STATE, EV_FAULT, FAULT_EV_MOVE, FAULT_EV_PATH_CHECK, FAULT_EV_PATH_DETECT, FAULT_EV_REBUILD, FAULT_EV_TAPE } from '../events.ts';
import type { FaultReport, FaultStatus, ParityGroupHealth } from '../fault-api.ts';
import type { HostPaths } from '../host/host-paths.ts';
import { Multipath } from '../host/multipath.ts';
import type { MetricsCollector } from '../metrics/collector.ts';
import { AlertLog } from '../ops/alerts.ts';
import type { RemoteCopy } from '../remote/remote-copy.ts';
import type { Replication } from '../replication/pairs.ts';
import { AckChecker } from './ack-checker.ts';
import { FabricFaults } from './fabric-faults.ts';
import { SiteFaults } from './site-faults.ts';
import { reasonCode } from '../metrics/collector.ts';
import { FaultSystem } from './fault-system.ts';

export interface FaultRuntimeDeps {
  scenario: Scenario;
  model: CompiledModel;
  arrays: DiskArrays;
  metrics: MetricsCollector;
  repl: Replication;
  backup: () => BackupSystem;
  remote: RemoteCopy;
  paths: HostPaths;
  propagationUs: Float64Array;
  wlLdev: Int32Array;
  nowUs(): number;
  push(atUs: number, kind: number, a: number, b: number): void;
  /** The next write sequence number (the acknowledged-write checker watches writes from it on). */
  writeSeq(): number;
  /** After multipath changed routes: retry the I/Os in flight on the paths marked `lost`. */
  retryLost(): void;
  /** Stops a workload now (a lost site's servers). */
  stopWorkload(w: number): void;
  /** Per workload: I/Os refused so far, and the reason code of the last refusal (the event journal's per-second summary). */
  wlRejected: Float64Array;
  wlLastReject: Int8Array;
}

const LDEV_BLOCKED = reasonCode('ldev-blocked');
const SITE_DOWN = reasonCode('site-down');

export class FaultRuntime {
  readonly alerts: AlertLog;
  readonly fabric: FabricFaults;
  readonly mp: Multipath;
  readonly ack: AckChecker;
  readonly system: FaultSystem;
  /** Volume moves between parity groups (array/volume-move.ts). */
  readonly moves: VolumeMoves;
  /** Disk failures, RAID rebuilds and blocked parity groups (array/disk-faults.ts). */
  readonly disks: DiskFaults;
  /** Per LDEV: 1 while its parity group is blocked: `disks.ldevBlocked`. */
  readonly ldevBlocked: Uint8Array;
  /** A lost site and its repair (faults/site-faults.ts). */
  readonly site: SiteFaults;
  /**
   * Per LDEV: the reject-reason code every I/O to it gets now, or -1 — `ldev-blocked` (its
   * parity group is blocked) or `site-down` (its array's site is lost). Read on the I/O path.
   */
  readonly ldevDown: Int8Array;
  /** The run's event log for people (ops/event-journal.ts). */
  readonly journal = new EventJournal();
  private readonly d: FaultRuntimeDeps;
  /** Per workload: refused I/Os at the last sample; per job: its state at the last sample; per pair: its last state. */
  private readonly lastRejected: Float64Array;
  private readonly jobStates = new Map<string, string>();
  private readonly pairStates: string[];
  /** Per parity group: busyUs at the last sample, and utilisation over the last second. */
  private readonly lastBusyUs: Float64Array;
  private readonly utilPct: Float64Array;
  private readonly thresholds: { parityGroupUtilPct: number; responseMs: number } | null;

  constructor(d: FaultRuntimeDeps) {
    this.d = d;
    const m = d.model;
    const devices = d.scenario.topology.devices;
    const monitoring = effectiveMonitoring(d.scenario.topology)?.monitoring;
    this.alerts = new AlertLog(monitoring);
    this.alerts.onRaise = (a) => this.journal.record(a.timeUs, 'alert', a.deviceId, `${a.severity} ${a.kind}: ${a.message}`);
    this.lastRejected = new Float64Array(m.workloads.length);
    this.pairStates = m.replication.pairs.map(() => 'SMPL');
    this.thresholds = monitoring ? { parityGroupUtilPct: monitoring.parityGroupUtilPct, responseMs: monitoring.responseMs } : null;
    this.ack = new AckChecker(m.ldevs.length);
    const pgCount = d.arrays.parityGroups.count;
    this.lastBusyUs = new Float64Array(pgCount);
    this.utilPct = new Float64Array(pgCount);
    const raise = this.alerts.raise.bind(this.alerts);
    this.mp = new Multipath(m, d.paths, devices.filter((x): x is Server => x.kind === 'server'), d.propagationUs, {
      nowUs: d.nowUs,
      schedule: (atUs, subKind, p, generation) => d.push(atUs, EV_FAULT, p, subKind + 8 * generation),
      raise: (severity, kind, deviceId, message) => raise(d.nowUs(), severity, kind, deviceId, message),
      legLost: (pair) => this.suspendPair(pair, `the mirror program lost its path to the S-VOL`),
    });
    this.fabric = new FabricFaults(
      devices,
      m.links,
      () => {
        this.mp.faultsChanged(this.fabric);
        d.retryLost();
      },
      (wanId, up) => {
        const l = d.remote.wanIndex(wanId);
        if (l >= 0) d.remote.setWan(l, up);
      },
    );
    this.disks = new DiskFaults(m, d.arrays, {
      nowUs: d.nowUs,
      schedule: (atUs, g, generation) => d.push(atUs, EV_FAULT, g, FAULT_EV_REBUILD + 8 * generation),
      raise: (severity, kind, deviceId, message) => raise(d.nowUs(), severity, kind, deviceId, message),
      blocked: () => this.groupBlocked(),
    });
    this.ldevBlocked = this.disks.ldevBlocked;
    this.ldevDown = new Int8Array(m.ldevs.length).fill(-1);
    this.site = new SiteFaults(m, d.remote, d.stopWorkload, () => this.refreshLdevDown());
    this.moves = new VolumeMoves(m, d.arrays, {
      nowUs: d.nowUs,
      schedule: (atUs, move, generation) => d.push(atUs, EV_FAULT, move, FAULT_EV_MOVE + 8 * generation),
      raise: (severity, kind, deviceId, message) => raise(d.nowUs(), severity, kind, deviceId, message),
      monitoring,
    });
    this.system = new FaultSystem({
      nowUs: d.nowUs,
      alerts: this.alerts,
      fabric: this.fabric,
      disks: this.disks,
      site: this.site,
      tape: { check: (c) => d.backup().tapeFaults.check(c), setFailed: (c, failed) => d.backup().tapeFaults.setFailed(c, failed) },
      moves: this.moves,
      health: (into) => this.health(into),
      status: () => this.partStatus(),
      report: () => this.partReport(),
    });
  }

  /** The first fault of a run starts the acknowledged-write checker. */
  beforeFault(): void {
    if (!this.ack.on) this.ack.start(this.d.writeSeq());
  }

  private refreshLdevDown(): void {
    for (let l = 0; l < this.ldevDown.length; l++) {
      this.ldevDown[l] = this.ldevBlocked[l] === 1 ? LDEV_BLOCKED : this.site.ldevSiteDown[l] === 1 ? SITE_DOWN : -1;
    }
  }

  /** A parity group was blocked (its data lost): every pair with a volume on it can no longer copy. */
  private groupBlocked(): void {
    this.refreshLdevDown();
    const m = this.d.model;
    m.replication.pairs.forEach((p, i) => {
      const lost = this.ldevBlocked[p.pvol] === 1 || (p.svol >= 0 && this.ldevBlocked[p.svol] === 1);
      if (lost) this.suspendPair(i, 'a volume of the pair is on a blocked parity group');
    });
  }

  /** A pair whose copy cannot go on: suspended by error (PSUE); its alert says why. */
  suspendPair(pair: number, why: string): void {
    const r = this.d.repl;
    const state = r.stateOf(pair);
    if (state === 'SMPL' || state === 'PSUE' || state === 'PSUS') return;
    this.suspendWhy = why;
    r.command([pair], { op: 'suspend' });
    this.suspendWhy = null;
  }

  private suspendWhy: string | null = null;

  /** A remote pair's master journal passed 80 % (PFUL): a warning (falling back under raises nothing). */
  journalPful(pair: number, over: boolean): void {
    if (!over) return;
    const m = this.d.model;
    const p = m.replication.pairs[pair];
    this.alerts.raise(this.d.nowUs(), 'warning', 'journal-full', m.arrays[m.ldevs[p.pvol].arrayIndex].id, `${p.key}: master journal over 80 % (PFUL)`);
  }

  /** Every replication record of the event log: a pair state change is journalled, and suspensions and full journals or pools raise alerts. True for a pair state change. */
  pairLogged(code: number, pair: number): boolean {
    const state = PAIR_STATES[code - LOG_PAIR_STATE];
    if (code < LOG_PAIR_STATE || state === undefined) return false;
    const m = this.d.model;
    const p = m.replication.pairs[pair];
    const arrayId = m.arrays[m.ldevs[p.pvol].arrayIndex].id;
    this.journal.record(this.d.nowUs(), 'pair-state', arrayId, `pair ${p.key}: ${this.pairStates[pair]} → ${state}`);
    this.pairStates[pair] = state;
    if (state !== 'PSUE' && state !== 'PFUS' && state !== 'PFUL') return true;
    const remote = p.remote !== null;
    const now = this.d.nowUs();
    if (state === 'PSUE') this.alerts.raise(now, 'critical', 'pair-suspended', arrayId, `${p.key}: suspended by error (PSUE)${this.suspendWhy ? `: ${this.suspendWhy}` : ''}`);
    else if (state === 'PFUS') this.alerts.raise(now, 'critical', remote ? 'journal-full' : 'pair-suspended', arrayId, remote ? `${p.key}: the master journal stayed full: suspended (PFUS)` : `${p.key}: snapshot pool over its warning threshold (PFUS)`);
    else this.alerts.raise(now, 'warning', 'journal-full', arrayId, remote ? `${p.key}: master journal over 80 % (PFUL)` : `${p.key}: snapshot pool over its warning threshold (PFUL)`);
    return true;
  }

  /** EV_FAULT: b = sub-kind + 8 × generation. */
  event(a: number, b: number): void {
    const sub = b & 7;
    const generation = b >> 3;
    switch (sub) {
      case FAULT_EV_PATH_DETECT:
      case FAULT_EV_PATH_CHECK:
        this.mp.event(sub, a, generation);
        return;
      case FAULT_EV_MOVE:
        this.moves.event(a, generation);
        return;
      case FAULT_EV_REBUILD:
        this.disks.event(a, generation);
        return;
      case FAULT_EV_TAPE:
        return;
    }
  }

  /** Once per simulated second, after the metrics sample: utilisation and thresholds. */
  sample(second: number): void {
    const pg = this.d.arrays.parityGroups;
    const now = this.d.nowUs();
    for (let g = 0; g < pg.count; g++) {
      const busy = pg.busyUs[g];
      this.utilPct[g] = Math.min(100, (100 * (busy - this.lastBusyUs[g])) / (pg.diskCount[g] * US_PER_S));
      this.lastBusyUs[g] = busy;
    }
    this.moves.sample(second);
    this.windowChecks();
    this.journalSample();
    const t = this.thresholds;
    if (t === null) return;
    const m = this.d.model;
    for (let g = 0; g < pg.count; g++) {
      const arrayId = m.arrays[m.parityGroups[g].arrayIndex].id;
      const id = m.parityGroups[g].id.slice(arrayId.length + 1);
      const util = this.utilPct[g];
      this.alerts.threshold(now, `pg:${g}`, arrayId, util, t.parityGroupUtilPct, () => `parity group ${id} at ${util.toFixed(1)} % (limit ${t.parityGroupUtilPct} %) in second ${second}`);
    }
    const resp = this.d.metrics.lastResponseMs;
    for (let l = 0; l < m.ldevs.length; l++) {
      const ms = resp[l];
      if (Number.isNaN(ms)) continue;
      this.alerts.threshold(now, `rt:${l}`, m.arrays[m.ldevs[l].arrayIndex].id, ms, t.responseMs, () => `LDEV ${m.ldevs[l].id}: response ${ms.toFixed(2)} ms (limit ${t.responseMs} ms) in second ${second}`);
    }
  }

  /** Once a second: refused I/O per workload (count and reason), and job state changes. */
  private journalSample(): void {
    const d = this.d;
    const now = d.nowUs();
    d.model.workloads.forEach((wk, w) => {
      const n = d.wlRejected[w] - this.lastRejected[w];
      if (n <= 0) return;
      this.lastRejected[w] = d.wlRejected[w];
      const reason = REJECT_REASONS[d.wlLastReject[w]] ?? 'unknown';
      this.journal.record(now, 'rejected-io', wk.serverId, `${wk.serverId}/${wk.workloadId}: ${n} I/O${n === 1 ? '' : 's'} refused in the last second (${reason})`);
    });
    for (const job of d.backup().jobs.list) {
      if (this.jobStates.get(job.id) === job.state) continue;
      this.jobStates.set(job.id, job.state);
      this.journal.record(now, 'job', job.library?.id ?? job.id, `${job.kind} job ${job.id}: ${job.state}${job.error ? ` (${job.error})` : ''}`);
    }
  }

  /** Window misses of the SAN manager's backup jobs: flagged by the plan, and seen at the window's end. */
  private readonly windowAlerted = new Set<string>();

  private windowChecks(): void {
    const sanm = this.d.backup().sanm;
    if (sanm.entries.length === 0) return;
    const now = this.d.nowUs();
    for (const e of sanm.status()) {
      const planned = `plan ${e.jobId}`;
      if (e.missesWindow && !this.windowAlerted.has(planned)) {
        this.windowAlerted.add(planned);
        this.alerts.raise(now, 'warning', 'window-miss', e.libraryId, `backup ${e.jobId} (${e.policyId}, ${e.ldevId}) is planned to end at ${e.plannedEndS} s, after its window closes at ${e.windowEndS} s`);
      }
      const late = `late ${e.jobId}`;
      const ended = e.actualEndS !== null && e.state === 'done';
      if (!ended && now >= e.windowEndS * US_PER_S && !this.windowAlerted.has(late)) {
        this.windowAlerted.add(late);
        this.alerts.raise(now, 'critical', 'window-miss', e.libraryId, `backup ${e.jobId} (${e.policyId}, ${e.ldevId}) missed its window: ${e.state} when the window closed at ${e.windowEndS} s`);
      }
    }
  }

  private ldevIdOf = (w: number): string | null => {
    const l = this.d.wlLdev[w];
    return l >= 0 ? this.d.model.ldevs[l].id : null;
  };

  private health(into: FaultStatus['health']): void {
    this.fabric.health(into);
    this.d.backup().tapeFaults.health(into);
    this.site.health(into);
    const m = this.d.model;
    m.workloads.forEach((wk, w) => {
      const start = this.mp.wlPathStart[w];
      const end = this.mp.wlPathEnd[w];
      let bad = 0;
      for (let p = start; p < end; p++) if (this.mp.state[p] !== 0) bad++;
      if (bad === 0) return;
      const status: 'failed' | 'degraded' = bad === end - start ? 'failed' : 'degraded';
      if (into[wk.serverId] !== 'failed') into[wk.serverId] = status;
    });
    for (const g of this.groupHealth()) {
      if (g.state === 'normal') continue;
      const status = g.state === 'blocked' ? 'failed' : 'degraded';
      if (into[g.arrayId] !== 'failed') into[g.arrayId] = status;
    }
  }

  private groupHealth(): ParityGroupHealth[] {
    const m = this.d.model;
    const pg = this.d.arrays.parityGroups;
    const nowS = this.d.nowUs() / US_PER_S;
    return m.parityGroups.map((g, i) => ({
      arrayId: m.arrays[g.arrayIndex].id,
      parityGroupId: g.id.slice(m.arrays[g.arrayIndex].id.length + 1),
      tier: g.tier,
      raid: g.raid,
      ...this.disks.health(i),
      utilPct: this.utilPct[i],
      meanUtilPct: nowS > 0 ? Math.min(100, (100 * pg.busyUs[i]) / (pg.diskCount[i] * nowS * US_PER_S)) : 0,
    }));
  }

  private partStatus(): Omit<FaultStatus, 'faults' | 'alerts' | 'alertCount' | 'health'> {
    return { paths: this.mp.status(this.ldevIdOf), parityGroups: this.groupHealth(), moves: this.moves.status() };
  }

  private partReport(): Omit<FaultReport, 'alerts'> {
    const m = this.d.model;
    const ioErrors: Record<string, number> = {};
    let retried = 0;
    let failovers = 0;
    m.workloads.forEach((wk, w) => {
      ioErrors[wk.serverId] = (ioErrors[wk.serverId] ?? 0) + this.mp.ioErrors[w];
      retried += this.mp.retried[w];
      failovers += this.mp.failovers[w];
    });
    const parityGroups: FaultReport['parityGroups'] = {};
    for (const [i, g] of this.groupHealth().entries()) parityGroups[`${g.arrayId}/${g.parityGroupId}`] = { state: g.state, rebuilds: this.disks.rebuilds(i), meanUtilPct: Math.round(g.meanUtilPct * 1000) / 1000 };
    const lost = this.d.remote.arrayDown;
    const ackCheck = this.ack.verdict(
      (l) => this.ldevDown[l] < 0 && lost[m.ldevs[l].arrayIndex] === 0,
      (l) => m.ldevs[l].id,
    );
    return { ioErrors, retriedIos: retried, failovers, parityGroups, moves: this.moves.report(), ackCheck };
  }
}
