/**
 * Resolving what a workload addresses — (array, port, LUN) as its host sees it — to an LDEV
 * and a physical FC path, or to the reason every I/O of it will be refused.
 *
 * Owns: the order of the access checks and therefore which reason a refused workload reports:
 *   1. no HBA of the server has a physical path to the array port        → `no-route`
 *   2. the fabric's zoning lets no routed HBA reach the array port       → `zoning`
 *   3. no zoned HBA's WWPN is in a host group on that port               → `not-in-host-group`
 *   4. no such host group has an LU path at that LUN                     → `no-lu-path`
 * Among routed HBAs, the cheapest path wins (then the lower port id).
 *
 * Invariants: the result depends only on the document (host groups and LU paths are scanned
 * sorted by id); a successful resolution names an LU path that exists.
 *
 * Does not handle: the read-only attribute (checked per write by the array), multipath, the
 * zoning rules themselves (model/zoning.ts, through fabric/zoning-state.ts).
 */
import type { LuTarget, DiskArray, Server } from '../../model/topology.ts';
import type { RejectReason } from '../api.ts';
import { FcGraph } from './fc-graph.ts';
import { resolveFcPath, type FcPath } from './path-resolver.ts';
import type { ZoningState } from './zoning-state.ts';

export type AccessResolution =
  | { ok: true; ldevId: string; path: FcPath; wwpn: string; hostGroupId: string }
  | { ok: false; reason: RejectReason; ldevId: string | null; detail: string; path?: FcPath };

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Hba {
  portId: string;
  wwpn: string;
}

function serverHbas(server: Server): Hba[] {
  return server.ports
    .filter((p) => p.kind === 'fc' && p.wwpn !== undefined)
    .sort(byId)
    .map((p) => ({ portId: p.id, wwpn: p.wwpn! }));
}

/** The LDEV an initiator WWPN sees at (port, lun), if a host group on the port admits it. */
function lookupLu(array: DiskArray, portId: string, lun: number, wwpn: string): { ldevId: string; hostGroupId: string } | null {
  const groups = array.hostGroups.filter((g) => g.portId === portId && g.wwpns.includes(wwpn)).sort(byId);
  for (const g of groups) {
    const lp = array.luPaths.find((p) => p.portId === portId && p.hostGroupId === g.id && p.lun === lun);
    if (lp) return { ldevId: lp.ldevId, hostGroupId: g.id };
  }
  return null;
}

function inAnyHostGroup(array: DiskArray, portId: string, wwpn: string): boolean {
  return array.hostGroups.some((g) => g.portId === portId && g.wwpns.includes(wwpn));
}

export function resolveAccess(graph: FcGraph, server: Server, array: DiskArray, target: LuTarget, zoning?: ZoningState): AccessResolution {
  const hbas = serverHbas(server);
  const where = `${server.id} → ${array.id}/${target.portId} LUN ${target.lun}`;
  const routed: { hba: Hba; path: FcPath }[] = [];
  for (const hba of hbas) {
    const path = resolveFcPath(graph, server.id, hba.portId, array.id, target.portId);
    if (path) routed.push({ hba, path });
  }
  routed.sort((x, y) => x.path.costUs - y.path.costUs || (x.hba.portId < y.hba.portId ? -1 : 1));
  if (routed.length === 0) {
    const seen = hbas.map((h) => lookupLu(array, target.portId, target.lun, h.wwpn)).find((r) => r !== null);
    return { ok: false, reason: 'no-route', ldevId: seen?.ldevId ?? null, detail: `${where}: no FC path from any HBA` };
  }
  const zoned = zoning === undefined ? routed : routed.filter((r) => zoning.allows(server, r.hba.portId, array.id, target.portId));
  if (zoned.length === 0) {
    // The physical path is kept: a zoning change at run time (cfgenable) may open it.
    const seen = routed.map((r) => lookupLu(array, target.portId, target.lun, r.hba.wwpn)).find((x) => x !== null);
    return { ok: false, reason: 'zoning', ldevId: seen?.ldevId ?? null, detail: `${where}: the fabric's zoning lets no routed HBA reach the port`, path: routed[0].path };
  }
  for (const r of zoned) {
    const lu = lookupLu(array, target.portId, target.lun, r.hba.wwpn);
    if (lu) return { ok: true, ldevId: lu.ldevId, path: r.path, wwpn: r.hba.wwpn, hostGroupId: lu.hostGroupId };
  }
  if (!zoned.some((r) => inAnyHostGroup(array, target.portId, r.hba.wwpn))) {
    return { ok: false, reason: 'not-in-host-group', ldevId: null, detail: `${where}: no routed HBA WWPN is in a host group on the port`, path: zoned[0].path };
  }
  return { ok: false, reason: 'no-lu-path', ldevId: null, detail: `${where}: no LU path at that LUN`, path: zoned[0].path };
}
