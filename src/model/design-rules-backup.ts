/**
 * Design rules for tape and optical libraries and for the SAN manager's backup configuration
 * (`topology.backup`): what would make the emulator refuse the document, or a backup fail or
 * queue later, reported on the field at fault before a run.
 *
 * Libraries — errors (the engine's compiler refuses them too): a barcode whose media ID is
 * unknown or not modelled, media the library's drives cannot use (DVD-RAM only in a DVD
 * library, LTO only in a tape library, an LTO generation the drives cannot even read), a barcode
 * twice in one library, two cartridges in one slot, a slot above `slotCount`, more cartridges
 * than slots. Warnings: a library without an FC port (nothing can reach it), a library a policy
 * uses whose FC ports are not cabled, a cartridge the drives read but cannot write (restores
 * only), a scratch WORM cartridge (never picked for a backup).
 *
 * Policies — errors: a duplicate policy id, an unknown LDEV, a library that is not a tape or
 * DVD library, a server or backup server that is not a server, a path without the servers it
 * needs (`lan`: both, joined by a LAN; `lan-free`: the server), a `replica` policy with no free
 * volume at least as large as the data set on its array. Warning: more policies' windows open
 * at once on a library than it has drives (jobs will queue for a drive).
 *
 * Free volumes — error: an unknown LDEV. Warnings: listed twice, or in use (a copy group's
 * volume, the LU of a server workload, a policy's data set): a replica copy would overwrite it.
 *
 * Does not handle: whether the servers reach the volumes or the library over FC and zoning
 * (the engine's compiler), run-time drive allocation (engine/tape/drive-allocator.ts).
 */
import type { IssueList } from './design-issue.ts';
import { driveCanRead, driveCanWrite, mediaName, mediaOfLabel } from './media-ids.ts';
import type { BackupPolicy, DeviceOf, DiskArray, Ldev, Server, Topology } from './topology.ts';

type Library = DeviceOf<'tapeLibrary'> | DeviceOf<'dvdLibrary'>;

interface LdevHome {
  ldev: Ldev;
  array: DiskArray;
}

function ldevHomes(t: Topology): Map<string, LdevHome> {
  const homes = new Map<string, LdevHome>();
  for (const d of t.devices) if (d.kind === 'array') for (const ldev of d.ldevs) if (!homes.has(ldev.id)) homes.set(ldev.id, { ldev, array: d });
  return homes;
}

function isLibrary(d: { kind: string } | undefined): d is Library {
  return d !== undefined && (d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary');
}

// ---------------------------------------------------------------- libraries

/** The media problem of one cartridge in `lib`, as [severity, message], or null. */
function mediaProblem(lib: Library, barcode: string, scratch: boolean): ['error' | 'warning', string] | null {
  const found = mediaOfLabel(barcode);
  if (!found.ok) return ['error', found.reason];
  const media = found.media;
  if (lib.kind === 'dvdLibrary') return media.kind === 'dvd-ram' ? null : ['error', `${mediaName(media)} media in a DVD-RAM library (DVD-RAM discs are D1)`];
  if (media.kind === 'dvd-ram') return ['error', `DVD-RAM media in a tape library (its drives are ${lib.driveGeneration})`];
  if (!driveCanRead(lib.driveGeneration, media.generation)) return ['error', `${lib.driveGeneration} drives can neither write nor read ${mediaName(media)} media`];
  if (!driveCanWrite(lib.driveGeneration, media.generation)) {
    return ['warning', `${lib.driveGeneration} drives read but cannot write ${mediaName(media)} media: restores only${scratch ? ', it is never picked for a backup' : ''}`];
  }
  // The backup manager writes only rewritable media (engine/tape/libraries.ts `writable`).
  if (media.worm && scratch) return ['warning', `WORM media is never picked as a scratch cartridge for a backup`];
  return null;
}

function checkCartridges(lib: Library, at: string, issues: IssueList): void {
  const refs = { deviceId: lib.id };
  const barcodes = new Set<string>();
  const slots = new Map<number, string>();
  lib.cartridges.forEach((c, j) => {
    const cat = `${at}.cartridges[${j}]`;
    if (barcodes.has(c.barcode)) issues.error(`${cat}.barcode`, `${lib.id}: barcode ${c.barcode} is in the library twice`, refs);
    barcodes.add(c.barcode);
    const problem = mediaProblem(lib, c.barcode, c.scratch);
    if (problem) issues[problem[0]](`${cat}.barcode`, `${lib.id}: cartridge ${c.barcode}: ${problem[1]}`, refs);
    if (c.slot > lib.slotCount) issues.error(`${cat}.slot`, `${lib.id}: cartridge ${c.barcode} is in slot ${c.slot}, but the library has ${lib.slotCount} slots`, refs);
    const other = slots.get(c.slot);
    if (other !== undefined) issues.error(`${cat}.slot`, `${lib.id}: cartridge ${c.barcode} is in slot ${c.slot}, which already holds ${other}`, refs);
    else slots.set(c.slot, c.barcode);
  });
  if (lib.cartridges.length > lib.slotCount) {
    issues.error(`${at}.cartridges`, `${lib.id}: ${lib.cartridges.length} cartridges do not fit in ${lib.slotCount} slots`, refs);
  }
}

function checkLibraryPorts(t: Topology, lib: Library, at: string, used: boolean, issues: IssueList): void {
  const fc = lib.ports.filter((p) => p.kind === 'fc');
  if (fc.length === 0) {
    issues.warning(`${at}.ports`, `${lib.id} has no FC port: no server and no array can reach its drives`, { deviceId: lib.id });
    return;
  }
  if (!used) return;
  const cabled = t.links.some((l) => fc.some((p) => (l.a.deviceId === lib.id && l.a.portId === p.id) || (l.b.deviceId === lib.id && l.b.portId === p.id)));
  if (!cabled) issues.warning(`${at}.ports`, `${lib.id} is used by a backup policy but none of its FC ports is cabled`, { deviceId: lib.id });
}

// ---------------------------------------------------------------- LAN reachability

/**
 * Servers joined to `serverId` by LAN cables, through LAN segments (which join every cable on
 * them). Servers, clients and consoles do not forward.
 */
function lanPeers(t: Topology, serverId: string): Set<string> {
  const kindOf = new Map(t.devices.map((d) => [d.id, d.kind] as const));
  const lanPort = new Set(t.devices.flatMap((d) => d.ports.filter((p) => p.kind === 'lan').map((p) => `${d.id}/${p.id}`)));
  const adjacent = new Map<string, string[]>();
  for (const l of t.links) {
    if (!lanPort.has(`${l.a.deviceId}/${l.a.portId}`) || !lanPort.has(`${l.b.deviceId}/${l.b.portId}`)) continue;
    adjacent.set(l.a.deviceId, [...(adjacent.get(l.a.deviceId) ?? []), l.b.deviceId]);
    adjacent.set(l.b.deviceId, [...(adjacent.get(l.b.deviceId) ?? []), l.a.deviceId]);
  }
  const seen = new Set([serverId]);
  const queue = [serverId];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (id !== serverId && kindOf.get(id) !== 'lanSegment') continue;
    for (const next of adjacent.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return new Set([...seen].filter((id) => id !== serverId && kindOf.get(id) === 'server'));
}

// ---------------------------------------------------------------- policies

interface PolicyContext {
  t: Topology;
  homes: Map<string, LdevHome>;
  servers: Map<string, Server>;
  issues: IssueList;
}

function checkServerRef(ctx: PolicyContext, p: BackupPolicy, at: string, field: 'serverId' | 'backupServerId'): Server | undefined {
  const id = p[field];
  if (id === undefined) return undefined;
  const server = ctx.servers.get(id);
  if (!server) ctx.issues.error(`${at}.${field}`, `policy ${p.id}: "${id}" is not a server`);
  return server;
}

function checkPath(ctx: PolicyContext, p: BackupPolicy, at: string): void {
  const server = checkServerRef(ctx, p, at, 'serverId');
  const backupServer = checkServerRef(ctx, p, at, 'backupServerId');
  if (p.path === 'lan-free' && p.serverId === undefined) ctx.issues.error(`${at}.serverId`, `policy ${p.id}: a LAN-free backup needs the server that reads the volume and writes the tape over the SAN`);
  if (p.path !== 'lan') return;
  if (p.serverId === undefined) ctx.issues.error(`${at}.serverId`, `policy ${p.id}: a LAN backup needs the server that reads the volume and sends it over the LAN`);
  if (p.backupServerId === undefined) ctx.issues.error(`${at}.backupServerId`, `policy ${p.id}: a LAN backup needs the backup server that writes the tape`);
  if (server && backupServer && server.id !== backupServer.id && !lanPeers(ctx.t, server.id).has(backupServer.id)) {
    ctx.issues.error(`${at}.backupServerId`, `policy ${p.id}: no LAN connects ${server.id} to the backup server ${backupServer.id}`);
  }
}

function checkReplica(ctx: PolicyContext, p: BackupPolicy, at: string, home: LdevHome): void {
  const free = (ctx.t.backup?.freeVolumes ?? []).flatMap((id) => (id === p.ldevId ? [] : [ctx.homes.get(id)].filter((h): h is LdevHome => h !== undefined)));
  const large = free.filter((h) => h.ldev.capacityGiB >= home.ldev.capacityGiB);
  if (large.some((h) => h.array.id === home.array.id)) return;
  const elsewhere = large.length > 0 ? ` (${large.map((h) => h.ldev.id).join(', ')} ${large.length === 1 ? 'is' : 'are'} on another array; a replica is an array-internal copy)` : '';
  ctx.issues.error(`${at}.method`, `policy ${p.id}: a replica backup needs a free volume of at least ${home.ldev.capacityGiB} GiB on ${home.array.id}, the array of "${p.ldevId}"; the free-volume pool has none${elsewhere}`);
}

function checkPolicy(ctx: PolicyContext, p: BackupPolicy, at: string): void {
  const home = ctx.homes.get(p.ldevId);
  if (!home) ctx.issues.error(`${at}.ldevId`, `policy ${p.id}: no LDEV "${p.ldevId}"`);
  const lib = ctx.t.devices.find((d) => d.id === p.libraryId);
  if (!isLibrary(lib)) ctx.issues.error(`${at}.libraryId`, `policy ${p.id}: "${p.libraryId}" is not a tape or DVD-RAM library`);
  checkPath(ctx, p, at);
  if (home && p.method === 'replica') checkReplica(ctx, p, at, home);
}

// ---------------------------------------------------------------- window overlaps

const MIN_PER_DAY = 1440;
const MIN_PER_WEEK = 7 * MIN_PER_DAY;
const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Minutes of the week at which the policy's windows open (daily: seven, weekly: one). */
export function windowStartsMin(p: Pick<BackupPolicy, 'frequency' | 'weekday' | 'windowStart'>): number[] {
  const [h, m] = p.windowStart.split(':').map(Number);
  const start = h * 60 + m;
  return p.frequency === 'daily' ? [0, 1, 2, 3, 4, 5, 6].map((d) => d * MIN_PER_DAY + start) : [p.weekday * MIN_PER_DAY + start];
}

/** Whether minute-of-week `t` falls in a window of `p` (windows wrap round the week). */
function isOpenAt(p: BackupPolicy, t: number): boolean {
  const length = p.windowHours * 60;
  return windowStartsMin(p).some((s) => (((t - s) % MIN_PER_WEEK) + MIN_PER_WEEK) % MIN_PER_WEEK < length);
}

function clockOf(t: number): string {
  const day = Math.floor(t / MIN_PER_DAY) % 7;
  const min = t % MIN_PER_DAY;
  return `${WEEKDAY[day]} ${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/**
 * More windows open at once on a library than it has drives: one warning per policy whose window
 * opens at such a moment. The largest overlap is always reached when some window opens, so only
 * window starts are examined.
 */
function checkWindowOverlaps(t: Topology, policies: readonly BackupPolicy[], issues: IssueList): void {
  const byLibrary = new Map<string, number[]>();
  policies.forEach((p, k) => byLibrary.set(p.libraryId, [...(byLibrary.get(p.libraryId) ?? []), k]));
  for (const [libraryId, indexes] of byLibrary) {
    const lib = t.devices.find((d) => d.id === libraryId);
    if (!isLibrary(lib) || indexes.length <= lib.driveCount) continue;
    for (const k of indexes) {
      for (const start of windowStartsMin(policies[k])) {
        const open = indexes.filter((q) => isOpenAt(policies[q], start));
        if (open.length <= lib.driveCount) continue;
        const ids = open.map((q) => policies[q].id).join(', ');
        issues.warning(`backup.policies[${k}].windowStart`, `policy ${policies[k].id}: at ${clockOf(start)} the windows of ${open.length} policies (${ids}) are open on ${lib.id}, which has ${lib.driveCount} drive${lib.driveCount === 1 ? '' : 's'}: some jobs will wait for a drive`);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- free volumes

/** LDEV ids the LUs of server workloads resolve to (through the host groups of the server's WWPNs). */
function workloadLdevs(t: Topology): Set<string> {
  const out = new Set<string>();
  for (const s of t.devices) {
    if (s.kind !== 'server') continue;
    const wwpns = new Set(s.ports.flatMap((p) => (p.wwpn ? [p.wwpn] : [])));
    for (const w of s.workloads) {
      const a = t.devices.find((d): d is DiskArray => d.id === w.target.arrayId && d.kind === 'array');
      if (!a) continue;
      const mine = new Set(a.hostGroups.filter((hg) => hg.wwpns.some((x) => wwpns.has(x))).map((hg) => hg.id));
      for (const lp of a.luPaths) if (lp.portId === w.target.portId && lp.lun === w.target.lun && mine.has(lp.hostGroupId)) out.add(lp.ldevId);
    }
  }
  return out;
}

/**
 * LDEVs in use, each with what uses it (`a volume of copy group pair DB/db`, `the LU of a server
 * workload`, `the data set of policy P1`): a replica copied onto one would overwrite its data.
 */
export function ldevsInUse(t: Topology): Map<string, string> {
  const use = new Map<string, string>();
  for (const g of t.copyGroups ?? []) for (const d of g.devices) for (const id of [d.pvol, d.svol]) if (id !== undefined && !use.has(id)) use.set(id, `a volume of copy group pair ${g.id}/${d.name}`);
  for (const id of workloadLdevs(t)) if (!use.has(id)) use.set(id, 'the LU of a server workload');
  for (const p of t.backup?.policies ?? []) if (!use.has(p.ldevId)) use.set(p.ldevId, `the data set of policy ${p.id}`);
  return use;
}

function checkFreeVolumes(t: Topology, homes: Map<string, LdevHome>, issues: IssueList): void {
  const inUse = ldevsInUse(t);
  const seen = new Set<string>();
  (t.backup?.freeVolumes ?? []).forEach((id, k) => {
    const at = `backup.freeVolumes[${k}]`;
    if (seen.has(id)) issues.warning(at, `free volume "${id}" is listed twice`);
    seen.add(id);
    if (!homes.has(id)) {
      issues.error(at, `free volume "${id}": no such LDEV`);
      return;
    }
    const use = inUse.get(id);
    if (use) issues.warning(at, `free volume "${id}" is ${use}: a replica copied onto it would overwrite its data`);
  });
}

// ---------------------------------------------------------------- entry point

export function checkBackup(t: Topology, issues: IssueList): void {
  const policies = t.backup?.policies ?? [];
  const usedLibraries = new Set(policies.map((p) => p.libraryId));
  t.devices.forEach((d, i) => {
    if (!isLibrary(d)) return;
    checkCartridges(d, `devices[${i}]`, issues);
    checkLibraryPorts(t, d, `devices[${i}]`, usedLibraries.has(d.id), issues);
  });
  const homes = ldevHomes(t);
  const servers = new Map<string, Server>();
  for (const d of t.devices) if (d.kind === 'server' && !servers.has(d.id)) servers.set(d.id, d);
  const manager = t.backup?.managerServerId;
  if (manager !== undefined && !servers.has(manager)) issues.error('backup.managerServerId', `the SAN manager's server "${manager}" is not a server`);
  const ctx: PolicyContext = { t, homes, servers, issues };
  const ids = new Set<string>();
  policies.forEach((p, k) => {
    const at = `backup.policies[${k}]`;
    if (ids.has(p.id)) issues.error(`${at}.id`, `duplicate policy id "${p.id}"`);
    ids.add(p.id);
    checkPolicy(ctx, p, at);
  });
  checkWindowOverlaps(t, policies, issues);
  checkFreeVolumes(t, homes, issues);
}
