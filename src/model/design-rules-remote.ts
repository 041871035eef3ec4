/**
 * Design rules for remote copy groups (`remote-sync`, TrueCopy; `remote-async`, Universal
 * Replicator): what would stop the emulator from copying a group across sites, said on the
 * group's field before a run. Called by `design-rules-replication.ts` for each remote group, and
 * by the copy groups editor (which shows the messages under its fields).
 *
 * Errors: P-VOL and S-VOL arrays in one site, or with different track sizes; no WAN link joining the P-VOLs' array to the
 * S-VOLs' array (or to the target library), or a named `wanLinkId` that is not a WAN link or does
 * not join them; async: the master journal missing on a P-VOLs' array, the restore journal
 * missing on an S-VOLs' array, a device without S-VOL and no `targetLibraryId`, a target that is
 * not a tape / DVD library or sits in the P-VOLs' site.
 * Warnings: several WAN links join the two arrays and none is named (the engine takes the first
 * by id); a library outside the
 * S-VOLs' site; `targetLibraryId` on a sync group (ignored); a WAN link slower than the write rate
 * of the workloads on the group's P-VOLs (open-loop `rate_iops` workloads only: a closed-loop
 * workload's rate is not known before a run).
 *
 * Does not handle: the checks every pair kind shares (unknown LDEVs, S-VOL used twice, sizes),
 * which `design-rules-replication.ts` owns; journal sizing against an outage (a run answers that).
 */
import type { IssueList } from './design-issue.ts';
import type { CopyGroup, Device, DiskArray, Ldev, Topology, WanLink, Workload } from './topology.ts';
import { parseSizeBytes } from './units.ts';
import { joins, wanLinksJoining, wanReaches, type WanReach } from './wan-routes.ts';

export interface LdevHome {
  ldev: Ldev;
  array: DiskArray;
}

/** LDEV id → its LDEV and array (first occurrence of a duplicated id). */
export function ldevHomes(t: Topology): Map<string, LdevHome> {
  const homes = new Map<string, LdevHome>();
  for (const d of t.devices) if (d.kind === 'array') for (const ldev of d.ldevs) if (!homes.has(ldev.id)) homes.set(ldev.id, { ldev, array: d });
  return homes;
}

/** What the remote rules look up, built once per `checkDesign`. */
export interface RemoteContext {
  homes: Map<string, LdevHome>;
  reaches: WanReach[];
  devices: Map<string, { device: Device; index: number }>;
}

export function remoteContext(t: Topology): RemoteContext {
  const devices = new Map<string, { device: Device; index: number }>();
  t.devices.forEach((device, index) => devices.has(device.id) || devices.set(device.id, { device, index }));
  return { homes: ldevHomes(t), reaches: wanReaches(t), devices };
}

export const isRemoteKind = (kind: CopyGroup['kind']): boolean => kind === 'remote-sync' || kind === 'remote-async';

const LIBRARY_KINDS = new Set<Device['kind']>(['tapeLibrary', 'dvdLibrary']);

/** One hop remote copy must cross: from a P-VOLs' array to an S-VOLs' array or the target library. */
interface Hop {
  from: Device;
  to: Device;
}

interface Sides {
  pArrays: Map<string, DiskArray>;
  sArrays: Map<string, DiskArray>;
  hops: Map<string, Hop>;
  /** Devices without an S-VOL. */
  noSvol: string[];
}

function sidesOf(g: CopyGroup, at: string, ctx: RemoteContext, issues: IssueList): Sides {
  const sides: Sides = { pArrays: new Map(), sArrays: new Map(), hops: new Map(), noSvol: [] };
  g.devices.forEach((d, j) => {
    const p = ctx.homes.get(d.pvol);
    if (!p) return;
    sides.pArrays.set(p.array.id, p.array);
    if (d.svol === undefined) {
      sides.noSvol.push(d.name);
      return;
    }
    const s = ctx.homes.get(d.svol);
    if (!s || d.svol === d.pvol) return;
    sides.sArrays.set(s.array.id, s.array);
    if (s.array.siteId === p.array.siteId) {
      issues.error(`${at}.devices[${j}].svol`, `${g.id}/${d.name}: a ${g.kind} pair joins two sites, but the S-VOL "${d.svol}" (${s.array.id}) is in site ${s.array.siteId} like the P-VOL "${d.pvol}" (${p.array.id}): pick an S-VOL on an array in another site`);
      return;
    }
    if ((s.array.trackKiB ?? 256) !== (p.array.trackKiB ?? 256)) {
      issues.error(`${at}.devices[${j}].svol`, `${g.id}/${d.name}: the arrays of "${d.pvol}" (${p.array.id}, ${p.array.trackKiB ?? 256} KiB tracks) and "${d.svol}" (${s.array.id}, ${s.array.trackKiB ?? 256} KiB tracks) use different track sizes: remote copy copies whole tracks`);
    }
    sides.hops.set(`${p.array.id}>${s.array.id}`, { from: p.array, to: s.array });
  });
  return sides;
}

function listIds(ids: readonly number[]): string {
  return ids.length === 0 ? 'it has none' : `it has ${ids.join(', ')}`;
}

function checkJournals(g: CopyGroup, at: string, sides: Sides, issues: IssueList): void {
  const master = g.masterJournal ?? 0;
  const restore = g.restoreJournal ?? 0;
  for (const a of sides.pArrays.values()) {
    const ids = (a.journals ?? []).map((j) => j.id);
    if (!ids.includes(master)) issues.error(`${at}.masterJournal`, `copy group ${g.id}: array ${a.id} (the P-VOLs' array) has no journal ${master} for the master journal (${listIds(ids)}): add one in the array's Journals`);
  }
  for (const a of sides.sArrays.values()) {
    const ids = (a.journals ?? []).map((j) => j.id);
    if (!ids.includes(restore)) issues.error(`${at}.restoreJournal`, `copy group ${g.id}: array ${a.id} (the S-VOLs' array) has no journal ${restore} for the restore journal (${listIds(ids)}): add one in the array's Journals`);
  }
}

function checkLibrary(g: CopyGroup, at: string, sides: Sides, ctx: RemoteContext, issues: IssueList): void {
  const field = `${at}.targetLibraryId`;
  if (g.kind === 'remote-sync') {
    if (g.targetLibraryId !== undefined) issues.warning(field, `copy group ${g.id}: a remote-sync group copies to S-VOLs only; targetLibraryId "${g.targetLibraryId}" is ignored`);
    return;
  }
  if (g.targetLibraryId === undefined) {
    if (sides.noSvol.length > 0) issues.error(field, `copy group ${g.id}: ${sides.noSvol.join(', ')} ${sides.noSvol.length === 1 ? 'has' : 'have'} no S-VOL: name a tape or DVD library in the remote site in targetLibraryId, or give each device an S-VOL`);
    return;
  }
  const lib = ctx.devices.get(g.targetLibraryId)?.device;
  if (!lib || !LIBRARY_KINDS.has(lib.kind)) {
    issues.error(field, `copy group ${g.id}: "${g.targetLibraryId}" is not a tape or DVD library`);
    return;
  }
  const pSites = new Set([...sides.pArrays.values()].map((a) => a.siteId));
  const sSites = new Set([...sides.sArrays.values()].map((a) => a.siteId));
  if (pSites.has(lib.siteId)) {
    issues.error(field, `copy group ${g.id}: library ${lib.id} is in site ${lib.siteId} with the P-VOLs; a remote copy target must be in another site`);
    return;
  }
  if (sSites.size > 0 && !sSites.has(lib.siteId)) issues.warning(field, `copy group ${g.id}: library ${lib.id} is in site ${lib.siteId}, not in the S-VOLs' site (${[...sSites].join(', ')})`);
  if (sides.noSvol.length === 0) return;
  for (const a of sides.pArrays.values()) sides.hops.set(`${a.id}>${lib.id}`, { from: a, to: lib });
}

const where = (d: Device) => `${d.id} (site ${d.siteId})`;

/** How to cable a WAN link for this hop (a library has no WAN port: it is reached through its fabric's switch). */
function cablingHint(hop: Hop): string {
  if (LIBRARY_KINDS.has(hop.to.kind)) return `cable one end to ${hop.from.id}'s WAN port (or to an FC switch cabled to it) and the other to the WAN port of an FC switch cabled to ${hop.to.id}`;
  return 'cable its two ends to their WAN ports (or to FC switches cabled to them)';
}

/** The WAN links the group's hops use; errors for hops no WAN link joins. */
function checkWan(g: CopyGroup, at: string, sides: Sides, ctx: RemoteContext, issues: IssueList): WanLink[] {
  const field = `${at}.wanLinkId`;
  const used = new Map<string, WanLink>();
  if (g.wanLinkId !== undefined) {
    const named = ctx.reaches.find((r) => r.wan.id === g.wanLinkId);
    if (!named) {
      issues.error(field, `copy group ${g.id}: "${g.wanLinkId}" is not a WAN link`);
      return [];
    }
    for (const hop of sides.hops.values()) {
      if (joins(named, hop.from.id, hop.to.id)) used.set(named.wan.id, named.wan);
      else issues.error(field, `copy group ${g.id}: WAN link ${named.wan.id} does not join ${where(hop.from)} and ${where(hop.to)}: ${cablingHint(hop)}`);
    }
    return [...used.values()];
  }
  for (const hop of sides.hops.values()) {
    const candidates = wanLinksJoining(ctx.reaches, hop.from.id, hop.to.id);
    if (candidates.length === 0) {
      issues.error(field, `copy group ${g.id}: no WAN link joins ${where(hop.from)} and ${where(hop.to)}: add a WAN link and ${cablingHint(hop)}`);
      continue;
    }
    // The engine takes the first by id (compile-remote.ts); say so.
    const byId = [...candidates].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    if (byId.length > 1) issues.warning(field, `copy group ${g.id}: WAN links ${byId.map((w) => w.id).join(', ')} all join ${hop.from.id} and ${hop.to.id}; ${byId[0].id}, the first by id, is used: name the one to use in wanLinkId`);
    used.set(byId[0].id, byId[0]);
  }
  return [...used.values()];
}

/** Fraction of a workload's I/Os that are writes. */
export function writeFraction(w: Pick<Workload, 'rw' | 'rwmixread'>): number {
  if (w.rw === 'write' || w.rw === 'randwrite') return 1;
  if (w.rw === 'read' || w.rw === 'randread') return 0;
  return (100 - (w.rwmixread ?? 70)) / 100;
}

/**
 * Bytes per second the open-loop workloads write to the given LDEVs (rate_iops × bs × write
 * fraction), resolved through the host groups of each server's WWPNs; null when no open-loop
 * workload writes to them (closed-loop rates are not known before a run).
 */
export function workloadWriteBytesPerSec(t: Topology, ldevIds: ReadonlySet<string>): number | null {
  let total: number | null = null;
  for (const s of t.devices) {
    if (s.kind !== 'server') continue;
    const wwpns = new Set(s.ports.flatMap((p) => (p.wwpn ? [p.wwpn] : [])));
    for (const w of s.workloads ?? []) {
      if (w.rate_iops === undefined || writeFraction(w) === 0) continue;
      const a = t.devices.find((d): d is DiskArray => d.id === w.target.arrayId && d.kind === 'array');
      if (!a) continue;
      const mine = new Set(a.hostGroups.filter((hg) => hg.portId === w.target.portId && hg.wwpns.some((x) => wwpns.has(x))).map((hg) => hg.id));
      const lu = a.luPaths.find((lp) => lp.portId === w.target.portId && lp.lun === w.target.lun && mine.has(lp.hostGroupId));
      if (!lu || !ldevIds.has(lu.ldevId)) continue;
      total = (total ?? 0) + w.rate_iops * parseSizeBytes(w.bs ?? '4k') * writeFraction(w);
    }
  }
  return total;
}

const mbits = (bytesPerSec: number) => (bytesPerSec * 8) / 1e6;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function checkBandwidth(t: Topology, g: CopyGroup, links: readonly WanLink[], ctx: RemoteContext, issues: IssueList): void {
  if (links.length === 0) return;
  const rate = workloadWriteBytesPerSec(t, new Set(g.devices.map((d) => d.pvol)));
  if (rate === null) return;
  for (const wan of links) {
    if (wan.bandwidthMbps >= mbits(rate)) continue;
    const index = ctx.devices.get(wan.id)?.index ?? -1;
    const effect = g.kind === 'remote-sync' ? 'host writes will wait for the WAN' : 'the journal will grow until it fills';
    issues.warning(`devices[${index}].bandwidthMbps`, `copy group ${g.id}: the workloads on its P-VOLs write ${fmt(rate / 1e6)} MB/s (${fmt(mbits(rate))} Mbit/s) but WAN link ${wan.id} carries ${wan.bandwidthMbps} Mbit/s: ${effect}`, { deviceId: wan.id });
  }
}

/** Every remote rule for group `g` at field path `at` (e.g. `copyGroups[2]`). Other kinds: nothing. */
export function checkRemoteGroup(t: Topology, g: CopyGroup, at: string, ctx: RemoteContext, issues: IssueList): void {
  if (!isRemoteKind(g.kind)) return;
  const sides = sidesOf(g, at, ctx, issues);
  if (g.kind === 'remote-async') checkJournals(g, at, sides, issues);
  checkLibrary(g, at, sides, ctx, issues);
  const links = checkWan(g, at, sides, ctx, issues);
  checkBandwidth(t, g, links, ctx, issues);
}
