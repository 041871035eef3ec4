/**
 * A pair whose volumes sit on two arrays (a host mirror across arrays, or remote copy between
 * sites), drawn as a dashed edge
 * between the two LDEV rows, coloured by state (animated while copying) and labelled like every
 * pair: key, state pill, details, and a button opening the bitmap view. Not selectable and not
 * a cable: it never enters the design's selection. Reads ONE pair's status.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { BitmapButton } from './ArrayReplication.tsx';
import { PairBadge } from './PairBadge.tsx';
import { isAnimated, TONE_COLOUR, toneOf } from './pair-style.ts';
import { usePairStatus } from './useReplication.ts';
import type { CopyGroupKind } from '../../model/topology.ts';
import './replication.css';

/** What the edge's tag says the pair is. */
const KIND_TAG: Partial<Record<CopyGroupKind, string>> = {
  'host-mirror': 'host mirror',
  'remote-sync': 'remote sync',
  'remote-async': 'remote async',
};

export type PairFlowEdge = Edge<{ pairKey: string }, 'pair'>;

export const PairEdge = memo(function PairEdge(props: EdgeProps<PairFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const pairKey = data?.pairKey ?? '';
  const status = usePairStatus(pairKey);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const tone = status ? toneOf(status.state) : 'smpl';
  const moving = status !== undefined && isAnimated(status.state);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`pair-edge${moving ? ' is-moving' : ''}`}
        style={{ stroke: TONE_COLOUR[tone], strokeWidth: 2.5, strokeDasharray: '7 5' }}
      />
      <EdgeLabelRenderer>
        <div
          className="pair-edge-label nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-pair-key={pairKey}
          role="group"
          aria-label={`Pair ${pairKey}`}
        >
          <span className="repl-connector-head">
            <span className="repl-pair-key mono">{pairKey}</span>
            <span className="repl-mu">{KIND_TAG[status?.kind ?? 'host-mirror'] ?? 'pair'}</span>
            <BitmapButton pairKey={pairKey} />
          </span>
          <PairBadge pairKey={pairKey} />
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
