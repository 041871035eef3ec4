/**
 * Physical FC reachability: which array ports a server's HBAs can reach over FC cables.
 *
 * Frames leave a server's FC ports, cross FC links, and are forwarded between any two FC ports of
 * an FC switch, FC hub or FC-SCSI bridge. Servers, arrays and libraries never forward. Zoning and
 * host groups are NOT considered here: this is the cabling answer only (the engine adds zoning).
 *
 * The graph is built once per call (O(devices + ports + links)); each query is a BFS over ports.
 */
import { endpointKey, FC_FORWARDING_KINDS } from './lookup.ts';
import type { Device, Topology } from './topology.ts';

/** FC adjacency over ports, keyed by `deviceId/portId`. */
export interface FcGraph {
  /** Port key → keys of the ports cabled to it by FC links. */
  cables: Map<string, string[]>;
  /** Port key → its device (for FC ports only). */
  deviceOfPort: Map<string, Device>;
  /** Forwarding device id → keys of its FC ports. */
  forwardingPorts: Map<string, string[]>;
  devicesById: Map<string, Device>;
}

function addCable(cables: Map<string, string[]>, from: string, to: string): void {
  const list = cables.get(from);
  if (list) list.push(to);
  else cables.set(from, [to]);
}

/** Build the FC port graph of a topology. Links whose ends are not both FC ports are ignored. */
export function buildFcGraph(topology: Topology): FcGraph {
  const deviceOfPort = new Map<string, Device>();
  const forwardingPorts = new Map<string, string[]>();
  const devicesById = new Map<string, Device>();
  for (const device of topology.devices) {
    if (devicesById.has(device.id)) continue;
    devicesById.set(device.id, device);
    const fcKeys = device.ports.filter((p) => p.kind === 'fc').map((p) => endpointKey({ deviceId: device.id, portId: p.id }));
    for (const key of fcKeys) deviceOfPort.set(key, device);
    if (FC_FORWARDING_KINDS.has(device.kind)) forwardingPorts.set(device.id, fcKeys);
  }
  const cables = new Map<string, string[]>();
  for (const link of topology.links) {
    const a = endpointKey(link.a);
    const b = endpointKey(link.b);
    if (!deviceOfPort.has(a) || !deviceOfPort.has(b)) continue;
    addCable(cables, a, b);
    addCable(cables, b, a);
  }
  return { cables, deviceOfPort, forwardingPorts, devicesById };
}

/**
 * Array ports (`arrayId/portId`) reachable from the given start ports (`deviceId/portId`).
 * A start port only sends; it does not forward unless its device is a forwarding device.
 */
export function fcReachableFromPorts(graph: FcGraph, startKeys: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const seen = new Set<string>(startKeys);
  const queue: string[] = [...startKeys];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head];
    for (const next of graph.cables.get(key) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      const device = graph.deviceOfPort.get(next);
      if (!device) continue;
      if (device.kind === 'array') reached.add(next);
      const siblings = graph.forwardingPorts.get(device.id);
      if (!siblings) continue;
      queue.push(next); // a forwarding port may (wrongly) carry several cables: follow them all
      for (const sibling of siblings) {
        if (seen.has(sibling)) continue;
        seen.add(sibling);
        queue.push(sibling);
      }
    }
  }
  return reached;
}

/** The server's FC port keys (its HBAs). Empty for an unknown device or one with no FC ports. */
export function hbaPortKeys(graph: FcGraph, serverId: string): string[] {
  const device = graph.devicesById.get(serverId);
  if (!device) return [];
  return device.ports.filter((p) => p.kind === 'fc').map((p) => endpointKey({ deviceId: device.id, portId: p.id }));
}

/** `${arrayId}/${portId}` of every array port physically reachable from the server's HBAs. */
export function fcReachableArrayPorts(topology: Topology, serverId: string): Set<string> {
  const graph = buildFcGraph(topology);
  return fcReachableFromPorts(graph, hbaPortKeys(graph, serverId));
}

/** Is there an FC cable path from any HBA of the server to that array port? */
export function hostCanReachArrayPort(topology: Topology, serverId: string, arrayId: string, portId: string): boolean {
  return fcReachableArrayPorts(topology, serverId).has(endpointKey({ deviceId: arrayId, portId }));
}
