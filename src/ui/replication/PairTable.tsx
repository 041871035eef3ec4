/**
 * Every pair of every copy group, one table body per group: a group row (kind, and the
 * commands for the whole group, as `-g G` without `-d`), then per pair a row of figures —
 * P-VOL → S-VOL, state, copy %, pending, P dirty, S dirty, tracks copied, split for — and a row
 * with its commands, its bitmap button and the engine's last answer.
 */
import { memo } from 'react';
import type { PairStatus } from '../../engine/api.ts';
import type { CopyGroup } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { KIND_LABEL } from './copy-group-edits.ts';
import { PairActions, ResultNoteLine } from './PairActions.tsx';
import { StatePill } from './PairBadge.tsx';
import { formatCount, formatDuration, formatPct, splitForS } from './pair-style.ts';
import { pairByKey, useNowS, usePairStatus } from './useReplication.ts';
import { useReplicationUi } from './useReplicationUi.ts';

const COLUMNS = ['Group / dev', 'P-VOL → S-VOL', 'State', 'Copy', 'Pending', 'P dirty', 'S dirty', 'Copied', 'Split for'] as const;

function SplitFor({ pair }: { pair: PairStatus }) {
  const nowS = useNowS();
  const s = splitForS(pair, nowS);
  return <>{s === null ? '—' : formatDuration(s)}</>;
}

function Figures({ pair }: { pair: PairStatus | undefined }) {
  if (!pair) {
    return (
      <>
        <td>
          <StatePill state={null} />
        </td>
        <td className="num" colSpan={6}>
          <span className="muted">not in this run</span>
        </td>
      </>
    );
  }
  return (
    <>
      <td>
        <StatePill state={pair.state} />
      </td>
      <td className="num">{pair.state === 'SMPL' ? '—' : formatPct(pair.copyPct)}</td>
      <td className="num">{formatCount(pair.pendingTracks)}</td>
      <td className="num">{formatCount(pair.pDirtyTracks)}</td>
      <td className="num">{formatCount(pair.sDirtyTracks)}</td>
      <td className="num">{formatCount(pair.tracksCopied)}</td>
      <td className="num">{pair.splitAtS === null ? '—' : <SplitFor pair={pair} />}</td>
    </>
  );
}

const PairRows = memo(function PairRows({ group, device }: { group: CopyGroup; device: CopyGroup['devices'][number] }) {
  const key = `${group.id}/${device.name}`;
  const pair = usePairStatus(key);
  const target = { group: group.id, device: device.name };
  const svol = device.svol ?? (group.kind === 'snapshot' ? `snapshot MU${device.mu}` : '—');
  return (
    <>
      <tr className="pair-row" data-pair-key={key} data-pair-state={pair?.state ?? ''}>
        <th scope="row" className="mono">
          {group.id} / {device.name}
          {device.mu > 0 && <span className="muted"> MU{device.mu}</span>}
        </th>
        <td className="mono pair-vols">
          <span>{device.pvol}</span>
          <span className="pair-vols-s">→ {svol}</span>
        </td>
        <Figures pair={pair} />
      </tr>
      <tr className="pair-row-actions" data-pair-key={key}>
        <td colSpan={COLUMNS.length}>
          <div className="pair-row-tools">
            <PairActions target={target} states={pair ? [pair.state] : []} label={`Commands for ${key}`} />
            <button type="button" className="btn btn-small" aria-label={`Bitmap of ${key}`} onClick={() => useReplicationUi.getState().openBitmap(key)}>
              ▦ Bitmap
            </button>
          </div>
          <ResultNoteLine target={target} />
        </td>
      </tr>
    </>
  );
});

function GroupBody({ group }: { group: CopyGroup }) {
  const states = useStore((s) => group.devices.map((d) => pairByKey(s.sim.replication, `${group.id}/${d.name}`)?.state ?? '').join(','));
  const list = states.split(',').filter((x): x is PairStatus['state'] => x !== '');
  const target = { group: group.id };
  return (
    <tbody aria-label={`Copy group ${group.id}`}>
      <tr className="group-row" data-group-id={group.id}>
        <th scope="rowgroup" colSpan={COLUMNS.length}>
          <div className="group-row-head">
            <span>
              <strong className="mono">{group.id}</strong> <span className="muted">· {KIND_LABEL[group.kind]} · {group.devices.length} pair{group.devices.length === 1 ? '' : 's'}</span>
            </span>
            <PairActions target={target} states={list} label={`Commands for group ${group.id}`} />
          </div>
          <ResultNoteLine target={target} />
        </th>
      </tr>
      {group.devices.map((d) => (
        <PairRows key={d.name} group={group} device={d} />
      ))}
    </tbody>
  );
}

const NO_GROUPS: readonly CopyGroup[] = [];

export function PairTable() {
  const groups = useStore((s) => s.scenario.topology.copyGroups ?? NO_GROUPS);
  if (groups.length === 0) return <p className="empty-note">No copy groups yet: add one below (Copy groups), then create its pairs here.</p>;
  return (
    <div className="pair-table-wrap">
      <table className="grid-table pair-table" aria-label="Pairs">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((g) => (
          <GroupBody key={g.id} group={g} />
        ))}
      </table>
    </div>
  );
}
