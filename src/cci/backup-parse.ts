/**
 * Parsing the tape and backup commands into `BackupCommand`s (plain data): `mtx`, `backup`,
 * `restore`, `jobs`, `catalog`, `vol`, `db`, `raidcom add|delete hba_wwn`, and (from
 * backup-parse-manager.ts) `runbook`, `policy`, `schedule`.
 *
 * Owns: `parseBackupLine` — the line's verb decides whether it is one of these (else null, and
 * parse.ts reads it); the words and options of each command and the errors a malformed line
 * gets, in parse.ts's classes (EX_REQARG, EX_INVARG, EX_UNWOPT, EX_CMDERR).
 * Pure: whether a library, slot, LDEV, server, job or port exists is checked by
 * backup-execute.ts, so a line that does not parse never reaches the engine.
 */
import type { BackupPath } from '../model/topology.ts';
import {
  choice,
  help,
  idArg,
  intArg,
  leading,
  noMore,
  optionalLeading,
  pathServers,
  PATHS,
  subcommand,
  wantsHelp,
  wwpnArg,
  type HelpRequest,
} from './backup-args.ts';
import { parsePolicy, parseRunbook, parseSchedule, type ManagerCommand } from './backup-parse-manager.ts';
import type { CciFailure } from './codes.ts';
import { fail, one, parseOptions, ParseFailure, required, type OptSpec, type Opts } from './parse.ts';
import { tokenize } from './tokenize.ts';

export type MtxOp = { verb: 'status' } | { verb: 'load'; slot: number; drive: number | null } | { verb: 'unload'; slot: number | null; drive: number | null };

/** A copy group and optionally one device: the pair whose split image a backup must equal. */
export interface VerifyTarget {
  group: string;
  device?: string;
}

export type TapeCommand =
  | { kind: 'mtx'; library: string; op: MtxOp }
  | {
      kind: 'backup';
      ldev: string;
      library: string;
      job: string;
      path: BackupPath;
      serverId: string | null;
      backupServerId: string | null;
      cartridges: string[] | null;
      verify: VerifyTarget | null;
    }
  | { kind: 'restore'; fromJob: string; target: string; job: string; path: BackupPath; serverId: string | null; backupServerId: string | null }
  | { kind: 'jobs'; job: string | null }
  | { kind: 'catalog' }
  | { kind: 'volMount'; serverId: string; ldev: string; readOnly: boolean }
  | { kind: 'volUnmount'; serverId: string; ldev: string }
  | { kind: 'dbBackupMode'; serverId: string; on: boolean }
  /** `-port CL1-A-0` (port, then host group number, id or name) or `-port CL1-A db`; `array` from `-I<array>`. */
  | { kind: 'hbaWwn'; member: boolean; port: string; hostGroup: string | null; wwpn: string; array: string | null };

export type BackupCommand = TapeCommand | ManagerCommand;

export type BackupParseOutcome = { ok: true; command: BackupCommand | HelpRequest } | { ok: false; name: string; failure: CciFailure };

/** Options of `words` per `spec`, help having been ruled out by the caller. */
function options(words: string[], spec: OptSpec): Opts {
  const o = parseOptions(words, spec);
  if (o === 'help') return fail('EX_CMDERR', 'unexpected --help');
  return o;
}

// ---------------------------------------------------------------- mtx

const MTX_VERBS = ['status', 'load', 'unload'] as const;

/** `mtx -l <library> status | load <slot> [<drive>] | unload [<slot>] [<drive>]` (`-f` as the real tool). */
function parseMtx(words: string[]): TapeCommand | HelpRequest {
  if (wantsHelp(words)) return help('mtx');
  const opt = words[0];
  if (opt !== '-l' && opt !== '-f') fail('EX_REQARG', '-l <library> is required first (mtx -l <library> status)');
  const library = words[1];
  if (library === undefined || library.startsWith('-')) fail('EX_REQARG', `${opt} needs a library id`);
  const verb = subcommand('mtx', words[2], MTX_VERBS);
  const [args, rest] = optionalLeading(words.slice(3), 2);
  noMore(rest);
  const lib = idArg(opt, library);
  if (verb === 'status') {
    noMore(args);
    return { kind: 'mtx', library: lib, op: { verb } };
  }
  const slot = args[0] === undefined ? null : intArg('<slot>', args[0], 1, 10_256);
  const drive = args[1] === undefined ? null : intArg('<drive>', args[1], 0, 63);
  if (verb === 'unload') return { kind: 'mtx', library: lib, op: { verb, slot, drive } };
  if (slot === null) return fail('EX_REQARG', 'mtx load needs <slot> (the storage element to load from)');
  return { kind: 'mtx', library: lib, op: { verb, slot, drive } };
}

// ---------------------------------------------------------------- backup, restore, jobs, catalog

const BACKUP_SPEC: OptSpec = {
  '-l': { arity: 'value', what: 'a library id' },
  '-j': { arity: 'value', what: 'a job id' },
  '-p': { arity: 'value', what: 'lan, lan-free or server-less' },
  '-s': { arity: 'value', what: 'a server id' },
  '-b': { arity: 'value', what: 'a backup server id' },
  '-c': { arity: 'values', what: 'one or more barcodes' },
  '-v': { arity: 'value', what: '<group>[/<device>]' },
};

function verifyTarget(v: string | undefined): VerifyTarget | null {
  if (v === undefined) return null;
  const [group, device, extra] = v.split('/');
  if (extra !== undefined || group === '' || device === '') fail('EX_INVARG', `-v: "${v}" is not <group> or <group>/<device>`);
  return device === undefined ? { group: idArg('-v', group) } : { group: idArg('-v', group), device: idArg('-v', device) };
}

function parseBackup(words: string[]): TapeCommand | HelpRequest {
  if (wantsHelp(words)) return help('backup');
  const [[ldev], rest] = leading(words, ['<ldev>']);
  const o = options(rest, BACKUP_SPEC);
  const path = choice('-p', one(o, '-p') ?? 'lan-free', PATHS);
  const servers = pathServers(path, one(o, '-s'), one(o, '-b'));
  const cartridges = o.values.get('-c')?.map((b) => b.toUpperCase()) ?? null;
  return {
    kind: 'backup',
    ldev: idArg('<ldev>', ldev),
    library: idArg('-l', required(o, '-l', '<library>')),
    job: idArg('-j', required(o, '-j', '<job>')),
    path,
    ...servers,
    cartridges,
    verify: verifyTarget(one(o, '-v')),
  };
}

const RESTORE_SPEC: OptSpec = {
  '-t': { arity: 'value', what: 'the LDEV to restore onto' },
  '-j': { arity: 'value', what: 'a job id for the restore' },
  '-p': { arity: 'value', what: 'lan, lan-free or server-less' },
  '-s': { arity: 'value', what: 'a server id' },
  '-b': { arity: 'value', what: 'a backup server id' },
};

function parseRestore(words: string[]): TapeCommand | HelpRequest {
  if (wantsHelp(words)) return help('restore');
  const [[fromJob], rest] = leading(words, ['<job> (the backup to restore)']);
  const o = options(rest, RESTORE_SPEC);
  const path = choice('-p', one(o, '-p') ?? 'lan-free', PATHS);
  const servers = pathServers(path, one(o, '-s'), one(o, '-b'));
  return {
    kind: 'restore',
    fromJob: idArg('<job>', fromJob),
    target: idArg('-t', required(o, '-t', '<ldev>')),
    job: idArg('-j', required(o, '-j', '<newjob>')),
    path,
    ...servers,
  };
}

function parseJobs(words: string[]): TapeCommand | HelpRequest {
  if (wantsHelp(words)) return help('jobs');
  const [ids, rest] = optionalLeading(words, 1);
  noMore(rest);
  return { kind: 'jobs', job: ids[0] === undefined ? null : idArg('<job>', ids[0]) };
}

function parseCatalog(words: string[]): TapeCommand | HelpRequest {
  if (wantsHelp(words)) return help('catalog');
  noMore(words);
  return { kind: 'catalog' };
}

// ---------------------------------------------------------------- vol, db

function parseVol(words: string[]): TapeCommand | HelpRequest {
  if (words.length === 0 || wantsHelp(words.slice(0, 1))) return help('vol');
  const verb = subcommand('vol', words[0], ['mount', 'unmount'] as const);
  const rest = words.slice(1);
  if (wantsHelp(rest)) return help(`vol ${verb}`);
  const [[server, ldev], tail] = leading(rest, ['<server>', '<ldev>']);
  const serverId = idArg('<server>', server);
  const ldevId = idArg('<ldev>', ldev);
  if (verb === 'unmount') {
    noMore(tail);
    return { kind: 'volUnmount', serverId, ldev: ldevId };
  }
  const o = options(tail, { '-r': { arity: 'flag' } });
  return { kind: 'volMount', serverId, ldev: ldevId, readOnly: o.flags.has('-r') };
}

function parseDb(words: string[]): TapeCommand | HelpRequest {
  if (words.length === 0 || wantsHelp(words)) return help('db');
  subcommand('db', words[0], ['backup-mode'] as const);
  const [[server, mode], tail] = leading(words.slice(1), ['<server>', 'begin|end']);
  noMore(tail);
  const on = choice('backup-mode', mode, ['begin', 'end'] as const) === 'begin';
  return { kind: 'dbBackupMode', serverId: idArg('<server>', server), on };
}

// ---------------------------------------------------------------- raidcom add|delete hba_wwn

const HBA_SPEC: OptSpec = {
  '-port': { arity: 'values', what: '<port>-<host group> or <port> <host group>' },
  '-hba_wwn': { arity: 'value', what: 'a WWPN' },
};

/** `-I<array>` words (CCI's instance option, here naming the array by id or Seq#) and the rest. */
function instance(words: string[]): [string | null, string[]] {
  const given = words.filter((w) => /^-I./.test(w));
  if (given.length > 1) fail('EX_CMDERR', '-I is given twice');
  return [given.length === 0 ? null : given[0].slice(2), words.filter((w) => !/^-I./.test(w))];
}

function parseHbaWwn(action: 'add' | 'delete', words: string[]): TapeCommand | HelpRequest {
  if (wantsHelp(words)) return help(`raidcom ${action} hba_wwn`);
  const [array, rest] = instance(words);
  const o = options(rest, HBA_SPEC);
  const port = o.values.get('-port');
  if (port === undefined) fail('EX_REQARG', '-port <port>-<host group> is required');
  if (port.length > 2) fail('EX_CMDERR', `unexpected argument "${port[2]}"`);
  return {
    kind: 'hbaWwn',
    member: action === 'add',
    port: port[0],
    hostGroup: port[1] ?? null,
    wwpn: wwpnArg('-hba_wwn', required(o, '-hba_wwn', '<wwpn>')),
    array,
  };
}

/** `raidcom add hba_wwn …` / `raidcom delete hba_wwn …`, or null for every other raidcom line. */
function parseRaidcom(words: string[]): TapeCommand | HelpRequest | null {
  const action = words[0]?.toLowerCase();
  if ((action !== 'add' && action !== 'delete') || words[1]?.toLowerCase() !== 'hba_wwn') return null;
  return parseHbaWwn(action, words.slice(2));
}

// ---------------------------------------------------------------- the line

type Parser = (words: string[]) => BackupCommand | HelpRequest;

const PARSERS: Readonly<Record<string, Parser>> = {
  mtx: parseMtx,
  backup: parseBackup,
  restore: parseRestore,
  jobs: parseJobs,
  catalog: parseCatalog,
  vol: parseVol,
  db: parseDb,
  runbook: parseRunbook,
  policy: parsePolicy,
  schedule: parseSchedule,
};

/** Parses `line` when its verb is a tape/backup command (or raidcom's hba_wwn); null otherwise. */
export function parseBackupLine(line: string): BackupParseOutcome | null {
  const tok = tokenize(line);
  if (!tok.ok || tok.words.length === 0) return null;
  const name = tok.words[0].toLowerCase();
  const words = tok.words.slice(1);
  try {
    if (name === 'raidcom') {
      const command = parseRaidcom(words);
      return command === null ? null : { ok: true, command };
    }
    const parse = Object.hasOwn(PARSERS, name) ? PARSERS[name] : undefined;
    return parse === undefined ? null : { ok: true, command: parse(words) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, name, failure: e.failure };
    throw e;
  }
}
