/**
 * One React Flow Handle per port of a device, typed by shape and colour (FC blue circle, LAN
 * green square, WAN orange diamond), with the port id (and WWPN) as its tooltip. Every handle
 * is a "source" and the canvas runs in loose connection mode, so a cable may start at either end.
 * Where each handle goes along its side comes from port-layout.ts (`placePorts`).
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

const SIDES: readonly Side[] = ['top', 'bottom', 'left', 'right'];

/**
 * Handles sit in one absolutely positioned rail per side and are spread along it by flexbox
 * (`space-around` centres the k-th of n at (k + ½)/n — exactly `offsetPct`), so a node has a few
 * positioned boxes rather than one per port: every positioned box is a paint layer that the
 * browser walks on each frame of a pan, and a large design has thousands of ports.
 */
export const PortHandles = memo(function PortHandles({ placements, cabled }: Props) {
  const used = new Set(cabled.split(','));
  return (
    <>
      {SIDES.map((side) => {
        const onSide = placements.filter((p) => p.side === side);
        if (onSide.length === 0) return null;
        return (
          <div key={side} className={`port-rail port-rail-${side}`}>
            {onSide.map(({ port }) => {
              const isCabled = used.has(port.id);
              return (
                <Handle
                  key={port.id}
                  id={port.id}
                  type="source"
                  position={POSITION[side]}
                  className={`port port-${port.kind}${isCabled ? ' port-cabled' : ''}`}
                  title={portTitle(port, isCabled)}
                  data-port-kind={port.kind}
                />
              );
            })}
          </div>
        );
      })}
    </>
  );
});
