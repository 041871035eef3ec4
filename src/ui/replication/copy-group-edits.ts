/**
 * The copy groups editor's pure part: new groups and devices with unique names, the edits
 * (each a `Topology → Topology` for `updateTopology`, so one undoable step), the LDEV / server /
 * pool choices the pickers list, and the cross-field checks whose messages show under the
 * fields (the same rules the engine's compiler enforces, said before a run fails).
 *
 * Remote kinds (remote-sync, remote-async): their S-VOL choices are LDEVs in another site, and
 * their journal / library / WAN choices and checks live in `remote-group-edits.ts` (the checks
 * are the model's `design-rules-remote.ts`, so the editor and the rules panel say the same).
 */
import type { CopyGroup, CopyGroupDevice, CopyGroupKind, DiskArray, Topology } from '../../model/topology.ts';
import { formatGiB } from './pair-style.ts';
import { isRemote, journalChoices, otherSiteLdevIds, pvolArray, remoteIssues, type RemoteGroupIssues } from './remote-group-edits.ts';

export const KIND_LABEL: Record<CopyGroupKind, string> = {
  local: 'Local (ShadowImage)',
  'host-mirror': 'Host mirror',
  snapshot: 'Snapshot (Thin Image)',
  'remote-sync': 'Remote sync (TrueCopy)',
  'remote-async': 'Remote async (Universal Replicator)',
};

function arrays(t: Topology): DiskArray[] {
  return t.devices.filter((d): d is DiskArray => d.kind === 'array');
}

function nextName(used: readonly string[], prefix: string): string {
  let n = 1;
  const set = new Set(used);
  while (set.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

// ------------------------------------------------------------------ choices

export interface Choice {
  value: string;
  label: string;
}

/** Every LDEV, labelled `db-primary · Disk array 140 · 200 GiB`, grouped by array in document order. */
export function ldevChoices(t: Topology): Choice[] {
  return arrays(t).flatMap((a) => a.ldevs.map((l) => ({ value: l.id, label: `${l.id} · ${a.name} · ${formatGiB(l.capacityGiB)}` })));
}

/** The S-VOL choices of a device: every LDEV, or for a remote kind the LDEVs on arrays in another site than the P-VOL's. */
export function svolChoices(t: Topology, kind: CopyGroupKind, pvol: string): Choice[] {
  if (!isRemote(kind)) return ldevChoices(t);
  const allowed = otherSiteLdevIds(t, pvol);
  return ldevChoices(t).filter((c) => allowed.has(c.value));
}

export function serverChoices(t: Topology): Choice[] {
  return t.devices.filter((d) => d.kind === 'server').map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }));
}

/** Pool ids of every array (a snapshot group names a pool id; it must be on its P-VOLs' array). */
export function poolChoices(t: Topology): Choice[] {
  return arrays(t).flatMap((a) => (a.pools ?? []).map((p) => ({ value: p.id, label: `${p.id} · ${p.name} · ${a.name}` })));
}

// ------------------------------------------------------------------ edits

/** A new group of `kind` with one device on the first free LDEVs (ids unique in the document). */
export function newCopyGroup(t: Topology, kind: CopyGroupKind = 'local'): CopyGroup {
  const id = nextName((t.copyGroups ?? []).map((g) => g.id), 'CG');
  const ldevs = arrays(t).flatMap((a) => a.ldevs.map((l) => l.id));
  const device: CopyGroupDevice = { name: 'dev1', pvol: ldevs[0] ?? 'ldev-1', mu: 0 };
  if (kind !== 'snapshot' && ldevs[1]) device.svol = ldevs[1];
  const group: CopyGroup = { id, kind, recordPositions: true, devices: [device] };
  return withKindFields(group, kind, t);
}

/** Fields that belong to one kind only; `withKindFields` drops those the new kind does not use. */
const KIND_ONLY_FIELDS = ['serverId', 'poolId', 'fence', 'consistencyGroup', 'masterJournal', 'restoreJournal', 'wanLinkId', 'targetLibraryId'] as const;

function kindUses(kind: CopyGroupKind, field: (typeof KIND_ONLY_FIELDS)[number]): boolean {
  if (field === 'serverId') return kind === 'host-mirror';
  if (field === 'poolId') return kind === 'snapshot';
  if (field === 'fence') return kind === 'remote-sync';
  if (field === 'wanLinkId') return isRemote(kind);
  return kind === 'remote-async';
}

/** The fields a kind needs (server, pool, fence, journals), the others dropped. */
function withKindFields(g: CopyGroup, kind: CopyGroupKind, t: Topology): CopyGroup {
  const next: CopyGroup = { ...g, kind };
  for (const f of KIND_ONLY_FIELDS) if (!kindUses(kind, f)) delete next[f];
  if (kind === 'host-mirror') next.serverId ??= serverChoices(t)[0]?.value;
  if (kind === 'snapshot') next.poolId ??= poolChoices(t)[0]?.value;
  if (kind === 'remote-sync') next.fence ??= 'never';
  if (isRemote(kind) && !isRemote(g.kind)) next.devices = remoteSvols(t, next);
  if (kind === 'remote-async') {
    next.consistencyGroup ??= 0;
    next.masterJournal ??= Number(journalChoices(t, pvolArray(t, g)?.id)[0]?.value ?? 0);
    next.restoreJournal ??= Number(journalChoices(t, svolArrayOf(t, next)?.id)[0]?.value ?? 0);
  }
  if (next.serverId === undefined) delete next.serverId;
  if (next.poolId === undefined) delete next.poolId;
  return next;
}

/** The array of the group's first S-VOL. */
function svolArrayOf(t: Topology, g: CopyGroup): DiskArray | undefined {
  const svol = g.devices.find((d) => d.svol !== undefined)?.svol;
  return arrays(t).find((a) => a.ldevs.some((l) => l.id === svol));
}

/** Devices whose S-VOL is missing or in the P-VOL's site get the next free LDEV in another site (if there is one). */
function remoteSvols(t: Topology, g: CopyGroup): CopyGroupDevice[] {
  const used = new Set((t.copyGroups ?? []).filter((x) => x.id !== g.id).flatMap((x) => x.devices.flatMap((d) => [d.pvol, d.svol ?? ''])));
  for (const d of g.devices) used.add(d.pvol);
  return g.devices.map((d) => {
    const allowed = otherSiteLdevIds(t, d.pvol);
    if (d.svol !== undefined && allowed.has(d.svol)) {
      used.add(d.svol);
      return d;
    }
    const pick = [...allowed].find((id) => !used.has(id));
    if (pick === undefined) return d;
    used.add(pick);
    return { ...d, svol: pick };
  });
}

export function addCopyGroup(t: Topology): Topology {
  return { ...t, copyGroups: [...(t.copyGroups ?? []), newCopyGroup(t)] };
}

export function removeCopyGroup(t: Topology, groupId: string): Topology {
  return { ...t, copyGroups: (t.copyGroups ?? []).filter((g) => g.id !== groupId) };
}

export function editCopyGroup(t: Topology, groupId: string, fn: (g: CopyGroup) => CopyGroup): Topology {
  return { ...t, copyGroups: (t.copyGroups ?? []).map((g) => (g.id === groupId ? fn(g) : g)) };
}

export function setGroupKind(t: Topology, groupId: string, kind: CopyGroupKind): Topology {
  return editCopyGroup(t, groupId, (g) => withKindFields(g, kind, t));
}

/** A new device after the group's last one: next `devN` name, the next LDEVs after the last pair's. */
export function newDevice(t: Topology, g: CopyGroup): CopyGroupDevice {
  const name = nextName(g.devices.map((d) => d.name), 'dev');
  const ids = arrays(t).flatMap((a) => a.ldevs.map((l) => l.id));
  const used = new Set((t.copyGroups ?? []).flatMap((x) => x.devices.flatMap((d) => [d.pvol, d.svol ?? ''])));
  const free = ids.filter((id) => !used.has(id));
  const last = g.devices[g.devices.length - 1];
  if (g.kind === 'snapshot') return { name, pvol: last?.pvol ?? ids[0] ?? 'ldev-1', mu: (last?.mu ?? -1) + 1 };
  if (isRemote(g.kind)) return newRemoteDevice(t, g, name, free);
  return { name, pvol: free[0] ?? ids[0] ?? 'ldev-1', svol: free[1] ?? ids[1], mu: 0 };
}

/** A remote device: the next free LDEV on the last P-VOL's array, the next free one in another site as S-VOL. */
function newRemoteDevice(t: Topology, g: CopyGroup, name: string, free: string[]): CopyGroupDevice {
  const home = pvolArray(t, g);
  const onHome = new Set(home?.ldevs.map((l) => l.id) ?? []);
  const pvol = free.find((id) => onHome.has(id)) ?? free[0] ?? g.devices[0]?.pvol ?? 'ldev-1';
  const remote = otherSiteLdevIds(t, pvol);
  const svol = free.find((id) => id !== pvol && remote.has(id));
  const device: CopyGroupDevice = { name, pvol, mu: 0 };
  if (svol !== undefined) device.svol = svol;
  return device;
}

export function addDevice(t: Topology, groupId: string): Topology {
  return editCopyGroup(t, groupId, (g) => ({ ...g, devices: [...g.devices, newDevice(t, g)] }));
}

/** Remove device `index`; the last device removes nothing (a group holds at least one). */
export function removeDevice(t: Topology, groupId: string, index: number): Topology {
  return editCopyGroup(t, groupId, (g) => (g.devices.length <= 1 ? g : { ...g, devices: g.devices.filter((_, i) => i !== index) }));
}

export function editDevice(t: Topology, groupId: string, index: number, patch: Partial<CopyGroupDevice>): Topology {
  return editCopyGroup(t, groupId, (g) => ({
    ...g,
    devices: g.devices.map((d, i) => {
      if (i !== index) return d;
      const next = { ...d, ...patch };
      if ('svol' in patch && patch.svol === undefined) delete next.svol;
      return next;
    }),
  }));
}

// ------------------------------------------------------------------ checks

/** Messages per field of one device (`pvol`, `svol`, `name`, `mu`). */
export type DeviceIssues = Partial<Record<'pvol' | 'svol' | 'name' | 'mu', string>>;

export interface GroupIssues {
  group: Partial<Record<'id' | 'serverId' | 'poolId', string>> & RemoteGroupIssues;
  devices: DeviceIssues[];
  /** Remote kinds only: warnings of the remote rules (e.g. a WAN link slower than the writes). */
  warnings?: string[];
}

interface LdevInfo {
  arrayId: string;
  arrayName: string;
  capacityGiB: number;
  pools: string[];
}

function ldevIndex(t: Topology): Map<string, LdevInfo> {
  const out = new Map<string, LdevInfo>();
  for (const a of arrays(t)) {
    for (const l of a.ldevs) out.set(l.id, { arrayId: a.id, arrayName: a.name, capacityGiB: l.capacityGiB, pools: (a.pools ?? []).map((p) => p.id) });
  }
  return out;
}

function svolIssue(g: CopyGroup, d: CopyGroupDevice, ldevs: Map<string, LdevInfo>, svolOwners: Map<string, string[]>): string | undefined {
  if (d.svol === undefined) return g.kind === 'snapshot' || g.kind === 'remote-async' ? undefined : `a ${g.kind} pair needs an S-VOL`;
  const p = ldevs.get(d.pvol);
  const s = ldevs.get(d.svol);
  if (!s) return `no LDEV "${d.svol}"`;
  if (d.svol === d.pvol) return 'the S-VOL cannot be the P-VOL';
  if ((g.kind === 'local' || g.kind === 'snapshot') && p && p.arrayId !== s.arrayId) return `must be on the P-VOL's array (${p.arrayName}); "${d.svol}" is on ${s.arrayName}`;
  const owners = svolOwners.get(d.svol) ?? [];
  if (owners.length > 1) return `"${d.svol}" is the S-VOL of ${owners.join(' and ')}`;
  if (p && s.capacityGiB < p.capacityGiB) return `smaller than the P-VOL (${formatGiB(s.capacityGiB)} < ${formatGiB(p.capacityGiB)}): paircreate will be rejected`;
  return undefined;
}

function deviceIssues(g: CopyGroup, d: CopyGroupDevice, ldevs: Map<string, LdevInfo>, svolOwners: Map<string, string[]>): DeviceIssues {
  const issues: DeviceIssues = {};
  const p = ldevs.get(d.pvol);
  if (!p) issues.pvol = `no LDEV "${d.pvol}"`;
  else if (g.kind === 'snapshot' && g.poolId !== undefined && !p.pools.includes(g.poolId)) issues.pvol = `the pool "${g.poolId}" is not on ${p.arrayName}`;
  const svol = svolIssue(g, d, ldevs, svolOwners);
  if (svol) issues.svol = svol;
  if (g.devices.filter((x) => x.name === d.name).length > 1) issues.name = `"${d.name}" is in the group twice`;
  return issues;
}

/** Every S-VOL LDEV id → the pair keys that use it (a volume may be the S-VOL of one pair only). */
function svolOwnersOf(t: Topology): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const g of t.copyGroups ?? []) {
    for (const d of g.devices) if (d.svol !== undefined) owners.set(d.svol, [...(owners.get(d.svol) ?? []), `${g.id}/${d.name}`]);
  }
  return owners;
}

export function groupIssues(t: Topology, g: CopyGroup): GroupIssues {
  const ldevs = ldevIndex(t);
  const owners = svolOwnersOf(t);
  const group: GroupIssues['group'] = {};
  if ((t.copyGroups ?? []).filter((x) => x.id === g.id).length > 1) group.id = `copy group "${g.id}" is defined twice`;
  if (g.kind === 'host-mirror' && (!g.serverId || !t.devices.some((d) => d.id === g.serverId && d.kind === 'server'))) {
    group.serverId = g.serverId ? `no server "${g.serverId}"` : 'a host-mirror group needs the server running the mirror';
  }
  if (g.kind === 'snapshot' && (!g.poolId || !poolChoices(t).some((p) => p.value === g.poolId))) {
    group.poolId = g.poolId ? `no snapshot pool "${g.poolId}"` : 'a snapshot group needs a pool (add one to the array in its inspector)';
  }
  const devices = g.devices.map((d) => deviceIssues(g, d, ldevs, owners));
  if (!isRemote(g.kind)) return { group, devices };
  const remote = remoteIssues(t, g);
  // A site or route problem says more than a size one: it replaces it under the S-VOL field.
  remote.devices.forEach((msg, i) => {
    if (msg !== undefined && devices[i]) devices[i].svol = msg;
  });
  return { group: { ...group, ...remote.group }, devices, warnings: remote.warnings };
}

/** Group ids other than `except` (for the uniqueness check of a rename). */
export function otherGroupIds(t: Topology, except: string): Set<string> {
  return new Set((t.copyGroups ?? []).map((g) => g.id).filter((id) => id !== except));
}
