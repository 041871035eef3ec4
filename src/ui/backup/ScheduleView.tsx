/**
 * The Schedule section: the SAN manager's plan for the night — a legend, the Gantt chart and a
 * table of the same jobs (tenant, volume, window, planned and actual times in wall-clock HH:MM,
 * drive, size and estimated rate, state, and whether the estimate misses the window), and a
 * table of the scheduled runbooks' starts (Fig. 21: planned and actual, the run each started,
 * state, and why an occurrence was skipped).
 */
import type { ScheduledJob, ScheduledRunbook, ScheduledRunbookState } from '../../engine/api.ts';
import { BackupPill, ScrollBox } from './BackupPill.tsx';
import { JOB_TONE, formatBytes, formatMBps, wallClock, wallClockDay, type Tone } from './backup-format.ts';
import { ScheduleGantt } from './ScheduleGantt.tsx';
import { useClockStart, useNowS, useSchedule } from './useBackup.ts';
import { useRunbookSchedule } from './useRunbookSchedule.ts';

const OCCURRENCE_TONE: Record<ScheduledRunbookState, Tone> = {
  planned: 'idle',
  running: 'active',
  waiting: 'waiting',
  paused: 'waiting',
  done: 'ok',
  failed: 'error',
  skipped: 'waiting',
};

function RunbookLegend() {
  return (
    <>
      <li>
        <span aria-hidden="true">▼</span> scheduled runbook start
      </li>
      <li>
        <span aria-hidden="true">✕</span> skipped (still running)
      </li>
    </>
  );
}

function Legend({ jobs, runbooks }: { jobs: boolean; runbooks: boolean }) {
  return (
    <ul className="gantt-legend" aria-label="Legend">
      {jobs && (
        <li>
          <span className="gantt-swatch is-window" aria-hidden="true" /> backup window
        </li>
      )}
      <li>
        <span className="gantt-swatch is-planned" aria-hidden="true" /> planned
      </li>
      <li>
        <span className="gantt-swatch is-actual" aria-hidden="true" /> actual
      </li>
      {jobs && (
        <li>
          <span className="gantt-swatch is-late" aria-hidden="true" /> ⚠ misses its window
        </li>
      )}
      {runbooks && <RunbookLegend />}
    </ul>
  );
}

function span(clockStart: string, fromS: number | null, toS: number | null): string {
  if (fromS === null) return '—';
  return `${wallClock(clockStart, fromS)}–${toS === null ? '…' : wallClock(clockStart, toS)}`;
}

function Row({ j, clockStart }: { j: ScheduledJob; clockStart: string }) {
  return (
    <tr data-job-id={j.jobId} className={j.missesWindow ? 'is-late' : undefined}>
      <th scope="row">
        {j.tenant}
        <span className="muted mono"> {j.ldevId}</span>
      </th>
      <td className="num">{span(clockStart, j.windowStartS, j.windowEndS)}</td>
      <td className="num">{span(clockStart, j.plannedStartS, j.plannedEndS)}</td>
      <td className="num">{span(clockStart, j.actualStartS, j.actualEndS)}</td>
      <td className="num">{j.actualDrive ?? j.plannedDrive}</td>
      <td className="num">
        {formatBytes(j.bytes)}
        <span className="bk-sub">{formatMBps(j.estimatedMBps)}</span>
      </td>
      <td>
        {j.state === 'planned' ? <BackupPill tone="idle">planned</BackupPill> : <BackupPill tone={JOB_TONE[j.state]}>{j.state}</BackupPill>}
        {j.missesWindow && <span className="late-flag bk-sub">⚠ misses window</span>}
      </td>
    </tr>
  );
}

function OccurrenceRow({ o, clockStart }: { o: ScheduledRunbook; clockStart: string }) {
  return (
    <tr data-occurrence-id={o.id} className={o.state === 'skipped' ? 'is-late' : undefined}>
      <th scope="row">
        {o.runbookId}
        <span className="muted bk-sub">{o.name}</span>
      </th>
      <td>{o.frequency === 'daily' ? `daily ${o.at}` : `weekly ${o.at}`}</td>
      <td className="num">{wallClockDay(clockStart, o.plannedStartS)}</td>
      <td className="num">{o.actualStartS === null ? '—' : `${wallClockDay(clockStart, o.actualStartS)}–${o.actualEndS === null ? '…' : wallClockDay(clockStart, o.actualEndS)}`}</td>
      <td className="num">{o.run ?? '—'}</td>
      <td>
        <BackupPill tone={OCCURRENCE_TONE[o.state]}>{o.state}</BackupPill>
        {o.skipReason && <span className="bk-sub">{o.skipReason}</span>}
      </td>
    </tr>
  );
}

function JobTable({ schedule, clockStart }: { schedule: readonly ScheduledJob[]; clockStart: string }) {
  return (
    <ScrollBox label="Scheduled jobs table">
      <table className="grid-table bk-table" aria-label="Scheduled jobs">
        <thead>
          <tr>
            <th scope="col">Tenant · volume</th>
            <th scope="col">Window</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
            <th scope="col">Drive</th>
            <th scope="col">Size, rate</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {schedule.map((j) => (
            <Row key={j.jobId} j={j} clockStart={clockStart} />
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function RunbookTable({ occurrences, clockStart }: { occurrences: readonly ScheduledRunbook[]; clockStart: string }) {
  return (
    <ScrollBox label="Scheduled runbooks table">
      <table className="grid-table bk-table" aria-label="Scheduled runbooks">
        <thead>
          <tr>
            <th scope="col">Runbook</th>
            <th scope="col">Schedule</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
            <th scope="col">Run</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {occurrences.map((o) => (
            <OccurrenceRow key={o.id} o={o} clockStart={clockStart} />
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

export function ScheduleView() {
  const schedule = useSchedule();
  const occurrences = useRunbookSchedule();
  const clockStart = useClockStart();
  const nowS = useNowS();
  return (
    <section className="bk-section" aria-labelledby="bk-schedule-h">
      <h3 id="bk-schedule-h">Schedule</h3>
      {schedule.length === 0 && occurrences.length === 0 ? (
        <p className="empty-note">No scheduled backups: the SAN manager plans the night from the backup policies of the scenario, and starts the runbooks that have a schedule.</p>
      ) : (
        <>
          <p className="muted">
            Clock start {clockStart}; now {wallClockDay(clockStart, nowS)}.
          </p>
          <Legend jobs={schedule.length > 0} runbooks={occurrences.length > 0} />
          <ScheduleGantt schedule={schedule} runbooks={occurrences} clockStart={clockStart} nowS={nowS} />
          {schedule.length > 0 && <JobTable schedule={schedule} clockStart={clockStart} />}
          {occurrences.length > 0 && <RunbookTable occurrences={occurrences} clockStart={clockStart} />}
        </>
      )}
    </section>
  );
}
