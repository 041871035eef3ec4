/**
 * The console without a browser:
 * `npm run cci -- <scenario.json> [script.txt] [--seed N] [--report] [--pretty]`.
 *
 * Owns: loading the scenario (model/parse.ts, compile errors located as `npm run sim` does),
 * a `CciContext` over an in-process simulation (advance = runUntil, apply, replicationStatus,
 * backupStatus),
 * and running a script — the file's lines, or stdin's — one line at a time, printing
 * `[t=12.000s] $ <line>` before each command's output. `sleep <s>` lets simulated time pass.
 * Exit code: the first non-zero exit of a command (every line still runs), else 0; 2 for
 * invalid usage or input. `--report` prints the JSON report as of the end of the script.
 *
 * Does not handle: the commands themselves (src/cci); it never runs in a browser.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runCci, type CciContext } from '../cci/execute.ts';
import { CompileError } from '../engine/compile.ts';
import { createSimulation } from '../engine/simulation.ts';
import type { Simulation } from '../engine/api.ts';
import { parseDocumentText } from '../model/parse.ts';
import { UsageError } from './args.ts';
import { describeCompileError } from './locate.ts';
import type { CliIo } from './main.ts';

export const CCI_USAGE = `Usage: npm run cci -- <scenario.json> [script.txt] [options]

Runs console commands (paircreate, pairsplit, pairdisplay, pairevtwait, raidcom, raidvchkscan,
mtx, backup, restore, jobs, catalog, runbook, policy, schedule …) against a SANdbox scenario headless, one
line at a time, from script.txt or from stdin.

Options:
  --seed N    root seed (integer 0..4294967295); default: the scenario's seed
  --report    print the JSON report (as of the end of the script) after the transcript
  --pretty    indent that JSON report
  -h, --help  show this help

Exit codes: 0 every command succeeded; otherwise the first failing command's exit code
(e.g. 228 for EX_INVSTP); 2 invalid usage or scenario.`;

export interface CciCliOptions {
  scenarioPath: string;
  scriptPath?: string;
  seed?: number;
  report: boolean;
  pretty: boolean;
}

export interface CciCliIo extends CliIo {
  /** The script when no file is given (stdin in the real CLI). */
  stdin(): string;
}

const EXIT_INVALID = 2;
const US_PER_S = 1_000_000;

function parseSeed(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new UsageError(`--seed: "${text ?? ''}" is not an integer 0..4294967295`);
  return Number(text);
}

/** Parsed options, or 'help'. Throws UsageError. */
export function parseCciArgs(argv: string[]): CciCliOptions | 'help' {
  const paths: string[] = [];
  const opts: Omit<CciCliOptions, 'scenarioPath'> = { report: false, pretty: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--report') opts.report = true;
    else if (a === '--pretty') opts.pretty = true;
    else if (a === '--seed') opts.seed = parseSeed(argv[++i]);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else paths.push(a);
  }
  if (paths.length === 0) throw new UsageError('missing <scenario.json>');
  if (paths.length > 2) throw new UsageError(`at most a scenario and a script, got ${paths.length} files`);
  return paths[1] === undefined ? { scenarioPath: paths[0], ...opts } : { scenarioPath: paths[0], scriptPath: paths[1], ...opts };
}

/** A console context over an in-process simulation. */
export function simulationContext(sim: Simulation): CciContext {
  return {
    topology: sim.scenario.topology,
    nowS: () => sim.nowUs() / US_PER_S,
    apply: async (action) => sim.apply(action),
    replication: async () => sim.replicationStatus(),
    backup: async () => sim.backupStatus(),
    remote: async () => sim.remoteStatus(),
    faults: async () => sim.faultStatus(),
    advance: async (seconds) => {
      sim.runUntil(sim.nowUs() + Math.max(1, Math.round(seconds * US_PER_S)));
    },
  };
}

function load(path: string, seed: number | undefined, io: CliIo): Simulation | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    io.stderr(`sandbox-cci: cannot read ${path}: ${(e as Error).message}\n`);
    return null;
  }
  const parsed = parseDocumentText(text);
  if (!parsed.ok) {
    for (const err of parsed.errors) io.stderr(`sandbox-cci: ${path}: ${err.message}\n`);
    return null;
  }
  try {
    return createSimulation(parsed.scenario, seed === undefined ? {} : { seed });
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    io.stderr(`sandbox-cci: ${path}: ${describeCompileError(parsed.scenario, e, text)}\n`);
    return null;
  }
}

function readScript(opts: CciCliOptions, io: CciCliIo): string | null {
  if (opts.scriptPath === undefined) return io.stdin();
  try {
    return readFileSync(opts.scriptPath, 'utf8');
  } catch (e) {
    io.stderr(`sandbox-cci: cannot read ${opts.scriptPath}: ${(e as Error).message}\n`);
    return null;
  }
}

/** Runs every line of `script`; returns the first non-zero exit code, else 0. */
export async function runScript(script: string, ctx: CciContext, io: CliIo): Promise<number> {
  let exitCode = 0;
  for (const line of script.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    io.stdout(`[t=${ctx.nowS().toFixed(3)}s] $ ${line.trim()}\n`);
    const out = await runCci(line, ctx);
    if (out.stdout !== '') io.stdout(out.stdout);
    if (out.stderr !== '') io.stderr(out.stderr);
    if (exitCode === 0) exitCode = out.exitCode;
  }
  return exitCode;
}

/** Loads, runs the script, reports; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: CciCliIo): Promise<number> {
  let opts: CciCliOptions | 'help';
  try {
    opts = parseCciArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`sandbox-cci: ${e.message}\n\n${CCI_USAGE}\n`);
    return EXIT_INVALID;
  }
  if (opts === 'help') {
    io.stdout(`${CCI_USAGE}\n`);
    return 0;
  }
  const sim = load(opts.scenarioPath, opts.seed, io);
  if (sim === null) return EXIT_INVALID;
  const script = readScript(opts, io);
  if (script === null) return EXIT_INVALID;
  const exitCode = await runScript(script, simulationContext(sim), io);
  if (opts.report) io.stdout(`${JSON.stringify(sim.report(), null, opts.pretty ? 2 : undefined)}\n`);
  return exitCode;
}

const processIo: CciCliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: () => readFileSync(0, 'utf8'),
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code;
  });
}
