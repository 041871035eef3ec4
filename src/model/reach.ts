/**
 * Who can reach which LU, and why (SAN patent Fig. 20: one SAN shared by several tenants).
 *
 * Owns `reachReport`: for every server (sorted by id), every LU of the document — an LU path
 * (array, port, host group, LUN → LDEV), plus each workload target that names no LU path — either
 * reached, with the HBAs and FC paths that reach it, the zones that let each path through and the
 * host group that admits it, or refused, with the first rule that refuses it. The checks run in
 * the engine's access order (engine/fabric/lu-access.ts):
 *   1. no HBA has an FC cable path to the array port                      → `no-route`
 *   2. the zoning of a fabric on every such path keeps the HBA from the port → `zoning`
 *   3. no HBA that passes zoning is in the LU's host group                → `not-in-host-group`
 *   4. (workload targets) no host group admitting the server maps that LUN  → `no-lu-path`
 * A server reaches an LU when at least one of its HBAs passes 1–3; every such HBA is listed.
 *
 * Paths: the fewest-hops cable path from the HBA (links in document order break ties). Zoning
 * applies per fabric: each FC switch on the path belongs to a fabric whose zoning is that of its
 * principal switch (zoning.ts `fabricZoning`); every fabric on the path must let the pair through.
 *
 * Cross-tenant (`crossTenant`): a server with a tenant reaching an LU whose LDEV belongs to another
 * tenant, or — for an LDEV with no tenant — whose host group also admits a WWPN of a server of
 * another tenant (the two tenants share the volume).
 *
 * Pure and deterministic; does not handle the read-only attribute, pair states or faults.
 */
import { endpointKey } from './lookup.ts';
import { buildFcGraph, hbaPortKeys, type FcGraph } from './routes.ts';
import type { DiskArray, Server, Topology } from './topology.ts';
import { fabricZoning, zoneEndpoint, zoningAllows, zonesJoining } from './zoning.ts';

export type RefusalRule = 'no-route' | 'zoning' | 'not-in-host-group' | 'no-lu-path';

/** One HBA's way to an LU. */
export interface ReachPath {
  hbaPortId: string;
  wwpn: string | null;
  /** The ports crossed, as `device/port` keys, from the HBA to the array port. */
  hops: string[];
  /** Why zoning lets it through: "no zoning", "default zone allaccess", or `cfg: zone, zone` per fabric. */
  zoneReason: string;
  /** The zones of the effective configuration(s) that join the HBA and the array port. */
  zones: string[];
}

export interface LuRef {
  arrayId: string;
  portId: string;
  lun: number;
  /** The host group of the LU path (null for a workload target that names no LU path). */
  hostGroupId: string | null;
  ldevId: string | null;
}

export interface LuReach extends LuRef {
  hostGroupId: string;
  ldevId: string;
  paths: ReachPath[];
}

export interface LuRefusal extends LuRef {
  rule: RefusalRule;
  detail: string;
}

export interface ServerReach {
  serverId: string;
  tenant?: string;
  reached: LuReach[];
  refused: LuRefusal[];
}

export interface CrossTenantFlag {
  serverId: string;
  serverTenant: string;
  lu: LuReach;
  /** `ldev`: the LDEV belongs to `otherTenant`; `host-group`: the LU's host group also admits `otherServerId` of `otherTenant`. */
  kind: 'ldev' | 'host-group';
  otherTenant: string;
  otherServerId?: string;
  /** The WWPN of this server that the LU's host group admits. */
  wwpn: string;
}

export interface ReachReport {
  servers: ServerReach[];
  crossTenant: CrossTenantFlag[];
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Fewest-hops port path from `startKey` to every array port it reaches (see the header). */
function pathsFrom(graph: FcGraph, startKey: string): Map<string, string[]> {
  const parent = new Map<string, string | null>([[startKey, null]]);
  const queue = [startKey];
  const out = new Map<string, string[]>();
  const trace = (key: string): string[] => {
    const hops: string[] = [];
    for (let k: string | null = key; k !== null; k = parent.get(k) ?? null) hops.unshift(k);
    return hops;
  };
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head];
    for (const next of graph.cables.get(key) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, key);
      const device = graph.deviceOfPort.get(next);
      if (!device) continue;
      if (device.kind === 'array') out.set(next, trace(next));
      const siblings = graph.forwardingPorts.get(device.id);
      if (!siblings) continue;
      for (const sibling of siblings) {
        if (parent.has(sibling)) continue;
        parent.set(sibling, next);
        queue.push(sibling);
      }
    }
  }
  return out;
}

interface ZoneVerdict {
  allowed: boolean;
  reason: string;
  zones: string[];
}

interface Ctx {
  topology: Topology;
  graph: FcGraph;
  /** switch id → its fabric's principal zoning (memo). */
  fabricOf: Map<string, ReturnType<typeof fabricZoning>>;
  /** WWPN → server id of the HBA holding it. */
  serverOfWwpn: Map<string, string>;
  tenantOf: Map<string, string | undefined>;
}

function fabricFor(ctx: Ctx, switchId: string): ReturnType<typeof fabricZoning> {
  if (!ctx.fabricOf.has(switchId)) ctx.fabricOf.set(switchId, fabricZoning(ctx.topology, switchId));
  return ctx.fabricOf.get(switchId);
}

/** Whether every fabric on the path lets the HBA and the array port talk, and why. */
function zoneVerdict(ctx: Ctx, serverId: string, hbaPortId: string, arrayId: string, arrayPortId: string, hops: string[]): ZoneVerdict {
  const principals = new Map<string, NonNullable<ReturnType<typeof fabricZoning>>>();
  let unzoned = false;
  for (const key of hops) {
    const device = ctx.graph.deviceOfPort.get(key);
    if (device?.kind !== 'fcSwitch') continue;
    const fabric = fabricFor(ctx, device.id);
    if (fabric) principals.set(fabric.switchId, fabric);
    else unzoned = true;
  }
  if (principals.size === 0) return { allowed: true, reason: 'no zoning', zones: [] };
  const hba = zoneEndpoint(ctx.topology, serverId, hbaPortId);
  const port = zoneEndpoint(ctx.topology, arrayId, arrayPortId);
  const reasons: string[] = unzoned ? ['no zoning'] : [];
  const zones: string[] = [];
  for (const { switchId, zoning } of [...principals.values()].sort((a, b) => (a.switchId < b.switchId ? -1 : 1))) {
    const effective = zoning.effectiveCfg !== undefined && zoning.cfgs.some((c) => c.name === zoning.effectiveCfg);
    if (!zoningAllows(zoning, hba, port)) {
      const why = effective ? `no zone of effective cfg ${zoning.effectiveCfg} (on ${switchId}) holds both` : `no effective cfg on ${switchId} and the default zone is noaccess`;
      return { allowed: false, reason: why, zones: [] };
    }
    if (!effective) {
      reasons.push('default zone allaccess');
      continue;
    }
    const joining = zonesJoining(zoning, hba, port);
    zones.push(...joining);
    reasons.push(`${zoning.effectiveCfg}: ${joining.join(', ')}`);
  }
  return { allowed: true, reason: reasons.join('; '), zones };
}

interface HbaRoute {
  hbaPortId: string;
  wwpn: string | null;
  hops: string[];
  zone: ZoneVerdict;
}

/** Every (HBA, path, zoning verdict) from the server to the array port, by HBA port id. */
function routesTo(ctx: Ctx, server: Server, paths: Map<string, Map<string, string[]>>, arrayId: string, portId: string): HbaRoute[] {
  const target = endpointKey({ deviceId: arrayId, portId });
  const out: HbaRoute[] = [];
  for (const port of server.ports.filter((p) => p.kind === 'fc').sort(byId)) {
    const hops = paths.get(port.id)?.get(target);
    if (!hops) continue;
    out.push({ hbaPortId: port.id, wwpn: port.wwpn ?? null, hops, zone: zoneVerdict(ctx, server.id, port.id, arrayId, portId, hops) });
  }
  return out;
}

function judge(routes: HbaRoute[], admits: (wwpn: string | null) => boolean, where: string): { paths: ReachPath[] } | { rule: RefusalRule; detail: string } {
  if (routes.length === 0) return { rule: 'no-route', detail: `no FC cable path from any HBA to ${where}` };
  const zoned = routes.filter((r) => r.zone.allowed);
  if (zoned.length === 0) return { rule: 'zoning', detail: routes.map((r) => `${r.hbaPortId}: ${r.zone.reason}`).join('; ') };
  const admitted = zoned.filter((r) => admits(r.wwpn));
  if (admitted.length === 0) return { rule: 'not-in-host-group', detail: `no zoned HBA WWPN (${zoned.map((r) => r.wwpn ?? `${r.hbaPortId} without WWPN`).join(', ')}) is in the host group` };
  return { paths: admitted.map((r) => ({ hbaPortId: r.hbaPortId, wwpn: r.wwpn, hops: r.hops, zoneReason: r.zone.reason, zones: r.zone.zones })) };
}

function serverReach(ctx: Ctx, server: Server, arrays: DiskArray[]): ServerReach {
  const paths = new Map(hbaPortKeys(ctx.graph, server.id).map((key) => [key.slice(server.id.length + 1), pathsFrom(ctx.graph, key)]));
  const reached: LuReach[] = [];
  const refused: LuRefusal[] = [];
  const routeMemo = new Map<string, HbaRoute[]>();
  const routes = (arrayId: string, portId: string): HbaRoute[] => {
    const key = `${arrayId}/${portId}`;
    if (!routeMemo.has(key)) routeMemo.set(key, routesTo(ctx, server, paths, arrayId, portId));
    return routeMemo.get(key)!;
  };
  for (const array of arrays) {
    const groups = new Map(array.hostGroups.map((g) => [g.id, g]));
    const luPaths = [...array.luPaths].sort((a, b) => (a.portId < b.portId ? -1 : a.portId > b.portId ? 1 : a.lun - b.lun || (a.hostGroupId < b.hostGroupId ? -1 : a.hostGroupId > b.hostGroupId ? 1 : 0)));
    for (const lp of luPaths) {
      const group = groups.get(lp.hostGroupId);
      const ref = { arrayId: array.id, portId: lp.portId, lun: lp.lun, hostGroupId: lp.hostGroupId, ldevId: lp.ldevId };
      const verdict = judge(routes(array.id, lp.portId), (w) => w !== null && group !== undefined && group.wwpns.includes(w), `${array.id} port ${lp.portId}`);
      if ('paths' in verdict) reached.push({ ...ref, paths: verdict.paths });
      else refused.push({ ...ref, ...verdict });
    }
  }
  for (const w of [...server.workloads].sort(byId)) {
    const t = w.target;
    const array = arrays.find((a) => a.id === t.arrayId);
    if (!array || reached.some((r) => r.arrayId === t.arrayId && r.portId === t.portId && r.lun === t.lun)) continue;
    if (array.luPaths.some((lp) => lp.portId === t.portId && lp.lun === t.lun)) continue; // judged above as an LU path
    if (refused.some((r) => r.arrayId === t.arrayId && r.portId === t.portId && r.lun === t.lun)) continue;
    const ref = { arrayId: t.arrayId, portId: t.portId, lun: t.lun, hostGroupId: null, ldevId: null };
    const verdict = judge(routes(t.arrayId, t.portId), () => true, `${t.arrayId} port ${t.portId}`);
    refused.push({ ...ref, ...('paths' in verdict ? { rule: 'no-lu-path' as const, detail: `workload ${w.id}: no LU path at ${t.arrayId} port ${t.portId} LUN ${t.lun}` } : verdict) });
  }
  return { serverId: server.id, ...(server.tenant !== undefined ? { tenant: server.tenant } : {}), reached, refused };
}

function crossTenantOf(ctx: Ctx, s: ServerReach, arrays: Map<string, DiskArray>): CrossTenantFlag[] {
  if (s.tenant === undefined) return [];
  const out: CrossTenantFlag[] = [];
  for (const lu of s.reached) {
    const array = arrays.get(lu.arrayId)!;
    const wwpn = lu.paths.find((p) => p.wwpn !== null)?.wwpn ?? '';
    const ldevTenant = array.ldevs.find((l) => l.id === lu.ldevId)?.tenant;
    if (ldevTenant !== undefined) {
      if (ldevTenant !== s.tenant) out.push({ serverId: s.serverId, serverTenant: s.tenant, lu, kind: 'ldev', otherTenant: ldevTenant, wwpn });
      continue;
    }
    const group = array.hostGroups.find((g) => g.id === lu.hostGroupId);
    for (const other of group?.wwpns ?? []) {
      const otherServer = ctx.serverOfWwpn.get(other);
      const otherTenant = otherServer === undefined ? undefined : ctx.tenantOf.get(otherServer);
      if (otherServer === undefined || otherTenant === undefined || otherTenant === s.tenant) continue;
      out.push({ serverId: s.serverId, serverTenant: s.tenant, lu, kind: 'host-group', otherTenant, otherServerId: otherServer, wwpn });
      break;
    }
  }
  return out;
}

/** Who can reach which LU, and why (see the header). */
export function reachReport(topology: Topology): ReachReport {
  const servers = topology.devices.filter((d): d is Server => d.kind === 'server').sort(byId);
  const arrays = topology.devices.filter((d): d is DiskArray => d.kind === 'array').sort(byId);
  const serverOfWwpn = new Map<string, string>();
  for (const s of servers) for (const p of s.ports) if (p.kind === 'fc' && p.wwpn && !serverOfWwpn.has(p.wwpn)) serverOfWwpn.set(p.wwpn, s.id);
  const ctx: Ctx = { topology, graph: buildFcGraph(topology), fabricOf: new Map(), serverOfWwpn, tenantOf: new Map(servers.map((s) => [s.id, s.tenant])) };
  const reports = servers.map((s) => serverReach(ctx, s, arrays));
  const arrayMap = new Map(arrays.map((a) => [a.id, a]));
  return { servers: reports, crossTenant: reports.flatMap((r) => crossTenantOf(ctx, r, arrayMap)) };
}

/** A path as people read it: the HBA, the devices crossed, the array port (`hba0 → sw1 → CL1-A`). */
export function pathLabel(hops: readonly string[]): string {
  if (hops.length === 0) return '';
  const portOf = (key: string) => key.slice(key.indexOf('/') + 1);
  const deviceOf = (key: string) => key.slice(0, key.indexOf('/'));
  const middle: string[] = [];
  for (const key of hops.slice(1, -1)) if (middle[middle.length - 1] !== deviceOf(key)) middle.push(deviceOf(key));
  return [portOf(hops[0]), ...middle, portOf(hops[hops.length - 1])].join(' → ');
}
