/**
 * Command-line arguments of `sandbox-sim` (`npm run sim -- …`).
 *
 * Owns: parsing argv into `CliOptions` and the usage text. Pure: no I/O, so tests call it directly.
 * Invariants: an unknown flag, a missing value or a malformed number is a `UsageError` whose
 * message names the flag; at most one scenario path.
 */

export const USAGE = `Usage: npm run sim -- <scenario.json> [options]

Runs a SANdbox scenario headless and prints its JSON report.

Options:
  --seed N          root seed (integer 0..4294967295); default: the scenario's seed
  --until SECONDS   stop at this simulated time; default: the scenario's durationS
  --out FILE        also write the report to FILE
  --snapshot FILE   also write the engine's state at the end of the run to FILE
  --pretty          indent the JSON report
  -h, --help        show this help

Exit codes: 0 every expectation holds; 1 an expectation failed; 2 invalid input or usage.`;

export interface CliOptions {
  scenarioPath: string;
  seed?: number;
  untilS?: number;
  outPath?: string;
  snapshotPath?: string;
  pretty: boolean;
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

/** Parsed options, or 'help'. Throws UsageError. */
export function parseArgs(argv: string[]): CliOptions | 'help' {
  let scenarioPath: string | undefined;
  const opts: Omit<CliOptions, 'scenarioPath'> = { pretty: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--pretty') opts.pretty = true;
    else if (a === '--seed') opts.seed = parseSeed(value(argv, i++, a));
    else if (a === '--until') opts.untilS = parseUntil(value(argv, i++, a));
    else if (a === '--out') opts.outPath = value(argv, i++, a);
    else if (a === '--snapshot') opts.snapshotPath = value(argv, i++, a);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (scenarioPath === undefined) scenarioPath = a;
    else throw new UsageError(`only one scenario file, got "${scenarioPath}" and "${a}"`);
  }
  if (scenarioPath === undefined) throw new UsageError('missing <scenario.json>');
  return { scenarioPath, ...opts };
}
