/**
 * A cable on the canvas. Colour by port kind (FC blue, LAN green, WAN orange, dashed); width and
 * a warm tint by live utilisation, read with a narrow selector of ONE link's value, so a
 * telemetry frame re-renders only the cables whose numbers changed. A cable into a WAN link
 * that is down (an outage) is drawn red with short dashes and labelled "DOWN". A cable the run
 * reports failed (a cut: the monitoring console's health) is drawn red with short dashes and
 * labelled "FAILED"; one reported degraded is amber and labelled so.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import { linkKindOf } from './topology-memo.ts';
import { wanLinkOfCable } from '../remote/remote-topology.ts';

const KIND_COLOUR = { fc: '#2563eb', lan: '#15803d', wan: '#c2410c' } as const;
const HOT_COLOUR = '#dc2626';
const WARM_COLOUR = '#d97706';
const DOWN_COLOUR = '#dc2626';
const DEGRADED_COLOUR = '#d97706';

function strokeFor(kind: 'fc' | 'lan' | 'wan' | null, util: number | undefined): { stroke: string; width: number } {
  const base = kind ? KIND_COLOUR[kind] : '#6b7280';
  if (util === undefined) return { stroke: base, width: 2 };
  const width = 2 + Math.min(100, Math.max(0, util)) * 0.06;
  return { stroke: util >= 85 ? HOT_COLOUR : util >= 60 ? WARM_COLOUR : base, width };
}

export const SanEdge = memo(function SanEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } = props;
  const util = useStore((s) => s.sim.live.linkUtilPct[id]);
  const kind = useStore((s) => linkKindOf(s.scenario.topology, id));
  const down = useStore((s) => {
    const wanId = s.sim.remote ? wanLinkOfCable(s.scenario.topology, id) : null;
    return wanId !== null && s.sim.remote?.wanLinks.find((l) => l.id === wanId)?.up === false;
  });
  const health = useStore((s) => s.sim.faults?.health[id]);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const failed = health === 'failed';
  const { stroke, width } = down || failed ? { stroke: DOWN_COLOUR, width: 2.5 } : health === 'degraded' ? { stroke: DEGRADED_COLOUR, width: 2.5 } : strokeFor(kind, util);
  const style = {
    stroke,
    strokeWidth: selected ? width + 1.5 : width,
    strokeDasharray: down || failed ? '3 4' : kind === 'wan' ? '8 5' : undefined,
  };
  const healthLabel = !down && (failed || health === 'degraded') ? (failed ? 'FAILED' : 'DEGRADED') : null;
  return (
    <>
      <BaseEdge id={id} path={path} style={style} className={`san-edge san-edge-${kind ?? 'bad'}${selected ? ' is-selected' : ''}${down ? ' is-down' : ''}${health && health !== 'ok' ? ` health-${health}` : ''}`} />
      {down && (
        <EdgeLabelRenderer>
          <div className="edge-util edge-down" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            DOWN
          </div>
        </EdgeLabelRenderer>
      )}
      {healthLabel && (
        <EdgeLabelRenderer>
          <div className={`edge-util edge-${failed ? 'failed' : 'degraded'}`} data-testid={`edge-health-${id}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {healthLabel}
          </div>
        </EdgeLabelRenderer>
      )}
      {!down && !healthLabel && util !== undefined && util >= 0.5 && (
        <EdgeLabelRenderer>
          <div className="edge-util" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {Math.round(util)}%
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
