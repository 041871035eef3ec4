/**
 * The schedule chart's geometry, pure: from the SAN manager's schedule (ScheduledJob[] and the
 * scheduled runbooks' occurrences, ScheduledRunbook[]) to rows, bars, window bands, occurrence
 * marks and wall-clock ticks in pixels. ScheduleGantt.tsx only draws what this returns.
 *
 *   time axis     ── clockStart + simulated seconds, ticks on round wall-clock minutes (HH:MM;
 *                    with "+Nd" when the range spans more than a day)
 *   drive rows    ── one per (library, drive) any job is planned on or ran on: planned bars
 *                    (outlined) and actual bars (filled) of every job on that drive
 *   job rows      ── one per scheduled job: its window band, planned bar, actual bar (ongoing
 *                    bars end at `nowS`), and a flag when the estimate misses the window
 *   runbook rows  ── one per scheduled runbook (Fig. 21): a mark at each occurrence's planned
 *                    start (a runbook has no planned end) and the actual bar of the run it
 *                    started; a skipped occurrence is a mark with no bar
 *
 * Invariants: every x lies in [plotX, plotX + plotW]; a bar is at least MIN_BAR_PX wide so a
 * short job stays visible; rows keep the schedule's order (drives sorted by library, index).
 */
import type { ScheduledJob, ScheduledRunbook, ScheduledRunbookState } from '../../engine/api.ts';
import { wallClock, wallClockDay, wallSecondsOfDay } from './backup-format.ts';

export const ROW_HEIGHT_PX = 22;
export const AXIS_HEIGHT_PX = 22;
export const LABEL_WIDTH_PX = 118;
export const MIN_BAR_PX = 2;
/** Room right of the plot for half of the last tick's label. */
export const RIGHT_PAD_PX = 18;
/** Tick steps tried, in minutes: the first giving at most MAX_TICKS ticks wins. */
const TICK_STEPS_MIN = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440] as const;
const MAX_TICKS = 8;
const DAY_S = 86_400;

export interface GanttOptions {
  clockStart: string;
  nowS: number;
  widthPx: number;
}

export interface Bar {
  x: number;
  w: number;
  jobId: string;
  /** An actual bar of a job still running: it ends at now. */
  ongoing: boolean;
}

export interface DriveRow {
  kind: 'drive';
  key: string;
  label: string;
  y: number;
  planned: Bar[];
  actual: Bar[];
}

export interface JobRow {
  kind: 'job';
  key: string;
  label: string;
  y: number;
  job: ScheduledJob;
  window: Bar;
  planned: Bar;
  actual: Bar | null;
}

/** One occurrence of a scheduled runbook: x of its planned start, the bar of its run. */
export interface RunbookMark {
  id: string;
  x: number;
  state: ScheduledRunbookState;
  actual: Bar | null;
}

export interface RunbookRow {
  kind: 'runbook';
  key: string;
  /** The runbook's id (short, fits the label column); `name` for a tooltip. */
  label: string;
  name: string;
  y: number;
  runbookId: string;
  marks: RunbookMark[];
}

export interface Tick {
  x: number;
  label: string;
}

export interface GanttLayout {
  widthPx: number;
  heightPx: number;
  plotX: number;
  plotW: number;
  startS: number;
  endS: number;
  ticks: Tick[];
  drives: DriveRow[];
  jobs: JobRow[];
  runbooks: RunbookRow[];
  /** x of now, or null when now lies outside the time range. */
  nowX: number | null;
}

/** The simulated time range to draw: every window, plan and run (jobs and runbook occurrences), and now. */
export function timeRange(schedule: readonly ScheduledJob[], nowS: number, runbooks: readonly ScheduledRunbook[] = []): { startS: number; endS: number } {
  let startS = Infinity;
  let endS = -Infinity;
  for (const j of schedule) {
    startS = Math.min(startS, j.windowStartS, j.plannedStartS, j.actualStartS ?? Infinity);
    endS = Math.max(endS, j.windowEndS, j.plannedEndS, j.actualEndS ?? (j.actualStartS !== null ? nowS : -Infinity));
  }
  for (const o of runbooks) {
    startS = Math.min(startS, o.plannedStartS);
    endS = Math.max(endS, o.plannedStartS, o.actualEndS ?? (o.actualStartS !== null ? nowS : -Infinity));
  }
  if (!Number.isFinite(startS) || !Number.isFinite(endS)) return { startS: 0, endS: 3600 };
  if (endS <= startS) endS = startS + 60;
  return { startS, endS };
}

/** Ticks at round wall-clock minutes between startS and endS (simulated seconds); "+Nd" on labels past the first day when the range spans more than a day. */
export function wallTicks(clockStart: string, startS: number, endS: number): { s: number; label: string }[] {
  const spanMin = (endS - startS) / 60;
  const stepMin = TICK_STEPS_MIN.find((m) => spanMin / m <= MAX_TICKS) ?? TICK_STEPS_MIN[TICK_STEPS_MIN.length - 1];
  const stepS = stepMin * 60;
  // Align to the wall clock: the first multiple of the step (from midnight) at or after start.
  const offsetS = wallSecondsOfDay(clockStart, startS);
  let s = startS + ((stepS - (offsetS % stepS)) % stepS);
  const ticks: { s: number; label: string }[] = [];
  const label = endS - startS > DAY_S ? wallClockDay : wallClock;
  for (; s <= endS + 1e-9; s += stepS) ticks.push({ s, label: label(clockStart, s) });
  return ticks;
}

function driveKey(libraryId: string, drive: number): string {
  return `${libraryId}#${drive}`;
}

/** The (library, drive) pairs in use, sorted by library then index. */
function drivesOf(schedule: readonly ScheduledJob[]): { libraryId: string; drive: number }[] {
  const seen = new Map<string, { libraryId: string; drive: number }>();
  for (const j of schedule) {
    for (const d of [j.plannedDrive, j.actualDrive]) {
      if (d === null) continue;
      seen.set(driveKey(j.libraryId, d), { libraryId: j.libraryId, drive: d });
    }
  }
  return [...seen.values()].sort((a, b) => (a.libraryId === b.libraryId ? a.drive - b.drive : a.libraryId < b.libraryId ? -1 : 1));
}

/** The scheduled runbooks in order of their first occurrence, each with its occurrences. */
function runbooksOf(occurrences: readonly ScheduledRunbook[]): { runbookId: string; name: string; list: ScheduledRunbook[] }[] {
  const byId = new Map<string, { runbookId: string; name: string; list: ScheduledRunbook[] }>();
  for (const o of occurrences) {
    const entry = byId.get(o.runbookId) ?? { runbookId: o.runbookId, name: o.name, list: [] };
    entry.list.push(o);
    byId.set(o.runbookId, entry);
  }
  return [...byId.values()];
}

export function layoutGantt(schedule: readonly ScheduledJob[], opts: GanttOptions, occurrences: readonly ScheduledRunbook[] = []): GanttLayout {
  const { startS, endS } = timeRange(schedule, opts.nowS, occurrences);
  const plotX = LABEL_WIDTH_PX;
  const plotW = Math.max(40, opts.widthPx - LABEL_WIDTH_PX - RIGHT_PAD_PX);
  const xOf = (s: number) => plotX + ((Math.min(endS, Math.max(startS, s)) - startS) / (endS - startS)) * plotW;
  const bar = (jobId: string, fromS: number, toS: number, ongoing = false): Bar => {
    const x = xOf(fromS);
    const w = Math.max(MIN_BAR_PX, xOf(toS) - x);
    return { x: Math.min(x, plotX + plotW - w), w, jobId, ongoing };
  };
  const actualOf = (j: ScheduledJob): Bar | null =>
    j.actualStartS === null ? null : bar(j.jobId, j.actualStartS, j.actualEndS ?? opts.nowS, j.actualEndS === null);

  let y = AXIS_HEIGHT_PX;
  const drives: DriveRow[] = drivesOf(schedule).map(({ libraryId, drive }) => {
    const on = (d: number | null, j: ScheduledJob) => j.libraryId === libraryId && d === drive;
    const row: DriveRow = {
      kind: 'drive',
      key: driveKey(libraryId, drive),
      label: `${libraryId} drive ${drive}`,
      y,
      planned: schedule.filter((j) => on(j.plannedDrive, j)).map((j) => bar(j.jobId, j.plannedStartS, j.plannedEndS)),
      actual: schedule.filter((j) => on(j.actualDrive, j)).flatMap((j) => actualOf(j) ?? []),
    };
    y += ROW_HEIGHT_PX;
    return row;
  });
  const jobs: JobRow[] = schedule.map((j) => {
    const row: JobRow = {
      kind: 'job',
      key: j.jobId,
      label: `${j.tenant} · ${j.ldevId}`,
      y,
      job: j,
      window: bar(j.jobId, j.windowStartS, j.windowEndS),
      planned: bar(j.jobId, j.plannedStartS, j.plannedEndS),
      actual: actualOf(j),
    };
    y += ROW_HEIGHT_PX;
    return row;
  });
  const runbooks: RunbookRow[] = runbooksOf(occurrences).map(({ runbookId, name, list }) => {
    const row: RunbookRow = {
      kind: 'runbook',
      key: runbookId,
      label: runbookId,
      name,
      y,
      runbookId,
      marks: list.map((o) => ({
        id: o.id,
        x: xOf(o.plannedStartS),
        state: o.state,
        actual: o.actualStartS === null ? null : bar(o.id, o.actualStartS, o.actualEndS ?? opts.nowS, o.actualEndS === null),
      })),
    };
    y += ROW_HEIGHT_PX;
    return row;
  });
  const ticks = wallTicks(opts.clockStart, startS, endS).map((t) => ({ x: xOf(t.s), label: t.label }));
  const nowX = opts.nowS >= startS && opts.nowS <= endS ? xOf(opts.nowS) : null;
  return { widthPx: opts.widthPx, heightPx: y + 4, plotX, plotW, startS, endS, ticks, drives, jobs, runbooks, nowX };
}
