/**
 * Design rules that tie hosts to arrays: WWPN uniqueness, host-group WWPNs that belong to no
 * HBA, servers with LUs but no FC cable path to the array port, and workloads whose target LU
 * does not exist or cannot be reached.
 *
 * An HBA is an FC port of a server; its WWPN is what a host group lists. A host reaches an LU at
 * (array, port, LUN) through a host group on that port listing one of its WWPNs, over a cable
 * path from the HBA holding that WWPN (routes.ts). Zoning is the engine's concern.
 */
import type { IssueList } from './design-issue.ts';
import { endpointKey } from './lookup.ts';
import { buildFcGraph, fcReachableFromPorts, type FcGraph } from './routes.ts';
import type { DiskArray, HostGroup, Server, Topology, Workload } from './topology.ts';

/** The server HBA port holding a WWPN. */
interface Hba {
  serverId: string;
  portKey: string;
}

interface HostContext {
  topology: Topology;
  graph: FcGraph;
  /** WWPN → the server HBA holding it (first occurrence). */
  hbas: Map<string, Hba>;
  /** Port key → array port keys it reaches (memo). */
  reach: Map<string, Set<string>>;
  issues: IssueList;
}

function checkWwpns(topology: Topology, issues: IssueList): Map<string, Hba> {
  const owners = new Map<string, string>();
  const hbas = new Map<string, Hba>();
  topology.devices.forEach((d, i) => {
    d.ports.forEach((p, j) => {
      if (!p.wwpn) {
        if (p.kind === 'fc' && (d.kind === 'server' || d.kind === 'array')) {
          issues.warning(`devices[${i}].ports[${j}].wwpn`, `FC port ${p.id} of ${d.id} has no WWPN`, { deviceId: d.id });
        }
        return;
      }
      const owner = owners.get(p.wwpn);
      if (owner !== undefined) {
        issues.error(`devices[${i}].ports[${j}].wwpn`, `WWPN ${p.wwpn} of ${d.id}/${p.id} is already used by ${owner}`, { deviceId: d.id });
        return;
      }
      owners.set(p.wwpn, `${d.id}/${p.id}`);
      if (d.kind === 'server' && p.kind === 'fc') hbas.set(p.wwpn, { serverId: d.id, portKey: endpointKey({ deviceId: d.id, portId: p.id }) });
    });
  });
  return hbas;
}

function reachFrom(ctx: HostContext, portKey: string): Set<string> {
  let set = ctx.reach.get(portKey);
  if (!set) {
    set = fcReachableFromPorts(ctx.graph, [portKey]);
    ctx.reach.set(portKey, set);
  }
  return set;
}

/** Host group WWPNs grouped by owning server; warns about WWPNs no HBA holds. */
function wwpnsByServer(ctx: HostContext, hg: HostGroup, at: string, arrayId: string): Map<string, { wwpnIndex: number; hba: Hba }[]> {
  const byServer = new Map<string, { wwpnIndex: number; hba: Hba }[]>();
  hg.wwpns.forEach((wwpn, k) => {
    const hba = ctx.hbas.get(wwpn);
    if (!hba) {
      ctx.issues.warning(`${at}.wwpns[${k}]`, `host group ${hg.id} lists WWPN ${wwpn}, which belongs to no server HBA`, { deviceId: arrayId });
      return;
    }
    const list = byServer.get(hba.serverId) ?? [];
    list.push({ wwpnIndex: k, hba });
    byServer.set(hba.serverId, list);
  });
  return byServer;
}

function checkHostGroupRoutes(ctx: HostContext, a: DiskArray, ai: number): void {
  const mapped = new Set(a.luPaths.map((lp) => lp.hostGroupId));
  a.hostGroups.forEach((hg, j) => {
    const at = `devices[${ai}].hostGroups[${j}]`;
    const byServer = wwpnsByServer(ctx, hg, at, a.id);
    if (!mapped.has(hg.id)) return;
    const target = endpointKey({ deviceId: a.id, portId: hg.portId });
    for (const [serverId, entries] of byServer) {
      const down = entries.filter((e) => !reachFrom(ctx, e.hba.portKey).has(target));
      if (down.length === 0) continue;
      const field = `${at}.wwpns[${down[0].wwpnIndex}]`;
      if (down.length === entries.length) {
        ctx.issues.error(field, `server ${serverId} has LUs in host group ${hg.id} but no FC cable path reaches ${a.id} port ${hg.portId}`, { deviceId: serverId });
      } else {
        ctx.issues.warning(field, `server ${serverId}: HBA ${down[0].hba.portKey} has no FC cable path to ${a.id} port ${hg.portId} (path redundancy lost)`, { deviceId: serverId });
      }
    }
  });
}

/** The reason a workload's LU is missing or unreachable, with the field at fault; null if fine. */
function workloadProblem(ctx: HostContext, s: Server, w: Workload): { field: string; message: string } | null {
  const { arrayId, portId, lun } = w.target;
  const a = ctx.topology.devices.find((d): d is DiskArray => d.id === arrayId && d.kind === 'array');
  if (!a) return { field: 'target.arrayId', message: `no array "${arrayId}"` };
  if (!a.ports.some((p) => p.id === portId)) return { field: 'target.portId', message: `array ${arrayId} has no port "${portId}"` };
  const myWwpns = new Set(s.ports.filter((p) => p.kind === 'fc' && p.wwpn).map((p) => p.wwpn as string));
  const groups = a.hostGroups.filter((hg) => hg.portId === portId && hg.wwpns.some((x) => myWwpns.has(x)));
  if (groups.length === 0) return { field: 'target.portId', message: `no host group on ${arrayId} port ${portId} lists a WWPN of ${s.id}` };
  const ldevs = new Set(a.ldevs.map((l) => l.id));
  const hg = groups.find((g) => a.luPaths.some((lp) => lp.hostGroupId === g.id && lp.portId === portId && lp.lun === lun && ldevs.has(lp.ldevId)));
  if (!hg) return { field: 'target.lun', message: `no LU at ${arrayId} port ${portId} LUN ${lun} for ${s.id}` };
  const target = endpointKey({ deviceId: arrayId, portId });
  const reachable = hg.wwpns.some((x) => {
    const hba = ctx.hbas.get(x);
    return hba !== undefined && hba.serverId === s.id && reachFrom(ctx, hba.portKey).has(target);
  });
  if (!reachable) return { field: 'target', message: `${s.id} has no FC cable path to ${arrayId} port ${portId}` };
  return null;
}

function checkWorkloads(ctx: HostContext, s: Server, si: number): void {
  s.workloads.forEach((w, j) => {
    const problem = workloadProblem(ctx, s, w);
    if (!problem) return;
    ctx.issues.error(`devices[${si}].workloads[${j}].${problem.field}`, `workload ${w.id}: target LU unavailable: ${problem.message}`, { deviceId: s.id });
  });
}

/** WWPN, host-group route and workload-target rules over the whole document. */
export function checkHosts(topology: Topology, issues: IssueList): void {
  const hbas = checkWwpns(topology, issues);
  const ctx: HostContext = { topology, graph: buildFcGraph(topology), hbas, reach: new Map(), issues };
  topology.devices.forEach((d, i) => {
    if (d.kind === 'array') checkHostGroupRoutes(ctx, d, i);
    if (d.kind === 'server') checkWorkloads(ctx, d, i);
  });
}
