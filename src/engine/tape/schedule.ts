/**
 * The SAN manager's backup schedule estimator (the seeds' Internet data center, Figs. 17–20):
 * given the night's backup jobs of several tenants (Company A's web server from 00:00, Company
 * B's application server from 01:00, …) and a library's drive count, plan which drive runs
 * each job and when, and flag before anything runs every job that will miss its window.
 *
 * Owns: the estimate only — a pure function from jobs to a plan (per-job drive, start, end,
 * phases and window verdict; per-drive timelines for a Gantt chart). Nothing here runs a job.
 *
 * Model:
 * - A job occupies one drive for mount + load + transfer + unload. Transfer = bytes divided by
 *   the job's path rate, rounded up to a whole µs. Rates are bytes per µs, which is numerically
 *   MB/s (decimal): 300 MB/s is `pathRateBytesPerUs: 300`. The caller passes the effective
 *   rate (the slower of path and drive, after any shoe-shining penalty of streaming.ts).
 * - Overheads are inputs (the tape media timings live in media.ts): `mountUs` robot move slot →
 *   drive, `loadUs` load/thread and locate, `unloadUs` rewind, unload and robot move back. A job
 *   may override them (another cartridge generation).
 * - Dispatch order: earliest start, then job id (string order). Each job in turn takes the
 *   lowest-index drive free at its earliest start; when none is free it waits for the drive
 *   that frees first (ties: lowest index). Because starts are non-decreasing in that order this
 *   is exactly the event-driven rule "a freed drive goes to the waiting job first in
 *   (earliest start, id) order", and it is work-conserving: a job waits only while every drive
 *   is busy.
 * - The window is checked on the job's end, unload included (the drive is only free for the
 *   next tenant then): `missesWindow` ⇔ endUs > windowEndUs.
 *
 * Does not handle: cartridge spanning (fold the extra unload + mount + load into the job's
 * overheads), shared-path bandwidth between parallel jobs (each job's rate is its own),
 * drive failures, priorities or moving a job to make another fit.
 */
import { assert } from '../kernel/assert.ts';

/** Most jobs one plan may hold. */
export const SCHEDULE_JOB_LIMIT = 10_000;
/** Most drives one plan may use. */
export const SCHEDULE_DRIVE_LIMIT = 256;

export interface TapeOverheadsUs {
  /** Robot move of the cartridge from its slot into the drive. */
  mountUs: number;
  /** Load/thread and locate to the write position. */
  loadUs: number;
  /** Rewind, unload and robot move back to the slot. */
  unloadUs: number;
}

export interface ScheduleJobInput {
  jobId: string;
  tenant: string;
  /** The data set (volume) backed up, for labels. */
  dataSet: string;
  bytes: number;
  /** Effective path rate, bytes per µs (= MB/s, decimal). */
  pathRateBytesPerUs: number;
  /** The policy's start time: the job may not start earlier. */
  earliestStartUs: number;
  /** The policy's window end: a job ending later misses its window. */
  windowEndUs: number;
  /** Overrides `ScheduleInput.overheads` for this job. */
  overheads?: TapeOverheadsUs;
}

export interface ScheduleInput {
  jobs: readonly ScheduleJobInput[];
  driveCount: number;
  overheads: TapeOverheadsUs;
}

export type SchedulePhaseName = 'mount' | 'load' | 'transfer' | 'unload';

export interface SchedulePhase {
  phase: SchedulePhaseName;
  startUs: number;
  endUs: number;
}

export interface PlannedJob {
  jobId: string;
  tenant: string;
  dataSet: string;
  driveIndex: number;
  earliestStartUs: number;
  startUs: number;
  endUs: number;
  /** Time spent waiting for a drive: startUs − earliestStartUs. */
  waitUs: number;
  transferUs: number;
  windowEndUs: number;
  missesWindow: boolean;
  /** endUs − windowEndUs when the window is missed, else 0. */
  lateByUs: number;
  /** mount, load, transfer, unload — contiguous, from startUs to endUs. */
  phases: SchedulePhase[];
}

export interface DriveTimeline {
  driveIndex: number;
  /** Jobs on this drive in start order; they never overlap. */
  jobs: Array<{ jobId: string; tenant: string; startUs: number; endUs: number; missesWindow: boolean; phases: SchedulePhase[] }>;
  busyUs: number;
}

export interface SchedulePlan {
  /** In dispatch order: earliest start, then job id. */
  jobs: PlannedJob[];
  drives: DriveTimeline[];
  /** Latest end of any job; 0 for no jobs. */
  endUs: number;
  /** Ids of the jobs that miss their window, in dispatch order. */
  missedJobIds: string[];
}

/** Whole µs to move `bytes` at `rateBytesPerUs`, rounded up. */
export function transferDurationUs(bytes: number, rateBytesPerUs: number): number {
  const q = bytes / rateBytesPerUs;
  // A quotient a rounding error away from an integer is that integer (0.7 GB at 0.7 B/µs is
  // 1000 s, not 1000 s + 1 µs: the float quotient is 1e9 + 1e-7); otherwise a partial µs still occupies the drive.
  const r = Math.round(q);
  return Math.abs(q - r) <= q * 1e-12 ? r : Math.ceil(q);
}

/** Everything wrong with an input, one message per problem naming the job or field; [] when valid. */
export function validateScheduleInput(input: ScheduleInput): string[] {
  const out: string[] = [];
  const { driveCount, jobs } = input;
  if (!Number.isInteger(driveCount) || driveCount < 1 || driveCount > SCHEDULE_DRIVE_LIMIT) out.push(`driveCount ${driveCount} must be an integer in [1, ${SCHEDULE_DRIVE_LIMIT}]`);
  if (jobs.length > SCHEDULE_JOB_LIMIT) out.push(`${jobs.length} jobs exceed the limit of ${SCHEDULE_JOB_LIMIT}`);
  out.push(...overheadIssues('overheads', input.overheads));
  const seen = new Set<string>();
  for (const j of jobs) {
    const at = `job ${JSON.stringify(j.jobId)}`;
    if (j.jobId === '') out.push('a job has an empty jobId');
    if (seen.has(j.jobId)) out.push(`${at}: duplicate jobId`);
    seen.add(j.jobId);
    if (!Number.isSafeInteger(j.bytes) || j.bytes < 0) out.push(`${at}: bytes ${j.bytes} must be an integer >= 0`);
    if (!Number.isFinite(j.pathRateBytesPerUs) || j.pathRateBytesPerUs <= 0) out.push(`${at}: pathRateBytesPerUs ${j.pathRateBytesPerUs} must be > 0`);
    if (!isTimeUs(j.earliestStartUs)) out.push(`${at}: earliestStartUs ${j.earliestStartUs} must be an integer >= 0`);
    if (!isTimeUs(j.windowEndUs) || j.windowEndUs < j.earliestStartUs) out.push(`${at}: windowEndUs ${j.windowEndUs} must be an integer >= earliestStartUs`);
    if (j.overheads) out.push(...overheadIssues(`${at}: overheads`, j.overheads));
  }
  return out;
}

/** Plans the jobs on `driveCount` drives. Input must be valid (see validateScheduleInput). */
export function planSchedule(input: ScheduleInput): SchedulePlan {
  const issues = validateScheduleInput(input);
  assert(issues.length === 0, `schedule: invalid input: ${issues.join('; ')}`);
  const order = [...input.jobs].sort((a, b) => a.earliestStartUs - b.earliestStartUs || compareIds(a.jobId, b.jobId));
  const freeAtUs = new Array<number>(input.driveCount).fill(0);
  const jobs = order.map((j) => placeJob(j, j.overheads ?? input.overheads, freeAtUs));
  const drives: DriveTimeline[] = freeAtUs.map((_, driveIndex) => {
    const mine = jobs.filter((p) => p.driveIndex === driveIndex);
    return {
      driveIndex,
      jobs: mine.map((p) => ({ jobId: p.jobId, tenant: p.tenant, startUs: p.startUs, endUs: p.endUs, missesWindow: p.missesWindow, phases: p.phases })),
      busyUs: mine.reduce((sum, p) => sum + (p.endUs - p.startUs), 0),
    };
  });
  return {
    jobs,
    drives,
    endUs: jobs.reduce((m, p) => Math.max(m, p.endUs), 0),
    missedJobIds: jobs.filter((p) => p.missesWindow).map((p) => p.jobId),
  };
}

/** Puts one job on a drive (updating `freeAtUs`) and returns its plan. */
function placeJob(j: ScheduleJobInput, o: TapeOverheadsUs, freeAtUs: number[]): PlannedJob {
  const driveIndex = pickDrive(freeAtUs, j.earliestStartUs);
  const startUs = Math.max(j.earliestStartUs, freeAtUs[driveIndex]);
  const transferUs = transferDurationUs(j.bytes, j.pathRateBytesPerUs);
  const phases: SchedulePhase[] = [];
  let t = startUs;
  for (const [phase, us] of [['mount', o.mountUs], ['load', o.loadUs], ['transfer', transferUs], ['unload', o.unloadUs]] as const) {
    phases.push({ phase, startUs: t, endUs: t + us });
    t += us;
  }
  const endUs = t;
  assert(Number.isSafeInteger(endUs), `schedule: job ${j.jobId} ends beyond the safe integer range (${endUs} us)`);
  assert(endUs >= startUs && startUs >= freeAtUs[driveIndex], `schedule: job ${j.jobId} overlaps drive ${driveIndex}`);
  freeAtUs[driveIndex] = endUs;
  const lateByUs = Math.max(0, endUs - j.windowEndUs);
  return {
    jobId: j.jobId, tenant: j.tenant, dataSet: j.dataSet, driveIndex,
    earliestStartUs: j.earliestStartUs, startUs, endUs, waitUs: startUs - j.earliestStartUs, transferUs,
    windowEndUs: j.windowEndUs, missesWindow: endUs > j.windowEndUs, lateByUs, phases,
  };
}

/** The lowest drive free at `atUs`; else the one that frees first (ties: lowest index). */
function pickDrive(freeAtUs: readonly number[], atUs: number): number {
  let best = 0;
  for (let d = 0; d < freeAtUs.length; d++) {
    if (freeAtUs[d] <= atUs) return d;
    if (freeAtUs[d] < freeAtUs[best]) best = d;
  }
  return best;
}

function overheadIssues(at: string, o: TapeOverheadsUs): string[] {
  return (['mountUs', 'loadUs', 'unloadUs'] as const).flatMap((k) => (isTimeUs(o[k]) ? [] : [`${at}.${k} ${o[k]} must be an integer >= 0`]));
}

function isTimeUs(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** Code-unit order, independent of locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
