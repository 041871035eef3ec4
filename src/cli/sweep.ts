/**
 * The architect's sweep:
 * `npm run sim -- <scenario.json> --sweep wan.bandwidthMbps=50,100,200 [--wan ID] [--json]`
 * (or `--sweep journal.capacityMiB=256,1024 [--journal ARRAY:JID]`).
 *
 * Owns: choosing what a sweep changes (every WAN link / every journal, or the one named), one
 * copy of the scenario per value with that field set and validated again by the Scenario schema
 * (a bad value is reported naming the field, before anything runs), running each copy headless to
 * its end, and turning each run's `report.remote.groups` into rows: one per value × remote group,
 * printed as an aligned table (or JSON with `--json`). Progress goes to stderr; stdout depends
 * only on the input, so the same input prints the same bytes.
 *
 * Does not handle: the engine (the runner is injected: `RunScenario`, so tests give fake reports),
 * argument parsing (args.ts), exit codes (main.ts maps the outcome).
 */
import { writeFileSync } from 'node:fs';
import { parseDocument, parseDocumentText, type LocatedError } from '../model/parse.ts';
import { formatPath, positionOf, scanJson, type PathSegment } from '../model/json-positions.ts';
import type { Scenario } from '../model/scenario.ts';
import { CompileError, createSimulation, type Report } from '../engine/index.ts';
import type { CliOptions, SweepField, SweepOptions } from './args.ts';
import type { CliIo } from './main.ts';
import { describeCompileError, pathSegments } from './locate.ts';

/** Runs one scenario to its end and returns its report. May throw CompileError. */
export type RunScenario = (scenario: Scenario) => Report;

/** One place a sweep writes its value: a WAN link's bandwidth or a journal's capacity. */
export interface SweepTarget {
  /** `wan1`, or `arr2:7` for journal 7 of array arr2. */
  label: string;
  /** Document path of the field, e.g. ['topology', 'devices', 5, 'bandwidthMbps']. */
  path: PathSegment[];
}

/** One value × one remote group. Every metric is null when the run had no remote group. */
export interface SweepRow {
  value: number;
  /** Remote group key (`ctg-N`, `sync:<group>`), or null: the run had none. */
  group: string | null;
  /** The group's state at the end of the run. */
  state: string | null;
  worstLagS: number | null;
  worstLagWrites: number | null;
  peakJournalPct: number | null;
  suspensions: number | null;
  /** When the group last suspended, or null when it never did. */
  suspendedAtS: number | null;
  writeResponseMsMean: number | null;
}

export interface SweepResult {
  scenario: string;
  seed: number;
  simSeconds: number;
  field: SweepField;
  targets: string[];
  rows: SweepRow[];
  /** The smallest value whose run had remote groups and none suspended; null when none did. */
  lowestWithoutSuspension: number | null;
}

/** Bad input found before or while running: one message per problem, each naming the field. */
export class SweepError extends Error {
  override readonly name = 'SweepError';
  constructor(readonly messages: string[]) {
    super(messages.join('\n'));
  }
}

// ---------------------------------------------------------------- what the sweep changes

function wanTargets(scenario: Scenario, wanLinkId: string | undefined): SweepTarget[] {
  const devices = scenario.topology.devices;
  const all = devices.flatMap((d, i) => (d.kind === 'wanLink' ? [{ label: d.id, path: ['topology', 'devices', i, 'bandwidthMbps'] }] : []));
  if (all.length === 0) throw new SweepError(['--sweep wan.bandwidthMbps: the scenario has no WAN link']);
  if (wanLinkId === undefined) return all;
  const one = all.filter((t) => t.label === wanLinkId);
  if (one.length === 0) throw new SweepError([`--wan: no WAN link "${wanLinkId}" in the scenario (WAN links: ${all.map((t) => t.label).join(', ')})`]);
  return one;
}

function journalTargets(scenario: Scenario, sweep: SweepOptions): SweepTarget[] {
  const all = scenario.topology.devices.flatMap((d, i) =>
    d.kind === 'array' ? (d.journals ?? []).map((j, k) => ({ label: `${d.id}:${j.id}`, path: ['topology', 'devices', i, 'journals', k, 'capacityMiB'] })) : [],
  );
  if (all.length === 0) throw new SweepError(['--sweep journal.capacityMiB: the scenario has no journal (DiskArray.journals)']);
  const ref = sweep.journal;
  if (ref === undefined) return all;
  const one = all.filter((t) => t.label === `${ref.arrayId}:${ref.journalId}`);
  if (one.length === 0) {
    throw new SweepError([`--journal: no journal ${ref.journalId} on array "${ref.arrayId}" in the scenario (journals: ${all.map((t) => t.label).join(', ')})`]);
  }
  return one;
}

/** Where the sweep's values go. Throws SweepError when the scenario has nothing to change. */
export function sweepTargets(scenario: Scenario, sweep: SweepOptions): SweepTarget[] {
  return sweep.spec.field === 'wan.bandwidthMbps' ? wanTargets(scenario, sweep.wanLinkId) : journalTargets(scenario, sweep);
}

function setAt(root: unknown, path: readonly PathSegment[], value: number): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

/**
 * "path (line N): text" — the line found in the original file when it has that path (a bare
 * topology file has it without the leading `topology`).
 */
function locate(err: LocatedError, positions: ReturnType<typeof scanJson>): string {
  const head = err.path === '' ? 'document' : err.path;
  const text = err.message.startsWith(`${head}: `) ? err.message.slice(head.length + 2) : err.message;
  const segments = pathSegments(err.path);
  const bare = segments[0] === 'topology' ? segments.slice(1) : segments;
  const at = !positions.ok || segments.length === 0 ? null : (positions.positions.get(formatPath(bare)) ?? positionOf(positions.positions, segments));
  return `${head}${at ? ` (line ${at.line})` : ''}: ${text}`;
}

/**
 * One scenario per value, each checked by the Scenario schema. Throws SweepError listing every
 * bad value (e.g. `--sweep wan.bandwidthMbps=0: topology.devices[5].bandwidthMbps (line 88): …`).
 * `text` (the original file) is used only to find line numbers.
 */
export function sweepScenarios(scenario: Scenario, sweep: SweepOptions, targets: SweepTarget[], text = ''): { value: number; scenario: Scenario }[] {
  const positions = scanJson(text);
  const errors: string[] = [];
  const runs: { value: number; scenario: Scenario }[] = [];
  for (const value of sweep.spec.values) {
    const copy = structuredClone(scenario);
    for (const t of targets) setAt(copy, t.path, value);
    const parsed = parseDocument(copy);
    if (parsed.ok) runs.push({ value, scenario: parsed.scenario });
    else for (const e of parsed.errors) errors.push(`--sweep ${sweep.spec.field}=${value}: ${locate(e, positions)}`);
  }
  if (errors.length > 0) throw new SweepError(errors);
  return runs;
}

// ---------------------------------------------------------------- running and rows

/** The real runner: the engine, headless, to the scenario's end (or `untilS`), with an optional seed. */
export function headlessRunner(opts: { seed?: number; untilS?: number }): RunScenario {
  return (scenario) => {
    const sim = createSimulation(scenario, opts.seed === undefined ? {} : { seed: opts.seed });
    sim.runUntil(opts.untilS === undefined ? sim.endUs() : Math.round(opts.untilS * 1_000_000));
    return sim.report();
  };
}

const NO_GROUP = { group: null, state: null, worstLagS: null, worstLagWrites: null, peakJournalPct: null, suspensions: null, suspendedAtS: null, writeResponseMsMean: null };

/** A run's rows: one per remote group, sorted by key; one row of nulls when it had none. */
export function rowsOf(value: number, report: Report): SweepRow[] {
  const groups = report.remote.groups;
  const keys = Object.keys(groups).sort();
  if (keys.length === 0) return [{ value, ...NO_GROUP }];
  return keys.map((key) => {
    const g = groups[key];
    return {
      value,
      group: key,
      state: g.state,
      worstLagS: g.worstLagS,
      worstLagWrites: g.worstLagWrites,
      peakJournalPct: g.peakJournalPct,
      suspensions: g.suspensions,
      suspendedAtS: g.suspensions > 0 ? g.suspendedAtS : null,
      writeResponseMsMean: g.writeResponseMsMean,
    };
  });
}

/** The smallest value whose rows name groups and show no suspension. */
export function lowestWithoutSuspension(rows: readonly SweepRow[]): number | null {
  const values = [...new Set(rows.map((r) => r.value))].sort((a, b) => a - b);
  const fine = values.find((v) => rows.filter((r) => r.value === v).every((r) => r.group !== null && r.suspensions === 0));
  return fine ?? null;
}

/**
 * Runs every value in order and collects the rows. `progress` gets one line before and one after
 * each run (for stderr). Errors of `run` (CompileError) pass through.
 */
export function runSweep(
  scenario: Scenario,
  sweep: SweepOptions,
  targets: SweepTarget[],
  runs: { value: number; scenario: Scenario }[],
  run: RunScenario,
  progress: (line: string) => void = () => {},
): SweepResult {
  const rows: SweepRow[] = [];
  const reports: Report[] = [];
  for (const [i, r] of runs.entries()) {
    const tag = `sweep [${i + 1}/${runs.length}] ${sweep.spec.field}=${r.value}`;
    progress(`${tag}: running…`);
    const report = run(r.scenario);
    reports.push(report);
    const mine = rowsOf(r.value, report);
    rows.push(...mine);
    progress(`${tag}: ${mine.map(progressNote).join('; ')}`);
  }
  return {
    scenario: scenario.name,
    // Every run uses the same seed and end; the first report says which.
    seed: reports[0]?.seed ?? scenario.seed,
    simSeconds: reports[0]?.simSeconds ?? scenario.durationS,
    field: sweep.spec.field,
    targets: targets.map((t) => t.label),
    rows,
    lowestWithoutSuspension: lowestWithoutSuspension(rows),
  };
}

function progressNote(r: SweepRow): string {
  if (r.group === null) return 'no remote group';
  return `${r.group} worst RPO ${fixed(r.worstLagS, 3)} s${r.suspensions ? `, suspended at ${fixed(r.suspendedAtS, 3)} s` : ''}`;
}

// ---------------------------------------------------------------- the table

function fixed(n: number | null, digits: number): string {
  return n === null ? '—' : n.toFixed(digits);
}

function suspendedCell(r: SweepRow): string {
  if (r.suspensions === null) return '—';
  if (r.suspensions === 0) return 'no';
  const times = r.suspensions > 1 ? ` ×${r.suspensions}` : '';
  return `yes${times} (${fixed(r.suspendedAtS, 3)})`;
}

interface Column {
  header: string;
  right: boolean;
  cell(r: SweepRow): string;
}

function columns(field: SweepField): Column[] {
  return [
    { header: field, right: true, cell: (r) => String(r.value) },
    { header: 'group', right: false, cell: (r) => r.group ?? '(no remote group)' },
    { header: 'worst RPO (s)', right: true, cell: (r) => fixed(r.worstLagS, 3) },
    { header: 'worst lag (writes)', right: true, cell: (r) => fixed(r.worstLagWrites, 0) },
    { header: 'peak journal %', right: true, cell: (r) => fixed(r.peakJournalPct, 1) },
    { header: 'suspended? (at s)', right: false, cell: suspendedCell },
    { header: 'state', right: false, cell: (r) => r.state ?? '—' },
    { header: 'OLTP write response ms', right: true, cell: (r) => fixed(r.writeResponseMsMean, 3) },
  ];
}

/** Aligned text: columns two spaces apart, numbers right-aligned, a rule under the header. */
export function formatTable(field: SweepField, rows: readonly SweepRow[]): string {
  const cols = columns(field);
  const cells = rows.map((r) => cols.map((c) => c.cell(r)));
  const widths = cols.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (texts: string[]): string =>
    texts
      .map((t, i) => (cols[i].right ? t.padStart(widths[i]) : t.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cols.map((c) => c.header)), rule, ...cells.map(line)].join('\n');
}

/** The whole text output: a title, the table and the answer. */
export function formatSweep(result: SweepResult): string {
  const title = `Sweep of ${result.field} on ${result.targets.join(', ')}: scenario "${result.scenario}", seed ${result.seed}, ${result.simSeconds} s simulated per run.`;
  const anyGroup = result.rows.some((r) => r.group !== null);
  const answer = !anyGroup
    ? 'No run had a remote group: nothing to compare.'
    : result.lowestWithoutSuspension === null
      ? 'Every value suspended a remote group.'
      : `Lowest ${result.field} with no suspension: ${result.lowestWithoutSuspension}.`;
  return `${title}\n\n${formatTable(result.field, result.rows)}\n\n${answer}\n`;
}

// ---------------------------------------------------------------- the command

/**
 * `main` for a sweep: parse, validate every value, run, print. Returns 'invalid' (after printing
 * why, naming the field) on bad input; never throws for it.
 */
export function sweepMain(text: string, opts: CliOptions & { sweep: SweepOptions }, io: CliIo, run: RunScenario = headlessRunner(opts)): 'ok' | 'invalid' {
  const fail = (lines: string[]): 'invalid' => {
    for (const l of lines) io.stderr(`sandbox-sim: ${opts.scenarioPath}: ${l}\n`);
    return 'invalid';
  };
  const parsed = parseDocumentText(text);
  if (!parsed.ok) return fail(parsed.errors.map((e) => e.message));
  let result: SweepResult;
  try {
    const targets = sweepTargets(parsed.scenario, opts.sweep);
    const runs = sweepScenarios(parsed.scenario, opts.sweep, targets, text);
    result = runSweep(parsed.scenario, opts.sweep, targets, runs, run, (l) => io.stderr(`${l}\n`));
  } catch (e) {
    if (e instanceof SweepError) return fail(e.messages);
    if (e instanceof CompileError) return fail([describeCompileError(parsed.scenario, e, text)]);
    throw e;
  }
  const out = opts.sweep.json ? `${JSON.stringify(result, null, opts.pretty ? 2 : undefined)}\n` : formatSweep(result);
  io.stdout(out);
  if (opts.outPath !== undefined) writeFileSync(opts.outPath, out);
  return 'ok';
}
