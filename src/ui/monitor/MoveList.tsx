/**
 * Running and finished volume moves, newest first: LDEV and groups, started by hand or by the
 * console's automatic rule, the copy's progress, then predicted vs measured utilisation of both
 * groups with the difference (measured − predicted, percentage points) once the engine has
 * measured the same window length after the switch-over.
 */
import { memo } from 'react';
import type { VolumeMoveStatus } from '../../engine/api.ts';
import { BackupPill, ProgressBar } from '../backup/BackupPill.tsx';
import { compareRows, formatDiff, formatUtil, moveKey, moveStateText, saturationNote, worstDiff } from './move-view.ts';
import { useMoves } from './useMonitor.ts';

const MoveCard = memo(function MoveCard({ m }: { m: VolumeMoveStatus }) {
  const done = m.state === 'done';
  const worst = worstDiff(m);
  const saturated = saturationNote(compareRows(m).map((r) => ({ groupId: r.groupId, pct: r.predicted })));
  return (
    <article className={`rm-card tone-${done ? 'ok' : 'active'}`} aria-label={`Move of ${m.ldevId} from ${m.fromGroup} to ${m.toGroup}`} data-move={moveKey(m)} data-state={m.state}>
      <div className="rm-head">
        <strong className="rm-name">
          {m.ldevId}: {m.fromGroup} → {m.toGroup}
        </strong>
        {m.automatic && <span className="bk-flag">automatic</span>}
        <span>
          <BackupPill tone={done ? 'ok' : 'active'} moving={!done}>
            {done ? 'done' : 'copying'}
          </BackupPill>
        </span>
      </div>
      <p className="rm-sub">
        {moveStateText(m)} · started at {(m.startedUs / 1e6).toFixed(1)} s
      </p>
      {!done && <ProgressBar fraction={m.copiedPct / 100} label={`Copy of ${m.ldevId}`} text={`${Math.floor(m.copiedPct)} %`} />}
      <table className="grid-table bk-table" aria-label={`Predicted and measured utilisation, move of ${m.ldevId}`}>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              Predicted
            </th>
            <th scope="col" className="num">
              Measured
            </th>
            <th scope="col" className="num" title="measured − predicted, percentage points">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {compareRows(m).map((r) => (
            <tr key={r.role} data-role={r.role}>
              <th scope="row">
                {r.groupId}
                <span className="bk-sub">{r.role}</span>
              </th>
              <td className="num">{formatUtil(r.before)}</td>
              <td className="num">{formatUtil(r.predicted)}</td>
              <td className="num">{r.measured === null ? '—' : formatUtil(r.measured)}</td>
              <td className="num" data-testid={`move-diff-${m.ldevId}-${r.role}`}>
                {r.diff === null ? '—' : formatDiff(r.diff)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {saturated && <p className="rm-sub mon-saturated">Predicted: {saturated}</p>}
      {worst !== null && (
        <p className="rm-sub">
          The prediction was within <strong>{worst.toFixed(1)} percentage points</strong> of the measurement.
        </p>
      )}
    </article>
  );
});

export function MoveList() {
  const moves = useMoves();
  if (moves.length === 0) return <p className="muted">No volume has moved in this run.</p>;
  return (
    <div className="job-list">
      {[...moves].reverse().map((m) => (
        <MoveCard key={moveKey(m)} m={m} />
      ))}
    </div>
  );
}
