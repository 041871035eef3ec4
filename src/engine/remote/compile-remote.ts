/**
 * Compiling remote copy: the WAN links, the arrays' journals, and for every remote-sync /
 * remote-async copy group the facts its pairs need at run time — the WAN link and direction
 * joining the P-VOL's array to the S-VOL's array (or to the target library), the fence level,
 * the consistency group, the journals, the remote group key.
 *
 * Owns: finding the WAN link of a pair (the group's `wanLinkId`, or the first WAN link by id one
 * of whose ends reaches the P-VOL's array and the other the S-VOL's array — cabled to the
 * array's WAN port, or to a WAN port of an FC switch or hub of the array's fabric); the checks,
 * failing with a `CompileError` naming the group and the field.
 *
 * Invariants: the two volumes of a remote pair are in different sites and use the same track
 * size; an async pair's master journal is on the P-VOL's array and its restore journal on the
 * S-VOL's; groups of one consistency group use one WAN link direction.
 *
 * Does not handle: run time (remote-copy.ts), local pairs (replication/compile-replication.ts).
 */
import type { CopyGroup, Device, Topology } from '../../model/topology.ts';
import { MIB } from '../../model/units.ts';
import { CompileError, compareIds, type CompiledArray, type CompiledLdev } from '../compile.ts';
import { US_PER_S } from '../constants.ts';
import { DVD_RAM_BYTES_PER_US, LTO_SPECS } from '../tape/media.ts';
import type { CompiledWan } from './wan.ts';

export type Fence = 'data' | 'status' | 'never';

export interface CompiledRemotePair {
  mode: 'sync' | 'async';
  fence: Fence;
  /** Consistency group (async), -1 for sync. */
  ctg: number;
  masterJournal: number;
  restoreJournal: number;
  /** Index into the compiled WAN links. */
  wan: number;
  /** Direction P → S on the WAN link (0: from end-a's side). */
  dir: number;
  pArray: number;
  /** The S-VOL's array, or -1 for a library target. */
  sArray: number;
  /** Front-end port index the remote array receives updates on. */
  sPort: number;
  /** Front-end port index the main array receives swapped updates on. */
  pPort: number;
  targetLibraryId: string | null;
  /** Drive rate of the target library, bytes / µs (0 without one). */
  targetBytesPerUs: number;
  /** `ctg-N` or `sync:<group>`. */
  groupKey: string;
  /** Run time: the roles were swapped by pairresync -swaps (odd number of swaps). */
  swapped: boolean;
}

export interface CompiledJournal {
  arrayIndex: number;
  arrayId: string;
  id: number;
  capacityBytes: number;
  overflowWatchUs: number;
}

export interface CompiledRemote {
  wans: CompiledWan[];
  journals: CompiledJournal[];
}

/** The WAN links and journals of the topology, in id order. */
export function compileRemote(topology: Topology, arrays: CompiledArray[]): CompiledRemote {
  const wans: CompiledWan[] = [];
  const ends = wanEnds(topology);
  for (const d of [...topology.devices].sort((a, b) => compareIds(a.id, b.id))) {
    if (d.kind !== 'wanLink') continue;
    const e = ends.get(d.id) ?? { a: [], b: [] };
    wans.push({
      id: d.id,
      name: d.name,
      bandwidthMbps: d.bandwidthMbps,
      distanceKm: d.distanceKm,
      lossPct: d.lossPct ?? 0,
      jitterUs: d.jitterUs ?? 0,
      siteA: siteOf(topology, e.a[0]) ?? d.siteId,
      siteB: siteOf(topology, e.b[0]) ?? d.siteId,
    });
  }
  const journals: CompiledJournal[] = [];
  for (const d of topology.devices) {
    if (d.kind !== 'array') continue;
    const arrayIndex = arrays.findIndex((a) => a.id === d.id);
    const seen = new Set<number>();
    (d.journals ?? []).forEach((j, i) => {
      if (seen.has(j.id)) throw new CompileError(d.id, `journals[${i}].id`, `journal ID ${j.id} is used twice`);
      seen.add(j.id);
      journals.push({ arrayIndex, arrayId: d.id, id: j.id, capacityBytes: Math.floor(j.capacityMiB * MIB), overflowWatchUs: Math.round((j.overflowWatchS ?? 60) * US_PER_S) });
    });
  }
  journals.sort((x, y) => compareIds(x.arrayId, y.arrayId) || x.id - y.id);
  return { wans, journals };
}

function siteOf(topology: Topology, deviceId: string | undefined): string | undefined {
  return deviceId === undefined ? undefined : topology.devices.find((d) => d.id === deviceId)?.siteId;
}

/** Per WAN link: the devices reachable from each end (through FC switches / hubs), excluding WAN links. */
function wanEnds(topology: Topology): Map<string, { a: string[]; b: string[] }> {
  const devices = new Map(topology.devices.map((d) => [d.id, d]));
  const neighbours = new Map<string, string[]>();
  const add = (x: string, y: string): void => void (neighbours.get(x) ?? neighbours.set(x, []).get(x)!).push(y);
  for (const l of topology.links) {
    add(l.a.deviceId, l.b.deviceId);
    add(l.b.deviceId, l.a.deviceId);
  }
  const out = new Map<string, { a: string[]; b: string[] }>();
  for (const d of topology.devices) {
    if (d.kind !== 'wanLink') continue;
    const side = (portId: string): string[] => {
      const starts = topology.links.flatMap((l) =>
        l.a.deviceId === d.id && l.a.portId === portId ? [l.b.deviceId] : l.b.deviceId === d.id && l.b.portId === portId ? [l.a.deviceId] : [],
      );
      return reach(starts, devices, neighbours);
    };
    out.set(d.id, { a: side(d.ports[0]?.id ?? 'end-a'), b: side(d.ports[1]?.id ?? 'end-b') });
  }
  return out;
}

/** Devices reachable from `starts` through switches, hubs and bridges (the fabric), never through a WAN link. */
function reach(starts: string[], devices: Map<string, Device>, neighbours: Map<string, string[]>): string[] {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const d = devices.get(id);
    if (!d || !(d.kind === 'fcSwitch' || d.kind === 'fcHub' || d.kind === 'bridge')) continue;
    for (const n of neighbours.get(id) ?? []) {
      const nd = devices.get(n);
      if (!nd || nd.kind === 'wanLink' || seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return [...seen];
}

interface PairContext {
  topology: Topology;
  arrays: CompiledArray[];
  ldevs: CompiledLdev[];
  remote: CompiledRemote;
}

/** The remote facts of device `j` of remote copy group `g` (index `gi` in the document). */
export function compileRemotePair(g: CopyGroup, gi: number, j: number, pvol: number, svol: number, ctx: PairContext): CompiledRemotePair {
  const d = g.devices[j];
  const at = `copyGroups[${gi}]`;
  const { topology, arrays, ldevs, remote } = ctx;
  const mode = g.kind === 'remote-sync' ? 'sync' : 'async';
  const pArray = ldevs[pvol].arrayIndex;
  const pArrayId = arrays[pArray].id;
  const pSite = topology.devices.find((x) => x.id === pArrayId)!.siteId;
  let targetId: string;
  let sArray = -1;
  let targetBytesPerUs = 0;
  if (svol >= 0) {
    sArray = ldevs[svol].arrayIndex;
    targetId = arrays[sArray].id;
    if (arrays[sArray].trackBytes !== arrays[pArray].trackBytes) {
      throw new CompileError(g.id, `${at}.devices[${j}].svol`, `the arrays of "${d.pvol}" and "${d.svol}" use different track sizes`);
    }
  } else {
    if (mode === 'sync' || g.targetLibraryId === undefined) throw new CompileError(g.id, `${at}.devices[${j}].svol`, `a ${g.kind} pair needs an S-VOL${mode === 'async' ? ' (or the group a targetLibraryId)' : ''}`);
    const lib = topology.devices.find((x) => x.id === g.targetLibraryId);
    if (!lib || (lib.kind !== 'tapeLibrary' && lib.kind !== 'dvdLibrary')) throw new CompileError(g.id, `${at}.targetLibraryId`, `no tape or DVD-RAM library "${g.targetLibraryId}"`);
    targetId = lib.id;
    targetBytesPerUs = lib.kind === 'tapeLibrary' ? LTO_SPECS[lib.driveGeneration].nativeBytesPerUs : DVD_RAM_BYTES_PER_US;
  }
  const targetSite = topology.devices.find((x) => x.id === targetId)!.siteId;
  if (targetSite === pSite) throw new CompileError(g.id, `${at}.devices[${j}].${svol >= 0 ? 'svol' : 'pvol'}`, `remote copy joins two sites: "${d.pvol}" and ${svol >= 0 ? `"${d.svol}"` : targetId} are both in site ${pSite}`);
  const ends = wanEnds(topology);
  const candidates = remote.wans.map((w, i) => ({ w, i })).filter(({ w }) => g.wanLinkId === undefined || w.id === g.wanLinkId);
  if (g.wanLinkId !== undefined && candidates.length === 0) throw new CompileError(g.id, `${at}.wanLinkId`, `no WAN link "${g.wanLinkId}"`);
  let wan = -1;
  let dir = 0;
  for (const { w, i } of candidates) {
    const e = ends.get(w.id)!;
    if (e.a.includes(pArrayId) && e.b.includes(targetId)) [wan, dir] = [i, 0];
    else if (e.b.includes(pArrayId) && e.a.includes(targetId)) [wan, dir] = [i, 1];
    if (wan >= 0) break;
  }
  if (wan < 0) {
    throw new CompileError(g.id, g.wanLinkId !== undefined ? `${at}.wanLinkId` : `${at}.devices[${j}]`, `no WAN link joins ${pArrayId} and ${targetId} (cable each to a WAN link end, directly or through an FC switch's WAN port)`);
  }
  const ctg = mode === 'async' ? (g.consistencyGroup ?? 0) : -1;
  const masterJournal = g.masterJournal ?? 0;
  const restoreJournal = g.restoreJournal ?? 0;
  if (mode === 'async') {
    if (!remote.journals.some((jn) => jn.arrayIndex === pArray && jn.id === masterJournal)) {
      throw new CompileError(g.id, `${at}.masterJournal`, `no journal ${masterJournal} on ${pArrayId} (the P-VOLs' array): add it under the array's journals`);
    }
    if (sArray >= 0 && !remote.journals.some((jn) => jn.arrayIndex === sArray && jn.id === restoreJournal)) {
      throw new CompileError(g.id, `${at}.restoreJournal`, `no journal ${restoreJournal} on ${targetId} (the S-VOLs' array): add it under the array's journals`);
    }
  }
  return {
    mode,
    fence: g.fence ?? 'never',
    ctg,
    masterJournal,
    restoreJournal,
    wan,
    dir,
    pArray,
    sArray,
    sPort: sArray >= 0 ? remotePort(topology, arrays[sArray]) : -1,
    pPort: remotePort(topology, arrays[pArray]),
    targetLibraryId: svol >= 0 ? null : targetId,
    targetBytesPerUs,
    groupKey: mode === 'async' ? `ctg-${ctg}` : `sync:${g.id}`,
    swapped: false,
  };
}

/** The port an array receives remote updates on: its WAN port, else its first port. */
function remotePort(topology: Topology, array: CompiledArray): number {
  const device = topology.devices.find((x) => x.id === array.id);
  const wanPort = device?.ports.find((p) => p.kind === 'wan');
  const first = [...array.portIndexById.entries()].sort((a, b) => a[1] - b[1])[0];
  return (wanPort && array.portIndexById.get(wanPort.id)) ?? first?.[1] ?? 0;
}
