/**
 * The headless runner:
 * `npm run sim -- <scenario.json> [--seed N] [--until S] [--out FILE] [--snapshot FILE] [--pretty]`,
 * the architect's sweep with `--sweep FIELD=V1,V2,…` (sweep.ts), and every built-in scenario with
 * `--all` (all.ts).
 *
 * Owns: reading and validating the file (model/parse.ts: every error names the field and
 * line), running the engine to `--until` or the scenario's end, printing the JSON report (and
 * writing the engine snapshot with `--snapshot`), and the exit code: 0 all expectations hold,
 * 1 one failed, 2 invalid input or usage.
 *
 * Does not handle: anything the engine or the model does; it never runs in a browser.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseDocumentText } from '../model/parse.ts';
import { CompileError } from '../engine/compile.ts';
import { createSimulation } from '../engine/simulation.ts';
import type { EngineSnapshot, Report } from '../engine/api.ts';
import { USAGE, UsageError, parseArgs, type CliOptions } from './args.ts';
import { describeCompileError } from './locate.ts';
import { sweepMain } from './sweep.ts';
import { allMain } from './all.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export const EXIT_OK = 0;
export const EXIT_EXPECTATION_FAILED = 1;
export const EXIT_INVALID = 2;

/** Loads, runs and reports; returns the exit code. Never throws for bad input. */
export function main(argv: string[], io: CliIo = processIo): number {
  let opts: CliOptions | 'help';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`sandbox-sim: ${e.message}\n\n${USAGE}\n`);
    return EXIT_INVALID;
  }
  if (opts === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (opts.all) return allMain(opts.scenarioPath, { seed: opts.seed, json: opts.json === true }, { ...io, nowMs: () => performance.now() });
  let text: string;
  try {
    text = readFileSync(opts.scenarioPath, 'utf8');
  } catch (e) {
    io.stderr(`sandbox-sim: cannot read ${opts.scenarioPath}: ${(e as Error).message}\n`);
    return EXIT_INVALID;
  }
  if (opts.sweep !== undefined) return sweepMain(text, { ...opts, sweep: opts.sweep }, io) === 'ok' ? EXIT_OK : EXIT_INVALID;
  const result = run(text, opts, io);
  if (result === null) return EXIT_INVALID;
  const { report, snapshot } = result;
  const json = `${JSON.stringify(report, null, opts.pretty ? 2 : undefined)}\n`;
  io.stdout(json);
  if (opts.outPath !== undefined) writeFileSync(opts.outPath, json);
  if (opts.snapshotPath !== undefined) writeFileSync(opts.snapshotPath, `${JSON.stringify(snapshot, null, opts.pretty ? 2 : undefined)}\n`);
  if (opts.alerts) for (const line of alertLines(report)) io.stderr(`${line}\n`);
  for (const e of report.expectations.filter((x) => !x.ok)) {
    io.stderr(`expectation failed: ${e.description}: ${e.path} ${e.op} ${JSON.stringify(e.value)} (actual ${JSON.stringify(e.actual)})\n`);
  }
  return report.expectations.every((e) => e.ok) ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}

/** The alert list as lines: simulated time, severity, kind, device, message, the roles paged. */
export function alertLines(report: Report): string[] {
  const list = report.faults.alerts.list;
  if (list.length === 0) return ['alerts: none'];
  return [
    `alerts: ${list.length} (${report.faults.alerts.bySeverity.critical} critical, ${report.faults.alerts.bySeverity.warning} warning, ${report.faults.alerts.bySeverity.info} info)`,
    ...list.map((a) => `${(a.timeUs / 1e6).toFixed(3).padStart(10)} s  ${a.severity.padEnd(8)} ${a.kind.padEnd(14)} ${a.deviceId.padEnd(12)} ${a.message}${a.notified.length > 0 ? `  [paged: ${a.notified.join(', ')}]` : ''}`),
  ];
}

function run(text: string, opts: CliOptions, io: CliIo): { report: Report; snapshot: EngineSnapshot | null } | null {
  const parsed = parseDocumentText(text);
  if (!parsed.ok) {
    for (const err of parsed.errors) io.stderr(`sandbox-sim: ${opts.scenarioPath}: ${err.message}\n`);
    return null;
  }
  try {
    const sim = createSimulation(parsed.scenario, opts.seed === undefined ? {} : { seed: opts.seed });
    const untilUs = opts.untilS === undefined ? sim.endUs() : Math.round(opts.untilS * 1_000_000);
    sim.runUntil(untilUs);
    return { report: sim.report(), snapshot: opts.snapshotPath === undefined ? null : sim.snapshot() };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    io.stderr(`sandbox-sim: ${opts.scenarioPath}: ${describeCompileError(parsed.scenario, e, text)}\n`);
    return null;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
