/**
 * Designer and inspector edits as runtime actions, pure: `liveEditActions(before, after)` says
 * which timeline actions change a RUNNING emulation the way an edit changes the design, so that
 * while recording an edit can be applied to the run (and recorded) instead of reloading it.
 *
 * What has a runtime equivalent:
 * - a workload's fio settings on an existing server (`setWorkload` with only the fields that
 *   changed; the engine's rule is kept: setting rate_iops drops iodepth and the reverse);
 * - a switch's zoning database (`setZoning` with the whole new database);
 * - an array's LUN security: host groups created, deleted or moved to another port
 *   (`setHostGroup`), their WWPNs (`setHostGroupWwpn`), LU paths mapped, remapped or removed
 *   (`setLuPath`).
 * Moving devices (positions) is no change for the run: `[]`. Anything else — devices or cables
 * added or removed, renames, array hardware, a workload's target or start time, clearing a
 * field the engine cannot clear (size, runtime, zoning), a host group's name — is `null`: no
 * runtime equivalent, the design must change (and the run reload).
 *
 * Invariant: for a non-null result, applying the actions to `before` (live-topology.ts) gives
 * `after`'s runtime view; a non-empty design change never yields `[]` (a `[]` is committed,
 * and only a positions-only change leaves the run as it is).
 */
import type { Action } from '../../model/scenario.ts';
import type { Device, DeviceOf, DiskArray, HostGroup, LuPath, Topology, Workload } from '../../model/topology.ts';

/** Deep equality of JSON-like data; key order does not matter and a key set to undefined is absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameData(ra[k], rb[k])) return false;
  return true;
}

/** A copy of `obj` without `keys` (shallow). */
function without(obj: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const k of keys) delete out[k];
  return out;
}

/** Fields of each device kind that a running emulation can take; `position` is never the run's. */
const LIVE_FIELDS: Partial<Record<Device['kind'], readonly string[]>> = {
  server: ['workloads'],
  fcSwitch: ['zoning'],
  array: ['hostGroups', 'luPaths'],
};

// ---------------------------------------------------------------- workloads

type WorkloadChanges = Extract<Action, { type: 'setWorkload' }>['changes'];
type SettingKey = 'rw' | 'rwmixread' | 'bs' | 'size' | 'skew' | 'runtime';
const SETTING_KEYS: readonly SettingKey[] = ['rw', 'rwmixread', 'bs', 'size', 'skew', 'runtime'];
/** A workload's identity and where it points: not settings the engine can change. */
const WORKLOAD_FIXED: readonly (keyof Workload)[] = ['id', 'name', 'target', 'startAtS'];

/** A setting as the engine reads it (the schema's defaults filled in). */
function setting(w: Workload, key: SettingKey): unknown {
  if (key === 'rwmixread') return w.rwmixread ?? 70;
  if (key === 'bs') return w.bs ?? '4k';
  if (key === 'skew') return { kind: w.skew?.kind ?? 'uniform', theta: w.skew?.theta ?? 0.9 };
  return w[key];
}

/** The load (closed loop iodepth / open loop rate_iops) change, {} when the same; null when it cannot be set. */
function loadChange(a: Workload, b: Workload): Partial<WorkloadChanges> | null {
  if (b.rate_iops !== undefined) return a.rate_iops === b.rate_iops && a.iodepth === undefined ? {} : { rate_iops: b.rate_iops };
  if (b.iodepth !== undefined) return a.iodepth === b.iodepth && a.rate_iops === undefined ? {} : { iodepth: b.iodepth };
  // Neither: the engine cannot clear a load setting, only replace one by the other.
  return a.rate_iops === undefined && a.iodepth === undefined ? {} : null;
}

/** `setWorkload` for one workload, [] when unchanged, null when the change is not a setting. */
export function workloadActions(serverId: string, a: Workload, b: Workload): Action[] | null {
  if (a === b) return [];
  if (WORKLOAD_FIXED.some((k) => !sameData(a[k], b[k]))) return null;
  const changes: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const before = setting(a, key);
    const after = setting(b, key);
    if (sameData(before, after)) continue;
    if (after === undefined) return null; // size / runtime cleared: the engine keeps the old value
    changes[key] = after;
  }
  const load = loadChange(a, b);
  if (load === null) return null;
  Object.assign(changes, load);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'setWorkload', serverId, workloadId: b.id, changes: changes as WorkloadChanges }];
}

function serverActions(a: DeviceOf<'server'>, b: DeviceOf<'server'>): Action[] | null {
  const wa = a.workloads ?? [];
  const wb = b.workloads ?? [];
  if (wa.length !== wb.length || wa.some((w, i) => w.id !== wb[i].id)) return null;
  const out: Action[] = [];
  for (let i = 0; i < wa.length; i++) {
    const r = workloadActions(b.id, wa[i], wb[i]);
    if (r === null) return null;
    out.push(...r);
  }
  return out;
}

// ---------------------------------------------------------------- zoning

function switchActions(a: DeviceOf<'fcSwitch'>, b: DeviceOf<'fcSwitch'>): Action[] | null {
  if (sameData(a.zoning, b.zoning)) return [];
  // A switch without a database takes no part in choosing the fabric's principal: not settable at run time.
  if (b.zoning === undefined) return null;
  return [{ type: 'setZoning', switchId: b.id, zoning: b.zoning }];
}

// ---------------------------------------------------------------- LUN security

const luKey = (p: Pick<LuPath, 'portId' | 'hostGroupId' | 'lun'>) => `${p.portId}\u0000${p.hostGroupId}\u0000${p.lun}`;

/** Host-group actions in the order the engine needs: deletions, creations, then WWPN changes. */
function hostGroupActions(arrayId: string, before: readonly HostGroup[], after: readonly HostGroup[]): { actions: Action[]; dropped: Set<string> } | null {
  const was = new Map(before.map((g) => [g.id, g]));
  const now = new Map(after.map((g) => [g.id, g]));
  const dropped = new Set<string>();
  const deletes: Action[] = [];
  const creates: Action[] = [];
  const members: Action[] = [];
  for (const g of before) {
    const n = now.get(g.id);
    if (n === undefined || n.portId !== g.portId) {
      dropped.add(g.id);
      deletes.push({ type: 'setHostGroup', arrayId, hostGroupId: g.id, portId: g.portId, present: false });
    } else if (n.name !== g.name) return null; // a rename: the run has no names to change
  }
  for (const g of after) {
    const old = was.get(g.id);
    const fresh = old === undefined || dropped.has(g.id);
    if (fresh) creates.push({ type: 'setHostGroup', arrayId, hostGroupId: g.id, portId: g.portId, present: true });
    const had = new Set(fresh ? [] : old.wwpns);
    const has = new Set(g.wwpns);
    for (const w of had) if (!has.has(w)) members.push({ type: 'setHostGroupWwpn', arrayId, hostGroupId: g.id, wwpn: w, member: false });
    for (const w of has) if (!had.has(w)) members.push({ type: 'setHostGroupWwpn', arrayId, hostGroupId: g.id, wwpn: w, member: true });
  }
  return { actions: [...deletes, ...creates, ...members], dropped };
}

/** LU paths removed, then mapped or remapped; paths of deleted host groups went with them. */
function luPathActions(arrayId: string, before: readonly LuPath[], after: readonly LuPath[], dropped: ReadonlySet<string>): Action[] {
  const was = new Map(before.filter((p) => !dropped.has(p.hostGroupId)).map((p) => [luKey(p), p]));
  const now = new Map(after.map((p) => [luKey(p), p]));
  const out: Action[] = [];
  for (const [key, p] of was) {
    if (!now.has(key)) out.push({ type: 'setLuPath', arrayId, portId: p.portId, hostGroupId: p.hostGroupId, lun: p.lun });
  }
  for (const [key, p] of now) {
    if (was.get(key)?.ldevId !== p.ldevId) out.push({ type: 'setLuPath', arrayId, portId: p.portId, hostGroupId: p.hostGroupId, lun: p.lun, ldevId: p.ldevId });
  }
  return out;
}

function arrayActions(a: DiskArray, b: DiskArray): Action[] | null {
  const groups = hostGroupActions(b.id, a.hostGroups ?? [], b.hostGroups ?? []);
  if (groups === null) return null;
  return [...groups.actions, ...luPathActions(b.id, a.luPaths ?? [], b.luPaths ?? [], groups.dropped)];
}

// ---------------------------------------------------------------- the document

/** Actions for one device edited in place; null when something the run cannot change changed. */
function deviceActions(a: Device, b: Device): Action[] | null {
  if (a === b) return [];
  if (a.kind !== b.kind || a.id !== b.id) return null;
  const live = LIVE_FIELDS[b.kind] ?? [];
  if (!sameData(without(a, [...LAYOUT_FIELDS, ...live]), without(b, [...LAYOUT_FIELDS, ...live]))) return null;
  if (a.kind === 'server' && b.kind === 'server') return serverActions(a, b);
  if (a.kind === 'fcSwitch' && b.kind === 'fcSwitch') return switchActions(a, b);
  if (a.kind === 'array' && b.kind === 'array') return arrayActions(a, b);
  return [];
}

/** Device fields that only place it on the canvas (the run never reads them; the bridge does not reload for them). */
export const LAYOUT_FIELDS = ['position', 'pinned'] as const;

/** Whether the two documents differ at most in device positions and pins. */
export function onlyPositionsDiffer(before: Topology, after: Topology): boolean {
  if (before.devices.length !== after.devices.length) return false;
  if (!sameData(without(before, ['devices']), without(after, ['devices']))) return false;
  return before.devices.every((d, i) => d === after.devices[i] || sameData(without(d, [...LAYOUT_FIELDS]), without(after.devices[i], [...LAYOUT_FIELDS])));
}

/**
 * The runtime actions equivalent to changing the design from `before` to `after`, in the order
 * to apply them; `[]` when only positions (or pins) changed; null when the change has no runtime equivalent.
 */
export function liveEditActions(before: Topology, after: Topology): Action[] | null {
  if (before === after || onlyPositionsDiffer(before, after)) return [];
  if (before.devices.length !== after.devices.length) return null;
  if (!sameData(without(before, ['devices']), without(after, ['devices']))) return null;
  const out: Action[] = [];
  for (let i = 0; i < before.devices.length; i++) {
    const r = deviceActions(before.devices[i], after.devices[i]);
    if (r === null) return null;
    out.push(...r);
  }
  // A design change the run cannot see (a reordered list …) would still reload it if committed.
  return out.length === 0 ? null : out;
}
