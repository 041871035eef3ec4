/**
 * Parsing one console line into a `CciCommand` (plain data), or the CCI error it deserves.
 *
 * Owns: the options of every command, their exclusions and value ranges, and which error class
 * a malformed line gets: EX_UNWCMD (unknown command), EX_UNWOPT (unknown option), EX_REQARG (a
 * required option or value missing), EX_INVARG (a value out of range), EX_CMDERR (anything else
 * malformed: stray words, repeated or conflicting options, unclosed quotes).
 * Pure: it never looks at the topology or the engine (execute.ts checks groups and devices), so
 * a line that does not parse can never change anything.
 */
import { CopyPace } from '../model/scenario.ts';
import type { CciFailure } from './codes.ts';
import { LUN_ACTIONS } from './raidcom-lun-parse.ts';
import { tokenize } from './tokenize.ts';

/** A copy group and, optionally, one device of it (absent = every device of the group). */
export interface PairTarget {
  group: string;
  device?: string;
}

/** Status names `pairevtwait -s` accepts (lower case). */
export const WAIT_STATUSES = ['smpl', 'copy', 'rcpy', 'pair', 'psus', 'ssus', 'psue', 'pful', 'pfus', 'ssws'] as const;
export type WaitStatus = (typeof WAIT_STATUSES)[number];

export type CciCommand =
  | { kind: 'none' }
  | { kind: 'help'; topic: string | null }
  | { kind: 'sleep'; seconds: number }
  | { kind: 'paircreate'; target: PairTarget; pace: number; split: boolean; poolId: string | null; remote: RemoteCreateOptions }
  | { kind: 'pairsplit'; target: PairTarget; mode: 'steady' | 'quick'; access: 'rw' | 'r' }
  | { kind: 'pairsuspend'; target: PairTarget }
  | { kind: 'pairdelete'; target: PairTarget }
  /** `pairsplit -RS`: S-VOL takeover at the remote site (SSWS). */
  | { kind: 'pairtakeover'; target: PairTarget }
  | { kind: 'pairresync'; target: PairTarget; restore: boolean; pace: number | null; swap: boolean }
  | { kind: 'pairdisplay'; target: PairTarget; showPct: boolean; localOnly: boolean; showRemote: boolean }
  | { kind: 'pairevtwait'; target: PairTarget; statuses: WaitStatus[]; timeoutS: number }
  | { kind: 'pairvolchk'; target: PairTarget; svol: boolean }
  | { kind: 'getPool' }
  | { kind: 'getSnapshot'; group: string | null }
  | { kind: 'setReadOnly'; ldevId: string; readOnly: boolean };

/**
 * Remote-copy options of `paircreate` as typed; execute.ts checks them against the group's kind
 * (a remote-sync group needs `-f data|status|never`, a remote-async one `-f async [CTG]`).
 */
export interface RemoteCreateOptions {
  /** `-f <fence>`: the fence level, or `async` for Universal Replicator; null when absent. */
  fence: 'data' | 'status' | 'never' | 'async' | null;
  /** `-f async <CTG>`: the consistency group. */
  consistencyGroup: number | null;
  /** `-jp <id>` / `-js <id>`: the master and restore journal IDs. */
  masterJournal: number | null;
  restoreJournal: number | null;
}

export type ParseOutcome = { ok: true; command: CciCommand } | { ok: false; name: string; failure: CciFailure };

// ---------------------------------------------------------------- options

export type Arity = 'flag' | 'value' | 'values';
/** Option → arity and, for values, what the value is (for messages). */
export type OptSpec = Readonly<Record<string, { arity: Arity; what?: string }>>;

export interface Opts {
  flags: Set<string>;
  values: Map<string, string[]>;
}

export class ParseFailure extends Error {
  constructor(readonly failure: CciFailure) {
    super(failure.detail ?? failure.code);
  }
}

export function fail(code: string, detail: string): never {
  throw new ParseFailure({ code, detail });
}

export const isOption = (w: string | undefined): boolean => w !== undefined && /^-[A-Za-z]/.test(w);

/** Takes the value(s) of `opt` starting at words[i]; returns them and the next index. */
function takeValues(words: string[], i: number, opt: string, arity: Arity, what: string): [string[], number] {
  const out: string[] = [];
  let j = i;
  while (j < words.length && !isOption(words[j]) && (arity === 'values' || out.length === 0)) out.push(words[j++]);
  if (out.length === 0) fail('EX_REQARG', `${opt} needs ${what}`);
  return [out, j];
}

/**
 * Options of `words` per `spec`; 'help' for -h (unless the spec gives -h a meaning, as
 * `policy set -h <hours>` does) or --help. `-I…` (instance selection) is accepted and ignored.
 */
export function parseOptions(words: string[], spec: OptSpec): Opts | 'help' {
  const opts: Opts = { flags: new Set(), values: new Map() };
  let i = 0;
  while (i < words.length) {
    const w = words[i++];
    if ((w === '-h' && spec['-h'] === undefined) || w === '--help') return 'help';
    if (/^-I[A-Za-z]*\d*$/.test(w)) continue;
    const s = spec[w];
    if (s === undefined) {
      if (isOption(w)) fail('EX_UNWOPT', `unknown option ${w} (options: ${Object.keys(spec).join(' ')})`);
      fail('EX_CMDERR', `unexpected argument "${w}"`);
    }
    if (opts.flags.has(w) || opts.values.has(w)) fail('EX_CMDERR', `${w} is given twice`);
    if (s.arity === 'flag') {
      opts.flags.add(w);
      continue;
    }
    const [vals, next] = takeValues(words, i, w, s.arity, s.what ?? 'a value');
    opts.values.set(w, vals);
    i = next;
  }
  return opts;
}

export const one = (o: Opts, opt: string): string | undefined => o.values.get(opt)?.[0];

export function required(o: Opts, opt: string, what: string): string {
  const v = one(o, opt);
  if (v === undefined) fail('EX_REQARG', `${opt} ${what} is required`);
  return v;
}

export function exclusive(o: Opts, names: string[]): void {
  const given = names.filter((n) => o.flags.has(n) || o.values.has(n));
  if (given.length > 1) fail('EX_CMDERR', `${given.join(' and ')} cannot be used together`);
}

function pace(o: Opts): number | null {
  const v = one(o, '-c');
  if (v === undefined) return null;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !CopyPace.safeParse(n).success) fail('EX_INVARG', `-c: pace "${v}" is not an integer 1-15`);
  return n;
}

export function seconds(opt: string, v: string): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) fail('EX_INVARG', `${opt}: "${v}" is not a number of seconds`);
  return n;
}

function target(o: Opts): PairTarget {
  const group = required(o, '-g', '<group>');
  const device = one(o, '-d');
  return device === undefined ? { group } : { group, device };
}

const GD: OptSpec = { '-g': { arity: 'value', what: 'a group name' }, '-d': { arity: 'value', what: 'a device name' } };

// ---------------------------------------------------------------- commands

export type Builder = (words: string[]) => CciCommand;

export function withOptions(name: string, spec: OptSpec, build: (o: Opts) => CciCommand): Builder {
  return (words) => {
    const o = parseOptions(words, spec);
    return o === 'help' ? { kind: 'help', topic: name } : build(o);
  };
}

const FENCES = ['data', 'status', 'never', 'async'] as const;

function journalId(opt: string, v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 255) fail('EX_INVARG', `${opt}: journal ID "${v}" is not an integer 0-255`);
  return n;
}

/** `-f <fence> [CTG]`, `-jp <id>`, `-js <id>`. */
function remoteCreate(o: Opts): RemoteCreateOptions {
  const [fenceText, ctgText, extra] = o.values.get('-f') ?? [];
  if (extra !== undefined) fail('EX_CMDERR', `unexpected argument "${extra}" (-f takes a fence level and, for async, a CTG)`);
  const fence = fenceText === undefined ? null : FENCES.find((f) => f === fenceText.toLowerCase());
  if (fence === undefined) fail('EX_INVARG', `-f: "${fenceText}" is not a fence level (data, status, never or async)`);
  const ctg = ctgText === undefined ? null : Number(ctgText);
  if (ctgText !== undefined && (!/^\d+$/.test(ctgText) || (ctg ?? 0) > 255)) fail('EX_INVARG', `-f ${fenceText}: CTG "${ctgText}" is not an integer 0-255`);
  if (ctg !== null && fence !== 'async') fail('EX_INVARG', `-f ${fenceText} ${ctgText}: a CTG is given with -f async only`);
  return { fence, consistencyGroup: ctg, masterJournal: journalId('-jp', one(o, '-jp')), restoreJournal: journalId('-js', one(o, '-js')) };
}

const paircreate = withOptions(
  'paircreate',
  {
    ...GD,
    '-vl': { arity: 'flag' },
    '-vr': { arity: 'flag' },
    '-c': { arity: 'value', what: 'a pace 1-15' },
    '-split': { arity: 'flag' },
    '-pid': { arity: 'value', what: 'a pool id' },
    '-f': { arity: 'values', what: 'a fence level (data, status, never or async [CTG])' },
    '-jp': { arity: 'value', what: 'a journal ID 0-255' },
    '-js': { arity: 'value', what: 'a journal ID 0-255' },
  },
  (o) => {
    exclusive(o, ['-vl', '-vr']);
    const t = target(o);
    const remote = remoteCreate(o);
    return { kind: 'paircreate', target: t, pace: pace(o) ?? 3, split: o.flags.has('-split'), poolId: one(o, '-pid') ?? null, remote };
  },
);

function splitMode(o: Opts): 'steady' | 'quick' {
  const v = one(o, '-fq');
  if (v === undefined || v === 'normal') return 'steady';
  if (v === 'quick') return 'quick';
  return fail('EX_INVARG', `-fq: "${v}" is not quick or normal`);
}

/** -R / -RB (S-VOL to SMPL / back to SSUS at the remote site) have no engine action. */
function refuseUnsupportedSplit(o: Opts): void {
  for (const opt of ['-R', '-RB']) {
    if (o.flags.has(opt)) fail('EX_CMDRJE', `pairsplit ${opt} is not supported in SANdbox: use -RS (takeover: the S-VOL becomes SSWS) or -S (delete the pair)`);
  }
}

const pairsplit = withOptions(
  'pairsplit',
  {
    ...GD,
    '-r': { arity: 'flag' },
    '-rw': { arity: 'flag' },
    '-fq': { arity: 'value', what: 'quick or normal' },
    '-E': { arity: 'flag' },
    '-S': { arity: 'flag' },
    '-RS': { arity: 'flag' },
    '-R': { arity: 'flag' },
    '-RB': { arity: 'flag' },
  },
  (o) => {
    refuseUnsupportedSplit(o);
    exclusive(o, ['-E', '-S', '-RS', '-r', '-rw']);
    exclusive(o, ['-E', '-S', '-RS', '-fq']);
    const t = target(o);
    if (o.flags.has('-E')) return { kind: 'pairsuspend', target: t };
    if (o.flags.has('-S')) return { kind: 'pairdelete', target: t };
    if (o.flags.has('-RS')) return { kind: 'pairtakeover', target: t };
    return { kind: 'pairsplit', target: t, mode: splitMode(o), access: o.flags.has('-r') ? 'r' : 'rw' };
  },
);

const pairresync = withOptions(
  'pairresync',
  { ...GD, '-restore': { arity: 'flag' }, '-c': { arity: 'value', what: 'a pace 1-15' }, '-swaps': { arity: 'flag' }, '-swapp': { arity: 'flag' } },
  (o) => {
    exclusive(o, ['-restore', '-swaps', '-swapp']);
    return { kind: 'pairresync', target: target(o), restore: o.flags.has('-restore'), pace: pace(o), swap: o.flags.has('-swaps') || o.flags.has('-swapp') };
  },
);

/** pairdisplay's `-f` flags: any combination of c (copy %), x (hex LDEV#, ignored) and e (remote columns), e.g. -fcxe. */
const DISPLAY_FLAGS: readonly string[] = (() => {
  const out: string[] = [];
  const grow = (prefix: string, left: string): void => {
    for (const ch of left) {
      out.push(`${prefix}${ch}`);
      grow(`${prefix}${ch}`, left.replace(ch, ''));
    }
  };
  grow('', 'cxe');
  return out.map((f) => `-f${f}`);
})();

const DISPLAY_SPEC: OptSpec = { ...GD, '-l': { arity: 'flag' }, ...Object.fromEntries(DISPLAY_FLAGS.map((f) => [f, { arity: 'flag' as const }])) };

const pairdisplay = withOptions('pairdisplay', DISPLAY_SPEC, (o) => {
  const letters = [...o.flags].filter((f) => f.startsWith('-f')).join('');
  return { kind: 'pairdisplay', target: target(o), showPct: letters.includes('c'), localOnly: o.flags.has('-l'), showRemote: letters.includes('e') };
});

function waitStatuses(o: Opts): WaitStatus[] {
  const given = o.values.get('-s');
  if (given === undefined) fail('EX_REQARG', '-s <status> is required');
  return given.map((s) => {
    const lower = s.toLowerCase();
    const hit = WAIT_STATUSES.find((w) => w === lower);
    if (hit === undefined) fail('EX_INVARG', `-s: unknown status "${s}" (statuses: ${WAIT_STATUSES.join(' ')})`);
    return hit;
  });
}

const pairevtwait = withOptions(
  'pairevtwait',
  { ...GD, '-s': { arity: 'values', what: 'one or more statuses' }, '-t': { arity: 'value', what: 'a timeout in seconds' } },
  (o) => {
    const t = target(o);
    const statuses = waitStatuses(o);
    return { kind: 'pairevtwait', target: t, statuses, timeoutS: seconds('-t', required(o, '-t', '<timeout>')) };
  },
);

const pairvolchk = withOptions('pairvolchk', { ...GD, '-s': { arity: 'flag' }, '-c': { arity: 'flag' } }, (o) => ({
  kind: 'pairvolchk',
  target: target(o),
  svol: o.flags.has('-s') || o.flags.has('-c'),
}));

function sleep(words: string[]): CciCommand {
  if (words[0] === '-h' || words[0] === '--help') return { kind: 'help', topic: 'sleep' };
  if (words.length === 0) fail('EX_REQARG', 'sleep needs a number of seconds');
  if (words.length > 1) fail('EX_CMDERR', `unexpected argument "${words[1]}"`);
  const s = seconds('sleep', words[0]);
  if (!(s > 0)) fail('EX_INVARG', 'sleep: the number of seconds must be positive');
  return { kind: 'sleep', seconds: s };
}

function accessAttribute(v: string): boolean {
  if (v === 'read_only') return true;
  if (v === 'read_write') return false;
  return fail('EX_INVARG', `-access_attribute: "${v}" is not read_only or read_write`);
}

const modifyLdev = withOptions(
  'raidcom modify ldev',
  { '-ldev_id': { arity: 'value', what: 'an LDEV id' }, '-access_attribute': { arity: 'value', what: 'read_only or read_write' } },
  (o) => ({
    kind: 'setReadOnly',
    ldevId: required(o, '-ldev_id', '<ldev>'),
    readOnly: accessAttribute(required(o, '-access_attribute', 'read_only|read_write')),
  }),
);

const RAIDCOM: Readonly<Record<string, Builder>> = {
  'get pool': withOptions('raidcom get pool', {}, () => ({ kind: 'getPool' })),
  'get snapshot': withOptions('raidcom get snapshot', { '-snapshotgroup': { arity: 'value', what: 'a group name' } }, (o) => ({
    kind: 'getSnapshot',
    group: one(o, '-snapshotgroup') ?? null,
  })),
  'modify ldev': modifyLdev,
};

/**
 * raidcom actions parsed by backup-parse.ts (hba_wwn), remote-parse.ts and raidcom-lun-parse.ts (host groups and LU paths), named here so the list of known
 * actions is whole. (`get journal`, parsed by remote-parse.ts, is not in it yet: backup-parse.test.ts
 * pins this message.)
 */
const RAIDCOM_ELSEWHERE = ['add hba_wwn', 'delete hba_wwn', 'get journal'];

function raidcom(words: string[]): CciCommand {
  if (words.length === 0 || words[0] === '-h' || words[0] === '--help') return { kind: 'help', topic: 'raidcom' };
  const key = `${words[0]} ${words[1] ?? ''}`.trim().toLowerCase();
  const build = Object.hasOwn(RAIDCOM, key) ? RAIDCOM[key] : undefined;
  if (build === undefined) fail('EX_CMDERR', `unknown raidcom action "${key}" (known: ${[...Object.keys(RAIDCOM), ...RAIDCOM_ELSEWHERE, ...LUN_ACTIONS].join(', ')})`);
  return build(words.slice(2));
}

const COMMANDS: Readonly<Record<string, Builder>> = {
  paircreate,
  pairsplit,
  pairresync,
  pairdisplay,
  pairevtwait,
  pairvolchk,
  raidcom,
  sleep,
  help: (words) => ({ kind: 'help', topic: words.length === 0 ? null : words.join(' ') }),
};

/** Parses one console line. Blank lines and comments give `{ kind: 'none' }`. */
export function parseLine(line: string): ParseOutcome {
  const tok = tokenize(line);
  if (!tok.ok) return { ok: false, name: line.trim().split(/\s+/)[0] || 'cci', failure: { code: 'EX_CMDERR', detail: tok.message } };
  if (tok.words.length === 0) return { ok: true, command: { kind: 'none' } };
  const name = tok.words[0].toLowerCase();
  const build = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (build === undefined) return { ok: false, name: tok.words[0], failure: { code: 'EX_UNWCMD', detail: `"${tok.words[0]}" is not a command (type help)` } };
  try {
    return { ok: true, command: build(tok.words.slice(1)) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, name, failure: e.failure };
    throw e;
  }
}
