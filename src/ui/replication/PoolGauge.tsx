/**
 * A snapshot pool as a gauge: used %, a tick at the warning threshold, and the state in words
 * (normal / warning / full). Reads ONE pool's status; before a run the gauge shows the design's
 * threshold and "—".
 */
import { memo } from 'react';
import type { SnapshotPool } from '../../model/topology.ts';
import { usePoolStatus } from './useReplication.ts';

export const PoolGauge = memo(function PoolGauge({ arrayId, pool }: { arrayId: string; pool: SnapshotPool }) {
  const status = usePoolStatus(arrayId, pool.id);
  const usedPct = status ? Math.min(100, Math.max(0, status.usedPct)) : 0;
  const warningPct = status?.warningPct ?? pool.warningPct ?? 80;
  const state = status?.state ?? null;
  const pct = `${usedPct.toFixed(usedPct < 10 ? 1 : 0)}%`;
  const label = status ? `${pct} · ${state}` : 'not running';
  const spoken = status ? `${pct} used, ${state}, warning at ${warningPct}%` : 'not running';
  return (
    <div className={`pool-gauge state-${state ?? 'none'}`} data-pool-key={`${arrayId}/${pool.id}`}>
      <div className="pool-gauge-head">
        <span className="pool-gauge-name" title={`Snapshot pool ${pool.name}`}>
          ⛁ <span className="mono">{pool.id}</span>
        </span>
        <span className="pool-gauge-value">{label}</span>
      </div>
      <div
        className="pool-gauge-bar"
        role="meter"
        aria-label={`Pool ${pool.id} use`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(usedPct)}
        aria-valuetext={spoken}
      >
        <span className="pool-gauge-fill" style={{ width: `${usedPct}%` }} />
        <span className="pool-gauge-mark" style={{ left: `${warningPct}%` }} title={`warning at ${warningPct}%`} />
      </div>
    </div>
  );
});
