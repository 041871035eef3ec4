/**
 * The Schedule section: the SAN manager's plan for the night — a legend, the Gantt chart and a
 * table of the same jobs (tenant, volume, window, planned and actual times in wall-clock HH:MM,
 * drive, size and estimated rate, state, and whether the estimate misses the window).
 */
import type { ScheduledJob } from '../../engine/api.ts';
import { BackupPill, ScrollBox } from './BackupPill.tsx';
import { JOB_TONE, formatBytes, formatMBps, wallClock } from './backup-format.ts';
import { ScheduleGantt } from './ScheduleGantt.tsx';
import { useClockStart, useNowS, useSchedule } from './useBackup.ts';

function Legend() {
  return (
    <ul className="gantt-legend" aria-label="Legend">
      <li>
        <span className="gantt-swatch is-window" aria-hidden="true" /> backup window
      </li>
      <li>
        <span className="gantt-swatch is-planned" aria-hidden="true" /> planned
      </li>
      <li>
        <span className="gantt-swatch is-actual" aria-hidden="true" /> actual
      </li>
      <li>
        <span className="gantt-swatch is-late" aria-hidden="true" /> ⚠ misses its window
      </li>
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

export function ScheduleView() {
  const schedule = useSchedule();
  const clockStart = useClockStart();
  const nowS = useNowS();
  return (
    <section className="bk-section" aria-labelledby="bk-schedule-h">
      <h3 id="bk-schedule-h">Schedule</h3>
      {schedule.length === 0 ? (
        <p className="empty-note">No scheduled backups: the SAN manager plans the night from the backup policies of the scenario.</p>
      ) : (
        <>
          <p className="muted">
            Clock start {clockStart}; now {wallClock(clockStart, nowS)}.
          </p>
          <Legend />
          <ScheduleGantt schedule={schedule} clockStart={clockStart} nowS={nowS} />
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
        </>
      )}
    </section>
  );
}
