/**
 * What the tape, backup and SAN-manager commands share when they run: their output helpers
 * (the same shapes as execute.ts's), reading the engine's BackupStatus, applying an action and
 * passing the engine's verdict through, and finding libraries, servers, LDEVs and host groups
 * in the topology with errors that name what is at fault and list what exists.
 *
 * Unknown objects are EX_ENOOBJ (205), as `raidcom modify ldev` on an unknown LDEV; an engine
 * rejection keeps its code, else EX_CMDRJE. Does not handle parsing (backup-parse*.ts).
 */
import type { BackupStatus } from '../engine/api.ts';
import type { Action } from '../model/scenario.ts';
import type { Device, DiskArray, HostGroup, Server, Topology } from '../model/topology.ts';
import { codeInfo, formatFailure, type CciFailure } from './codes.ts';
import type { CciContext, CciOutput } from './execute.ts';
import { arraysOf, FIRST_SERIAL, findLdev, hostGroupNumber } from './topology-view.ts';

export const ok = (stdout = '', actions: Action[] = []): CciOutput => ({ exitCode: 0, stdout, stderr: '', actions });

export function failed(command: string, failure: CciFailure, partial: { stdout?: string; actions?: Action[] } = {}): CciOutput {
  return { exitCode: codeInfo(failure.code).exitCode, stdout: partial.stdout ?? '', stderr: formatFailure(command, failure), actions: partial.actions ?? [] };
}

export const isFailure = <T extends object>(r: T | CciFailure): r is CciFailure => 'code' in r && typeof (r as CciFailure).code === 'string';

/** Applies `action`: accepted → the action (to record); redundant → a note; refused → the engine's code and message. */
export async function applyAction(command: string, action: Action, ctx: CciContext, stdout = ''): Promise<CciOutput> {
  const result = await ctx.apply(action);
  if (!result.ok) return failed(command, { code: result.code ?? 'EX_CMDRJE', detail: result.message });
  if (result.redundant === true) return ok(`${command}: ${result.message ?? 'nothing to do'}\n`);
  return ok(stdout, [action]);
}

/** The engine's libraries, jobs, catalog, runbooks and schedule now, or why they cannot be read. */
export async function readBackup(ctx: CciContext): Promise<BackupStatus | CciFailure> {
  if (ctx.backup === undefined) return { code: 'EX_CMDRJE', detail: 'this console cannot read the backup status (its engine has no tape support)' };
  return ctx.backup();
}

const list = (ids: readonly string[], none: string): string => (ids.length === 0 ? none : ids.join(', '));

/** `a server`, `an array`. */
const article = (kind: string): string => `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;

// ---------------------------------------------------------------- topology lookups

export type Library = Extract<Device, { kind: 'tapeLibrary' | 'dvdLibrary' }>;

const isLibrary = (d: Device): d is Library => d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary';

export function findLibrary(topology: Topology, id: string): Library | CciFailure {
  const hit = topology.devices.find((d) => d.id === id);
  if (hit !== undefined && isLibrary(hit)) return hit;
  const known = topology.devices.filter(isLibrary).map((d) => d.id);
  const what = hit === undefined ? `no library "${id}"` : `${id} is ${article(hit.kind)}, not a library`;
  return { code: 'EX_ENOOBJ', detail: `${what} (libraries: ${list(known, 'none')})` };
}

export function findServer(topology: Topology, id: string, option: string): Server | CciFailure {
  const hit = topology.devices.find((d) => d.id === id);
  if (hit !== undefined && hit.kind === 'server') return hit;
  const known = topology.devices.filter((d) => d.kind === 'server').map((d) => d.id);
  const what = hit === undefined ? `no server "${id}"` : `${id} is ${article(hit.kind)}, not a server`;
  return { code: 'EX_ENOOBJ', detail: `${option}: ${what} (servers: ${list(known, 'none')})` };
}

/** The LDEV exists in some array, else EX_ENOOBJ naming the option. */
export function checkLdev(topology: Topology, id: string, option: string): CciFailure | null {
  return findLdev(topology, id) === null ? { code: 'EX_ENOOBJ', detail: `${option}: no LDEV "${id}" in this topology` } : null;
}

/** The first failure of `checks`, or null. */
export function firstFailure(...checks: Array<CciFailure | object | null>): CciFailure | null {
  for (const c of checks) if (c !== null && isFailure(c)) return c;
  return null;
}

// ---------------------------------------------------------------- host groups (raidcom hba_wwn)

export interface HostGroupHit {
  array: DiskArray;
  hostGroup: HostGroup;
}

/** `CL1-A-0 (db)`: a host group as raidcom addresses it. */
export function hostGroupLabel(array: DiskArray, h: HostGroup): string {
  return `${h.portId}-${hostGroupNumber(array, h.portId, h.id)} (${h.name})`;
}

/** Host groups of `array` that `port` (+ `hostGroup`) names: `CL1-A-0`, `CL1-A-db`, `CL1-A` `db`, plain `CL1-A` = number 0. */
function hostGroupsIn(array: DiskArray, port: string, hostGroup: string | null): HostGroup[] {
  const hits: HostGroup[] = [];
  for (const p of array.ports) {
    const v = port.toLowerCase();
    const id = p.id.toLowerCase();
    let rest: string | null = null;
    if (v === id) rest = hostGroup ?? '0';
    else if (hostGroup === null && v.startsWith(`${id}-`)) rest = port.slice(p.id.length + 1);
    if (rest === null) continue;
    const onPort = array.hostGroups.filter((h) => h.portId === p.id);
    const byNumber = /^\d+$/.test(rest) ? onPort[Number(rest)] : undefined;
    const hit = byNumber ?? onPort.find((h) => h.id === rest) ?? onPort.find((h) => h.name === rest);
    if (hit !== undefined) hits.push(hit);
  }
  return hits;
}

/** CCI's `-I` names an instance (`-I0`, `-IH0`, `-IM1`, `-ISI0`; numbers < 10000): SANdbox ignores those. */
const INSTANCE_OPTION = /^(?:H|M|S|SI|SH|SM|HM)?\d{1,4}$/i;

/** Arrays `-I<array>` allows: an array id, a Seq# (64001…), or every array for an instance option. */
function arraysFor(topology: Topology, selector: string | null): DiskArray[] | CciFailure {
  const arrays = arraysOf(topology);
  if (selector === null) return arrays;
  const byId = arrays.find((a) => a.id === selector);
  if (byId !== undefined) return [byId];
  const bySerial = /^\d{5,}$/.test(selector) ? arrays[Number(selector) - FIRST_SERIAL] : undefined;
  if (bySerial !== undefined) return [bySerial];
  if (INSTANCE_OPTION.test(selector)) return arrays;
  return { code: 'EX_ENOOBJ', detail: `-I${selector}: no array "${selector}" (arrays: ${list(arrays.map((a) => a.id), 'none')})` };
}

function knownHostGroups(arrays: readonly DiskArray[]): string {
  const parts = arrays.map((a) => `${a.id}: ${list(a.hostGroups.map((h) => hostGroupLabel(a, h)), 'none')}`);
  return parts.length === 0 ? 'no arrays' : parts.join('; ');
}

/** The one host group `-port` names (on the array `-I` picks), or why not. */
export function resolveHostGroup(topology: Topology, port: string, hostGroup: string | null, selector: string | null): HostGroupHit | CciFailure {
  const arrays = arraysFor(topology, selector);
  if (isFailure(arrays)) return arrays;
  const hits = arrays.flatMap((array) => hostGroupsIn(array, port, hostGroup).map((h) => ({ array, hostGroup: h })));
  const named = hostGroup === null ? port : `${port} ${hostGroup}`;
  if (hits.length === 0) return { code: 'EX_ENOOBJ', detail: `-port ${named}: no such host group (${knownHostGroups(arrays)})` };
  const onArrays = [...new Set(hits.map((h) => h.array.id))];
  if (onArrays.length > 1) {
    return { code: 'EX_INVARG', detail: `-port ${named} is on arrays ${onArrays.join(', ')}: say which with -I<array> (e.g. -I${onArrays[0]})` };
  }
  if (hits.length > 1) return { code: 'EX_INVARG', detail: `-port ${named} names host groups ${hits.map((h) => hostGroupLabel(h.array, h.hostGroup)).join(', ')}: give the number` };
  return hits[0];
}
