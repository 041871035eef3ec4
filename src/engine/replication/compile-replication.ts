/**
 * Compiling copy groups and snapshot pools into the replication runtime's tables.
 *
 * Owns: checking every reference a copy group makes (P-VOL and S-VOL LDEVs, the pool of a
 * snapshot group, the server of a host mirror and its FC paths to both volumes), failing with a
 * `CompileError` naming the group and the field; a stable order (groups by id, devices by name,
 * pools by array id then pool id).
 *
 * Invariants: an LDEV is the S-VOL of at most one pair; a local pair's volumes share an array;
 * a snapshot's pool is on its P-VOL's array; a host mirror has a routed, LUN-secured path from
 * its server to each volume.
 *
 * Does not handle: run-time acceptance (sizes, states: pairs.ts).
 */
import type { CopyGroup, CopyGroupKind, DiskArray, Server, Topology } from '../../model/topology.ts';
import { GIB } from '../../model/units.ts';
import { CompileError, compareIds, type CompiledArray, type CompiledLdev, type CompiledParityGroup } from '../compile.ts';
import type { FcGraph } from '../fabric/fc-graph.ts';
import { resolveAccess } from '../fabric/lu-access.ts';
import type { FcHop } from '../fabric/path-resolver.ts';
import type { ZoningState } from '../fabric/zoning-state.ts';
import { compileRemotePair, type CompiledRemote, type CompiledRemotePair } from '../remote/compile-remote.ts';

export interface CompiledPool {
  key: string;
  arrayIndex: number;
  poolId: string;
  name: string;
  parityGroupIndex: number;
  capacityTracks: number;
  warningPct: number;
}

/** A server's path to one volume (host-mirror legs and copies). */
export interface HostLeg {
  frontEndPortIndex: number;
  hops: FcHop[];
  transitUs: number;
  /** Its route's ends (host/multipath.ts re-routes a leg around failures). */
  serverId: string;
  hbaPortId: string;
  arrayId: string;
  arrayPortId: string;
}

export interface CompiledPair {
  key: string;
  group: string;
  device: string;
  kind: CopyGroupKind;
  mu: number;
  pvol: number;
  /** -1 for a snapshot without an S-VOL. */
  svol: number;
  /** Snapshot pairs: index into pools; else -1. */
  pool: number;
  /** Host mirrors: the server id and its legs to the P-VOL and the S-VOL. */
  serverId: string | null;
  recordPositions: boolean;
  pLeg: HostLeg | null;
  sLeg: HostLeg | null;
  /** Remote pairs (remote-sync / remote-async): the WAN, journals, fence, group; else null. */
  remote: CompiledRemotePair | null;
}

export interface CompiledReplication {
  pairs: CompiledPair[];
  pools: CompiledPool[];
}

interface Tables {
  arrays: CompiledArray[];
  parityGroups: CompiledParityGroup[];
  ldevs: CompiledLdev[];
}

function compilePools(sortedArrays: DiskArray[], t: Tables): CompiledPool[] {
  const pools: CompiledPool[] = [];
  sortedArrays.forEach((array, arrayIndex) => {
    const trackBytes = t.arrays[arrayIndex].trackBytes;
    const seen = new Set<string>();
    const order = array.pools.map((p, i) => ({ p, i })).sort((x, y) => compareIds(x.p.id, y.p.id));
    for (const { p, i } of order) {
      if (seen.has(p.id)) throw new CompileError(array.id, `pools[${i}].id`, `pool id "${p.id}" is used twice`);
      seen.add(p.id);
      const parityGroupIndex = t.parityGroups.findIndex((g) => g.id === `${array.id}/${p.parityGroupId}`);
      if (parityGroupIndex < 0) throw new CompileError(array.id, `pools[${i}].parityGroupId`, `no parity group "${p.parityGroupId}"`);
      pools.push({
        key: `${array.id}/${p.id}`,
        arrayIndex,
        poolId: p.id,
        name: p.name,
        parityGroupIndex,
        capacityTracks: Math.max(1, Math.floor((p.capacityGiB * GIB) / trackBytes)),
        warningPct: p.warningPct ?? 80,
      });
    }
  });
  return pools;
}

/** The first LU (by port, then LUN) through which `server` reaches `ldevId`, or null. */
function hostLeg(graph: FcGraph, server: Server, arrays: DiskArray[], t: Tables, ldevId: string, zoning: ZoningState): HostLeg | null {
  const ldev = t.ldevs.find((l) => l.id === ldevId)!;
  const array = arrays[ldev.arrayIndex];
  const paths = array.luPaths.filter((p) => p.ldevId === ldevId).sort((a, b) => compareIds(a.portId, b.portId) || a.lun - b.lun);
  for (const lu of paths) {
    const access = resolveAccess(graph, server, array, { arrayId: array.id, portId: lu.portId, lun: lu.lun }, zoning);
    if (access.ok && access.ldevId === ldevId) {
      const path = access.path;
      return { frontEndPortIndex: t.arrays[ldev.arrayIndex].portIndexById.get(lu.portId)!, hops: path.hops, transitUs: path.transitUs, serverId: server.id, hbaPortId: path.hbaPortId, arrayId: array.id, arrayPortId: lu.portId };
    }
  }
  return null;
}

function compileDevice(
  g: CopyGroup,
  gi: number,
  j: number,
  ctx: { graph: FcGraph; topology: Topology; sortedArrays: DiskArray[]; t: Tables; pools: CompiledPool[]; remote: CompiledRemote; zoning: ZoningState },
): CompiledPair {
  const d = g.devices[j];
  const at = `copyGroups[${gi}].devices[${j}]`;
  const { t } = ctx;
  const ldevIndex = (id: string, field: string): number => {
    const i = t.ldevs.findIndex((l) => l.id === id);
    if (i < 0) throw new CompileError(g.id, `${at}.${field}`, `no LDEV "${id}"`);
    return i;
  };
  const pvol = ldevIndex(d.pvol, 'pvol');
  let svol = -1;
  if (d.svol !== undefined) svol = ldevIndex(d.svol, 'svol');
  else if (g.kind !== 'snapshot' && !(g.kind === 'remote-async' && g.targetLibraryId !== undefined)) throw new CompileError(g.id, `${at}.svol`, `a ${g.kind} pair needs an S-VOL`);
  if (svol === pvol) throw new CompileError(g.id, `${at}.svol`, `the S-VOL cannot be the P-VOL ("${d.pvol}")`);
  const isRemote = g.kind === 'remote-sync' || g.kind === 'remote-async';
  if (g.kind !== 'host-mirror' && !isRemote && svol >= 0 && t.ldevs[svol].arrayIndex !== t.ldevs[pvol].arrayIndex) {
    throw new CompileError(g.id, `${at}.svol`, `a ${g.kind} pair needs both volumes on one array ("${d.svol}" is on ${t.arrays[t.ldevs[svol].arrayIndex].id})`);
  }
  const pool = g.kind === 'snapshot' ? ctx.pools.findIndex((p) => p.poolId === g.poolId && p.arrayIndex === t.ldevs[pvol].arrayIndex) : -1;
  if (g.kind === 'snapshot' && pool < 0) {
    throw new CompileError(g.id, `${at}.pvol`, `the pool "${g.poolId}" is not on the array of "${d.pvol}"`);
  }
  let pLeg: HostLeg | null = null;
  let sLeg: HostLeg | null = null;
  if (g.kind === 'host-mirror') {
    const server = ctx.topology.devices.find((x): x is Server => x.id === g.serverId && x.kind === 'server')!;
    pLeg = hostLeg(ctx.graph, server, ctx.sortedArrays, t, d.pvol, ctx.zoning);
    if (!pLeg) throw new CompileError(g.id, `${at}.pvol`, `server ${server.id} has no FC path to an LU of "${d.pvol}"`);
    sLeg = hostLeg(ctx.graph, server, ctx.sortedArrays, t, d.svol!, ctx.zoning);
    if (!sLeg) throw new CompileError(g.id, `${at}.svol`, `server ${server.id} has no FC path to an LU of "${d.svol}"`);
    const pBytes = t.arrays[t.ldevs[pvol].arrayIndex].trackBytes;
    const sBytes = t.arrays[t.ldevs[svol].arrayIndex].trackBytes;
    if (pBytes !== sBytes) throw new CompileError(g.id, `${at}.svol`, `the arrays of "${d.pvol}" and "${d.svol}" use different track sizes (${pBytes / 1024} and ${sBytes / 1024} KiB)`);
  }
  return {
    key: `${g.id}/${d.name}`,
    group: g.id,
    device: d.name,
    kind: g.kind,
    mu: d.mu ?? 0,
    pvol,
    svol,
    pool,
    serverId: g.kind === 'host-mirror' ? g.serverId! : null,
    recordPositions: g.recordPositions ?? true,
    pLeg,
    sLeg,
    remote: isRemote ? compileRemotePair(g, gi, j, pvol, svol, { topology: ctx.topology, arrays: t.arrays, ldevs: t.ldevs, remote: ctx.remote }) : null,
  };
}

export function compileReplication(topology: Topology, graph: FcGraph, sortedArrays: DiskArray[], t: Tables, remote: CompiledRemote, zoning: ZoningState): CompiledReplication {
  const pools = compilePools(sortedArrays, t);
  const groups = (topology.copyGroups ?? []).map((g, i) => ({ g, i })).sort((x, y) => compareIds(x.g.id, y.g.id));
  const pairs: CompiledPair[] = [];
  for (let k = 1; k < groups.length; k++) {
    if (groups[k].g.id === groups[k - 1].g.id) throw new CompileError(groups[k].g.id, `copyGroups[${groups[k].i}].id`, `copy group "${groups[k].g.id}" is defined twice`);
  }
  for (const { g, i } of groups) {
    if (g.kind === 'snapshot') {
      if (g.poolId === undefined) throw new CompileError(g.id, `copyGroups[${i}].poolId`, 'a snapshot group needs a pool');
      if (!pools.some((p) => p.poolId === g.poolId)) throw new CompileError(g.id, `copyGroups[${i}].poolId`, `no snapshot pool "${g.poolId}" on any array`);
    }
    if (g.kind === 'host-mirror') {
      const server = topology.devices.find((x) => x.id === g.serverId);
      if (g.serverId === undefined || !server || server.kind !== 'server') {
        throw new CompileError(g.id, `copyGroups[${i}].serverId`, g.serverId === undefined ? 'a host-mirror group needs the server running the mirror' : `no server "${g.serverId}"`);
      }
    }
    if ((g.kind === 'remote-sync' || g.kind === 'remote-async') && g.devices.some((d) => d.svol === undefined) && g.kind === 'remote-sync') {
      throw new CompileError(g.id, `copyGroups[${i}].devices`, 'a remote-sync pair needs an S-VOL');
    }
    const devices = g.devices.map((d, j) => ({ d, j })).sort((x, y) => compareIds(x.d.name, y.d.name));
    for (let k = 1; k < devices.length; k++) {
      if (devices[k].d.name === devices[k - 1].d.name) throw new CompileError(g.id, `copyGroups[${i}].devices[${devices[k].j}].name`, `device "${devices[k].d.name}" is in the group twice`);
    }
    for (const { j } of devices) pairs.push(compileDevice(g, i, j, { graph, topology, sortedArrays, t, pools, remote, zoning }));
  }
  const svolOwner = new Map<number, string>();
  const userVolumes = new Set(pairs.flatMap((p) => [p.pvol, p.svol]));
  pairs.push(...sanManagerPairs(topology, t, userVolumes));
  for (const p of pairs) {
    if (p.group.startsWith(SANM_PREFIX)) continue; // a free volume is the S-VOL of one candidate pair per policy; acceptance keeps one active
    if (p.svol < 0) continue;
    const other = svolOwner.get(p.svol);
    if (other !== undefined) throw new CompileError(p.group, 'devices', `LDEV "${t.ldevs[p.svol].id}" is the S-VOL of both ${other} and ${p.key}`);
    svolOwner.set(p.svol, p.key);
  }
  return { pairs, pools };
}

/** Group id prefix of the SAN manager's replica pairs (Fig. 19). */
export const SANM_PREFIX = 'SANM-';

/**
 * The SAN manager's candidate replica pairs: for every `replica` policy, one local pair from its
 * data set to each free volume on the same array at least as large (group `SANM-<policy>`,
 * device = the free LDEV id). They stay SMPL until the manager picks one; acceptance lets a free
 * volume be the active S-VOL of one pair at a time.
 */
function sanManagerPairs(topology: Topology, t: Tables, userVolumes: Set<number>): CompiledPair[] {
  const backup = topology.backup ?? { freeVolumes: [], policies: [] };
  const free: number[] = [];
  backup.freeVolumes.forEach((id, i) => {
    const index = t.ldevs.findIndex((l) => l.id === id);
    if (index < 0) throw new CompileError('backup', `backup.freeVolumes[${i}]`, `no LDEV "${id}"`);
    if (userVolumes.has(index)) throw new CompileError('backup', `backup.freeVolumes[${i}]`, `LDEV "${id}" is in a copy group; a free volume must be unpaired`);
    if (!free.includes(index)) free.push(index);
  });
  const out: CompiledPair[] = [];
  const policies = backup.policies.map((p, i) => ({ p, i })).sort((x, y) => compareIds(x.p.id, y.p.id));
  for (const { p, i } of policies) {
    if (p.method !== 'replica') continue;
    const pvol = t.ldevs.findIndex((l) => l.id === p.ldevId);
    if (pvol < 0) throw new CompileError('backup', `backup.policies[${i}].ldevId`, `no LDEV "${p.ldevId}"`);
    const candidates = free.filter((f) => f !== pvol && t.ldevs[f].arrayIndex === t.ldevs[pvol].arrayIndex && t.ldevs[f].trackCount >= t.ldevs[pvol].trackCount);
    const group = `${SANM_PREFIX}${p.id}`;
    for (const svol of candidates.sort((a, b) => compareIds(t.ldevs[a].id, t.ldevs[b].id))) {
      const device = t.ldevs[svol].id;
      out.push({ key: `${group}/${device}`, group, device, kind: 'local', mu: 0, pvol, svol, pool: -1, serverId: null, recordPositions: true, pLeg: null, sLeg: null, remote: null });
    }
  }
  return out;
}
