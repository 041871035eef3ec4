/**
 * WAN reach: which devices each end of a WAN-link device reaches, so remote copy can tell which
 * WAN link joins a P-VOL's array to an S-VOL's array (or to a tape / DVD library at the remote).
 *
 * An end of a WAN link reaches the device its WAN port is cabled to: an array or a library
 * directly (on its own WAN port), or — when that device is an FC switch, hub or bridge (the
 * switch's WAN port, as an FCIP / channel extender) — every device its FC fabric reaches over
 * FC cables. A WAN cable straight between two arrays (no WAN-link device) carries no bandwidth or
 * distance and is not a route here.
 *
 * Pure; the FC graph is built once per call. Does not consider zoning or link state.
 */
import { FC_FORWARDING_KINDS } from './lookup.ts';
import { buildFcGraph, type FcGraph } from './routes.ts';
import type { Topology, WanLink } from './topology.ts';

/** Device ids reached from a forwarding device over FC cables (including the device itself). */
function fabricDevices(graph: FcGraph, startId: string): Set<string> {
  const reached = new Set<string>([startId]);
  const queue = [...(graph.forwardingPorts.get(startId) ?? [])];
  const seen = new Set<string>(queue);
  for (let head = 0; head < queue.length; head++) {
    for (const next of graph.cables.get(queue[head]) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      const device = graph.deviceOfPort.get(next);
      if (!device) continue;
      reached.add(device.id);
      for (const sibling of graph.forwardingPorts.get(device.id) ?? []) {
        if (seen.has(sibling)) continue;
        seen.add(sibling);
        queue.push(sibling);
      }
    }
  }
  return reached;
}

/** One end of a WAN link: the device cabled to that WAN port, and every device it reaches. */
export interface WanEnd {
  portId: string;
  /** The device cabled to this end, or null when the end is not cabled. */
  attachedId: string | null;
  reaches: Set<string>;
}

function wanEnds(t: Topology, wan: WanLink, graph: FcGraph): WanEnd[] {
  return wan.ports
    .filter((p) => p.kind === 'wan')
    .map((p) => {
      const link = t.links.find((l) => (l.a.deviceId === wan.id && l.a.portId === p.id) || (l.b.deviceId === wan.id && l.b.portId === p.id));
      const far = link === undefined ? undefined : link.a.deviceId === wan.id && link.a.portId === p.id ? link.b : link.a;
      const device = far === undefined ? undefined : graph.devicesById.get(far.deviceId);
      if (!device || device.kind === 'wanLink') return { portId: p.id, attachedId: device?.id ?? null, reaches: new Set<string>() };
      const reaches = FC_FORWARDING_KINDS.has(device.kind) ? fabricDevices(graph, device.id) : new Set([device.id]);
      return { portId: p.id, attachedId: device.id, reaches };
    });
}

/** A WAN link with the devices each of its ends reaches. */
export interface WanReach {
  wan: WanLink;
  ends: WanEnd[];
}

/** Every WAN-link device of the topology with what its ends reach (document order). */
export function wanReaches(t: Topology): WanReach[] {
  const graph = buildFcGraph(t);
  return t.devices.filter((d): d is WanLink => d.kind === 'wanLink').map((wan) => ({ wan, ends: wanEnds(t, wan, graph) }));
}

/** Whether the link joins device `a` and device `b` through two different ends. */
export function joins(reach: WanReach, a: string, b: string): boolean {
  return reach.ends.some((x, i) => x.reaches.has(a) && reach.ends.some((y, j) => j !== i && y.reaches.has(b)));
}

/** The WAN links that join devices `a` and `b` (document order). */
export function wanLinksJoining(reaches: readonly WanReach[], a: string, b: string): WanLink[] {
  return reaches.filter((r) => joins(r, a, b)).map((r) => r.wan);
}
