/**
 * Plan a volume move (SAN patent Fig. 15): pick an LDEV and a parity group of the same array,
 * "Predict" asks the engine what both groups' utilisation would be after the move (from the load
 * measured just before now), "Move" starts it — a background copy with writes going to both
 * groups, then a switch-over the hosts never see. The prediction shows before → after with the
 * change for the source and the target; it is dropped when the picks change.
 */
import { useId, useMemo } from 'react';
import type { MovePrediction } from '../../engine/api.ts';
import { useStore } from '../store/index.ts';
import { MoveNoteLine } from './MoveNoteLine.tsx';
import { formatChange, formatUtil, isMoving, ldevChoices, predictionRows, saturationNote, targetChoices } from './move-view.ts';
import { runMove, runPredict } from './run-monitor-command.ts';
import { UtilBar } from './UtilBar.tsx';
import { useConsoleMonitoring, useMoves } from './useMonitor.ts';
import { useMonitorUi } from './useMonitorUi.ts';

function PredictionTable({ p, atS }: { p: MovePrediction; atS: number }) {
  const threshold = useConsoleMonitoring()?.monitoring.parityGroupUtilPct ?? 80;
  const saturated = saturationNote(predictionRows(p).map((r) => ({ groupId: r.groupId, pct: r.after })));
  return (
    <div className="mon-prediction" data-testid="move-prediction">
      <p className="rm-sub">
        Predicted at {atS.toFixed(1)} s from the {p.windowS} s before: <span className="mono">{p.ldevId}</span> uses {formatUtil(p.ldevUtilPct)} of{' '}
        {p.fromGroup}’s disk time.
      </p>
      <table className="grid-table bk-table" aria-label="Predicted utilisation">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Now</th>
            <th scope="col">After the move</th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {predictionRows(p).map((r) => (
            <tr key={r.role} data-role={r.role}>
              <th scope="row">
                {r.groupId}
                <span className="bk-sub">{r.role}</span>
              </th>
              <td>
                <UtilBar pct={r.before} thresholdPct={threshold} label={`${r.groupId} now`} />
              </td>
              <td>
                <UtilBar pct={r.after} thresholdPct={threshold} label={`${r.groupId} after the move`} />
              </td>
              <td className="num">{formatChange(r.before, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {saturated && <p className="rm-sub mon-saturated">{saturated}</p>}
    </div>
  );
}

function usePicks() {
  const topology = useStore((s) => s.scenario.topology);
  const moves = useMoves();
  const ldevId = useMonitorUi((s) => s.moveLdevId);
  const groupId = useMonitorUi((s) => s.moveGroupId);
  return useMemo(() => {
    const ldevs = ldevChoices(topology, moves);
    const all = ldevs.flatMap((g) => g.choices);
    const ldev = all.some((c) => c.value === ldevId) ? ldevId : (all[0]?.value ?? '');
    const targets = targetChoices(topology, moves, ldev);
    const group = targets.some((c) => c.value === groupId) ? groupId : (targets[0]?.value ?? '');
    return { ldevs, targets, ldev, group, moving: isMoving(moves, ldev) };
  }, [topology, moves, ldevId, groupId]);
}

export function MovePlanner() {
  const { ldevs, targets, ldev, group, moving } = usePicks();
  const prediction = useMonitorUi((s) => s.prediction);
  const predicting = useMonitorUi((s) => s.predicting);
  const running = useStore((s) => s.sim.runState !== 'idle' && s.sim.runState !== 'loading' && s.sim.runState !== 'error');
  const ldevSelect = useId();
  const groupSelect = useId();
  if (ldevs.length === 0) return <p className="muted">No volumes in this design: add LDEVs to a disk array.</p>;
  const pick = (l: string, g: string) => {
    useMonitorUi.getState().pickMove(l, g);
    useMonitorUi.getState().setPrediction(null);
  };
  const current = prediction && prediction.ldevId === ldev && prediction.groupId === group ? prediction : null;
  return (
    <div className="mon-planner">
      <div className="field-row">
        <div className="field">
          <label htmlFor={ldevSelect}>Volume</label>
          <select id={ldevSelect} value={ldev} onChange={(e) => pick(e.currentTarget.value, '')}>
            {ldevs.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={groupSelect}>Move to</label>
          <select id={groupSelect} value={group} onChange={(e) => pick(ldev, e.currentTarget.value)} disabled={targets.length === 0}>
            {targets.length === 0 && <option value="">no other parity group in its array</option>}
            {targets.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="bk-actions">
        <button type="button" className="btn btn-small" disabled={!running || group === '' || predicting} onClick={() => void runPredict(ldev, group)}>
          {predicting ? 'Predicting…' : 'Predict'}
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={!running || group === '' || moving}
          title={moving ? `${ldev} is being moved now` : 'copy in the background while hosts keep using it, then switch over'}
          onClick={() => void runMove(ldev, group)}
        >
          Move
        </button>
      </div>
      {current && ('error' in current.result ? <p className="rm-note tone-rejected">Cannot predict: {current.result.error}</p> : <PredictionTable p={current.result} atS={current.atS} />)}
      <MoveNoteLine />
    </div>
  );
}
