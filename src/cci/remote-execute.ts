/**
 * Running the remote-copy side of the console: checking `paircreate -f … -jp -js`,
 * `pairsplit -RS` and `pairresync -swaps` against the group's kind before anything is applied,
 * the fields they add to the scenario action, `pairdisplay` of remote groups (and `-fe`), and
 * `raidvchkscan -v jnl` / `raidcom get journal`.
 *
 * Owns the refusals (never reaching the engine): a remote-sync group needs `-f data|status|never`
 * and a remote-async group `-f async [CTG]` (EX_REQARG without, EX_INVARG with the wrong kind);
 * `-f`, `-jp`, `-js`, `-RS` and `-swaps` on a group that is not remote, a CTG or journals on a
 * remote-sync group, and a journal ID the array does not have are EX_INVARG; an unknown `-s`
 * array is EX_ENOOBJ; a console without the remote status (`CciContext.remote`) refuses the
 * journal commands with EX_CMDRJE and prints AP as `-`.
 */
import type { RemoteStatus } from '../engine/api.ts';
import type { CopyGroup, Topology } from '../model/topology.ts';
import type { CciFailure } from './codes.ts';
import type { CciContext, CciOutput } from './execute.ts';
import { failed, isFailure, ok } from './backup-common.ts';
import type { RemoteCreateOptions } from './parse.ts';
import { formatJournals, isRemoteKind } from './remote-format.ts';
import type { JournalCommand } from './remote-parse.ts';
import { arrayBySerial, arraysOf, findLdev, FIRST_SERIAL } from './topology-view.ts';

/** What a remote paircreate adds to the pairCreate action (keys only when they are set). */
export interface RemoteCreateFields {
  fence?: 'data' | 'status' | 'never';
  consistencyGroup?: number;
  masterJournal?: number;
  restoreJournal?: number;
}

const KIND_NAME: Readonly<Record<string, string>> = {
  'remote-sync': 'remote-sync (TrueCopy)',
  'remote-async': 'remote-async (Universal Replicator)',
};

const list = (xs: readonly (string | number)[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

function notRemote(group: CopyGroup, option: string): CciFailure {
  return { code: 'EX_INVARG', detail: `${option} is for remote pairs; ${group.id} is a ${group.kind} group` };
}

/** The array of the group's P-VOLs (side 'p') or S-VOLs (side 's'), by its first device that has one. */
function arrayOfSide(topology: Topology, group: CopyGroup, side: 'p' | 's') {
  for (const d of group.devices) {
    const ldev = side === 'p' ? d.pvol : d.svol;
    const loc = ldev === undefined ? null : findLdev(topology, ldev);
    if (loc !== null) return loc.array;
  }
  return null;
}

function checkJournal(topology: Topology, group: CopyGroup, side: 'p' | 's', id: number | null): CciFailure | null {
  if (id === null) return null;
  const array = arrayOfSide(topology, group, side);
  if (array === null) return null; // a tape target has no S-VOL array: the engine decides
  const ids = (array.journals ?? []).map((j) => j.id).sort((a, b) => a - b);
  if (ids.includes(id)) return null;
  const opt = side === 'p' ? '-jp' : '-js';
  return { code: 'EX_INVARG', detail: `${opt} ${id}: array ${array.id} (the ${side === 'p' ? 'P' : 'S'}-VOLs' array) has no journal ${id} (journals: ${list(ids)})` };
}

function syncFields(group: CopyGroup, o: RemoteCreateOptions): RemoteCreateFields | CciFailure {
  if (o.fence === null) return { code: 'EX_REQARG', detail: `-f <fence> is required for ${KIND_NAME[group.kind]} group ${group.id}: -f data, -f status or -f never` };
  if (o.fence === 'async') return { code: 'EX_INVARG', detail: `-f async: ${group.id} is a ${KIND_NAME[group.kind]} group (-f data, status or never)` };
  if (o.masterJournal !== null || o.restoreJournal !== null) return { code: 'EX_INVARG', detail: `-jp / -js are for remote-async groups; ${group.id} is remote-sync` };
  return { fence: o.fence };
}

function asyncFields(topology: Topology, group: CopyGroup, o: RemoteCreateOptions): RemoteCreateFields | CciFailure {
  if (o.fence === null) return { code: 'EX_REQARG', detail: `-f async [CTG] is required for ${KIND_NAME[group.kind]} group ${group.id}` };
  if (o.fence !== 'async') return { code: 'EX_INVARG', detail: `-f ${o.fence}: ${group.id} is a ${KIND_NAME[group.kind]} group (-f async [CTG])` };
  const bad = checkJournal(topology, group, 'p', o.masterJournal) ?? checkJournal(topology, group, 's', o.restoreJournal);
  if (bad !== null) return bad;
  return {
    ...(o.consistencyGroup === null ? {} : { consistencyGroup: o.consistencyGroup }),
    ...(o.masterJournal === null ? {} : { masterJournal: o.masterJournal }),
    ...(o.restoreJournal === null ? {} : { restoreJournal: o.restoreJournal }),
  };
}

/** The pairCreate fields of `paircreate`'s remote options for `group`, or why they do not fit it. */
export function remoteCreateFields(topology: Topology, group: CopyGroup, o: RemoteCreateOptions): RemoteCreateFields | CciFailure {
  if (group.kind === 'remote-sync') return syncFields(group, o);
  if (group.kind === 'remote-async') return asyncFields(topology, group, o);
  if (o.fence !== null) return notRemote(group, '-f');
  if (o.masterJournal !== null) return notRemote(group, '-jp');
  if (o.restoreJournal !== null) return notRemote(group, '-js');
  return {};
}

/** `pairsplit -RS` / `pairresync -swaps` only on remote groups. */
export function checkRemoteOnly(group: CopyGroup, option: '-RS' | '-swaps'): CciFailure | null {
  return isRemoteKind(group.kind) ? null : notRemote(group, option);
}

// ---------------------------------------------------------------- status

/** The remote status, or why this console cannot read it. */
export async function readRemote(ctx: CciContext): Promise<RemoteStatus | CciFailure> {
  if (ctx.remote === undefined) return { code: 'EX_CMDRJE', detail: 'this console cannot read the remote copy status (its engine has no remote copy)' };
  return ctx.remote();
}

/** The remote status when the console can read it, else null (pairdisplay then prints AP as `-`). */
export async function remoteOrNull(ctx: CciContext): Promise<RemoteStatus | null> {
  return ctx.remote === undefined ? null : ctx.remote();
}

/** `-s` as a Seq# (64001…) or an array id. */
function resolveArray(topology: Topology, selector: string): string | CciFailure {
  const arrays = arraysOf(topology);
  const byId = arrays.find((a) => a.id === selector);
  if (byId !== undefined) return byId.id;
  const bySerial = /^\d+$/.test(selector) ? arrayBySerial(topology, Number(selector)) : null;
  if (bySerial !== null) return bySerial.id;
  const known = arrays.map((a, i) => `${a.id} (${FIRST_SERIAL + i})`);
  return { code: 'EX_ENOOBJ', detail: `-s ${selector}: no array with this Seq# or id (arrays: ${list(known)})` };
}

type JournalsCommand = Extract<JournalCommand, { kind: 'journals' }>;

/** `raidvchkscan -v jnl` / `raidcom get journal`. */
export async function runJournals(c: JournalsCommand, ctx: CciContext): Promise<CciOutput> {
  const arrayId = c.array === null ? null : resolveArray(ctx.topology, c.array);
  if (arrayId !== null && typeof arrayId !== 'string') return failed(c.command, arrayId);
  const status = await readRemote(ctx);
  if (isFailure(status)) return failed(c.command, status);
  return ok(formatJournals(ctx.topology, status, { header: c.header, timers: c.timers, arrayId }));
}
