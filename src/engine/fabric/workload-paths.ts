/**
 * The paths of a workload for multipath I/O: every (HBA, array port) over which its server can
 * reach the LDEV its target resolves to — the same LU seen through other ports and HBAs, as a
 * multipath driver discovers it by the LU's identity, whatever LUN each port maps it at.
 *
 * Owns: the candidate list (the resolved target's path first, so a server that never fails over
 * behaves exactly as with one path; then the other routed (HBA, port) pairs of the target's
 * array by unloaded cost, HBA id, port id) and `pathLun`, whether an HBA may use one: zoning
 * lets it reach the port and a host group on the port that lists its WWPN maps the LDEV (the
 * lowest such LUN).
 *
 * Invariants: candidates depend only on the document; a candidate's route is the cheapest
 * physical one at compile time (host/multipath.ts re-routes around failures at run time).
 *
 * Does not handle: choosing among them per I/O, failures (host/multipath.ts).
 */
import type { DiskArray, Server } from '../../model/topology.ts';
import type { FcGraph } from './fc-graph.ts';
import { resolveFcPath, type FcHop, type FcPath } from './path-resolver.ts';
import type { ZoningState } from './zoning-state.ts';

export interface CompiledPath {
  hbaPortId: string;
  wwpn: string;
  arrayPortId: string;
  /** Global front-end port index (compile.ts). */
  frontEndPortIndex: number;
  /** The LUN the LDEV has on this (HBA, port), or -1 when LUN security does not let the HBA use it now. */
  lun: number;
  hops: FcHop[];
  transitUs: number;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The lowest LUN at which a host group of `portId` that lists `wwpn` maps `ldevId`, or -1. */
export function pathLun(array: DiskArray, portId: string, wwpn: string, ldevId: string, zoning: ZoningState | undefined, server: Server, hbaPortId: string): number {
  if (zoning !== undefined && !zoning.allows(server, hbaPortId, array.id, portId)) return -1;
  let best = -1;
  for (const g of array.hostGroups) {
    if (g.portId !== portId || !g.wwpns.includes(wwpn)) continue;
    for (const lp of array.luPaths) {
      if (lp.portId === portId && lp.hostGroupId === g.id && lp.ldevId === ldevId && (best < 0 || lp.lun < best)) best = lp.lun;
    }
  }
  return best;
}

/**
 * The workload's paths: `primary` (the resolved target's route, or null when it has none)
 * first, then every other routed (HBA, port of the array) pair on which some host group maps
 * `ldevId` (usable or not now: LUN security may change during the run).
 */
export function workloadPaths(
  graph: FcGraph,
  server: Server,
  array: DiskArray,
  ldevId: string | null,
  primary: FcPath | null,
  primaryLun: number,
  portIndex: Map<string, number>,
  zoning: ZoningState | undefined,
): CompiledPath[] {
  const hbas = server.ports.filter((p) => p.kind === 'fc' && p.wwpn !== undefined).sort((a, b) => cmp(a.id, b.id));
  const out: CompiledPath[] = [];
  if (primary !== null) {
    const wwpn = hbas.find((h) => h.id === primary.hbaPortId)?.wwpn ?? '';
    out.push({ hbaPortId: primary.hbaPortId, wwpn, arrayPortId: primary.arrayPortId, frontEndPortIndex: portIndex.get(primary.arrayPortId)!, lun: primaryLun, hops: primary.hops, transitUs: primary.transitUs });
  }
  if (ldevId === null) return out;
  const mappedPorts = [...new Set(array.luPaths.filter((lp) => lp.ldevId === ldevId).map((lp) => lp.portId))].sort(cmp);
  const others: { path: FcPath; wwpn: string }[] = [];
  for (const hba of hbas) {
    for (const portId of mappedPorts) {
      if (primary !== null && hba.id === primary.hbaPortId && portId === primary.arrayPortId) continue;
      const path = resolveFcPath(graph, server.id, hba.id, array.id, portId);
      if (path !== null) others.push({ path, wwpn: hba.wwpn! });
    }
  }
  others.sort((x, y) => x.path.costUs - y.path.costUs || cmp(x.path.hbaPortId, y.path.hbaPortId) || cmp(x.path.arrayPortId, y.path.arrayPortId));
  for (const { path, wwpn } of others) {
    out.push({
      hbaPortId: path.hbaPortId,
      wwpn,
      arrayPortId: path.arrayPortId,
      frontEndPortIndex: portIndex.get(path.arrayPortId)!,
      lun: pathLun(array, path.arrayPortId, wwpn, ldevId, zoning, server, path.hbaPortId),
      hops: path.hops,
      transitUs: path.transitUs,
    });
  }
  return out;
}
