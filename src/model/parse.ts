/**
 * Loading a document a person gave us: text (a file, a paste) or an already-parsed object
 * (`window.sandbox.loadScenario`). Accepts a scenario or a bare topology (wrapped into a
 * scenario with defaults). Steps, each blocking: JSON syntax → `migrate` → zod schema.
 * Design-rule issues (`checkDesign`) never block loading; callers show them separately.
 *
 * Every error names the field path and, for text input, the line and column of that field:
 * `topology.devices[2].ldevs[0].capacityGiB (line 57): expected a number > 0`.
 */
import type { z } from 'zod';
import { formatPath, positionOf, scanJson, type PathSegment, type TextPosition } from './json-positions.ts';
import { migrate, MigrationError } from './migrate.ts';
import { Scenario, SCENARIO_VERSION } from './scenario.ts';
import { Topology } from './topology.ts';
import { describeIssue } from './zod-messages.ts';

export interface LocatedError {
  /** Field path, e.g. `topology.devices[2].ldevs[0].capacityGiB`; '' for the whole document. */
  path: string;
  /** 1-based; null when the input was not text or the path is not in the text. */
  line: number | null;
  column: number | null;
  /** Human text that names the field (and the line when known). */
  message: string;
}

export type ParseResult =
  | { ok: true; scenario: Scenario; source: 'scenario' | 'topology' }
  | { ok: false; errors: LocatedError[] };

/** Defaults used when a bare topology is wrapped into a scenario. */
export const BARE_TOPOLOGY_DEFAULTS = { seed: 1, durationS: 60 } as const;

type Positions = Map<string, TextPosition> | null;

function located(segments: readonly PathSegment[], text: string, positions: Positions): LocatedError {
  const path = formatPath(segments);
  const at = positions ? positionOf(positions, segments) : null;
  const where = at ? ` (line ${at.line})` : '';
  return { path, line: at?.line ?? null, column: at?.column ?? null, message: `${path || 'document'}${where}: ${text}` };
}

function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let v = root;
  for (const s of segments) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

function zodErrors(error: z.ZodError, input: unknown, prefix: PathSegment[], positions: Positions): LocatedError[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const segments = [...prefix, ...path];
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) segments.push(issue.keys[0]);
    return located(segments, describeIssue(issue, valueAt(input, path)), positions);
  });
}

function wrapTopology(topology: Topology): Scenario {
  return {
    version: SCENARIO_VERSION,
    kind: 'sandbox-scenario',
    name: topology.name,
    description: '',
    ...BARE_TOPOLOGY_DEFAULTS,
    topology,
    clockStart: '00:00',
    timeline: [],
    runbooks: [],
    expectations: [],
  };
}

function isBareTopology(doc: Record<string, unknown>): boolean {
  return doc.kind === undefined && ('devices' in doc || 'sites' in doc || 'links' in doc);
}

function validate(doc: unknown, positions: Positions): ParseResult {
  const record = doc as Record<string, unknown>;
  if (isBareTopology(record)) {
    const r = Topology.safeParse(doc);
    if (!r.success) return { ok: false, errors: zodErrors(r.error, doc, [], positions) };
    return { ok: true, scenario: wrapTopology(r.data), source: 'topology' };
  }
  if (record.kind !== 'sandbox-scenario') {
    const text = record.kind === undefined ? 'is required: "sandbox-scenario" for a scenario (or give a bare topology with sites, devices and links)' : `expected "sandbox-scenario", got ${JSON.stringify(record.kind)}`;
    return { ok: false, errors: [located(['kind'], text, positions)] };
  }
  const r = Scenario.safeParse(doc);
  if (!r.success) return { ok: false, errors: zodErrors(r.error, doc, [], positions) };
  return { ok: true, scenario: r.data, source: 'scenario' };
}

function loadValue(value: unknown, positions: Positions): ParseResult {
  let doc: unknown;
  try {
    doc = migrate(value);
  } catch (e) {
    if (!(e instanceof MigrationError)) throw e;
    const segments = e.path === '' ? [] : [e.path];
    return { ok: false, errors: [located(segments, e.message.replace(/^version /, ''), positions)] };
  }
  return validate(doc, positions);
}

/** Load an already-parsed object (no text, so every `line` is null). */
export function parseDocument(value: unknown): ParseResult {
  return loadValue(value, null);
}

/** Load a document from JSON text. Only syntax, version and schema errors block. */
export function parseDocumentText(text: string): ParseResult {
  const scan = scanJson(text);
  if (!scan.ok) {
    const message = `line ${scan.line}, column ${scan.column}: ${scan.message}`;
    return { ok: false, errors: [{ path: '', line: scan.line, column: scan.column, message }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [{ path: '', line: null, column: null, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return loadValue(value, scan.positions);
}
