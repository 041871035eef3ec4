/**
 * `npm run sim -- --all [--dir DIR] [--seed N] [--json]`: every scenario of a folder (the
 * built-in `scenarios/` by default), run to its end, one row each — expectations held, simulated
 * seconds, events, the event-log hash, wall time — and the failed expectations under the table.
 *
 * Owns: listing the folder's `*.json` (sorted by name), running each exactly as a single
 * `npm run sim -- <file>` does (same parse, same engine, same report), the table or JSON rows, and
 * the exit code: 0 every expectation of every scenario holds, 1 one failed, 2 a file is invalid
 * (the others still run).
 *
 * Does not handle: sweeps, snapshots, `--until` (each scenario runs to its `durationS`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompileError } from '../engine/compile.ts';
import { createSimulation } from '../engine/simulation.ts';
import { parseDocumentText } from '../model/parse.ts';
import { describeCompileError } from './locate.ts';

export interface AllRow {
  file: string;
  name: string;
  /** `ok`: every expectation holds; `failed`: one does not; `invalid`: the file does not parse or compile. */
  verdict: 'ok' | 'failed' | 'invalid';
  expectations: number;
  held: number;
  seed: number;
  simSeconds: number;
  events: number;
  eventLogHash: string;
  wallMs: number;
  /** Failed expectations or the file's errors, one line each. */
  problems: string[];
}

export interface AllIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Wall-clock milliseconds (for the table only; never reaches the engine). */
  nowMs(): number;
}

/** Runs one scenario file as `npm run sim -- <file>` would and summarises it. */
export function runOne(path: string, file: string, seed: number | undefined, nowMs: () => number): AllRow {
  const text = readFileSync(path, 'utf8');
  const base = { file, name: file, expectations: 0, held: 0, seed: seed ?? 0, simSeconds: 0, events: 0, eventLogHash: '', wallMs: 0 };
  const parsed = parseDocumentText(text);
  if (!parsed.ok) return { ...base, verdict: 'invalid', problems: parsed.errors.map((e) => e.message) };
  const started = nowMs();
  try {
    const sim = createSimulation(parsed.scenario, seed === undefined ? {} : { seed });
    sim.runUntil(sim.endUs());
    const r = sim.report();
    const failed = r.expectations.filter((e) => !e.ok);
    return {
      ...base,
      name: parsed.scenario.name,
      verdict: failed.length === 0 ? 'ok' : 'failed',
      expectations: r.expectations.length,
      held: r.expectations.length - failed.length,
      seed: r.seed,
      simSeconds: r.simSeconds,
      events: r.events,
      eventLogHash: r.eventLogHash,
      wallMs: Math.round(nowMs() - started),
      problems: failed.map((e) => `${e.description}: ${e.path} ${e.op} ${JSON.stringify(e.value)} (actual ${JSON.stringify(e.actual)})`),
    };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return { ...base, name: parsed.scenario.name, verdict: 'invalid', problems: [describeCompileError(parsed.scenario, e, text)] };
  }
}

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);

/** The table: one row per scenario, then each problem, then the summary line. */
export function formatAll(rows: readonly AllRow[]): string {
  const w = Math.max(8, ...rows.map((r) => r.file.length));
  const lines = [`${pad('scenario', w)}  verdict  expectations  seed        sim s     events  event-log hash    wall ms`];
  for (const r of rows) {
    const verdict = r.verdict === 'ok' ? 'PASS' : r.verdict === 'failed' ? 'FAIL' : 'INVALID';
    lines.push(`${pad(r.file, w)}  ${pad(verdict, 7)}  ${lpad(`${r.held}/${r.expectations}`, 12)}  ${lpad(r.seed, 10)}  ${lpad(r.simSeconds, 5)}  ${lpad(r.events, 9)}  ${pad(r.eventLogHash || '-', 16)}  ${lpad(r.wallMs, 7)}`);
  }
  for (const r of rows) for (const p of r.problems) lines.push(`${r.file}: ${p}`);
  const passed = rows.filter((r) => r.verdict === 'ok').length;
  lines.push(`${rows.length} scenarios: ${passed} passed, ${rows.length - passed} failed`);
  return `${lines.join('\n')}\n`;
}

/** Runs every `*.json` of `dir`; returns the exit code. */
export function allMain(dir: string, opts: { seed?: number; json: boolean }, io: AllIo): number {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    io.stderr(`sandbox-sim: cannot read the folder ${dir}: ${(e as Error).message}\n`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr(`sandbox-sim: ${dir} has no .json scenario\n`);
    return 2;
  }
  const rows = files.map((f) => runOne(join(dir, f), f, opts.seed, io.nowMs));
  io.stdout(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatAll(rows));
  if (rows.some((r) => r.verdict === 'invalid')) return 2;
  return rows.every((r) => r.verdict === 'ok') ? 0 : 1;
}
