/**
 * Running the array-side LUN security commands: `raidcom add|delete host_grp`, `raidcom
 * add|delete lun` and `raidcom get host_grp | hba_wwn | lun` (parsed by raidcom-lun-parse.ts).
 *
 * Owns: checking a command against LUN security as it is now (raidcom-lun-view.ts: the design
 * plus the changes made to the running simulation), choosing the next free GID and LUN, and where
 * a change goes:
 *
 *   checked ──▶ ctx.setDesignLunSecurity(array) ── true (no run underway) ──▶ the design holds it
 *                           │                                                   (nothing recorded)
 *                           └── false / absent ──▶ ctx.apply(setHostGroup | setLuPath)
 *                                                    ├─ accepted ──▶ recorded; the overlay holds it
 *                                                    └─ refused ───▶ the engine's code, no change
 *
 * Errors as CCI prints them (codes.ts): an unknown port, host group, LDEV or LUN is EX_ENOOBJ;
 * a port on several arrays without -I, a bad GID or name is EX_INVARG; what the array refuses
 * (a name or LUN already in use, an LDEV already mapped in the group) is EX_CMDRJE. Any error
 * changes nothing. Host group ids are the group's name (as the engine's setHostGroup makes them).
 */
import type { Action } from '../model/scenario.ts';
import { nextFreeLun } from '../model/factory.ts';
import { Id, type DiskArray, type HostGroup, type Topology } from '../model/topology.ts';
import { applyAction, failed, hostGroupLabel, isFailure, ok, resolveHostGroup } from './backup-common.ts';
import type { CciFailure } from './codes.ts';
import type { CciContext, CciOutput } from './execute.ts';
import { formatHbaWwns, formatHostGroups, formatLuns } from './raidcom-lun-format.ts';
import { LUN_MAX, type LunCommand, type LunPlace } from './raidcom-lun-parse.ts';
import { applyLunAction, clearLunSession, lunView, sharedLunSession, type LunAction, type LunSession } from './raidcom-lun-view.ts';
import { arraysOf, FIRST_SERIAL, serialOf } from './topology-view.ts';

const NAME = 'raidcom';

export const lunSessionOf = (ctx: CciContext): LunSession => ctx.lunSecurity ?? sharedLunSession;

/** The design with the console's run-time LUN security changes applied. */
export const currentTopology = (ctx: CciContext): Topology => lunView(ctx.topology, lunSessionOf(ctx), ctx.nowS());

// ---------------------------------------------------------------- numbering (model/factory.ts `nextFreeLun`)

const hex = (n: number): string => `${n}(0x${n.toString(16).toUpperCase()})`;

// ---------------------------------------------------------------- addressing

interface PortHit {
  array: DiskArray;
  portId: string;
  /** The `-<n>` after the port id, or null. */
  gid: number | null;
}

/** Arrays `-I<array>` allows (an array id or Seq#; anything else, e.g. `-I0`, allows all). */
function arraysFor(t: Topology, selector: string | null): DiskArray[] {
  const arrays = arraysOf(t);
  if (selector === null) return arrays;
  const hit = arrays.find((a) => a.id === selector) ?? (/^\d{5,}$/.test(selector) ? arrays[Number(selector) - FIRST_SERIAL] : undefined);
  return hit === undefined ? arrays : [hit];
}

/** The FC port `-port` names (`CL1-A` or `CL1-A-<gid>`), on the one array it can be. */
function resolvePort(t: Topology, place: LunPlace): PortHit | CciFailure {
  const typed = place.port.toLowerCase();
  const hits: PortHit[] = [];
  for (const array of arraysFor(t, place.array)) {
    for (const p of array.ports.filter((x) => x.kind === 'fc')) {
      const id = p.id.toLowerCase();
      if (typed === id) hits.push({ array, portId: p.id, gid: null });
      else if (typed.startsWith(`${id}-`) && /^\d+$/.test(typed.slice(id.length + 1))) hits.push({ array, portId: p.id, gid: Number(typed.slice(id.length + 1)) });
    }
  }
  if (hits.length === 0) return { code: 'EX_ENOOBJ', detail: `-port ${place.port}: no such port (${arraysFor(t, place.array).map((a) => `${a.id}: ${a.ports.filter((p) => p.kind === 'fc').map((p) => p.id).join(', ') || 'none'}`).join('; ')})` };
  const arrays = [...new Set(hits.map((h) => h.array.id))];
  if (arrays.length > 1) return { code: 'EX_INVARG', detail: `-port ${place.port} is on arrays ${arrays.join(', ')}: say which with -I<array> (e.g. -I${arrays[0]})` };
  return hits[0];
}

// ---------------------------------------------------------------- changes

/** Writes the change to the design when no run is underway, else sends it to the simulation. */
async function commit(ctx: CciContext, t: Topology, action: LunAction, stdout: string): Promise<CciOutput> {
  if (ctx.setDesignLunSecurity !== undefined) {
    const array = arraysOf(applyLunAction(t, action)).find((a) => a.id === action.arrayId);
    if (array !== undefined && ctx.setDesignLunSecurity(array.id, array.hostGroups, array.luPaths)) {
      clearLunSession(lunSessionOf(ctx));
      return ok(stdout);
    }
  }
  return applyAction(NAME, action as Action, ctx, stdout);
}

function checkNewName(array: DiskArray, portId: string, name: string): CciFailure | null {
  if (!Id.safeParse(name).success) return { code: 'EX_INVARG', detail: `-host_grp_name "${name}": SANdbox host group names use letters, digits and - _ . : (up to 64)` };
  const clash = array.hostGroups.find((h) => h.id === name || (h.portId === portId && h.name === name));
  return clash === undefined ? null : { code: 'EX_CMDRJE', detail: `host group "${name}" already exists on ${array.id} (${hostGroupLabel(array, clash)})` };
}

async function addHostGroup(c: Extract<LunCommand, { kind: 'addHostGroup' }>, ctx: CciContext, t: Topology): Promise<CciOutput> {
  const hit = resolvePort(t, c.place);
  if (isFailure(hit)) return failed(NAME, hit);
  const next = hit.array.hostGroups.filter((h) => h.portId === hit.portId).length;
  if (hit.gid !== null && hit.gid !== next) {
    return failed(NAME, { code: 'EX_INVARG', detail: `-port ${c.place.port}: SANdbox numbers host groups by position on the port; the next GID on ${hit.portId} is ${next}` });
  }
  const bad = checkNewName(hit.array, hit.portId, c.name);
  if (bad !== null) return failed(NAME, bad);
  const action: LunAction = { type: 'setHostGroup', arrayId: hit.array.id, hostGroupId: c.name, portId: hit.portId, present: true };
  return commit(ctx, t, action, hit.gid === null ? `raidcom: Host group ID ${hex(next)} will be used for adding.\n` : '');
}

interface GroupHit {
  array: DiskArray;
  hostGroup: HostGroup;
}

const group = (t: Topology, place: LunPlace): GroupHit | CciFailure => resolveHostGroup(t, place.port, place.hostGroup, place.array);

async function deleteHostGroup(place: LunPlace, ctx: CciContext, t: Topology): Promise<CciOutput> {
  const hit = group(t, place);
  if (isFailure(hit)) return failed(NAME, hit);
  const action: LunAction = { type: 'setHostGroup', arrayId: hit.array.id, hostGroupId: hit.hostGroup.id, portId: hit.hostGroup.portId, present: false };
  return commit(ctx, t, action, '');
}

async function addLun(c: Extract<LunCommand, { kind: 'addLun' }>, ctx: CciContext, t: Topology): Promise<CciOutput> {
  const hit = group(t, c.place);
  if (isFailure(hit)) return failed(NAME, hit);
  const { array, hostGroup: h } = hit;
  if (!array.ldevs.some((l) => l.id === c.ldevId)) return failed(NAME, { code: 'EX_ENOOBJ', detail: `-ldev_id: no LDEV "${c.ldevId}" on ${array.id}` });
  const paths = array.luPaths.filter((p) => p.hostGroupId === h.id);
  const mapped = paths.find((p) => p.ldevId === c.ldevId);
  if (mapped !== undefined) return failed(NAME, { code: 'EX_CMDRJE', detail: `LDEV ${c.ldevId} is already mapped in ${hostGroupLabel(array, h)} at LUN ${mapped.lun}` });
  const lun = c.lun ?? nextFreeLun(array, h.id);
  if (lun === null) return failed(NAME, { code: 'EX_CMDRJE', detail: `${hostGroupLabel(array, h)} has no free LUN (0-${LUN_MAX})` });
  const taken = paths.find((p) => p.lun === lun);
  if (taken !== undefined) return failed(NAME, { code: 'EX_CMDRJE', detail: `LUN ${lun} of ${hostGroupLabel(array, h)} is already defined (LDEV ${taken.ldevId})` });
  const action: LunAction = { type: 'setLuPath', arrayId: array.id, portId: h.portId, hostGroupId: h.id, lun, ldevId: c.ldevId };
  return commit(ctx, t, action, c.lun === null ? `raidcom: LUN ${hex(lun)} will be used for adding.\n` : '');
}

async function deleteLun(c: Extract<LunCommand, { kind: 'deleteLun' }>, ctx: CciContext, t: Topology): Promise<CciOutput> {
  const hit = group(t, c.place);
  if (isFailure(hit)) return failed(NAME, hit);
  const { array, hostGroup: h } = hit;
  const path = array.luPaths.find((p) => p.hostGroupId === h.id && (c.lun !== null ? p.lun === c.lun : p.ldevId === c.ldevId));
  if (path === undefined) {
    const what = c.lun !== null ? `LUN ${c.lun}` : `an LU path to LDEV ${c.ldevId}`;
    return failed(NAME, { code: 'EX_ENOOBJ', detail: `${hostGroupLabel(array, h)} has no ${what}` });
  }
  const action: LunAction = { type: 'setLuPath', arrayId: array.id, portId: path.portId, hostGroupId: h.id, lun: path.lun };
  return commit(ctx, t, action, '');
}

// ---------------------------------------------------------------- reads

function serial(t: Topology, array: DiskArray): number {
  return serialOf(t, array.id) ?? FIRST_SERIAL;
}

function getHostGroups(place: LunPlace, t: Topology): CciOutput {
  const hit = resolvePort(t, place);
  if (isFailure(hit)) return failed(NAME, hit);
  return ok(formatHostGroups(hit.array, serial(t, hit.array), hit.portId));
}

function getOfGroup(kind: 'getHbaWwn' | 'getLun', place: LunPlace, t: Topology): CciOutput {
  const hit = group(t, place);
  if (isFailure(hit)) return failed(NAME, hit);
  const format = kind === 'getHbaWwn' ? formatHbaWwns : formatLuns;
  return ok(format(hit.array, serial(t, hit.array), hit.hostGroup.id));
}

/**
 * Runs one parsed LUN security command (`help` is answered by the caller). `ctx.topology` must
 * already be the current state (execute.ts passes a context that reads `currentTopology`).
 */
export async function runLunCommand(c: Exclude<LunCommand, { kind: 'help' }>, ctx: CciContext): Promise<CciOutput> {
  const t = ctx.topology;
  switch (c.kind) {
    case 'addHostGroup':
      return addHostGroup(c, ctx, t);
    case 'deleteHostGroup':
      return deleteHostGroup(c.place, ctx, t);
    case 'addLun':
      return addLun(c, ctx, t);
    case 'deleteLun':
      return deleteLun(c, ctx, t);
    case 'getHostGroup':
      return getHostGroups(c.place, t);
    case 'getHbaWwn':
    case 'getLun':
      return getOfGroup(c.kind, c.place, t);
  }
}
