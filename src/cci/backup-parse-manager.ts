/**
 * Parsing the runbook and SAN-manager commands: `runbook list|show|start|pause|resume|step`,
 * `policy list|set|run` and `schedule`.
 *
 * Owns: their words and options, value ranges and the errors a malformed line gets (the same
 * classes as parse.ts). `policy set` builds a whole `BackupPolicy` (the schema's defaults for
 * what is not given); `-h` there is the window length in hours, so only `--help` asks for help.
 * Pure: whether a runbook, LDEV, library or server exists is checked by backup-execute.ts.
 */
import { BackupPolicy } from '../model/topology.ts';
import {
  choice,
  clockArg,
  help,
  idArg,
  intArg,
  leading,
  noMore,
  numberArg,
  pathServers,
  PATHS,
  subcommand,
  wantsHelp,
  type HelpRequest,
} from './backup-args.ts';
import { fail, one, parseOptions, required, type OptSpec, type Opts } from './parse.ts';

export type ManagerCommand =
  | { kind: 'runbookList' }
  | { kind: 'runbookShow'; runbook: string }
  | { kind: 'runbookStart'; runbook: string }
  | { kind: 'runbookPause'; runbook: string; beforeStep: number | null }
  | { kind: 'runbookResume'; runbook: string; oneStep: boolean }
  | { kind: 'policyList' }
  | { kind: 'policySet'; policy: BackupPolicy }
  | { kind: 'policyRun'; policyId: string }
  | { kind: 'schedule' };

/** Options of `words` per `spec`, help having been ruled out by the caller. */
function options(words: string[], spec: OptSpec): Opts {
  const o = parseOptions(words, spec);
  if (o === 'help') return fail('EX_CMDERR', 'unexpected --help');
  return o;
}

// ---------------------------------------------------------------- runbook

const RUNBOOK_VERBS = ['list', 'show', 'start', 'pause', 'resume', 'step'] as const;
const BEFORE: OptSpec = { '--before': { arity: 'value', what: 'a step number' } };

export function parseRunbook(words: string[]): ManagerCommand | HelpRequest {
  if (words.length === 0 || wantsHelp(words.slice(0, 1))) return help('runbook');
  const verb = subcommand('runbook', words[0], RUNBOOK_VERBS);
  const rest = words.slice(1);
  if (wantsHelp(rest)) return help(`runbook ${verb}`);
  if (verb === 'list') {
    noMore(rest);
    return { kind: 'runbookList' };
  }
  const [[id], tail] = leading(rest, ['<runbook>']);
  const runbook = idArg('<runbook>', id);
  if (verb === 'pause') {
    const before = one(options(tail, BEFORE), '--before');
    return { kind: 'runbookPause', runbook, beforeStep: before === undefined ? null : intArg('--before', before, 0, 99_999) };
  }
  noMore(tail);
  if (verb === 'show') return { kind: 'runbookShow', runbook };
  if (verb === 'start') return { kind: 'runbookStart', runbook };
  return { kind: 'runbookResume', runbook, oneStep: verb === 'step' };
}

// ---------------------------------------------------------------- policy

const POLICY_VERBS = ['list', 'set', 'run'] as const;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const POLICY_SET: OptSpec = {
  '-t': { arity: 'value', what: 'a tenant name' },
  '-d': { arity: 'value', what: 'an LDEV id' },
  '-w': { arity: 'value', what: 'a window start HH:MM' },
  '-h': { arity: 'value', what: 'a window length in hours' },
  '-l': { arity: 'value', what: 'a library id' },
  '-m': { arity: 'value', what: 'replica or direct' },
  '-p': { arity: 'value', what: 'lan, lan-free or server-less' },
  '-s': { arity: 'value', what: 'a server id' },
  '-b': { arity: 'value', what: 'a backup server id' },
  '-r': { arity: 'value', what: 'a retention in days' },
  '-f': { arity: 'value', what: 'daily or weekly' },
  '-D': { arity: 'value', what: 'a weekday (0-6 or sun-sat)' },
  '-g': { arity: 'value', what: 'the data size in GiB' },
};

function tenant(v: string): string {
  if (v.trim().length === 0 || v.length > 80) fail('EX_INVARG', `-t: the tenant must be 1-80 characters`);
  return v;
}

function weekday(o: Opts, frequency: 'daily' | 'weekly'): number {
  const v = one(o, '-D');
  if (v === undefined) return 0;
  if (frequency !== 'weekly') fail('EX_CMDERR', '-D is for -f weekly');
  const byName = WEEKDAYS.findIndex((d) => d === v.toLowerCase().slice(0, 3) && v.length >= 3);
  return byName >= 0 ? byName : intArg('-D', v, 0, 6);
}

function policySet(words: string[]): ManagerCommand {
  const [[id], tail] = leading(words, ['<policy>']);
  const o = options(tail, POLICY_SET);
  const frequency = choice('-f', one(o, '-f') ?? 'daily', ['daily', 'weekly'] as const);
  const path = choice('-p', one(o, '-p') ?? 'server-less', PATHS);
  const servers = pathServers(path, one(o, '-s'), one(o, '-b'));
  const retention = one(o, '-r');
  const dataGiB = one(o, '-g');
  const policy: BackupPolicy = {
    id: idArg('<policy>', id),
    tenant: tenant(required(o, '-t', '<tenant>')),
    ldevId: idArg('-d', required(o, '-d', '<ldev>')),
    method: choice('-m', one(o, '-m') ?? 'replica', ['replica', 'direct'] as const),
    frequency,
    weekday: weekday(o, frequency),
    windowStart: clockArg('-w', required(o, '-w', '<HH:MM>')),
    windowHours: numberArg('-h', required(o, '-h', '<hours>'), 0, 24),
    libraryId: idArg('-l', required(o, '-l', '<library>')),
    path,
    ...(servers.serverId === null ? {} : { serverId: servers.serverId }),
    ...(servers.backupServerId === null ? {} : { backupServerId: servers.backupServerId }),
    retentionDays: retention === undefined ? 7 : intArg('-r', retention, 1, 3650),
    ...(dataGiB === undefined ? {} : { dataGiB: numberArg('-g', dataGiB, 0, 1_048_576) }),
  };
  return { kind: 'policySet', policy: BackupPolicy.parse(policy) };
}

export function parsePolicy(words: string[]): ManagerCommand | HelpRequest {
  if (words.length === 0 || wantsHelp(words.slice(0, 1))) return help('policy');
  const verb = subcommand('policy', words[0], POLICY_VERBS);
  const rest = words.slice(1);
  // `policy set` uses -h for hours: only --help asks for its usage there.
  if (wantsHelp(rest, verb === 'set' ? POLICY_SET : {})) return help(`policy ${verb}`);
  if (verb === 'set') return policySet(rest);
  if (verb === 'list') {
    noMore(rest);
    return { kind: 'policyList' };
  }
  const [[id], tail] = leading(rest, ['<policy>']);
  noMore(tail);
  return { kind: 'policyRun', policyId: idArg('<policy>', id) };
}

export function parseSchedule(words: string[]): ManagerCommand | HelpRequest {
  if (wantsHelp(words)) return help('schedule');
  noMore(words);
  return { kind: 'schedule' };
}
