/**
 * One React Flow Handle per port of a device, typed by shape and colour (FC blue circle, LAN
 * green square, WAN orange diamond), with the port id (and WWPN) as its tooltip. Every handle
 * is a "source" and the canvas runs in loose connection mode, so a cable may start at either end.
 */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { Port } from '../../model/topology.ts';
import type { PortPlacement, Side } from './port-layout.ts';

const POSITION: Record<Side, Position> = {
  top: Position.Top,
  bottom: Position.Bottom,
  left: Position.Left,
  right: Position.Right,
};

function portTitle(p: Port, cabled: boolean): string {
  const kind = p.kind.toUpperCase();
  const speed = p.kind === 'fc' ? `${p.speedGbps} GFC` : `${p.speedGbps} Gb`;
  const parts = [`${p.id}${p.label ? ` (${p.label})` : ''}`, `${kind} ${speed}`];
  if (p.wwpn) parts.push(p.wwpn);
  parts.push(cabled ? 'cabled' : 'free');
  return parts.join(' · ');
}

interface Props {
  placements: readonly PortPlacement[];
  /** Port ids that carry a cable, comma-joined (a primitive, so selectors compare cheaply). */
  cabled: string;
}

export const PortHandles = memo(function PortHandles({ placements, cabled }: Props) {
  const used = new Set(cabled.split(','));
  return (
    <>
      {placements.map(({ port, side, offsetPct }) => {
        const isCabled = used.has(port.id);
        const along = side === 'top' || side === 'bottom' ? { left: `${offsetPct}%` } : { top: `${offsetPct}%` };
        return (
          <Handle
            key={port.id}
            id={port.id}
            type="source"
            position={POSITION[side]}
            className={`port port-${port.kind}${isCabled ? ' port-cabled' : ''}`}
            style={along}
            title={portTitle(port, isCabled)}
            data-port-kind={port.kind}
          />
        );
      })}
    </>
  );
});
