/**
 * Cable rules: may a cable join these two ports? Used by the canvas WHILE a person drags a
 * cable, so every check is a linear scan over the document (no index is built): with 500
 * devices and 1000 links a call costs a few microseconds.
 *
 * Owns: `canConnect` (a prospective cable), `cablePairProblem` (the rules that depend only on
 * the two ends, shared with `design-rules.ts`), `linkKind`. Does not own: whole-document checks
 * (duplicates, dangling links in a loaded file) — see `design-rules.ts`.
 */
import { findDevice, findPort, PORT_KIND_LABEL } from './lookup.ts';
import type { Device, Endpoint, Link, Port, PortKind, Topology } from './topology.ts';

export type ConnectResult = { ok: true; kind: PortKind } | { ok: false; reason: string };

export interface ConnectOptions {
  /** A link being re-routed: its own ends do not count as "already cabled". */
  ignoreLinkId?: string;
}

export interface ResolvedEnd {
  device: Device;
  port: Port;
}

function resolveEnd(topology: Topology, e: Endpoint): ResolvedEnd | string {
  const device = findDevice(topology, e.deviceId);
  if (!device) return `unknown device "${e.deviceId}"`;
  const port = findPort(device, e.portId);
  if (!port) return `device ${device.id} has no port "${e.portId}"`;
  return { device, port };
}

/**
 * The rules that depend only on the two ends of a cable: same device, port kinds that differ,
 * an FC cable straight between two servers. Null when the pair is acceptable.
 */
export function cablePairProblem(a: ResolvedEnd, b: ResolvedEnd): string | null {
  if (a.device.id === b.device.id) {
    return `a cable cannot join two ports of the same device (${a.device.id})`;
  }
  if (a.port.kind !== b.port.kind) {
    const ka = PORT_KIND_LABEL[a.port.kind];
    const kb = PORT_KIND_LABEL[b.port.kind];
    return `${ka} port ${a.port.id} cannot connect to ${kb} port ${b.port.id}`;
  }
  if (a.port.kind === 'fc' && a.device.kind === 'server' && b.device.kind === 'server') {
    return `an FC cable cannot join two servers (${a.device.id}, ${b.device.id}): servers do not forward FC frames; cable both to a switch`;
  }
  return null;
}

/** The link (other than `ignoreLinkId`) that already uses this port, if any. */
export function linkUsingPort(topology: Topology, e: Endpoint, ignoreLinkId?: string): Link | undefined {
  return topology.links.find(
    (l) =>
      l.id !== ignoreLinkId &&
      ((l.a.deviceId === e.deviceId && l.a.portId === e.portId) ||
        (l.b.deviceId === e.deviceId && l.b.portId === e.portId)),
  );
}

/** Devices cabled to `wanLinkId` (other than through `ignoreLinkId`). */
function devicesOnWanLink(topology: Topology, wanLinkId: string, ignoreLinkId?: string): string[] {
  const ids: string[] = [];
  for (const l of topology.links) {
    if (l.id === ignoreLinkId) continue;
    if (l.a.deviceId === wanLinkId) ids.push(l.b.deviceId);
    if (l.b.deviceId === wanLinkId) ids.push(l.a.deviceId);
  }
  return ids;
}

/**
 * A WAN cable must join two sites. A WAN-link device carries the circuit: the device on its other
 * end must be in another site than the new end. A direct WAN-port cable joins its two devices.
 */
function wanSiteProblem(topology: Topology, a: ResolvedEnd, b: ResolvedEnd, ignoreLinkId?: string): string | null {
  const aIsWan = a.device.kind === 'wanLink';
  const bIsWan = b.device.kind === 'wanLink';
  if (aIsWan && bIsWan) return null;
  if (!aIsWan && !bIsWan) {
    if (a.device.siteId !== b.device.siteId) return null;
    return `a WAN link must join two different sites (${a.device.id} and ${b.device.id} are both in site ${a.device.siteId})`;
  }
  const [wan, end] = aIsWan ? [a, b] : [b, a];
  for (const otherId of devicesOnWanLink(topology, wan.device.id, ignoreLinkId)) {
    const other = findDevice(topology, otherId);
    if (other && other.siteId === end.device.siteId) {
      return `a WAN link must join two different sites (${wan.device.id} already reaches ${other.id} in site ${other.siteId})`;
    }
  }
  return null;
}

/** May a new cable join ports `a` and `b`? On refusal, a reason a person can act on. */
export function canConnect(topology: Topology, a: Endpoint, b: Endpoint, options: ConnectOptions = {}): ConnectResult {
  if (a.deviceId === b.deviceId) {
    return { ok: false, reason: `a cable cannot join two ports of the same device (${a.deviceId})` };
  }
  const ra = resolveEnd(topology, a);
  if (typeof ra === 'string') return { ok: false, reason: ra };
  const rb = resolveEnd(topology, b);
  if (typeof rb === 'string') return { ok: false, reason: rb };
  const pair = cablePairProblem(ra, rb);
  if (pair) return { ok: false, reason: pair };
  for (const end of [ra, rb]) {
    const used = linkUsingPort(topology, { deviceId: end.device.id, portId: end.port.id }, options.ignoreLinkId);
    if (used) return { ok: false, reason: `port ${end.port.id} of ${end.device.id} is already cabled (link ${used.id})` };
  }
  if (ra.port.kind === 'wan') {
    const wan = wanSiteProblem(topology, ra, rb, options.ignoreLinkId);
    if (wan) return { ok: false, reason: wan };
  }
  return { ok: true, kind: ra.port.kind };
}

/** The kind of a link (the kind of its ports), or null if an end is dangling or the kinds differ. */
export function linkKind(topology: Topology, link: Link): PortKind | null {
  const ra = resolveEnd(topology, link.a);
  const rb = resolveEnd(topology, link.b);
  if (typeof ra === 'string' || typeof rb === 'string') return null;
  return ra.port.kind === rb.port.kind ? ra.port.kind : null;
}
