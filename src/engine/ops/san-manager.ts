/**
 * The SAN manager's backup policies and the night's schedule (SAN patent Figs. 12, 19, 20):
 * each policy's window in wall-clock time, a plan made before the jobs run (duration estimated
 * from the data size and the path's speed, jobs in parallel up to the library's drives,
 * conflicts queued — tape/schedule.ts), jobs flagged when the plan says they will miss their
 * window, and the jobs started at their window's start. It also starts the scenario's scheduled
 * runbooks (Fig. 21, scheduled-runbooks.ts) at each occurrence of their schedule.
 *
 * Owns: window times (wall-clock.ts: the scenario's `clockStart` is the time of day at
 * simulated 0; a daily policy runs at every window start within the run, a weekly one on the
 * days whose index from the start — day 0 a Sunday — matches its weekday), the plan (re-made
 * when a policy is set), the planned-vs-actual view, and the EV_POLICY index space: policy
 * entries below RUNBOOK_OCCURRENCE_BASE, runbook occurrences from it.
 *
 * Does not handle: how a job runs (the host's `launch`: a direct backup job, or for a
 * `replica` policy the Fig. 19 runbook of backup.ts), retention expiry beyond reporting it.
 */
import type { BackupPolicy } from '../../model/topology.ts';
import type { CommandResult } from '../api.ts';
import type { JobStatus, ScheduledJob, ScheduledRunbook } from '../backup-api.ts';
import { US_PER_S } from '../constants.ts';
import { assert } from '../kernel/assert.ts';
import { planSchedule, type ScheduleJobInput, type TapeOverheadsUs } from '../tape/schedule.ts';
import type { RunInfo } from './runbooks.ts';
import { ScheduledRunbooks, type ScheduledRunbookDef } from './scheduled-runbooks.ts';
import { dayIndex, wallClockStartsUs } from './wall-clock.ts';

export { clockSeconds } from './wall-clock.ts';

/**
 * EV_POLICY payloads from here on are scheduled-runbook occurrences (index − base); below it,
 * policy entries. Policy entries are far fewer (a week of windows per policy).
 */
export const RUNBOOK_OCCURRENCE_BASE = 1 << 24;

export interface SanManagerHost {
  clockStartS: number;
  endUs: number;
  nowUs(): number;
  schedule(atUs: number, entry: number): void;
  /** Bytes and path rate (bytes/µs) the estimate uses for a policy's job. */
  estimate(policy: BackupPolicy): { bytes: number; rateBytesPerUs: number };
  driveCount(libraryId: string): number;
  overheads(libraryId: string): TapeOverheadsUs;
  /** Starts the policy's job now; returns an error message or null. */
  launch(policy: BackupPolicy, jobId: string): string | null;
  job(jobId: string): JobStatus | null;
  /** The runbooks' side, for the scheduled ones. */
  runInfo(runbookId: string): RunInfo | null;
  startRunbook(runbookId: string): CommandResult;
}

interface Entry {
  policy: BackupPolicy;
  jobId: string;
  windowStartUs: number;
  windowEndUs: number;
  plannedStartUs: number;
  plannedEndUs: number;
  plannedDrive: number;
  missesWindow: boolean;
  bytes: number;
  rate: number;
  launched: boolean;
  error: string | null;
}

export class SanManager {
  readonly policies: BackupPolicy[];
  entries: Entry[] = [];
  readonly scheduledRunbooks: ScheduledRunbooks;
  private readonly host: SanManagerHost;

  /** `runbooks`: the scenario's runbooks with a schedule, in document order. */
  constructor(policies: readonly BackupPolicy[], runbooks: readonly ScheduledRunbookDef[], host: SanManagerHost) {
    this.host = host;
    this.policies = [...policies];
    this.plan();
    this.scheduledRunbooks = new ScheduledRunbooks(runbooks, {
      clockStartS: host.clockStartS,
      endUs: host.endUs,
      nowUs: () => host.nowUs(),
      schedule: (atUs, index) => host.schedule(atUs, RUNBOOK_OCCURRENCE_BASE + index),
      runInfo: (id) => host.runInfo(id),
      start: (id) => host.startRunbook(id),
    });
  }

  /** Window starts (µs from the run's start) of a policy within the run, from now on. */
  private windows(p: BackupPolicy): number[] {
    const h = this.host;
    return wallClockStartsUs({ frequency: p.frequency, weekday: p.weekday, at: p.windowStart }, h.clockStartS, h.nowUs(), h.endUs);
  }

  /** Plans every future window of every policy; entries already launched are kept as they are. */
  plan(): void {
    const h = this.host;
    const kept = this.entries.filter((e) => e.launched);
    const fresh: Entry[] = [];
    for (const p of this.policies) {
      const est = h.estimate(p);
      for (const w of this.windows(p)) {
        const jobId = `${p.id}-${dayIndex(h.clockStartS, w)}`;
        if (kept.some((e) => e.jobId === jobId)) continue;
        fresh.push({
          policy: p, jobId, windowStartUs: w, windowEndUs: w + Math.round(p.windowHours * 3600 * US_PER_S), plannedStartUs: w, plannedEndUs: w,
          plannedDrive: -1, missesWindow: false, bytes: est.bytes, rate: est.rateBytesPerUs, launched: false, error: null,
        });
      }
    }
    const libraries = [...new Set(fresh.map((e) => e.policy.libraryId))].sort();
    for (const lib of libraries) {
      const mine = fresh.filter((e) => e.policy.libraryId === lib);
      const input: ScheduleJobInput[] = mine.map((e) => ({
        jobId: e.jobId, tenant: e.policy.tenant, dataSet: e.policy.ldevId, bytes: Math.max(0, Math.round(e.bytes)),
        pathRateBytesPerUs: e.rate, earliestStartUs: e.windowStartUs, windowEndUs: e.windowEndUs,
      }));
      const plan = planSchedule({ jobs: input, driveCount: h.driveCount(lib), overheads: h.overheads(lib) });
      for (const pj of plan.jobs) {
        const e = mine.find((x) => x.jobId === pj.jobId)!;
        e.plannedStartUs = pj.startUs;
        e.plannedEndUs = pj.endUs;
        e.plannedDrive = pj.driveIndex;
        e.missesWindow = pj.missesWindow;
      }
    }
    fresh.sort((a, b) => a.windowStartUs - b.windowStartUs || (a.jobId < b.jobId ? -1 : 1));
    this.entries = [...kept, ...fresh];
    assert(this.entries.length < RUNBOOK_OCCURRENCE_BASE, `SAN manager: ${this.entries.length} policy entries overflow the EV_POLICY index space`);
    this.entries.forEach((e, i) => {
      if (!e.launched) h.schedule(e.windowStartUs, i);
    });
  }

  /**
   * EV_POLICY: a window opens, or a scheduled runbook's occurrence comes. Stale policy events (the
   * plan changed since) find their entry launched or gone.
   */
  fire(index: number): void {
    if (index >= RUNBOOK_OCCURRENCE_BASE) {
      this.scheduledRunbooks.fire(index - RUNBOOK_OCCURRENCE_BASE);
      return;
    }
    const e = this.entries[index];
    if (!e || e.launched || e.windowStartUs !== this.host.nowUs()) return;
    e.launched = true;
    e.error = this.host.launch(e.policy, e.jobId);
  }

  set(policy: BackupPolicy): void {
    const i = this.policies.findIndex((p) => p.id === policy.id);
    if (i >= 0) this.policies[i] = policy;
    else this.policies.push(policy);
    this.plan();
  }

  /** Runs a policy's job now, outside its schedule. */
  runNow(policyId: string): string | null {
    const p = this.policies.find((x) => x.id === policyId);
    if (!p) return `no backup policy "${policyId}"`;
    const now = this.host.nowUs();
    const jobId = `${p.id}-now-${Math.round(now / US_PER_S)}`;
    const est = this.host.estimate(p);
    const entry: Entry = {
      policy: p, jobId, windowStartUs: now, windowEndUs: now + Math.round(p.windowHours * 3600 * US_PER_S), plannedStartUs: now,
      plannedEndUs: now + Math.round(est.bytes / Math.max(est.rateBytesPerUs, 1e-9)), plannedDrive: -1, missesWindow: false,
      bytes: est.bytes, rate: est.rateBytesPerUs, launched: true, error: null,
    };
    this.entries.push(entry);
    entry.error = this.host.launch(p, jobId);
    return entry.error;
  }

  /** Runbooks hook: run `run` of runbook `id` ended now. */
  runbookEnded(id: string, run: number, state: 'done' | 'failed'): void {
    this.scheduledRunbooks.ended(id, run, state);
  }

  runbookStatus(): ScheduledRunbook[] {
    return this.scheduledRunbooks.status();
  }

  status(): ScheduledJob[] {
    const s = (us: number): number => Math.round(us) / US_PER_S;
    return this.entries.map((e) => {
      const job = this.host.job(e.jobId);
      return {
        policyId: e.policy.id,
        tenant: e.policy.tenant,
        ldevId: e.policy.ldevId,
        jobId: e.jobId,
        libraryId: e.policy.libraryId,
        plannedStartS: s(e.plannedStartUs),
        plannedEndS: s(e.plannedEndUs),
        plannedDrive: e.plannedDrive,
        windowStartS: s(e.windowStartUs),
        windowEndS: s(e.windowEndUs),
        missesWindow: e.missesWindow,
        estimatedMBps: Math.round(e.rate * 10) / 10,
        bytes: Math.round(e.bytes),
        actualStartS: job?.startedS ?? null,
        actualEndS: job?.endedS ?? null,
        actualDrive: job?.cartridges[0]?.driveIndex ?? null,
        state: job ? job.state : e.error ? 'failed' : 'planned',
      };
    });
  }
}
