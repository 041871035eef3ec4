/**
 * Design rules for copy groups (horcm.conf device groups): what would make the emulator refuse
 * the document, or refuse a pair command later, reported on the group's field before a run.
 *
 * Errors (the engine would not compile the design): a group id used twice, a device name used
 * twice in its group, an unknown P-VOL or S-VOL LDEV, an S-VOL equal to its P-VOL, a local or
 * snapshot pair across two arrays, a snapshot group without a pool on its P-VOL's array, a
 * host-mirror group without its server or whose server cannot reach both volumes, an LDEV that
 * is the S-VOL of two pairs. Warnings: an S-VOL smaller than its P-VOL (paircreate would be
 * refused with EX_ENQSIZ); a host-mirrored P-VOL that another server can also write, past the
 * mirror program (its writes would not reach the S-VOL).
 *
 * Remote groups (remote-sync, remote-async) are checked here for what every pair shares, and by
 * `design-rules-remote.ts` for sites, WAN links, journals, the target library and bandwidth.
 *
 * Does not handle: pair states (run time), pool sizing.
 */
import type { IssueList } from './design-issue.ts';
import { checkRemoteGroup, isRemoteKind, ldevHomes, remoteContext, type LdevHome, type RemoteContext } from './design-rules-remote.ts';
import { visibleLus } from './factory.ts';
import type { CopyGroup, Server, Topology } from './topology.ts';

/** The message for a device without S-VOL, or null when its kind may do without one. */
function missingSvol(g: CopyGroup): string | null {
  if (g.kind === 'snapshot' || g.kind === 'remote-async') return null; // remote-async: targetLibraryId (design-rules-remote)
  if (g.kind === 'remote-sync') return 'a remote-sync pair needs an S-VOL (only remote-async devices may copy to a tape or DVD library)';
  return `a ${g.kind} pair needs an S-VOL`;
}

function checkGroup(t: Topology, g: CopyGroup, at: string, homes: Map<string, LdevHome>, svolOwners: Map<string, string>, issues: IssueList, remote: () => RemoteContext): void {
  const server = g.kind === 'host-mirror' ? t.devices.find((d): d is Server => d.id === g.serverId && d.kind === 'server') : undefined;
  if (g.kind === 'host-mirror' && !server) issues.error(`${at}.serverId`, `copy group ${g.id}: a host mirror needs the server that runs the mirror program${g.serverId ? ` ("${g.serverId}" is not a server)` : ''}`);
  if (g.kind === 'snapshot' && g.poolId === undefined) issues.error(`${at}.poolId`, `copy group ${g.id}: a snapshot group needs a pool`);
  const seen = new Set<string>();
  const reachable = server ? new Set(visibleLus(t, server).map((lu) => lu.ldevId)) : new Set<string>();
  g.devices.forEach((d, j) => {
    const dev = `${at}.devices[${j}]`;
    const name = `${g.id}/${d.name}`;
    if (seen.has(d.name)) issues.error(`${dev}.name`, `copy group ${g.id}: device "${d.name}" is in the group twice`);
    seen.add(d.name);
    const p = homes.get(d.pvol);
    if (!p) issues.error(`${dev}.pvol`, `${name}: no LDEV "${d.pvol}"`);
    const s = d.svol === undefined ? undefined : homes.get(d.svol);
    const missing = d.svol === undefined ? missingSvol(g) : null;
    if (missing !== null) issues.error(`${dev}.svol`, `${name}: ${missing}`);
    else if (d.svol !== undefined && !s) issues.error(`${dev}.svol`, `${name}: no LDEV "${d.svol}"`);
    if (!p) return;
    if (d.svol === d.pvol) issues.error(`${dev}.svol`, `${name}: the S-VOL cannot be the P-VOL`);
    if (s && d.svol !== undefined) {
      const other = svolOwners.get(d.svol);
      if (other) issues.error(`${dev}.svol`, `${name}: LDEV "${d.svol}" is already the S-VOL of ${other}`);
      else svolOwners.set(d.svol, name);
      if ((g.kind === 'local' || g.kind === 'snapshot') && s.array.id !== p.array.id) issues.error(`${dev}.svol`, `${name}: a ${g.kind} pair needs both volumes on one array ("${d.svol}" is on ${s.array.id}, "${d.pvol}" on ${p.array.id})`);
      if (s.ldev.capacityGiB < p.ldev.capacityGiB) issues.warning(`${dev}.svol`, `${name}: the S-VOL (${s.ldev.capacityGiB} GiB) is smaller than the P-VOL (${p.ldev.capacityGiB} GiB): paircreate will be refused (EX_ENQSIZ)`);
    }
    if (g.kind === 'snapshot' && g.poolId !== undefined && !p.array.pools.some((pool) => pool.id === g.poolId)) {
      issues.error(`${at}.poolId`, `${name}: no snapshot pool "${g.poolId}" on ${p.array.id}, the array of "${d.pvol}"`);
    }
    if (server) {
      for (const [role, id] of [['pvol', d.pvol], ['svol', d.svol]] as const) {
        if (id !== undefined && homes.has(id) && !reachable.has(id)) issues.error(`${dev}.${role}`, `${name}: server ${server.id} has no FC path and host group to an LU of "${id}"`);
      }
      checkMirrorBypass(t, server, d.pvol, `${dev}.pvol`, name, issues);
    }
  });
  if (isRemoteKind(g.kind)) checkRemoteGroup(t, g, at, remote(), issues);
}

/** A host-mirrored P-VOL that another server can reach is written past the mirror program. */
function checkMirrorBypass(t: Topology, mirrorServer: Server, pvol: string, field: string, name: string, issues: IssueList): void {
  for (const d of t.devices) {
    if (d.kind !== 'server' || d.id === mirrorServer.id) continue;
    if (visibleLus(t, d).some((lu) => lu.ldevId === pvol)) {
      issues.warning(field, `${name}: server ${d.id} can also reach "${pvol}"; its writes would bypass ${mirrorServer.id}'s mirror program and never reach the S-VOL`, { deviceId: d.id });
    }
  }
}

export function checkCopyGroups(t: Topology, issues: IssueList): void {
  const homes = ldevHomes(t);
  const svolOwners = new Map<string, string>();
  const ids = new Set<string>();
  let ctx: RemoteContext | null = null;
  const remote = () => (ctx ??= remoteContext(t));
  (t.copyGroups ?? []).forEach((g, i) => {
    const at = `copyGroups[${i}]`;
    if (ids.has(g.id)) issues.error(`${at}.id`, `duplicate copy group "${g.id}"`);
    ids.add(g.id);
    checkGroup(t, g, at, homes, svolOwners, issues, remote);
  });
}
