/**
 * Weighted FC path resolution: from one HBA of a server, through switches, hubs and bridges,
 * to one array port.
 *
 * Owns: a Dijkstra search whose cost is the unloaded latency of the path (link propagation and
 * 4 KiB serialisation, plus each transit device's hop), tie-broken by hop count and then by the
 * order edges are explored (link ids sorted), so the chosen path depends only on the document.
 *
 * Invariants: a path starts at the given HBA port and ends at exactly the target array port;
 * only switches, hubs and bridges forward (a server or array in the middle never does); no
 * device is visited twice.
 *
 * With `faults`, failed links, ports and devices are left out, as a fabric's routing (FSPF)
 * routes around them: the path found is the cheapest that still works, or null.
 *
 * Does not handle: multipath (host/multipath.ts chooses among the paths of a workload), zoning.
 */
import { FcGraph, transitHopUs, type FcEdge } from './fc-graph.ts';

/** Failed components a route must avoid (fabric/fabric-faults.ts). */
export interface RouteFaults {
  linkDown(link: number): boolean;
  portDown(deviceId: string, portId: string): boolean;
  deviceDown(deviceId: string): boolean;
}

function edgeDown(faults: RouteFaults, fromDeviceId: string, e: FcEdge): boolean {
  return faults.linkDown(e.linkIndex) || faults.portDown(fromDeviceId, e.fromPortId) || faults.portDown(e.toDeviceId, e.toPortId) || faults.deviceDown(e.toDeviceId);
}

export interface FcHop {
  linkIndex: number;
  /** Direction of the host→array traversal: 0 a→b, 1 b→a. */
  dir: 0 | 1;
}

export interface FcPath {
  serverId: string;
  hbaPortId: string;
  arrayId: string;
  arrayPortId: string;
  /** Links from the HBA to the array port, in order. */
  hops: FcHop[];
  /** Sum of transit-device hop latencies (one way), µs. */
  transitUs: number;
  /** Unloaded one-way latency used to rank paths, µs. */
  costUs: number;
}

interface Label {
  deviceId: string;
  costUs: number;
  hopCount: number;
  order: number;
  prev: Label | null;
  edge: FcEdge | null;
}

function better(x: Label, y: Label): boolean {
  if (x.costUs !== y.costUs) return x.costUs < y.costUs;
  if (x.hopCount !== y.hopCount) return x.hopCount < y.hopCount;
  return x.order < y.order;
}

/** The cheapest path from `hbaPortId` of `serverId` to (`arrayId`, `arrayPortId`), or null. */
export function resolveFcPath(
  graph: FcGraph,
  serverId: string,
  hbaPortId: string,
  arrayId: string,
  arrayPortId: string,
  faults?: RouteFaults,
): FcPath | null {
  const done = new Set<string>([serverId]);
  const frontier: Label[] = [];
  let order = 0;
  for (const e of graph.edgesFrom(serverId)) {
    if (e.fromPortId !== hbaPortId) continue;
    if (faults !== undefined && edgeDown(faults, serverId, e)) continue;
    frontier.push({ deviceId: e.toDeviceId, costUs: e.weightUs, hopCount: 1, order: order++, prev: null, edge: e });
  }
  while (frontier.length > 0) {
    let bestIndex = 0;
    for (let i = 1; i < frontier.length; i++) if (better(frontier[i], frontier[bestIndex])) bestIndex = i;
    const label = frontier[bestIndex];
    frontier.splice(bestIndex, 1);
    if (label.deviceId === arrayId) {
      if (label.edge!.toPortId === arrayPortId) return toPath(graph, label, serverId, hbaPortId, arrayId, arrayPortId);
      continue; // reached the array on another port: not this target, and arrays do not forward
    }
    if (done.has(label.deviceId)) continue;
    done.add(label.deviceId);
    const device = graph.devices.get(label.deviceId);
    const hopUs = device ? transitHopUs(device) : undefined;
    if (hopUs === undefined) continue;
    for (const e of graph.edgesFrom(label.deviceId)) {
      if (done.has(e.toDeviceId) && e.toDeviceId !== arrayId) continue;
      if (faults !== undefined && edgeDown(faults, label.deviceId, e)) continue;
      const costUs = label.costUs + hopUs + e.weightUs;
      frontier.push({ deviceId: e.toDeviceId, costUs, hopCount: label.hopCount + 1, order: order++, prev: label, edge: e });
    }
  }
  return null;
}

function toPath(graph: FcGraph, last: Label, serverId: string, hbaPortId: string, arrayId: string, arrayPortId: string): FcPath {
  const hops: FcHop[] = [];
  for (let l: Label | null = last; l; l = l.prev) hops.push({ linkIndex: l.edge!.linkIndex, dir: l.edge!.dir });
  hops.reverse();
  let transitUs = 0;
  for (let l: Label | null = last.prev; l; l = l.prev) {
    const device = graph.devices.get(l.deviceId);
    transitUs += device ? (transitHopUs(device) ?? 0) : 0;
  }
  return { serverId, hbaPortId, arrayId, arrayPortId, hops, transitUs, costUs: last.costUs };
}
