/**
 * Access and data paths while a run goes on: LUN security that can change (a WWPN added to or
 * removed from a host group: `raidcom add|delete hba_wwn`, the seed's embodiment 3), and the
 * paths backup, restore and copy jobs move data over.
 *
 * Owns: the run-time host-group membership (a copy of the document's, changed by
 * `setMember`) and the fabrics' zoning (changed by `zoning.set`), resolving what a server reaches through it (`resolve`, `ldevAccess`), FC paths
 * from a server or an array to a library, and LAN paths between two servers through LAN
 * segments (which forward, like switches do on the FC side).
 *
 * Invariants: resolution depends only on the document and the membership changes applied, in
 * order (host groups, LU paths and links are scanned sorted by id); paths are lists of
 * link-direction resources (link × 2 + dir) in the direction the data flows.
 *
 * Does not handle: the zoning rules (fabric/zoning-state.ts, model/zoning.ts), multipath, link failures.
 */
import type { DiskArray, LuTarget, Server, Topology } from '../../model/topology.ts';
import { LAN_SWITCH_HOP_US } from '../constants.ts';
import type { FcGraph } from './fc-graph.ts';
import { resolveAccess, type AccessResolution } from './lu-access.ts';
import { resolveFcPath, type FcPath } from './path-resolver.ts';
import { pathLun } from './workload-paths.ts';
import { ZoningState } from './zoning-state.ts';

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A stretch of a data path: link-direction resources in flow order and the transit latency on it. */
export interface PathSegment {
  resources: number[];
  transitUs: number;
}

export interface LdevAccess {
  ok: true;
  arrayId: string;
  portId: string;
  lun: number;
  /** Server → array direction. */
  path: FcPath;
}
export type LdevAccessResult = LdevAccess | { ok: false; reason: string };

export class RuntimeAccess {
  private readonly graph: FcGraph;
  private readonly arrays = new Map<string, DiskArray>();
  private readonly servers = new Map<string, Server>();
  /** Host groups changed at run time (their membership is part of the runbooks' state vector). */
  private readonly touched = new Set<string>();

  /** The fabrics' zoning now (replaced by setZoning). */
  readonly zoning: ZoningState;

  constructor(topology: Topology, graph: FcGraph) {
    this.graph = graph;
    this.zoning = new ZoningState(topology);
    for (const d of topology.devices) {
      if (d.kind === 'array') this.arrays.set(d.id, { ...d, hostGroups: d.hostGroups.map((g) => ({ ...g, wwpns: [...g.wwpns] })) });
      if (d.kind === 'server') this.servers.set(d.id, d);
    }
  }

  /** The LUN `ldevId` has for (HBA, array port) now — zoning and host groups as changed at run time — or -1 (workload-paths.ts). */
  pathLun(serverId: string, hbaPortId: string, wwpn: string, arrayId: string, portId: string, ldevId: string): number {
    const array = this.arrays.get(arrayId);
    const server = this.servers.get(serverId);
    if (!array || !server) return -1;
    return pathLun(array, portId, wwpn, ldevId, this.zoning, server, hbaPortId);
  }

  /** Adds or removes `wwpn` in a host group. Returns an error message, or null (a no-op change is fine). */
  setMember(arrayId: string, hostGroupId: string, wwpn: string, member: boolean): string | null {
    const array = this.arrays.get(arrayId);
    if (!array) return `no array "${arrayId}"`;
    const group = array.hostGroups.find((g) => g.id === hostGroupId);
    if (!group) return `${arrayId}: no host group "${hostGroupId}"`;
    const has = group.wwpns.includes(wwpn);
    if (member && !has) group.wwpns.push(wwpn);
    if (!member && has) group.wwpns.splice(group.wwpns.indexOf(wwpn), 1);
    this.touched.add(`${arrayId}/${hostGroupId}`);
    return null;
  }

  /**
   * Maps `ldevId` at (port, host group, LUN), replacing what was there, or removes that LU path
   * (`ldevId` undefined). An error message, or null.
   */
  setLuPath(arrayId: string, portId: string, hostGroupId: string, lun: number, ldevId: string | undefined): string | null {
    const array = this.arrays.get(arrayId);
    if (!array) return `no array "${arrayId}"`;
    const group = array.hostGroups.find((g) => g.id === hostGroupId);
    if (!group) return `${arrayId}: no host group "${hostGroupId}"`;
    if (group.portId !== portId) return `${arrayId}: host group ${hostGroupId} is on port ${group.portId}, not ${portId}`;
    if (ldevId !== undefined && !array.ldevs.some((l) => l.id === ldevId)) return `${arrayId}: no LDEV "${ldevId}"`;
    const rest = array.luPaths.filter((p) => !(p.portId === portId && p.hostGroupId === hostGroupId && p.lun === lun));
    if (ldevId === undefined && rest.length === array.luPaths.length) return `${arrayId}: no LU path at ${portId} ${hostGroupId} LUN ${lun}`;
    array.luPaths = ldevId === undefined ? rest : [...rest, { portId, hostGroupId, lun, ldevId }];
    this.touched.add(`${arrayId}/${hostGroupId}`);
    return null;
  }

  /** Creates (empty) or deletes, with its LU paths, a host group on an array port. An error message, or null. */
  setHostGroup(arrayId: string, hostGroupId: string, portId: string, present: boolean): string | null {
    const array = this.arrays.get(arrayId);
    if (!array) return `no array "${arrayId}"`;
    const existing = array.hostGroups.find((g) => g.id === hostGroupId);
    if (present) {
      if (existing) return existing.portId === portId ? null : `${arrayId}: host group ${hostGroupId} already exists on port ${existing.portId}`;
      if (!array.ports.some((p) => p.id === portId && p.kind === 'fc')) return `${arrayId}: no FC port "${portId}"`;
      array.hostGroups = [...array.hostGroups, { id: hostGroupId, name: hostGroupId, portId, wwpns: [] }];
    } else {
      if (!existing) return `${arrayId}: no host group "${hostGroupId}"`;
      array.hostGroups = array.hostGroups.filter((g) => g.id !== hostGroupId);
      array.luPaths = array.luPaths.filter((p) => p.hostGroupId !== hostGroupId);
    }
    this.touched.add(`${arrayId}/${hostGroupId}`);
    return null;
  }

  /** "array/host group WWPNs" → sorted members, for every host group changed at run time. */
  membership(): [string, string][] {
    return [...this.touched].sort().map((key) => {
      const [arrayId, groupId] = key.split('/');
      const g = this.arrays.get(arrayId)!.hostGroups.find((x) => x.id === groupId)!;
      return [`${key} WWPNs`, [...g.wwpns].sort().join(' ') || '(none)'];
    });
  }

  isMember(arrayId: string, hostGroupId: string, wwpn: string): boolean {
    return this.arrays.get(arrayId)?.hostGroups.find((g) => g.id === hostGroupId)?.wwpns.includes(wwpn) ?? false;
  }

  server(serverId: string): Server | undefined {
    return this.servers.get(serverId);
  }

  /** What `serverId` reaches at `target` with the membership as it is now. */
  resolve(serverId: string, target: LuTarget): AccessResolution | null {
    const server = this.servers.get(serverId);
    const array = this.arrays.get(target.arrayId);
    if (!server || !array) return null;
    return resolveAccess(this.graph, server, array, target, this.zoning);
  }

  /** The first LU (by array port, then LUN) through which `serverId` reaches LDEV `ldevId` now. */
  ldevAccess(serverId: string, ldevId: string): LdevAccessResult {
    const server = this.servers.get(serverId);
    if (!server) return { ok: false, reason: `no server "${serverId}"` };
    const arrays = [...this.arrays.values()].sort(byId);
    const array = arrays.find((a) => a.ldevs.some((l) => l.id === ldevId));
    if (!array) return { ok: false, reason: `no LDEV "${ldevId}"` };
    const lus = array.luPaths.filter((p) => p.ldevId === ldevId).sort((a, b) => (a.portId < b.portId ? -1 : a.portId > b.portId ? 1 : a.lun - b.lun));
    let why = `${serverId} has no LU path to ${ldevId}`;
    for (const lu of lus) {
      const r = resolveAccess(this.graph, server, array, { arrayId: array.id, portId: lu.portId, lun: lu.lun }, this.zoning);
      if (r.ok && r.ldevId === ldevId) return { ok: true, arrayId: array.id, portId: lu.portId, lun: lu.lun, path: r.path };
      if (!r.ok) why = `${serverId} cannot reach ${ldevId} (${array.id}/${lu.portId} LUN ${lu.lun}): ${r.reason}`;
    }
    return { ok: false, reason: why };
  }

  /**
   * The cheapest FC path from any HBA of `fromId` (a server, or any port of an array) to an FC
   * port of `deviceId` — `toPortId` when given (a library drive's own port), else any.
   */
  fcPathTo(fromId: string, deviceId: string, toPortId?: string): FcPath | null {
    const from = this.graph.devices.get(fromId);
    const to = this.graph.devices.get(deviceId);
    if (!from || !to) return null;
    let best: FcPath | null = null;
    const fromPorts = from.ports.filter((p) => p.kind === 'fc').sort(byId);
    const toPorts = to.ports.filter((p) => p.kind === 'fc' && (toPortId === undefined || p.id === toPortId)).sort(byId);
    for (const fp of fromPorts) {
      for (const tp of toPorts) {
        const path = resolveFcPath(this.graph, fromId, fp.id, deviceId, tp.id);
        if (path && (best === null || path.costUs < best.costUs)) best = path;
      }
    }
    return best;
  }

  /** A LAN path between two servers through LAN segments (fewest hops, then link ids), or null. */
  lanPath(fromId: string, toId: string): PathSegment | null {
    const links = this.graph.links;
    const adjacency = new Map<string, { link: number; dir: 0 | 1; to: string }[]>();
    links.forEach((spec, i) => {
      if (spec.kind !== 'lan') return;
      const a = spec.link.a.deviceId;
      const b = spec.link.b.deviceId;
      (adjacency.get(a) ?? adjacency.set(a, []).get(a)!).push({ link: i, dir: 0, to: b });
      (adjacency.get(b) ?? adjacency.set(b, []).get(b)!).push({ link: i, dir: 1, to: a });
    });
    const prev = new Map<string, { from: string; link: number; dir: 0 | 1 }>();
    const seen = new Set([fromId]);
    let frontier = [fromId];
    while (frontier.length > 0 && !seen.has(toId)) {
      const next: string[] = [];
      for (const d of frontier) {
        const device = this.graph.devices.get(d);
        if (d !== fromId && device?.kind !== 'lanSegment') continue; // only LAN segments forward
        for (const e of adjacency.get(d) ?? []) {
          if (seen.has(e.to)) continue;
          seen.add(e.to);
          prev.set(e.to, { from: d, link: e.link, dir: e.dir });
          next.push(e.to);
        }
      }
      frontier = next;
    }
    if (!seen.has(toId)) return null;
    const resources: number[] = [];
    let transitUs = 0;
    for (let d = toId; d !== fromId; ) {
      const p = prev.get(d)!;
      resources.push(p.link * 2 + p.dir);
      if (p.from !== fromId) transitUs += LAN_SWITCH_HOP_US;
      d = p.from;
    }
    resources.reverse();
    return { resources, transitUs };
  }

  /** Device ids a path passes through (servers and transit devices are what job status lists). */
  linkIds(resources: readonly number[]): string[] {
    return resources.map((r) => this.graph.links[r >> 1].id);
  }

  static segmentOf(path: FcPath, reverse: boolean): PathSegment {
    const resources = path.hops.map((h) => h.linkIndex * 2 + h.dir);
    return reverse ? { resources: resources.reverse().map((r) => r ^ 1), transitUs: path.transitUs } : { resources, transitUs: path.transitUs };
  }
}
