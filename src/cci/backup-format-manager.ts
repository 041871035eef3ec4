/**
 * What the runbook and SAN-manager commands print: `runbook list`, `runbook show <id>` (the
 * steps with their state, start, duration and changes; `>` marks the current step),
 * `policy list` and `schedule` (the night's plan in wall-clock HH:MM from the scenario's
 * clockStart, with the estimator's MISSES WINDOW flag and what actually ran).
 *
 * Owns: these layouts (formatTable's: columns padded to the widest cell, two blanks apart).
 * Step times are simulated seconds; a running step's duration is the time since it started.
 * Pure functions of their inputs.
 */
import type { RunbookStatus, RunbookStepStatus, ScheduledJob } from '../engine/api.ts';
import type { BackupPolicy } from '../model/topology.ts';
import { clockAt, seconds3 } from './backup-format.ts';
import { formatTable } from './format.ts';

// ---------------------------------------------------------------- runbooks

/** `404 (5/16)`: the current step's number and position, or `-`. */
function currentStep(r: RunbookStatus): string {
  const step = r.steps[r.current];
  return step === undefined ? '-' : `${step.n} (${r.current + 1}/${r.steps.length})`;
}

/** `runbook list`. */
export function formatRunbooks(runbooks: readonly RunbookStatus[]): string {
  const rows = runbooks.map((r) => [r.id, r.state, currentStep(r), r.stepMode ? 'step' : 'run', r.pauseBefore === null ? '-' : String(r.pauseBefore), r.name]);
  return formatTable([{ head: 'RUNBOOK' }, { head: 'STATE' }, { head: 'STEP' }, { head: 'MODE' }, { head: 'PAUSE_BEFORE' }, { head: 'NAME' }], rows);
}

function duration(step: RunbookStepStatus, nowS: number): string {
  if (step.startedS === null) return '-';
  return ((step.endedS ?? nowS) - step.startedS).toFixed(3);
}

function changes(step: RunbookStepStatus): string {
  const all = step.error === null ? step.changes : [...step.changes, `refused: ${step.error}`];
  return all.length === 0 ? '-' : all.join('; ');
}

/** `runbook show <id>` as of simulated second `nowS`. */
export function formatRunbook(r: RunbookStatus, nowS: number): string {
  const pause = r.pauseBefore === null ? '' : `, pause before step ${r.pauseBefore}`;
  const head = `runbook ${r.id} "${r.name}": ${r.state}, step ${currentStep(r)}, step mode ${r.stepMode ? 'on' : 'off'}${pause}\n`;
  const rows = r.steps.map((s, i) => [
    i === r.current ? '>' : '',
    String(s.n),
    s.state,
    seconds3(s.startedS),
    duration(s, nowS),
    s.actor ?? '-',
    s.title,
    changes(s),
  ]);
  const table = formatTable(
    [
      { head: '' },
      { head: 'STEP', right: true },
      { head: 'STATE' },
      { head: 'START(s)', right: true },
      { head: 'DUR(s)', right: true },
      { head: 'ACTOR' },
      { head: 'TITLE' },
      { head: 'CHANGES' },
    ],
    rows,
  );
  return head + table;
}

// ---------------------------------------------------------------- policies

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** `01:00-03:30` for a window starting at 01:00 lasting 2.5 h. */
export function windowText(start: string, hours: number): string {
  return `${start}-${clockAt(start, hours * 3600)}`;
}

function servers(p: BackupPolicy): string {
  if (p.serverId === undefined) return '-';
  return p.backupServerId === undefined ? p.serverId : `${p.serverId} -> ${p.backupServerId}`;
}

/** `policy list`: the SAN manager's policies. */
export function formatPolicies(policies: readonly BackupPolicy[]): string {
  const rows = policies.map((p) => [
    p.id,
    p.tenant,
    p.ldevId,
    p.method,
    p.frequency === 'weekly' ? `weekly(${WEEKDAY_NAMES[p.weekday]})` : 'daily',
    windowText(p.windowStart, p.windowHours),
    p.libraryId,
    p.path,
    servers(p),
    `${p.retentionDays}d`,
  ]);
  return formatTable(
    [
      { head: 'POLICY' },
      { head: 'TENANT' },
      { head: 'LDEV' },
      { head: 'METHOD' },
      { head: 'FREQ' },
      { head: 'WINDOW' },
      { head: 'LIBRARY' },
      { head: 'PATH' },
      { head: 'SERVERS' },
      { head: 'KEEP', right: true },
    ],
    rows,
  );
}

// ---------------------------------------------------------------- schedule

function actual(j: ScheduledJob, clockStart: string): string {
  if (j.actualStartS === null) return '-';
  const end = j.actualEndS === null ? '' : clockAt(clockStart, j.actualEndS);
  const drive = j.actualDrive !== null && j.actualDrive !== j.plannedDrive ? ` (drive ${j.actualDrive})` : '';
  return `${clockAt(clockStart, j.actualStartS)}-${end}${drive}`;
}

/** `schedule`: the night as the estimator planned it (DRIVE `-`: none planned, e.g. `policy run`), and what ran. */
export function formatSchedule(jobs: readonly ScheduledJob[], clockStart: string): string {
  const at = (s: number) => clockAt(clockStart, s);
  const rows = jobs.map((j) => [
    j.policyId,
    j.tenant,
    j.ldevId,
    j.jobId,
    j.libraryId,
    j.plannedDrive < 0 ? '-' : String(j.plannedDrive),
    `${at(j.plannedStartS)}-${at(j.plannedEndS)}`,
    `${at(j.windowStartS)}-${at(j.windowEndS)}`,
    j.estimatedMBps.toFixed(1),
    j.missesWindow ? 'MISSES WINDOW' : '-',
    actual(j, clockStart),
    j.state,
  ]);
  return formatTable(
    [
      { head: 'POLICY' },
      { head: 'TENANT' },
      { head: 'LDEV' },
      { head: 'JOB' },
      { head: 'LIBRARY' },
      { head: 'DRIVE', right: true },
      { head: 'PLANNED' },
      { head: 'WINDOW' },
      { head: 'EST_MB/s', right: true },
      { head: 'FLAG' },
      { head: 'ACTUAL' },
      { head: 'STATE' },
    ],
    rows,
  );
}
