/**
 * Where each port's handle sits on a device node: FC toward the storage side, LAN toward the
 * clients, WAN on the flanks, so a SAN drawn top-down (clients → servers → switches → storage)
 * gets short, uncrossed cables. Pure; the node component turns sides into React Flow Positions.
 */
import type { Device, Port } from '../../model/topology.ts';

export type Side = 'top' | 'bottom' | 'left' | 'right';

export interface PortPlacement {
  port: Port;
  side: Side;
  /** Centre of the handle along its side, in percent of the side's length. */
  offsetPct: number;
}

/** The side of port `i` of `n` ports of the same kind on `device`. */
function sideOf(device: Device, port: Port, i: number, n: number): Side {
  if (port.kind === 'wan') return device.kind === 'wanLink' ? (i % 2 === 0 ? 'left' : 'right') : 'right';
  const half = i < Math.ceil(n / 2) ? 'top' : 'bottom';
  switch (device.kind) {
    case 'server':
      return port.kind === 'fc' ? 'bottom' : 'top';
    case 'client':
    case 'console':
      return 'bottom';
    case 'fcSwitch':
    case 'fcHub':
    case 'lanSegment':
    case 'bridge':
      return half;
    default:
      return 'top';
  }
}

export function placePorts(device: Device): PortPlacement[] {
  const byKind = new Map<string, Port[]>();
  for (const p of device.ports) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const placed = device.ports.map((port) => {
    const same = byKind.get(port.kind)!;
    return { port, side: sideOf(device, port, same.indexOf(port), same.length) };
  });
  const bySide = new Map<Side, number>();
  for (const p of placed) bySide.set(p.side, (bySide.get(p.side) ?? 0) + 1);
  const seen = new Map<Side, number>();
  return placed.map(({ port, side }) => {
    const k = seen.get(side) ?? 0;
    seen.set(side, k + 1);
    const n = bySide.get(side)!;
    return { port, side, offsetPct: ((k + 0.5) / n) * 100 };
  });
}

/** Most handles on one horizontal side: the node widens to keep handles apart. */
export function maxPortsOnHorizontalSide(placements: readonly PortPlacement[]): number {
  const top = placements.filter((p) => p.side === 'top').length;
  const bottom = placements.filter((p) => p.side === 'bottom').length;
  return Math.max(top, bottom);
}
