/**
 * Running the tape and backup commands (backup-parse.ts) against a simulation: `backup`,
 * `restore`, `jobs`, `catalog`, `vol mount|unmount`, `db backup-mode`,
 * `raidcom add|delete hba_wwn`; `mtx` (backup-mtx.ts) and the runbook and SAN-manager commands
 * (backup-execute-manager.ts) are dispatched from here.
 *
 * Owns: checking every name a line gives against the topology and the engine's BackupStatus
 * before anything is applied (unknown library, LDEV, server, group, cartridge or job:
 * EX_ENOOBJ / EX_ENOGRP / EX_ENODEV; a job id already used: EX_INVARG), and the scenario
 * Action each state-changing command becomes. Invariant (as execute.ts): a line naming
 * something that does not exist never calls `apply`; `actions` lists exactly what the engine
 * accepted.
 */
import type { BackupStatus } from '../engine/api.ts';
import type { Action } from '../model/scenario.ts';
import type { Topology } from '../model/topology.ts';
import { applyAction, checkLdev, failed, findLibrary, findServer, firstFailure, isFailure, ok, readBackup, resolveHostGroup } from './backup-common.ts';
import { runManagerCommand } from './backup-execute-manager.ts';
import { formatCatalog, formatJobDetail, formatJobs } from './backup-format.ts';
import { runMtx } from './backup-mtx.ts';
import type { BackupCommand, TapeCommand, VerifyTarget } from './backup-parse.ts';
import type { CciFailure } from './codes.ts';
import type { CciContext, CciOutput } from './execute.ts';
import { findGroup } from './topology-view.ts';

type Of<K extends TapeCommand['kind']> = Extract<TapeCommand, { kind: K }>;

const list = (ids: readonly string[]): string => (ids.length === 0 ? 'none' : ids.join(', '));

// ---------------------------------------------------------------- checks

function checkJobIdFree(status: BackupStatus, job: string): CciFailure | null {
  const used = status.jobs.find((j) => j.id === job);
  return used === undefined ? null : { code: 'EX_INVARG', detail: `-j ${job}: a job with this id exists (${used.kind}, ${used.state}); pick a new id` };
}

function checkVerify(topology: Topology, v: VerifyTarget | null): CciFailure | null {
  if (v === null) return null;
  const group = findGroup(topology, v.group);
  if (group === undefined) return { code: 'EX_ENOGRP', detail: `-v: no group "${v.group}" (groups: ${list(topology.copyGroups.map((g) => g.id))})` };
  if (v.device !== undefined && !group.devices.some((d) => d.name === v.device)) {
    return { code: 'EX_ENODEV', detail: `-v: group ${group.id} has no device "${v.device}" (devices: ${list(group.devices.map((d) => d.name))})` };
  }
  return null;
}

/** Every barcode is a cartridge of the library (as the engine reports it). */
function checkCartridges(status: BackupStatus, libraryId: string, barcodes: string[] | null): CciFailure | null {
  if (barcodes === null) return null;
  const known = status.libraries.find((l) => l.id === libraryId)?.cartridges.map((c) => c.barcode) ?? [];
  const missing = barcodes.find((b) => !known.includes(b));
  if (missing !== undefined) return { code: 'EX_ENOOBJ', detail: `-c: no cartridge "${missing}" in ${libraryId} (cartridges: ${list(known)})` };
  const twice = barcodes.find((b, i) => barcodes.indexOf(b) !== i);
  return twice === undefined ? null : { code: 'EX_CMDERR', detail: `-c: ${twice} is given twice` };
}

function checkServers(topology: Topology, c: { serverId: string | null; backupServerId: string | null }): CciFailure | null {
  return firstFailure(
    c.serverId === null ? null : findServer(topology, c.serverId, '-s'),
    c.backupServerId === null ? null : findServer(topology, c.backupServerId, '-b'),
  );
}

/** `serverId` / `backupServerId` keys only when given, so recorded actions stay minimal. */
function serverKeys(c: { serverId: string | null; backupServerId: string | null }): { serverId?: string; backupServerId?: string } {
  return { ...(c.serverId === null ? {} : { serverId: c.serverId }), ...(c.backupServerId === null ? {} : { backupServerId: c.backupServerId }) };
}

function via(c: { path: string; serverId: string | null; backupServerId: string | null }): string {
  const servers = [c.serverId, c.backupServerId].filter((s) => s !== null);
  return servers.length === 0 ? c.path : `${c.path} via ${servers.join(' -> ')}`;
}

// ---------------------------------------------------------------- backup, restore, jobs, catalog

async function runBackup(c: Of<'backup'>, ctx: CciContext): Promise<CciOutput> {
  const { topology } = ctx;
  const lib = findLibrary(topology, c.library);
  const early = firstFailure(checkLdev(topology, c.ldev, '<ldev>'), lib, checkServers(topology, c), checkVerify(topology, c.verify));
  if (early !== null) return failed('backup', early);
  const status = await readBackup(ctx);
  if (isFailure(status)) return failed('backup', status);
  const late = firstFailure(checkJobIdFree(status, c.job), checkCartridges(status, c.library, c.cartridges));
  if (late !== null) return failed('backup', late);
  const action: Action = {
    type: 'backupJob',
    job: c.job,
    source: c.ldev,
    libraryId: c.library,
    path: c.path,
    ...serverKeys(c),
    ...(c.cartridges === null ? {} : { cartridges: c.cartridges }),
    ...(c.verify === null ? {} : { verifyAgainst: c.verify }),
  };
  return applyAction('backup', action, ctx, `job ${c.job} submitted: backup of ${c.ldev} to ${c.library} (${via(c)})\n`);
}

async function runRestore(c: Of<'restore'>, ctx: CciContext): Promise<CciOutput> {
  const { topology } = ctx;
  const early = firstFailure(checkLdev(topology, c.target, '-t'), checkServers(topology, c));
  if (early !== null) return failed('restore', early);
  const status = await readBackup(ctx);
  if (isFailure(status)) return failed('restore', status);
  const image = status.catalog.find((e) => e.jobId === c.fromJob);
  if (image === undefined) {
    return failed('restore', { code: 'EX_ENOOBJ', detail: `no backup "${c.fromJob}" in the catalog (catalog: ${list(status.catalog.map((e) => e.jobId))})` });
  }
  const used = checkJobIdFree(status, c.job);
  if (used !== null) return failed('restore', used);
  const action: Action = { type: 'restoreJob', job: c.job, fromJob: c.fromJob, target: c.target, path: c.path, ...serverKeys(c) };
  return applyAction('restore', action, ctx, `job ${c.job} submitted: restore of ${c.fromJob} (${image.source}) onto ${c.target} (${via(c)})\n`);
}

async function runJobs(c: Of<'jobs'>, ctx: CciContext): Promise<CciOutput> {
  const status = await readBackup(ctx);
  if (isFailure(status)) return failed('jobs', status);
  if (c.job === null) return ok(formatJobs(status.jobs));
  const job = status.jobs.find((j) => j.id === c.job);
  if (job === undefined) return failed('jobs', { code: 'EX_ENOOBJ', detail: `no job "${c.job}" (jobs: ${list(status.jobs.map((j) => j.id))})` });
  return ok(formatJobDetail(job));
}

async function runCatalog(ctx: CciContext): Promise<CciOutput> {
  const status = await readBackup(ctx);
  if (isFailure(status)) return failed('catalog', status);
  return ok(formatCatalog(status.catalog, status.clockStart));
}

// ---------------------------------------------------------------- vol, db, raidcom hba_wwn

async function runVol(c: Of<'volMount' | 'volUnmount'>, ctx: CciContext): Promise<CciOutput> {
  const bad = firstFailure(findServer(ctx.topology, c.serverId, '<server>'), checkLdev(ctx.topology, c.ldev, '<ldev>'));
  if (bad !== null) return failed('vol', bad);
  const action: Action =
    c.kind === 'volMount'
      ? { type: 'mountVolume', serverId: c.serverId, ldevId: c.ldev, readOnly: c.readOnly }
      : { type: 'unmountVolume', serverId: c.serverId, ldevId: c.ldev };
  return applyAction('vol', action, ctx);
}

async function runDb(c: Of<'dbBackupMode'>, ctx: CciContext): Promise<CciOutput> {
  const server = findServer(ctx.topology, c.serverId, '<server>');
  if (isFailure(server)) return failed('db', server);
  return applyAction('db', { type: 'dbBackupMode', serverId: c.serverId, on: c.on }, ctx);
}

async function runHbaWwn(c: Of<'hbaWwn'>, ctx: CciContext): Promise<CciOutput> {
  const hit = resolveHostGroup(ctx.topology, c.port, c.hostGroup, c.array);
  if (isFailure(hit)) return failed('raidcom', hit);
  const action: Action = { type: 'setHostGroupWwpn', arrayId: hit.array.id, hostGroupId: hit.hostGroup.id, wwpn: c.wwpn, member: c.member };
  return applyAction('raidcom', action, ctx);
}

// ---------------------------------------------------------------- dispatch

export async function runBackupCommand(c: BackupCommand, ctx: CciContext): Promise<CciOutput> {
  switch (c.kind) {
    case 'mtx':
      return runMtx(c.library, c.op, ctx);
    case 'backup':
      return runBackup(c, ctx);
    case 'restore':
      return runRestore(c, ctx);
    case 'jobs':
      return runJobs(c, ctx);
    case 'catalog':
      return runCatalog(ctx);
    case 'volMount':
    case 'volUnmount':
      return runVol(c, ctx);
    case 'dbBackupMode':
      return runDb(c, ctx);
    case 'hbaWwn':
      return runHbaWwn(c, ctx);
    default:
      return runManagerCommand(c, ctx);
  }
}
