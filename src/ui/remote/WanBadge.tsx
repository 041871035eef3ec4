/**
 * The live badge on a WAN link node: UP or DOWN, payload MB/s and utilisation, and the journal
 * batches in flight drawn as small blocks (at most 12) with their count as text.
 * Subscribes to its own link (which keeps its identity between batches unless it changed), so a
 * telemetry batch re-renders this badge and nothing else of the node. Both lines are always
 * drawn, so the node never changes size.
 */
import { memo } from 'react';
import { useStore } from '../store/index.ts';
import { formatCount, formatPct, formatRate } from './remote-format.ts';
import './remote.css';

const MAX_BLOCKS = 12;

export const WanBadge = memo(function WanBadge({ wanLinkId }: { wanLinkId: string }) {
  const l = useStore((s) => s.sim.remote?.wanLinks.find((w) => w.id === wanLinkId));
  if (!l) {
    return (
      <div className="wan-badge" data-testid={`wan-badge-${wanLinkId}`}>
        <span className="wan-badge-line muted">not running</span>
        <span className="wan-badge-batches" aria-hidden="true" />
      </div>
    );
  }
  const blocks = Math.min(MAX_BLOCKS, l.inFlight);
  const batches = `${formatCount(l.inFlight)} batch${l.inFlight === 1 ? '' : 'es'} in flight`;
  return (
    <div className={`wan-badge${l.up ? '' : ' is-down'}`} data-testid={`wan-badge-${wanLinkId}`} data-up={l.up}>
      <span className="wan-badge-line">
        <span className="wan-badge-state">{l.up ? 'UP' : 'DOWN'}</span>
        {l.up ? (
          <span>
            {formatRate(l.throughputMBps)} · {formatPct(l.utilizationPct)} busy
          </span>
        ) : (
          <span>outage: nothing crosses</span>
        )}
      </span>
      <span className="wan-badge-line">
        <span className="wan-badge-batches" aria-hidden="true">
          {Array.from({ length: blocks }, (_, i) => (
            <span key={i} className="wan-badge-batch" style={{ animationDelay: `${(i % 4) * 0.25}s` }} />
          ))}
        </span>
        <span>{batches}</span>
      </span>
    </div>
  );
});
