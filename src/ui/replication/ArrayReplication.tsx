/**
 * The replication part of an array node: its LDEVs as rows, each pair inside the array as a
 * connector row between its P-VOL and S-VOL rows (state pill + details, and a button opening
 * the bitmap view), snapshot generations under their P-VOL, then one gauge per snapshot pool.
 * Rows of volumes in cross-array pairs carry hidden, non-connectable handles where the pair's
 * dashed edge attaches; React Flow measures handles only when a node resizes, so a change of
 * those handles asks it to measure again. Shown only for arrays that take part in replication
 * (pair-layout.ts).
 */
import { memo, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { DiskArray } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { arrayLayout, crossLdevIds, ldevHandleId, type ArrayRow, type PairRef } from './pair-layout.ts';
import { formatGiB, isAnimated, TONE_COLOUR, toneOf } from './pair-style.ts';
import { PairBadge } from './PairBadge.tsx';
import { PoolGauge } from './PoolGauge.tsx';
import { usePairStatus } from './useReplication.ts';
import { useReplicationUi } from './useReplicationUi.ts';
import './replication.css';

const INDENT_PX = 12;
const ROLE_TITLE = { P: 'P-VOL of a pair', S: 'S-VOL of a pair' } as const;

export function BitmapButton({ pairKey }: { pairKey: string }) {
  return (
    <button
      type="button"
      className="repl-bitmap-btn nodrag"
      aria-label={`Bitmap of ${pairKey}`}
      title={`Open the bitmap view of ${pairKey}`}
      onClick={() => useReplicationUi.getState().openBitmap(pairKey)}
    >
      ▦
    </button>
  );
}

function LdevRow({ row, anchored }: { row: Extract<ArrayRow, { type: 'ldev' }>; anchored: boolean }) {
  const l = row.ldev;
  return (
    <div className="repl-row repl-ldev" style={{ paddingLeft: row.depth * INDENT_PX }} data-ldev-id={l.id} title={l.name}>
      <span className="repl-ldev-id mono">{l.id}</span>
      <span className="repl-ldev-cap">{formatGiB(l.capacityGiB)}</span>
      {row.roles.map((r) => (
        <span key={r} className={`repl-role repl-role-${r}`} title={ROLE_TITLE[r]}>
          {r}
        </span>
      ))}
      {anchored && (
        <>
          <Handle type="source" id={ldevHandleId(l.id, 'l')} position={Position.Left} isConnectable={false} className="repl-handle repl-handle-l" />
          <Handle type="source" id={ldevHandleId(l.id, 'r')} position={Position.Right} isConnectable={false} className="repl-handle repl-handle-r" />
        </>
      )}
    </div>
  );
}

function ConnectorRow({ pairRef, depth, adjacent, snapshot }: { pairRef: PairRef; depth: number; adjacent: boolean; snapshot: boolean }) {
  const status = usePairStatus(pairRef.key);
  const colour = TONE_COLOUR[status ? toneOf(status.state) : 'smpl'];
  const moving = status !== undefined && isAnimated(status.state);
  const what = snapshot ? `snapshot MU${pairRef.mu}` : `${pairRef.kind === 'host-mirror' ? 'host mirror ' : pairRef.kind === 'remote-sync' ? 'remote sync ' : pairRef.kind === 'remote-async' ? 'remote async ' : ''}${pairRef.pvol} → ${pairRef.svol ?? 'tape'}`;
  return (
    <div
      className={`repl-row repl-connector${snapshot ? ' is-snapshot' : ''}${moving ? ' is-moving' : ''}`}
      style={{ paddingLeft: depth * INDENT_PX, ['--pair-colour' as string]: colour }}
      data-pair-key={pairRef.key}
      role="group"
      aria-label={`Pair ${pairRef.key}: ${what}`}
    >
      <span className="repl-connector-line" aria-hidden="true">
        {snapshot ? '◷' : '↓'}
      </span>
      <span className="repl-connector-body">
        <span className="repl-connector-head">
          <span className="repl-pair-key mono">{pairRef.key}</span>
          {snapshot && <span className="repl-mu">MU{pairRef.mu}</span>}
          {!snapshot && !adjacent && <span className="repl-far mono">→ {pairRef.svol}</span>}
          {pairRef.kind === 'host-mirror' && <span className="repl-mu">mirror</span>}
          <BitmapButton pairKey={pairRef.key} />
        </span>
        <PairBadge pairKey={pairRef.key} />
      </span>
    </div>
  );
}

function Row({ row, cross }: { row: ArrayRow; cross: ReadonlySet<string> }) {
  if (row.type === 'ldev') return <LdevRow row={row} anchored={cross.has(row.ldev.id)} />;
  return <ConnectorRow pairRef={row.ref} depth={row.depth} adjacent={row.type === 'pair' && row.adjacent} snapshot={row.type === 'snapshot'} />;
}

export const ArrayReplication = memo(function ArrayReplication({ array }: { array: DiskArray }) {
  const layout = useStore((s) => arrayLayout(s.scenario.topology, array.id));
  const crossIds = useStore((s) => crossLdevIds(s.scenario.topology));
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(array.id), [updateNodeInternals, array.id, crossIds, layout]);
  if (!layout) return null;
  const cross = new Set(crossIds.split(','));
  const pools = array.pools ?? [];
  return (
    <div className="repl-node" aria-label={`Volumes and pairs of ${array.name}`}>
      <div className="repl-rows">
        {layout.rows.map((row, i) => (
          <Row key={row.type === 'ldev' ? `l:${row.ldev.id}` : `${row.type}:${row.ref.key}:${i}`} row={row} cross={cross} />
        ))}
        {layout.hiddenLdevs > 0 && <div className="repl-more muted">+ {layout.hiddenLdevs} more LDEVs</div>}
      </div>
      {pools.map((p) => (
        <PoolGauge key={p.id} arrayId={array.id} pool={p} />
      ))}
    </div>
  );
});
