/**
 * What Hitachi Dynamic Link Manager (HDLM) on a server would show about its paths, built from the
 * engine's multipath status (`FaultStatus.paths`) and the topology: one `HdlmPath` per (HBA,
 * array port, LUN) route of the server, with HDLM's names for it.
 *
 * Owns the mapping (docs/console.md "dlnkmgr" repeats it):
 * - a path is one (HBA, array, array port, LUN) of the server; two workloads of the server that
 *   drive the same LU share its paths (their I/O counts add up, the worst state wins);
 * - `PathName` is HDLM's `HBA.bus.target.HLU` in hex: the HBA's position among the server's FC
 *   ports, bus 0000, the target port's WWPN as 16 hex digits (its position among the array's FC
 *   ports when it has none), the LUN;
 * - `DskName` is `HITACHI .OPEN-V          .<Seq#>` (vendor, product padded to 8 and 16 as HDLM
 *   prints them, and the array's Seq# as the console numbers arrays, topology-view.ts);
 * - `iLU` is the LDEV id; `ChaPort` is CCI's port id in HDLM's short form (`CL1-A` → `1A`; a
 *   port id of another form as it is); `HDevName` is `sddlmaa`, `sddlmab` … per LU of the server
 *   in the order its workloads first address them (HDLM for Linux's device names); `DNum` is 0;
 * - Status: `active` and `standby` → `Online`; `failing` (a component on it failed, the host has
 *   not noticed yet and its I/Os wait) → `Online(E)`; `failed` → `Offline(E)` — except that when
 *   no path of an LU is Online or Online(E), HDLM keeps one of them Online(E) so the LU stays
 *   addressable: the failed path with the lowest PathID shows `Online(E)` (and the host's I/O
 *   errors are counted there);
 * - Type: `Own` for every path under round-robin; under active/standby `Own` for the path the I/O
 *   goes to — the `active` one; when none is active, the first Online(E) path (failing, or kept
 *   as the last path), else the LU's first path — and `Non` for the others (HDLM's owner /
 *   non-owner paths, which SANdbox moves with the failover);
 * - `IO-Count` is the path's `ios`; `IO-Errors`: a workload's I/O errors happen only while every
 *   one of its paths is failed, so they are split evenly over its paths in PathID order (the
 *   remainder on the first ones) — the per-server total is exact and a count stays on its paths
 *   after they are repaired, as HDLM's counters do.
 *
 * Pure. Does not handle parsing or printing (dlnkmgr.ts, dlnkmgr-format.ts).
 */
import type { FaultStatus, PathState, PathStatus, WorkloadPaths } from '../engine/api.ts';
import type { Device, Topology } from '../model/topology.ts';
import { serialOf } from './topology-view.ts';

export type HdlmStatus = 'Online' | 'Online(E)' | 'Offline(E)';

export interface HdlmPath {
  /** HDLM's AutoPATH_ID: 0, 1, … per server. */
  pathId: number;
  hbaPortId: string;
  arrayId: string;
  arrayPortId: string;
  lun: number;
  ldevId: string;
  pathName: string;
  dskName: string;
  chaPort: string;
  status: HdlmStatus;
  type: 'Own' | 'Non';
  ioCount: number;
  ioErrors: number;
  hDevName: string;
}

export interface HdlmHost {
  serverId: string;
  serverName: string;
  paths: HdlmPath[];
}

/** Merging worst-first: a path two workloads see differently shows its worse state. */
const STATE_RANK: Readonly<Record<PathState, number>> = { standby: 0, active: 1, failing: 2, failed: 3 };

interface Route {
  hbaIndex: number;
  hbaPortId: string;
  arrayId: string;
  arrayPortId: string;
  lun: number;
  ldevId: string;
  /** Index of the LU (arrayId, ldevId) on the server: HDevName order. */
  luIndex: number;
  state: PathState;
  ios: number;
  ioErrors: number;
  roundRobin: boolean;
}

const hex = (n: number, digits: number): string => n.toString(16).toUpperCase().padStart(digits, '0');

/** `CL1-A` → `1A` (HDLM's CHA port name); any other port id as it is. */
export function chaPortOf(portId: string): string {
  const m = /^CL(\d+)-([A-Z0-9]+)$/i.exec(portId);
  return m === null ? portId : `${m[1]}${m[2].toUpperCase()}`;
}

/** `sddlmaa`, `sddlmab` … `sddlmaz`, `sddlmba` … (HDLM for Linux). */
export function hDevNameOf(luIndex: number): string {
  const letter = (i: number) => String.fromCharCode(97 + i);
  return `sddlm${letter(Math.floor(luIndex / 26) % 26)}${letter(luIndex % 26)}`;
}

const fcPortsOf = (d: Device | undefined): { id: string; wwpn?: string }[] => (d === undefined ? [] : d.ports.filter((p) => p.kind === 'fc'));

function targetIdOf(topology: Topology, arrayId: string, portId: string): string {
  const ports = fcPortsOf(topology.devices.find((d) => d.id === arrayId));
  const wwpn = ports.find((p) => p.id === portId)?.wwpn;
  if (wwpn !== undefined) return wwpn.replace(/:/g, '').toUpperCase();
  return hex(Math.max(0, ports.findIndex((p) => p.id === portId)), 16);
}

/** Errors of a workload split over its paths (see the header), by position in `paths`. */
function errorShares(w: WorkloadPaths): number[] {
  const n = w.paths.length;
  if (n === 0) return [];
  const base = Math.floor(w.ioErrors / n);
  return w.paths.map((_, i) => base + (i < w.ioErrors % n ? 1 : 0));
}

function addRoute(routes: Map<string, Route>, p: PathStatus, w: WorkloadPaths, errors: number, hbaIndex: number, luIndex: number): void {
  const key = `${p.hbaPortId}\u0000${p.arrayId}\u0000${p.arrayPortId}\u0000${p.lun}`;
  const known = routes.get(key);
  if (known !== undefined) {
    known.ios += p.ios;
    known.ioErrors += errors;
    if (STATE_RANK[p.state] > STATE_RANK[known.state]) known.state = p.state;
    return;
  }
  routes.set(key, { hbaIndex, hbaPortId: p.hbaPortId, arrayId: p.arrayId, arrayPortId: p.arrayPortId, lun: p.lun, ldevId: w.ldevId ?? '-', luIndex, state: p.state, ios: p.ios, ioErrors: errors, roundRobin: w.policy === 'round-robin' });
}

/** The server's routes, merged across its workloads, in PathID order (HBA, then LU, then array port). */
function routesOf(topology: Topology, serverId: string, workloads: readonly WorkloadPaths[]): Route[] {
  const hbas = fcPortsOf(topology.devices.find((d) => d.id === serverId)).map((p) => p.id);
  const lus: string[] = [];
  const routes = new Map<string, Route>();
  for (const w of workloads) {
    if (w.serverId !== serverId || w.ldevId === null || w.paths.length === 0) continue;
    const lu = `${w.paths[0].arrayId}\u0000${w.ldevId}`;
    if (!lus.includes(lu)) lus.push(lu);
    const shares = errorShares(w);
    w.paths.forEach((p, i) => addRoute(routes, p, w, shares[i], hbas.indexOf(p.hbaPortId), lus.indexOf(lu)));
  }
  const hbaOrder = (r: Route) => (r.hbaIndex < 0 ? hbas.length : r.hbaIndex);
  return [...routes.values()].sort((a, b) => hbaOrder(a) - hbaOrder(b) || a.luIndex - b.luIndex || a.arrayPortId.localeCompare(b.arrayPortId) || a.lun - b.lun);
}

/** Status and Type of each route of one LU (`routes` in PathID order), as the header says. */
function luStatuses(routes: readonly Route[]): { status: HdlmStatus; type: 'Own' | 'Non' }[] {
  const status: HdlmStatus[] = routes.map((r) => (r.state === 'failed' ? 'Offline(E)' : r.state === 'failing' ? 'Online(E)' : 'Online'));
  if (status.length > 0 && !status.some((s) => s !== 'Offline(E)')) status[0] = 'Online(E)';
  // With no active path, the I/O goes to the path still in use: the failing one, or the Online(E) last path.
  const fallback = routes.some((r) => r.state === 'active') ? -1 : Math.max(0, status.indexOf('Online(E)'));
  return routes.map((r, i) => ({ status: status[i], type: r.roundRobin || r.state === 'active' || i === fallback ? 'Own' : 'Non' }));
}

function hostOf(topology: Topology, serverId: string, workloads: readonly WorkloadPaths[]): HdlmHost {
  const server = topology.devices.find((d) => d.id === serverId);
  const routes = routesOf(topology, serverId, workloads);
  const paths: HdlmPath[] = [];
  const luCount = Math.max(0, ...routes.map((r) => r.luIndex + 1));
  const byPath = new Map<Route, { status: HdlmStatus; type: 'Own' | 'Non' }>();
  for (let lu = 0; lu < luCount; lu++) {
    const mine = routes.filter((r) => r.luIndex === lu);
    luStatuses(mine).forEach((s, i) => byPath.set(mine[i], s));
  }
  routes.forEach((r, pathId) => {
    const { status, type } = byPath.get(r)!;
    const pathName = `${hex(Math.max(0, r.hbaIndex), 4)}.0000.${targetIdOf(topology, r.arrayId, r.arrayPortId)}.${hex(r.lun, 4)}`;
    const serial = serialOf(topology, r.arrayId);
    const dskName = `HITACHI .${'OPEN-V'.padEnd(16)}.${serial ?? r.arrayId}`;
    paths.push({ pathId, hbaPortId: r.hbaPortId, arrayId: r.arrayId, arrayPortId: r.arrayPortId, lun: r.lun, ldevId: r.ldevId, pathName, dskName, chaPort: chaPortOf(r.arrayPortId), status, type, ioCount: r.ios, ioErrors: r.ioErrors, hDevName: hDevNameOf(r.luIndex) });
  });
  return { serverId, serverName: server?.name ?? serverId, paths };
}

/** The servers that have paths, in document order. */
export function serversWithPaths(topology: Topology, status: FaultStatus): string[] {
  const ids = new Set(status.paths.filter((w) => w.paths.length > 0 && w.ldevId !== null).map((w) => w.serverId));
  return topology.devices.filter((d) => d.kind === 'server' && ids.has(d.id)).map((d) => d.id);
}

/** HDLM's view of `serverIds` (each with its paths; a server with none has an empty list). */
export function hdlmHosts(topology: Topology, status: FaultStatus, serverIds: readonly string[]): HdlmHost[] {
  return serverIds.map((id) => hostOf(topology, id, status.paths));
}
