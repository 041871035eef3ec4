/**
 * The SAN manager's night as a Gantt chart (SVG, geometry from gantt-layout.ts): a wall-clock
 * axis (HH:MM), one row per drive with the planned (outlined) and actual (filled) bars of the
 * jobs on it, and one row per job with its window band, planned bar and actual bar. A job whose
 * estimate misses its window is marked before it runs: red outline, hatching past the window's
 * end, and "⚠" in its label. Scheduled runbooks (Fig. 21) get one row each: a triangle at
 * every occurrence's planned start, the bar of the run it started, and a cross where an
 * occurrence was skipped because the previous run was still going. The SVG is labelled as an
 * image; the tables beside it (ScheduleView) carry the same facts for screen readers.
 */
import type { ScheduledJob, ScheduledRunbook } from '../../engine/api.ts';
import { useElementSize } from '../sim/useElementSize.ts';
import { ROW_HEIGHT_PX, layoutGantt, type Bar, type GanttLayout, type JobRow, type RunbookMark, type RunbookRow } from './gantt-layout.ts';

const BAR_H = 10;

function barY(rowY: number, h = BAR_H): number {
  return rowY + (ROW_HEIGHT_PX - h) / 2;
}

function JobRowBars({ row }: { row: JobRow }) {
  const late = row.job.missesWindow;
  const windowEnd = row.window.x + row.window.w;
  const over = late ? Math.max(0, row.planned.x + row.planned.w - windowEnd) : 0;
  return (
    <g className={`gantt-job${late ? ' is-late' : ''}`} data-job-id={row.job.jobId}>
      <rect className="gantt-window" x={row.window.x} y={row.y + 2} width={row.window.w} height={ROW_HEIGHT_PX - 4} />
      <rect className="gantt-planned" x={row.planned.x} y={barY(row.y)} width={row.planned.w} height={BAR_H} />
      {over > 0 && <rect className="gantt-overrun" x={windowEnd} y={barY(row.y)} width={over} height={BAR_H} />}
      {row.actual && <ActualBar bar={row.actual} y={row.y} />}
    </g>
  );
}

function ActualBar({ bar, y }: { bar: Bar; y: number }) {
  return <rect className={`gantt-actual${bar.ongoing ? ' is-ongoing' : ''}`} x={bar.x} y={barY(y, BAR_H - 4)} width={bar.w} height={BAR_H - 4} />;
}

const MARK_PX = 5;

/** An occurrence: a triangle at its planned start (a cross when skipped), and its run's bar. */
function OccurrenceMark({ mark, y }: { mark: RunbookMark; y: number }) {
  const top = y + 2;
  const skipped = mark.state === 'skipped';
  return (
    <g className={`gantt-occurrence is-${mark.state}`} data-occurrence-id={mark.id}>
      <title>{`${mark.id}: ${mark.state}`}</title>
      {mark.actual && <ActualBar bar={mark.actual} y={y} />}
      {skipped ? (
        <path className="gantt-skipped" d={`M${mark.x - MARK_PX} ${top} l${2 * MARK_PX} ${2 * MARK_PX} m0 ${-2 * MARK_PX} l${-2 * MARK_PX} ${2 * MARK_PX}`} stroke="#b45309" strokeWidth={2} fill="none" />
      ) : (
        <path className="gantt-planned" d={`M${mark.x - MARK_PX} ${top} h${2 * MARK_PX} l${-MARK_PX} ${MARK_PX + 2} z`} />
      )}
    </g>
  );
}

function RunbookRowMarks({ row }: { row: RunbookRow }) {
  return (
    <g className="gantt-runbook" data-runbook-id={row.runbookId}>
      {row.marks.map((m) => (
        <OccurrenceMark key={m.id} mark={m} y={row.y} />
      ))}
    </g>
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function summaryOf(schedule: readonly ScheduledJob[], runbooks: readonly ScheduledRunbook[], g: GanttLayout): string {
  const parts = [`Schedule from ${g.ticks[0]?.label ?? ''}`];
  if (schedule.length > 0) parts.push(`${plural(schedule.length, 'job')} on ${plural(g.drives.length, 'drive')}`);
  const late = schedule.filter((j) => j.missesWindow).length;
  if (late > 0) parts.push(`${late} expected to miss their window`);
  if (runbooks.length > 0) {
    const skipped = runbooks.filter((o) => o.state === 'skipped').length;
    parts.push(`${plural(runbooks.length, 'start')} of ${plural(g.runbooks.length, 'scheduled runbook')}${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  }
  return parts.join('; ');
}

export function ScheduleGantt({ schedule, runbooks = [], clockStart, nowS }: { schedule: readonly ScheduledJob[]; runbooks?: readonly ScheduledRunbook[]; clockStart: string; nowS: number }) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(320, size.width);
  const g = layoutGantt(schedule, { clockStart, nowS, widthPx: width }, runbooks);
  const summary = summaryOf(schedule, runbooks, g);
  return (
    <div ref={ref} className="gantt-wrap">
      <svg className="gantt" width={width} height={g.heightPx} role="img" aria-label={summary}>
        <defs>
          <pattern id="gantt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fee2e2" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#b91c1c" strokeWidth="2" />
          </pattern>
        </defs>
        {g.ticks.map((t) => (
          <g key={t.x} className="gantt-tick">
            <line x1={t.x} x2={t.x} y1={16} y2={g.heightPx} />
            <text x={t.x} y={12} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {[...g.drives, ...g.jobs, ...g.runbooks].map((row, i) => (
          <g key={`${row.kind}-${row.key}`}>
            <rect className={`gantt-row${i % 2 ? ' is-odd' : ''}${row.kind === 'drive' ? ' is-drive' : ''}`} x={0} y={row.y} width={width} height={ROW_HEIGHT_PX} />
            <text className={`gantt-label${row.kind === 'job' && row.job.missesWindow ? ' is-late' : ''}`} x={4} y={row.y + ROW_HEIGHT_PX / 2 + 4}>
              {row.kind === 'runbook' && <title>{row.name}</title>}
              {row.kind === 'job' && row.job.missesWindow ? `⚠ ${row.label}` : row.kind === 'runbook' ? `⟳ ${row.label}` : row.label}
            </text>
          </g>
        ))}
        {g.drives.map((row) => (
          <g key={`bars-${row.key}`}>
            {row.planned.map((b) => (
              <rect key={`p-${b.jobId}`} className="gantt-planned is-drive" x={b.x} y={barY(row.y)} width={b.w} height={BAR_H} />
            ))}
            {row.actual.map((b) => (
              <ActualBar key={`a-${b.jobId}`} bar={b} y={row.y} />
            ))}
          </g>
        ))}
        {g.jobs.map((row) => (
          <JobRowBars key={`bars-${row.key}`} row={row} />
        ))}
        {g.runbooks.map((row) => (
          <RunbookRowMarks key={`marks-${row.key}`} row={row} />
        ))}
        {g.nowX !== null && <line className="gantt-now" x1={g.nowX} x2={g.nowX} y1={16} y2={g.heightPx} />}
      </svg>
    </div>
  );
}
