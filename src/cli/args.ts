/**
 * Command-line arguments of `sandbox-sim` (`npm run sim -- …`).
 *
 * Owns: parsing argv into `CliOptions` and the usage text. Pure: no I/O, so tests call it directly.
 * Invariants: an unknown flag, a missing value or a malformed number is a `UsageError` whose
 * message names the flag; at most one scenario path; the sweep flags (`--sweep`, `--wan`,
 * `--journal`, `--json`) only together and only with a matching field.
 */

export const USAGE = `Usage: npm run sim -- <scenario.json> [options]
       npm run sim -- --all [--dir DIR] [--seed N] [--json]

Runs a SANdbox scenario headless and prints its JSON report. With --all, runs every scenario of
a folder (the built-in scenarios/ by default) and prints one row each: expectations held,
simulated seconds, events, event-log hash, wall time; the exit code covers them all.

Options:
  --seed N          root seed (integer 0..4294967295); default: the scenario's seed
  --until SECONDS   stop at this simulated time; default: the scenario's durationS
  --out FILE        also write the report to FILE
  --snapshot FILE   also write the engine's state at the end of the run to FILE
  --pretty          indent the JSON report
  --alerts          also print the monitoring console's alert list to stderr, one line each
  -h, --help        show this help

Sweep (runs the scenario once per value and prints a table of remote-copy results):
  --sweep wan.bandwidthMbps=50,100,200   set every WAN link's bandwidth (or only --wan's) to each value
  --sweep journal.capacityMiB=256,1024   set every journal's capacity (or only --journal's) to each value
  --wan ID          the WAN link to change (with --sweep wan.bandwidthMbps)
  --journal A:J     the journal to change: array A, journal ID J (with --sweep journal.capacityMiB)
  --json            print the sweep's (or --all's) rows as JSON instead of a table
  --all             run every scenario of a folder: one row each, exit code over all of them
  --dir DIR         the folder for --all (default: scenarios)

Exit codes: 0 every expectation holds (a sweep: it finished); 1 an expectation failed;
2 invalid input or usage.`;

/** What a sweep may change. */
export const SWEEP_FIELDS = ['wan.bandwidthMbps', 'journal.capacityMiB'] as const;
export type SweepField = (typeof SWEEP_FIELDS)[number];

export interface SweepSpec {
  field: SweepField;
  /** In the order given. */
  values: number[];
}

/** A journal of an array: `<arrayId>:<journalId>`. */
export interface JournalRef {
  arrayId: string;
  journalId: number;
}

export interface SweepOptions {
  spec: SweepSpec;
  /** Only this WAN link (default: every WAN link of the scenario). */
  wanLinkId?: string;
  /** Only this journal (default: every journal of the scenario). */
  journal?: JournalRef;
  json: boolean;
}

export interface CliOptions {
  scenarioPath: string;
  /** `--all`: run every scenario of a folder (`scenarioPath` is then the folder); `json` prints its rows as JSON. */
  all?: boolean;
  json?: boolean;
  seed?: number;
  untilS?: number;
  outPath?: string;
  snapshotPath?: string;
  pretty: boolean;
  /** Print the alert list (report.faults.alerts.list) to stderr after the run. */
  alerts?: boolean;
  sweep?: SweepOptions;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function value(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new UsageError(`--seed: "${text}" is not an integer 0..4294967295`);
  return Number(text);
}

function parseUntil(text: string): number {
  const s = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(s > 0)) throw new UsageError(`--until: "${text}" is not a positive number of seconds`);
  return s;
}

const MAX_SWEEP_VALUES = 64;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `wan.bandwidthMbps=50,100,200` → the field and its values. Throws a UsageError naming `--sweep`. */
export function parseSweepSpec(text: string): SweepSpec {
  const eq = text.indexOf('=');
  if (eq < 0) throw new UsageError(`--sweep: "${text}" is not FIELD=V1,V2,… (fields: ${SWEEP_FIELDS.join(', ')})`);
  const field = text.slice(0, eq);
  if (!(SWEEP_FIELDS as readonly string[]).includes(field)) {
    throw new UsageError(`--sweep: unknown field "${field}" in "${text}"; use ${SWEEP_FIELDS.join(' or ')}`);
  }
  const items = text.slice(eq + 1).split(',');
  if (items.length > MAX_SWEEP_VALUES) throw new UsageError(`--sweep: ${items.length} values in "${text}"; at most ${MAX_SWEEP_VALUES}`);
  const values = items.map((item) => {
    const n = Number(item);
    if (!DECIMAL.test(item.trim()) || !Number.isFinite(n)) {
      throw new UsageError(`--sweep: "${item}" is not a number in "${text}"`);
    }
    return n;
  });
  return { field: field as SweepField, values };
}

/** `arr2:7` → array arr2, journal 7. Throws a UsageError naming `--journal`. */
export function parseJournalRef(text: string): JournalRef {
  const m = /^(.+):(\d{1,3})$/.exec(text);
  if (!m || Number(m[2]) > 255) throw new UsageError(`--journal: "${text}" is not <arrayId>:<journal ID 0..255>`);
  return { arrayId: m[1], journalId: Number(m[2]) };
}

interface SweepFlags {
  dir?: string;
  spec?: SweepSpec;
  wanLinkId?: string;
  journal?: JournalRef;
  json: boolean;
}

/** Checks the sweep flags go together. */
function sweepOptions(flags: SweepFlags, opts: Omit<CliOptions, 'scenarioPath'>): SweepOptions | undefined {
  const { spec, wanLinkId, journal, json } = flags;
  if (spec === undefined) {
    const stray = wanLinkId !== undefined ? '--wan' : journal !== undefined ? '--journal' : json ? '--json' : null;
    if (stray !== null) throw new UsageError(`${stray} needs --sweep`);
    return undefined;
  }
  if (wanLinkId !== undefined && spec.field !== 'wan.bandwidthMbps') throw new UsageError('--wan goes with --sweep wan.bandwidthMbps=…');
  if (journal !== undefined && spec.field !== 'journal.capacityMiB') throw new UsageError('--journal goes with --sweep journal.capacityMiB=…');
  if (opts.snapshotPath !== undefined) throw new UsageError('--snapshot does not go with --sweep (a sweep runs many times)');
  if (opts.alerts) throw new UsageError('--alerts does not go with --sweep (a sweep runs many times)');
  return { spec, json, ...(wanLinkId === undefined ? {} : { wanLinkId }), ...(journal === undefined ? {} : { journal }) };
}

/** Parsed options, or 'help'. Throws UsageError. */
export function parseArgs(argv: string[]): CliOptions | 'help' {
  let scenarioPath: string | undefined;
  const opts: Omit<CliOptions, 'scenarioPath'> = { pretty: false };
  const flags: SweepFlags = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--pretty') opts.pretty = true;
    else if (a === '--alerts') opts.alerts = true;
    else if (a === '--all') opts.all = true;
    else if (a === '--dir') flags.dir = value(argv, i++, a);
    else if (a === '--seed') opts.seed = parseSeed(value(argv, i++, a));
    else if (a === '--until') opts.untilS = parseUntil(value(argv, i++, a));
    else if (a === '--out') opts.outPath = value(argv, i++, a);
    else if (a === '--snapshot') opts.snapshotPath = value(argv, i++, a);
    else if (a === '--sweep') flags.spec = parseSweepSpec(value(argv, i++, a));
    else if (a === '--wan') flags.wanLinkId = value(argv, i++, a);
    else if (a === '--journal') flags.journal = parseJournalRef(value(argv, i++, a));
    else if (a === '--json') flags.json = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (scenarioPath === undefined) scenarioPath = a;
    else throw new UsageError(`only one scenario file, got "${scenarioPath}" and "${a}"`);
  }
  if (opts.all) {
    if (scenarioPath !== undefined) throw new UsageError(`--all runs a folder (--dir DIR), not "${scenarioPath}"`);
    const other = flags.spec ? '--sweep' : opts.untilS !== undefined ? '--until' : opts.outPath ? '--out' : opts.snapshotPath ? '--snapshot' : opts.alerts ? '--alerts' : null;
    if (other) throw new UsageError(`${other} does not go with --all`);
    return { ...opts, scenarioPath: flags.dir ?? 'scenarios', all: true, json: flags.json };
  }
  if (flags.dir !== undefined) throw new UsageError('--dir goes with --all');
  if (scenarioPath === undefined) throw new UsageError('missing <scenario.json>');
  const sweep = sweepOptions(flags, opts);
  return { scenarioPath, ...opts, ...(sweep === undefined ? {} : { sweep }) };
}
