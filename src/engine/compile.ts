/**
 * Compiling a scenario's topology into the engine's runtime model.
 *
 * Owns: checking every cross-reference the engine relies on (link endpoints, parity groups of
 * LDEVs, LU paths, workload targets, sizes) and failing with a `CompileError` that names the
 * device and the field; indexing arrays, ports, parity groups, LDEVs, links and workloads in a
 * document-determined order (sorted by id); resolving each workload's target to an LDEV and an
 * FC path, or to the reason its I/Os will be refused.
 *
 * Invariants: every index in the result is in range; orders never depend on Map insertion or
 * object key order; a workload has either `ldevIndex >= 0` with a path, or a reject reason.
 *
 * Does not handle: design-rule advice (model/design-rules.ts), replication, tape.
 */
import { checkTriggers, orderTimeline } from './timeline-order.ts';
import type { Action, Scenario, TimelineEntry } from '../model/scenario.ts';
import type { DiskArray, Link, Server, Workload, Tier, RaidLevel } from '../model/topology.ts';
import { GIB, KIB, parseSizeBytes } from '../model/units.ts';
import type { RejectReason } from './api.ts';
import { DEFAULT_TRACK_KIB, US_PER_S } from './constants.ts';
import { FcGraph, type LinkSpec } from './fabric/fc-graph.ts';
import { resolveAccess } from './fabric/lu-access.ts';
import { workloadPaths, type CompiledPath } from './fabric/workload-paths.ts';
import { ZoningState } from './fabric/zoning-state.ts';
import type { FcHop } from './fabric/path-resolver.ts';
import { compileReplication, type CompiledReplication } from './replication/compile-replication.ts';
import { compileRemote, type CompiledRemote } from './remote/compile-remote.ts';

export class CompileError extends Error {
  readonly deviceId: string;
  readonly field: string;
  /** What is wrong, without the device and field prefix. */
  readonly detail: string;
  constructor(deviceId: string, field: string, detail: string) {
    super(`${deviceId}: ${field}: ${detail}`);
    this.name = 'CompileError';
    this.deviceId = deviceId;
    this.field = field;
    this.detail = detail;
  }
}

export interface CompiledArray {
  id: string;
  trackBytes: number;
  cacheSlots: number;
  /** Global front-end port indices of this array, by port id. */
  portIndexById: Map<string, number>;
}
export interface CompiledParityGroup { id: string; arrayIndex: number; tier: Tier; raid: RaidLevel; diskCount: number; diskCapacityGiB: number }
export interface CompiledLdev {
  id: string;
  name: string;
  arrayIndex: number;
  parityGroupIndex: number;
  capacityBytes: number;
  trackCount: number;
  readOnly: boolean;
  cacheResident: boolean;
}
export interface CompiledWorkload {
  serverId: string;
  workloadId: string;
  spec: Workload;
  /** Bytes of the addressed LU (used for the default working set); 1 GiB when unresolved. */
  luBytes: number;
  ldevIndex: number;
  reject: RejectReason | null;
  rejectDetail: string;
  frontEndPortIndex: number;
  hops: FcHop[];
  transitUs: number;
  /** The host-mirror pair (index in `replication.pairs`) that duplexes this workload's writes, or -1. */
  mirrorPair: number;
  /** Multipath candidates (fabric/workload-paths.ts): `paths[0]` is the route above when there is one. */
  paths: CompiledPath[];
}
export interface CompiledModel {
  seed: number;
  endUs: number;
  arrays: CompiledArray[];
  frontEndPortCount: number;
  parityGroups: CompiledParityGroup[];
  ldevs: CompiledLdev[];
  links: LinkSpec[];
  workloads: CompiledWorkload[];
  replication: CompiledReplication;
  /** WAN links and journals (remote copy). */
  remote: CompiledRemote;
  /** Site ids in document order; each server's site; each compiled array's site. */
  siteIds: string[];
  serverSite: Map<string, string>;
  arraySites: string[];
  /** Timeline entries at a time sorted by time (stable), then those waiting on an event (timeline-order.ts). */
  timeline: TimelineEntry[];
  /** Per compiled timeline entry: its index in `scenario.timeline`. */
  timelineIndex: number[];
  /** The FC graph (run-time access and job paths resolve over it). */
  graph: FcGraph;
}

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(a: T, b: T): number => compareIds(a.id, b.id);

function checkLinks(scenario: Scenario): Link[] {
  const devices = new Map(scenario.topology.devices.map((d) => [d.id, d]));
  for (const link of scenario.topology.links) {
    const kinds: string[] = [];
    for (const end of ['a', 'b'] as const) {
      const device = devices.get(link[end].deviceId);
      if (!device) throw new CompileError(link.id, `${end}.deviceId`, `no device "${link[end].deviceId}"`);
      const port = device.ports.find((p) => p.id === link[end].portId);
      if (!port) throw new CompileError(link.id, `${end}.portId`, `"${link[end].portId}" is not a port of ${device.id}`);
      kinds.push(port.kind);
    }
    if (kinds[0] !== kinds[1]) throw new CompileError(link.id, 'b.portId', `joins a ${kinds[0]} port to a ${kinds[1]} port`);
  }
  return [...scenario.topology.links].sort(byId);
}

interface ArrayTables {
  arrays: CompiledArray[];
  parityGroups: CompiledParityGroup[];
  ldevs: CompiledLdev[];
  frontEndPortCount: number;
}

function compileArrays(sortedArrays: DiskArray[]): ArrayTables {
  const arrays: CompiledArray[] = [];
  const parityGroups: CompiledParityGroup[] = [];
  const ldevs: CompiledLdev[] = [];
  let frontEndPortCount = 0;
  const ldevIds = new Set<string>();
  sortedArrays.forEach((array, arrayIndex) => {
    const trackBytes = (array.trackKiB ?? DEFAULT_TRACK_KIB) * KIB;
    const portIndexById = new Map<string, number>();
    for (const p of [...array.ports].sort(byId)) portIndexById.set(p.id, frontEndPortCount++);
    const cacheSlots = Math.max(1, Math.floor((array.cacheGiB * GIB) / trackBytes));
    arrays.push({ id: array.id, trackBytes, cacheSlots, portIndexById });
    const pgIndex = new Map<string, number>();
    [...array.parityGroups].sort(byId).forEach((pg) => {
      pgIndex.set(pg.id, parityGroups.length);
      parityGroups.push({ id: `${array.id}/${pg.id}`, arrayIndex, tier: pg.tier, raid: pg.raid, diskCount: pg.diskCount, diskCapacityGiB: pg.diskCapacityGiB });
    });
    array.ldevs.forEach((ldev, i) => {
      if (ldevIds.has(ldev.id)) throw new CompileError(array.id, `ldevs[${i}].id`, `LDEV id "${ldev.id}" is used twice (LDEV ids are unique in the document)`);
      ldevIds.add(ldev.id);
      const parityGroupIndex = pgIndex.get(ldev.parityGroupId);
      if (parityGroupIndex === undefined) {
        throw new CompileError(array.id, `ldevs[${i}].parityGroupId`, `no parity group "${ldev.parityGroupId}"`);
      }
      const capacityBytes = Math.round(ldev.capacityGiB * GIB);
      const trackCount = Math.max(1, Math.ceil(capacityBytes / trackBytes));
      ldevs.push({ id: ldev.id, name: ldev.name, arrayIndex, parityGroupIndex, capacityBytes, trackCount, readOnly: ldev.readOnly ?? false, cacheResident: ldev.cacheResident ?? false });
    });
    checkLuPaths(array);
  });
  ldevs.sort(byId);
  return { arrays, parityGroups, ldevs, frontEndPortCount };
}

function checkLuPaths(array: DiskArray): void {
  const ports = new Set(array.ports.map((p) => p.id));
  const ldevs = new Set(array.ldevs.map((l) => l.id));
  const groups = new Set(array.hostGroups.map((g) => g.id));
  array.hostGroups.forEach((g, i) => {
    if (!ports.has(g.portId)) throw new CompileError(array.id, `hostGroups[${i}].portId`, `no port "${g.portId}"`);
  });
  array.luPaths.forEach((lp, i) => {
    if (!ports.has(lp.portId)) throw new CompileError(array.id, `luPaths[${i}].portId`, `no port "${lp.portId}"`);
    if (!groups.has(lp.hostGroupId)) throw new CompileError(array.id, `luPaths[${i}].hostGroupId`, `no host group "${lp.hostGroupId}"`);
    if (!ldevs.has(lp.ldevId)) throw new CompileError(array.id, `luPaths[${i}].ldevId`, `no LDEV "${lp.ldevId}"`);
  });
}

function checkWorkloadSizes(server: Server, w: Workload, i: number): void {
  for (const field of ['bs', 'size'] as const) {
    const text = w[field];
    if (text === undefined) continue;
    try {
      parseSizeBytes(text);
    } catch (e) {
      throw new CompileError(server.id, `workloads[${i}].${field}`, (e as Error).message);
    }
  }
}

function compileWorkload(graph: FcGraph, arraysById: Map<string, DiskArray>, t: ArrayTables, server: Server, i: number, zoning: ZoningState): CompiledWorkload {
  const w = server.workloads[i];
  checkWorkloadSizes(server, w, i);
  const array = arraysById.get(w.target.arrayId);
  if (!array) throw new CompileError(server.id, `workloads[${i}].target.arrayId`, `no disk array "${w.target.arrayId}"`);
  const compiledArray = t.arrays.find((a) => a.id === array.id)!;
  const frontEndPortIndex = compiledArray.portIndexById.get(w.target.portId);
  if (frontEndPortIndex === undefined) {
    throw new CompileError(server.id, `workloads[${i}].target.portId`, `"${w.target.portId}" is not a port of ${array.id}`);
  }
  const access = resolveAccess(graph, server, array, w.target, zoning);
  const ldevId = access.ok ? access.ldevId : access.ldevId;
  const ldevIndex = ldevId === null ? -1 : t.ldevs.findIndex((l) => l.id === ldevId);
  const base = { serverId: server.id, workloadId: w.id, spec: w, frontEndPortIndex, ldevIndex, mirrorPair: -1 };
  const luBytes = ldevIndex >= 0 ? t.ldevs[ldevIndex].capacityBytes : GIB;
  const primary = access.path ?? null;
  const primaryLun = access.ok ? w.target.lun : -1;
  const paths = workloadPaths(graph, server, array, ldevId, primary, primaryLun, compiledArray.portIndexById, zoning);
  // A refusal by LUN security keeps the physical path: a WWPN added at run time (embodiment 3) opens it.
  if (!access.ok) return { ...base, luBytes, reject: access.reason, rejectDetail: access.detail, hops: access.path?.hops ?? [], transitUs: access.path?.transitUs ?? 0, paths };
  return { ...base, luBytes, reject: null, rejectDetail: '', hops: access.path.hops, transitUs: access.path.transitUs, paths };
}

interface ActionIds {
  workloads: Set<string>;
  servers: Set<string>;
  ldevs: Set<string>;
  libraries: Set<string>;
  arrays: Set<string>;
  runbooks: Set<string>;
  policies: Set<string>;
  replication: CompiledReplication;
  wanLinks: Set<string>;
  sites: Set<string>;
  switches: Set<string>;
}

/** Checks the ids an action names (timeline entries and runbook steps); throws CompileError naming the field. */
function checkAction(a: Action, field: string, ids: ActionIds): void {
  const need = (set: Set<string>, id: string | undefined, name: string, key: string, what: string): void => {
    if (id !== undefined && !set.has(id)) throw new CompileError(name, `${field}.${key}`, `no ${what} "${id}"`);
  };
  switch (a.type) {
    case 'setReadOnly':
      return need(ids.ldevs, a.ldevId, 'timeline', 'ldevId', 'LDEV');
    case 'startWorkload':
    case 'stopWorkload':
    case 'setWorkload': {
      if (a.type === 'setWorkload') {
        for (const key of ['bs', 'size'] as const) {
          const text = a.changes[key];
          if (text === undefined) continue;
          try {
            parseSizeBytes(text);
          } catch (e) {
            throw new CompileError(a.serverId, `${field}.changes.${key}`, (e as Error).message);
          }
        }
      }
      if (ids.workloads.has(`${a.serverId}\u0000${a.workloadId}`)) return;
      const key = ids.servers.has(a.serverId) ? 'workloadId' : 'serverId';
      throw new CompileError(a.serverId, `${field}.${key}`, `no workload "${a.workloadId}" on server "${a.serverId}"`);
    }
    case 'pairCreate':
    case 'pairSplit':
    case 'pairSuspend':
    case 'pairDelete':
    case 'pairResync': {
      const inGroup = ids.replication.pairs.filter((p) => p.group === a.group);
      if (inGroup.length === 0) throw new CompileError('timeline', `${field}.group`, `no copy group "${a.group}"`);
      if (a.device !== undefined && !inGroup.some((p) => p.device === a.device)) {
        throw new CompileError('timeline', `${field}.device`, `no device "${a.device}" in copy group "${a.group}"`);
      }
      return;
    }
    case 'dbBackupMode':
      return need(ids.servers, a.serverId, 'timeline', 'serverId', 'server');
    case 'mountVolume':
    case 'unmountVolume':
      need(ids.servers, a.serverId, 'timeline', 'serverId', 'server');
      return need(ids.ldevs, a.ldevId, 'timeline', 'ldevId', 'LDEV');
    case 'setHostGroupWwpn':
      return need(ids.arrays, a.arrayId, 'timeline', 'arrayId', 'disk array');
    case 'backupJob':
      need(ids.ldevs, a.source, 'timeline', 'source', 'LDEV');
      need(ids.libraries, a.libraryId, 'timeline', 'libraryId', 'tape or DVD library');
      need(ids.servers, a.serverId, 'timeline', 'serverId', 'server');
      return need(ids.servers, a.backupServerId, 'timeline', 'backupServerId', 'server');
    case 'restoreJob':
      need(ids.ldevs, a.target, 'timeline', 'target', 'LDEV');
      need(ids.servers, a.serverId, 'timeline', 'serverId', 'server');
      return need(ids.servers, a.backupServerId, 'timeline', 'backupServerId', 'server');
    case 'copyJob':
      need(ids.ldevs, a.source, 'timeline', 'source', 'LDEV');
      need(ids.ldevs, a.target, 'timeline', 'target', 'LDEV');
      need(ids.servers, a.serverId, 'timeline', 'serverId', 'server');
      return need(ids.servers, a.targetServerId, 'timeline', 'targetServerId', 'server');
    case 'mountCartridge':
    case 'unmountCartridge':
      return need(ids.libraries, a.libraryId, 'timeline', 'libraryId', 'tape or DVD library');
    case 'startRunbook':
    case 'pauseRunbook':
    case 'resumeRunbook':
      return need(ids.runbooks, a.runbook, 'timeline', 'runbook', 'runbook');
    case 'runPolicy':
      return need(ids.policies, a.policyId, 'timeline', 'policyId', 'backup policy');
    case 'setPolicy':
      need(ids.ldevs, a.policy.ldevId, 'timeline', 'policy.ldevId', 'LDEV');
      return need(ids.libraries, a.policy.libraryId, 'timeline', 'policy.libraryId', 'tape or DVD library');
    case 'setWanLink':
      return need(ids.wanLinks, a.wanLinkId, 'timeline', 'wanLinkId', 'WAN link');
    case 'siteLoss':
      return need(ids.sites, a.siteId, 'timeline', 'siteId', 'site');
    case 'setLuPath':
    case 'setHostGroup':
      return need(ids.arrays, a.arrayId, 'timeline', 'arrayId', 'disk array');
    case 'setZoning':
      if (!ids.switches.has(a.switchId)) throw new CompileError('timeline', `${field}.switchId`, `no FC switch "${a.switchId}"`);
      return;
    case 'verifyRemote':
      if (!ids.replication.pairs.some((p) => p.group === a.group && p.remote !== null)) throw new CompileError('timeline', `${field}.group`, `no remote copy group "${a.group}"`);
      return;
  }
}

function checkTimeline(scenario: Scenario, workloads: CompiledWorkload[], t: ArrayTables, replication: CompiledReplication): void {
  const devices = scenario.topology.devices;
  const ids: ActionIds = {
    workloads: new Set(workloads.map((w) => `${w.serverId}\u0000${w.workloadId}`)),
    servers: new Set(devices.filter((d) => d.kind === 'server').map((d) => d.id)),
    ldevs: new Set(t.ldevs.map((l) => l.id)),
    libraries: new Set(devices.filter((d) => d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary').map((d) => d.id)),
    arrays: new Set(devices.filter((d) => d.kind === 'array').map((d) => d.id)),
    runbooks: new Set(scenario.runbooks.map((r) => r.id)),
    policies: new Set([
      ...scenario.topology.backup.policies.map((p) => p.id),
      ...scenario.timeline.flatMap((e) => (e.action.type === 'setPolicy' ? [e.action.policy.id] : [])),
    ]),
    replication,
    wanLinks: new Set(devices.filter((d) => d.kind === 'wanLink').map((d) => d.id)),
    sites: new Set(scenario.topology.sites.map((x) => x.id)),
    switches: new Set(devices.filter((d) => d.kind === 'fcSwitch').map((d) => d.id)),
  };
  scenario.timeline.forEach((entry, i) => checkAction(entry.action, `timeline[${i}].action`, ids));
  scenario.runbooks.forEach((r, i) => {
    if (scenario.runbooks.findIndex((o) => o.id === r.id) !== i) throw new CompileError('runbooks', `runbooks[${i}].id`, `runbook id "${r.id}" is used twice`);
    r.steps.forEach((s, k) => {
      if (s.action) checkAction(s.action, `runbooks[${i}].steps[${k}].action`, ids);
    });
  });
}

/** Copy group → the devices in it (for the checks of `pairState` triggers). */
function copyGroupDevices(replication: CompiledReplication): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const p of replication.pairs) {
    const set = groups.get(p.group) ?? new Set<string>();
    set.add(p.device);
    groups.set(p.group, set);
  }
  return groups;
}

/** Compiles a (schema-valid) scenario; throws `CompileError` naming the device and field at fault. */
export function compileScenario(scenario: Scenario, seed: number): CompiledModel {
  const topology = scenario.topology;
  const seen = new Set<string>();
  for (const d of topology.devices) {
    if (seen.has(d.id)) throw new CompileError(d.id, 'id', 'device id is used twice');
    seen.add(d.id);
  }
  const links = checkLinks(scenario);
  const graph = new FcGraph(topology, links);
  const zoning = new ZoningState(topology);
  const arrayDevices = topology.devices.filter((d): d is DiskArray => d.kind === 'array').sort(byId);
  const tables = compileArrays(arrayDevices);
  const arraysById = new Map(arrayDevices.map((a) => [a.id, a]));
  const servers = topology.devices.filter((d): d is Server => d.kind === 'server').sort(byId);
  const workloads: CompiledWorkload[] = [];
  for (const server of servers) {
    const order = server.workloads.map((w, i) => ({ w, i })).sort((x, y) => compareIds(x.w.id, y.w.id));
    for (let k = 1; k < order.length; k++) {
      if (order[k].w.id === order[k - 1].w.id) throw new CompileError(server.id, `workloads[${order[k].i}].id`, `workload id "${order[k].w.id}" is used twice`);
    }
    for (const { i } of order) workloads.push(compileWorkload(graph, arraysById, tables, server, i, zoning));
  }
  const remote = compileRemote(topology, tables.arrays);
  const replication = compileReplication(topology, graph, arrayDevices, tables, remote, zoning);
  for (const w of workloads) {
    w.mirrorPair = replication.pairs.findIndex((p) => p.kind === 'host-mirror' && p.serverId === w.serverId && p.pvol === w.ldevIndex && w.reject === null);
  }
  checkTimeline(scenario, workloads, tables, replication);
  checkTriggers(scenario, copyGroupDevices(replication));
  const { entries: timeline, scenarioIndex: timelineIndex } = orderTimeline(scenario.timeline);
  const endUs = Math.round(scenario.durationS * US_PER_S);
  const siteIds = topology.sites.map((x) => x.id);
  const serverSite = new Map(topology.devices.filter((d) => d.kind === 'server').map((d) => [d.id, d.siteId]));
  const arraySites = tables.arrays.map((a) => topology.devices.find((d) => d.id === a.id)!.siteId);
  return { seed, endUs, ...tables, links: graph.links, workloads, replication, remote, siteIds, serverSite, arraySites, timeline, timelineIndex, graph };
}
