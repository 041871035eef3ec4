/**
 * Argument helpers for the tape, backup, runbook and SAN-manager commands (backup-parse.ts,
 * backup-parse-manager.ts): positional words before the options, ids, numbers, choices, WWPNs
 * and times of day, each failing with the CCI error class the console uses everywhere
 * (EX_REQARG missing, EX_INVARG out of range, EX_CMDERR a stray word) and a detail that names
 * the argument at fault.
 *
 * Pure: no topology, no engine. Builds on the option parser of parse.ts.
 */
import { Id } from '../model/topology.ts';
import { fail, isOption, type OptSpec } from './parse.ts';

/** `-h` (when the command gives it no other meaning) or `--help` anywhere on the line. */
export function wantsHelp(words: readonly string[], spec: OptSpec = {}): boolean {
  return words.some((w) => w === '--help' || (w === '-h' && spec['-h'] === undefined));
}

/**
 * The first `names.length` words, which must not be options: `[values, rest]`. A missing one is
 * EX_REQARG naming it (`<ldev> is required`).
 */
export function leading(words: readonly string[], names: readonly string[]): [string[], string[]] {
  const values: string[] = [];
  for (const name of names) {
    const w = words[values.length];
    if (w === undefined || isOption(w)) fail('EX_REQARG', `${name} is required`);
    values.push(w);
  }
  return [values, words.slice(values.length)];
}

/** Leading words that are not options, at most `max` of them: `[values, rest]`. */
export function optionalLeading(words: readonly string[], max: number): [string[], string[]] {
  let n = 0;
  while (n < max && n < words.length && !isOption(words[n])) n++;
  return [words.slice(0, n), words.slice(n)];
}

export function noMore(words: readonly string[]): void {
  if (words.length > 0) fail('EX_CMDERR', `unexpected argument "${words[0]}"`);
}

/** An id as the topology spells them (letters, digits and - _ . :). */
export function idArg(what: string, v: string): string {
  if (!Id.safeParse(v).success) fail('EX_INVARG', `${what}: "${v}" is not an id (letters, digits and - _ . : only)`);
  return v;
}

export function intArg(what: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) fail('EX_INVARG', `${what}: "${v}" is not an integer ${min}-${max}`);
  return n;
}

export function numberArg(what: string, v: string, minExclusive: number, max: number): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(n > minExclusive) || n > max) fail('EX_INVARG', `${what}: "${v}" is not a number above ${minExclusive} and at most ${max}`);
  return n;
}

export function choice<T extends string>(what: string, v: string, choices: readonly T[]): T {
  const hit = choices.find((c) => c === v.toLowerCase());
  if (hit === undefined) fail('EX_INVARG', `${what}: "${v}" is not ${choices.join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
  return hit;
}

/** A WWPN, with or without colons, any case → `10:00:00:00:c9:3a:10:01`. */
export function wwpnArg(what: string, v: string): string {
  const plain = /^[0-9a-f]{16}$/i.test(v);
  const colons = /^([0-9a-f]{2}:){7}[0-9a-f]{2}$/i.test(v);
  if (!plain && !colons) fail('EX_INVARG', `${what}: "${v}" is not a WWPN (16 hex digits, e.g. 10:00:00:00:c9:3a:10:01 or 10000000c93a1001)`);
  return v.toLowerCase().replace(/:/g, '').match(/../g)!.join(':');
}

/** A time of day `H:MM` or `HH:MM` → `HH:MM`. */
export function clockArg(what: string, v: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(v);
  if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59) fail('EX_INVARG', `${what}: "${v}" is not a time of day HH:MM (00:00-23:59)`);
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** A subcommand word (`vol mount`, `runbook start`): lower-cased, or EX_REQARG / EX_CMDERR listing them. */
export function subcommand<T extends string>(command: string, word: string | undefined, known: readonly T[]): T {
  if (word === undefined || isOption(word)) fail('EX_REQARG', `${command} needs one of: ${known.join(', ')}`);
  const hit = known.find((k) => k === word.toLowerCase());
  if (hit === undefined) fail('EX_CMDERR', `unknown ${command} command "${word}" (commands: ${known.join(', ')})`);
  return hit;
}

/** A help request for `topic` (what `-h` on a command prints). */
export interface HelpRequest {
  kind: 'help';
  topic: string;
}

export const help = (topic: string): HelpRequest => ({ kind: 'help', topic });

/** Who moves the data on a path (Fig. 8), given `-s <server>` and `-b <backup server>`. */
export interface PathServers {
  serverId: string | null;
  backupServerId: string | null;
}

/**
 * The servers a data path needs: lan-free needs the server that reads the SAN (`-s`); lan also
 * the backup server the data crosses the LAN to (`-b`); server-less has none (the array copies
 * to the library itself).
 */
export function pathServers(path: 'lan' | 'lan-free' | 'server-less', server: string | undefined, backupServer: string | undefined): PathServers {
  if (path === 'server-less') {
    if (server !== undefined) fail('EX_CMDERR', '-s cannot be used with -p server-less (the array copies to the library itself)');
    if (backupServer !== undefined) fail('EX_CMDERR', '-b cannot be used with -p server-less (the array copies to the library itself)');
    return { serverId: null, backupServerId: null };
  }
  if (server === undefined) fail('EX_REQARG', `-p ${path} needs -s <server> (the server that reads the volume)`);
  if (path === 'lan' && backupServer === undefined) fail('EX_REQARG', '-p lan needs -b <backup-server> (the server that writes the tape)');
  if (path === 'lan-free' && backupServer !== undefined) fail('EX_CMDERR', '-b is for -p lan (on lan-free the server writes the tape itself)');
  return { serverId: idArg('-s', server), backupServerId: backupServer === undefined ? null : idArg('-b', backupServer) };
}

export const PATHS = ['lan', 'lan-free', 'server-less'] as const;
