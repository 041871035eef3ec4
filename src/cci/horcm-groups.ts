/**
 * horcm.conf ⇄ copy groups: resolving the volumes of a parsed P-side file (and its S-side
 * partner) against a topology into `CopyGroup`s, and writing copy groups back as a pair of
 * horcm.conf files ("export").
 *
 * Owns the resolution rules (docs/console.md, "Importing horcm.conf"):
 * - HORCM_DEV `port# … LU#`: the array whose port has that id (case-insensitive); `CL1-A-1`
 *   also means port CL1-A, host group number 1 (topology-view.ts). A port id found on more than
 *   one array is an error: HORCM_LDEV (Serial# + LDEV#) says which array.
 * - HORCM_LDEV `Serial# LDEV#`: Seq# 64001… picks the array; LDEV# is an LDEV id of that array
 *   (`db-primary`, `00:1A`), or a number (`26`, `0x1A`) matching an id written `CU:LDEV`.
 * - The S-VOL of a device is the same dev_group/dev_name in the S-side file: required for local
 *   and host-mirror groups, optional for snapshot groups.
 * Pure functions; errors name the side (P/S) and the line.
 */
import type { CopyGroup, CopyGroupDevice, CopyGroupKind, DiskArray, Topology } from '../model/topology.ts';
import type { HorcmConf, HorcmDev, HorcmError, HorcmLdev } from './horcm.ts';
import { arrayBySerial, arraysOf, findLdev, hostGroupNumber, luAddressOf, serialOf } from './topology-view.ts';

export interface HorcmGroupOptions {
  /** host-mirror groups: the server whose mirror program duplexes the writes. */
  serverId?: string;
  /** host-mirror groups: whether the mirror program records positions (default true). */
  recordPositions?: boolean;
  /** snapshot groups: the pool; default the only pool of the P-VOLs' array. */
  poolId?: string;
}

export interface HorcmGroupsResult {
  groups: CopyGroup[];
  errors: HorcmError[];
}

type Entry = HorcmDev | HorcmLdev;
type Resolution = { ldevId: string } | { message: string };

const isDev = (e: Entry): e is HorcmDev => 'port' in e;
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

// ---------------------------------------------------------------- resolving volumes

function arraysWithPort(topology: Topology, port: string): { array: DiskArray; portId: string }[] {
  return arraysOf(topology).flatMap((array) => {
    const p = array.ports.find((x) => same(x.id, port));
    return p === undefined ? [] : [{ array, portId: p.id }];
  });
}

/** Arrays with port `port`, or with port `<prefix>` when `port` is `<prefix>-<host group number>`. */
function portCandidates(topology: Topology, port: string): { array: DiskArray; portId: string; hg: number | null }[] {
  const exact = arraysWithPort(topology, port);
  if (exact.length > 0) return exact.map((c) => ({ ...c, hg: null }));
  const m = /^(.+)-(\d+)$/.exec(port);
  return m === null ? [] : arraysWithPort(topology, m[1]).map((c) => ({ ...c, hg: Number(m[2]) }));
}

function resolveDev(topology: Topology, e: HorcmDev): Resolution {
  const candidates = portCandidates(topology, e.port);
  if (candidates.length === 0) return { message: `port# "${e.port}": no array has this port` };
  if (candidates.length > 1) {
    const names = candidates.map((c) => c.array.id).join(', ');
    return { message: `port# "${e.port}" is on arrays ${names}: use HORCM_LDEV (Serial# and LDEV#) to say which` };
  }
  const { array, portId, hg } = candidates[0];
  const paths = array.luPaths.filter((p) => p.portId === portId && p.lun === e.lun && (hg === null || hostGroupNumber(array, portId, p.hostGroupId) === hg));
  const ldevs = [...new Set(paths.map((p) => p.ldevId))];
  if (ldevs.length === 0) return { message: `no LU path at port# ${e.port} LU# ${e.lun} on array ${array.id}` };
  if (ldevs.length > 1) return { message: `port# ${e.port} LU# ${e.lun} leads to LDEVs ${ldevs.join(', ')} (one per host group): write the port as ${portId}-<host group number>` };
  return { ldevId: ldevs[0] };
}

/** `00:1A` → 26, `0x1A` → 26, `26` → 26; null for any other text. */
export function ldevNumber(text: string): number | null {
  const cu = /^([0-9a-f]{1,2}):([0-9a-f]{2})$/i.exec(text);
  if (cu) return parseInt(cu[1], 16) * 256 + parseInt(cu[2], 16);
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  if (/^\d+$/.test(text)) return Number(text);
  return null;
}

function resolveLdev(topology: Topology, e: HorcmLdev): Resolution {
  const array = arrayBySerial(topology, e.serial);
  if (array === null) {
    const known = arraysOf(topology).map((a) => `${serialOf(topology, a.id)} ${a.id}`);
    return { message: `Serial# ${e.serial} matches no array (${known.length === 0 ? 'no arrays' : known.join(', ')})` };
  }
  const n = ldevNumber(e.ldev);
  const ldev = array.ldevs.find((l) => l.id === e.ldev) ?? (n === null ? undefined : array.ldevs.find((l) => ldevNumber(l.id) === n));
  if (ldev === undefined) return { message: `LDEV# "${e.ldev}" is not on array ${array.id} (Serial# ${e.serial})` };
  return { ldevId: ldev.id };
}

function resolveEntry(topology: Topology, e: Entry): Resolution {
  return isDev(e) ? resolveDev(topology, e) : resolveLdev(topology, e);
}

// ---------------------------------------------------------------- building groups

const entriesOf = (conf: HorcmConf): Entry[] => [...conf.devs, ...conf.ldevs].sort((a, b) => a.line - b.line);

function defaultPool(topology: Topology, pvol: string, opts: HorcmGroupOptions): string | { message: string } {
  if (opts.poolId !== undefined) return opts.poolId;
  const pools = findLdev(topology, pvol)?.array.pools ?? [];
  if (pools.length === 1) return pools[0].id;
  return { message: `the P-VOL's array has ${pools.length} snapshot pools: say which one (poolId)` };
}

function newGroup(id: string, kind: CopyGroupKind, opts: HorcmGroupOptions): CopyGroup {
  const g: CopyGroup = { id, kind, recordPositions: opts.recordPositions ?? true, devices: [] };
  if (kind === 'host-mirror' && opts.serverId !== undefined) g.serverId = opts.serverId;
  return g;
}

interface Sides {
  p: HorcmConf;
  s: HorcmConf | null;
}

function svolOf(topology: Topology, sides: Sides, e: Entry, kind: CopyGroupKind, errors: HorcmError[]): string | undefined | null {
  const partner = sides.s === null ? undefined : entriesOf(sides.s).find((x) => x.group === e.group && x.device === e.device);
  if (partner === undefined) {
    if (kind === 'snapshot' || sides.s === null) return undefined;
    errors.push({ line: e.line, message: `P side line ${e.line}: ${e.group} ${e.device} is not in the S-side file (a ${kind} pair needs an S-VOL)` });
    return null;
  }
  const r = resolveEntry(topology, partner);
  if ('message' in r) {
    errors.push({ line: partner.line, message: `S side line ${partner.line}: ${partner.group} ${partner.device}: ${r.message}` });
    return null;
  }
  return r.ldevId;
}

function addDevice(topology: Topology, sides: Sides, e: Entry, group: CopyGroup, errors: HorcmError[]): void {
  const p = resolveEntry(topology, e);
  if ('message' in p) {
    errors.push({ line: e.line, message: `P side line ${e.line}: ${e.group} ${e.device}: ${p.message}` });
    return;
  }
  const svol = svolOf(topology, sides, e, group.kind, errors);
  if (svol === null) return;
  const device: CopyGroupDevice = { name: e.device, pvol: p.ldevId, mu: e.mu ?? 0 };
  if (svol !== undefined) device.svol = svol;
  group.devices.push(device);
}

function strayPartners(sides: Sides, errors: HorcmError[]): void {
  if (sides.s === null) return;
  const known = new Set(entriesOf(sides.p).map((e) => `${e.group}\u0000${e.device}`));
  for (const e of entriesOf(sides.s)) {
    if (!known.has(`${e.group}\u0000${e.device}`)) errors.push({ line: e.line, message: `S side line ${e.line}: ${e.group} ${e.device} is not in the P-side file` });
  }
}

/**
 * Copy groups of kind `kind` from a P-side horcm.conf and its S-side partner (null: none; only
 * snapshot groups can do without). Groups whose every device failed are left out.
 */
export function horcmToCopyGroups(pSide: HorcmConf, sSide: HorcmConf | null, topology: Topology, kind: CopyGroupKind, opts: HorcmGroupOptions = {}): HorcmGroupsResult {
  const errors: HorcmError[] = [];
  if (sSide === null && kind !== 'snapshot') errors.push({ message: `${kind} groups need the S-side horcm.conf too (it names the S-VOLs)` });
  const sides: Sides = { p: pSide, s: sSide };
  const groups = new Map<string, CopyGroup>();
  for (const e of entriesOf(pSide)) {
    const g = groups.get(e.group) ?? newGroup(e.group, kind, opts);
    groups.set(e.group, g);
    if (sSide !== null || kind === 'snapshot') addDevice(topology, sides, e, g, errors);
  }
  strayPartners(sides, errors);
  const out = [...groups.values()].filter((g) => g.devices.length > 0);
  if (kind === 'snapshot') {
    for (const g of out) {
      const pool = defaultPool(topology, g.devices[0].pvol, opts);
      if (typeof pool === 'string') g.poolId = pool;
      else errors.push({ message: `group ${g.id}: ${pool.message}` });
    }
  }
  return { groups: out, errors };
}

// ---------------------------------------------------------------- export

export interface HorcmExport {
  /** horcm0.conf: the P-VOLs. */
  pSide: string;
  /** horcm1.conf: the S-VOLs (snapshot devices without an S-VOL are left out). */
  sSide: string;
}

function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

interface VolumeLine {
  dev: string[] | null;
  ldev: string[] | null;
}

function volumeLine(topology: Topology, group: string, device: string, ldevId: string, mu: number): VolumeLine {
  const loc = findLdev(topology, ldevId);
  const addr = loc === null ? null : luAddressOf(loc.array, ldevId);
  if (addr !== null) return { dev: [group, device, addr.port, '0', String(addr.lun), String(mu)], ldev: null };
  return { dev: null, ldev: [group, device, String(loc?.serial ?? 0), ldevId, String(mu)] };
}

function horcmFile(instance: number, partner: number, groups: string[], lines: VolumeLine[], serials: number[]): string {
  const out = ['HORCM_MON', ...columns([['#ip_address', 'service', 'poll(10ms)', 'timeout(10ms)'], ['localhost', `horcm${instance}`, '1000', '3000']]), ''];
  out.push('HORCM_CMD', '#dev_name', ...serials.map((s) => `\\\\.\\CMD-${s}:/dev/sd`), '');
  const devs = lines.flatMap((l) => (l.dev === null ? [] : [l.dev]));
  if (devs.length > 0) out.push('HORCM_DEV', ...columns([['#dev_group', 'dev_name', 'port#', 'TargetID', 'LU#', 'MU#'], ...devs]), '');
  const ldevs = lines.flatMap((l) => (l.ldev === null ? [] : [l.ldev]));
  if (ldevs.length > 0) out.push('HORCM_LDEV', ...columns([['#dev_group', 'dev_name', 'Serial#', 'CU:LDEV(LDEV#)', 'MU#'], ...ldevs]), '');
  out.push('HORCM_INST', ...columns([['#dev_group', 'ip_address', 'service'], ...groups.map((g) => [g, 'localhost', `horcm${partner}`])]));
  return `${out.join('\n')}\n`;
}

/** horcm0.conf (P-VOLs) and horcm1.conf (S-VOLs) describing `groups`; `horcmToCopyGroups` reads them back. */
export function formatHorcm(groups: readonly CopyGroup[], topology: Topology): HorcmExport {
  const pLines: VolumeLine[] = [];
  const sLines: VolumeLine[] = [];
  for (const g of groups) {
    for (const d of g.devices) {
      pLines.push(volumeLine(topology, g.id, d.name, d.pvol, d.mu));
      if (d.svol !== undefined) sLines.push(volumeLine(topology, g.id, d.name, d.svol, d.mu));
    }
  }
  const serials = [...new Set(groups.flatMap((g) => g.devices.map((d) => findLdev(topology, d.pvol)?.serial ?? null)))].filter((s): s is number => s !== null).sort();
  const ids = groups.map((g) => g.id);
  return { pSide: horcmFile(0, 1, ids, pLines, serials), sSide: horcmFile(1, 0, ids, sLines, serials) };
}
