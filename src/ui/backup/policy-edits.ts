/**
 * The backup policies editor's pure part: new policies with unique ids, the edits of
 * `topology.backup` (policies, free-volume pool, SAN manager server) — each a
 * `Topology → Topology` for `updateTopology`, so one undoable step — the choices the pickers
 * list, and the design-rule findings per field of a policy or free volume.
 *
 * Policies are addressed by index (a duplicated id is a design error the person must still be
 * able to fix). Switching a policy's path brings in the servers the path needs and drops the
 * ones it does not use, so a saved policy never names a server it ignores.
 */
import { ldevsInUse } from '../../model/design-rules-backup.ts';
import type { DesignIssue } from '../../model/design-issue.ts';
import type { BackupConfig, BackupPath, BackupPolicy, DiskArray, Server, Topology } from '../../model/topology.ts';

export interface Choice {
  value: string;
  label: string;
}

export const PATH_LABEL: Record<BackupPath, string> = {
  'server-less': 'Server-less (array → tape)',
  'lan-free': 'LAN-free (server → SAN → tape)',
  lan: 'LAN (server → LAN → backup server)',
};

export const WEEKDAY_LABEL = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const EMPTY_BACKUP: BackupConfig = { freeVolumes: [], policies: [] };

/** `topology.backup`, or an empty one for documents made before backups existed. */
export function backupOf(t: Topology): BackupConfig {
  return t.backup ?? EMPTY_BACKUP;
}

function withBackup(t: Topology, fn: (b: BackupConfig) => BackupConfig): Topology {
  return { ...t, backup: fn(backupOf(t)) };
}

function arrays(t: Topology): DiskArray[] {
  return t.devices.filter((d): d is DiskArray => d.kind === 'array');
}

function servers(t: Topology): Server[] {
  return t.devices.filter((d): d is Server => d.kind === 'server');
}

// ------------------------------------------------------------------ choices

/** Every LDEV, labelled `db-primary · Disk array 140 · 200 GiB`. */
export function ldevChoices(t: Topology): Choice[] {
  return arrays(t).flatMap((a) => a.ldevs.map((l) => ({ value: l.id, label: `${l.id} · ${a.name} · ${l.capacityGiB} GiB` })));
}

export function libraryChoices(t: Topology): Choice[] {
  return t.devices.flatMap((d) => (d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary' ? [{ value: d.id, label: `${d.name} (${d.kind === 'tapeLibrary' ? `${d.driveCount} × ${d.driveGeneration}` : `${d.driveCount} × DVD-RAM`})` }] : []));
}

export function serverChoices(t: Topology): Choice[] {
  return servers(t).map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }));
}

/** LDEVs that could join the free-volume pool: not in it, and not in use (copy groups, workloads, data sets). */
export function freeVolumeCandidates(t: Topology): Choice[] {
  const pool = new Set(backupOf(t).freeVolumes);
  const inUse = ldevsInUse(t);
  return ldevChoices(t).filter((c) => !pool.has(c.value) && !inUse.has(c.value));
}

// ------------------------------------------------------------------ policies

function nextPolicyId(t: Topology): string {
  const used = new Set(backupOf(t).policies.map((p) => p.id));
  let n = 1;
  while (used.has(`BP${n}`)) n++;
  return `BP${n}`;
}

/** The server a new LAN or LAN-free policy reads with: a database server, else the first server. */
function defaultServer(t: Topology): string | undefined {
  const all = servers(t);
  return (all.find((s) => s.roles.includes('database')) ?? all[0])?.id;
}

/** The backup server a new LAN policy writes with: one with the backup-server role, else another server. */
function defaultBackupServer(t: Topology, serverId: string | undefined): string | undefined {
  const all = servers(t);
  return (all.find((s) => s.roles.includes('backup-server')) ?? all.find((s) => s.id !== serverId) ?? all[0])?.id;
}

/**
 * A new daily server-less policy (01:00, 4 hours, kept 7 days) on the first LDEV no policy backs
 * up yet and the first library; `replica` when the pool holds a free volume, else `direct`.
 */
export function newPolicy(t: Topology): BackupPolicy {
  const b = backupOf(t);
  const covered = new Set(b.policies.map((p) => p.ldevId));
  const ldevs = ldevChoices(t).map((c) => c.value);
  return {
    id: nextPolicyId(t),
    tenant: 'Company A',
    ldevId: ldevs.find((id) => !covered.has(id) && !b.freeVolumes.includes(id)) ?? ldevs[0] ?? 'ldev-1',
    method: b.freeVolumes.length > 0 ? 'replica' : 'direct',
    frequency: 'daily',
    weekday: 0,
    windowStart: '01:00',
    windowHours: 4,
    libraryId: libraryChoices(t)[0]?.value ?? 'tape-1',
    path: 'server-less',
    retentionDays: 7,
  };
}

export function addPolicy(t: Topology): Topology {
  const policy = newPolicy(t);
  return withBackup(t, (b) => ({ ...b, policies: [...b.policies, policy] }));
}

export function removePolicy(t: Topology, index: number): Topology {
  return withBackup(t, (b) => ({ ...b, policies: b.policies.filter((_, i) => i !== index) }));
}

export function editPolicy(t: Topology, index: number, fn: (p: BackupPolicy) => BackupPolicy): Topology {
  return withBackup(t, (b) => ({ ...b, policies: b.policies.map((p, i) => (i === index ? fn(p) : p)) }));
}

/** Patch fields of policy `index`; a field patched to `undefined` is removed. */
export function patchPolicy(t: Topology, index: number, patch: Partial<BackupPolicy>): Topology {
  return editPolicy(t, index, (p) => {
    const next = { ...p, ...patch } as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    return next as BackupPolicy;
  });
}

/** Switch the path: `lan` needs both servers, `lan-free` the reading server, `server-less` none. */
export function setPolicyPath(t: Topology, index: number, path: BackupPath): Topology {
  return editPolicy(t, index, (p) => {
    const { serverId, backupServerId, ...rest } = p;
    const next: BackupPolicy = { ...rest, path };
    if (path !== 'server-less') {
      const reader = serverId ?? defaultServer(t);
      if (reader !== undefined) next.serverId = reader;
    }
    if (path === 'lan') {
      const writer = backupServerId ?? defaultBackupServer(t, next.serverId);
      if (writer !== undefined) next.backupServerId = writer;
    }
    return next;
  });
}

/** Policy ids other than the one at `index` (for the uniqueness check of a rename). */
export function otherPolicyIds(t: Topology, index: number): Set<string> {
  return new Set(backupOf(t).policies.filter((_, i) => i !== index).map((p) => p.id));
}

/** "daily 01:00–05:00", "Sundays 22:00–02:00 (+1 day)". */
export function windowLabel(p: Pick<BackupPolicy, 'frequency' | 'weekday' | 'windowStart' | 'windowHours'>): string {
  const [h, m] = p.windowStart.split(':').map(Number);
  const endMin = h * 60 + m + Math.round(p.windowHours * 60);
  const end = `${String(Math.floor(endMin / 60) % 24).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`;
  const when = p.frequency === 'daily' ? 'daily' : `${WEEKDAY_LABEL[p.weekday]}s`;
  return `${when} ${p.windowStart}–${end}${endMin >= 1440 ? ' (+1 day)' : ''}`;
}

// ------------------------------------------------------------------ free volumes and SAN manager

export function addFreeVolume(t: Topology, ldevId: string): Topology {
  return withBackup(t, (b) => (b.freeVolumes.includes(ldevId) ? b : { ...b, freeVolumes: [...b.freeVolumes, ldevId] }));
}

export function removeFreeVolume(t: Topology, index: number): Topology {
  return withBackup(t, (b) => ({ ...b, freeVolumes: b.freeVolumes.filter((_, i) => i !== index) }));
}

/** Set (or clear, with undefined) the server that runs the SAN manager. */
export function setManagerServer(t: Topology, serverId: string | undefined): Topology {
  return withBackup(t, (b) => {
    const { managerServerId: _, ...rest } = b;
    return serverId === undefined ? rest : { ...rest, managerServerId: serverId };
  });
}

// ------------------------------------------------------------------ findings

/**
 * The design-rule findings under `prefix` (e.g. `backup.policies[2]`), keyed by the field after
 * it (`ldevId`, `windowStart`, `` for the object itself); several on one field are joined.
 */
export function findingsUnder(issues: readonly DesignIssue[], prefix: string): Map<string, { severity: DesignIssue['severity']; message: string }> {
  const out = new Map<string, { severity: DesignIssue['severity']; message: string }>();
  for (const issue of issues) {
    if (issue.field !== prefix && !issue.field.startsWith(`${prefix}.`)) continue;
    const key = issue.field.slice(prefix.length + 1);
    const prev = out.get(key);
    out.set(key, prev ? { severity: prev.severity === 'error' ? 'error' : issue.severity, message: `${prev.message}; ${issue.message}` } : { severity: issue.severity, message: issue.message });
  }
  return out;
}
