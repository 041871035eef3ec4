/**
 * Document versions and migrations. Every document (a scenario, or a bare topology) carries a
 * top-level integer `version`; `migrate` brings an older document up to `CURRENT_VERSION` by
 * applying `MIGRATIONS[n]` (n → n+1) in turn, before zod sees it.
 *
 * Policy: a migration is pure, total on any document of version n, and never drops data a
 * person wrote; it receives either document kind (use `mapTopology` to reach the topology in
 * both). A document newer than this build is refused, never guessed at.
 * To add v(n+1): bump TOPOLOGY_VERSION / SCENARIO_VERSION, add `MIGRATIONS[n]`, add a v(n) fixture test.
 */
import { SCENARIO_VERSION } from './scenario.ts';
import { TOPOLOGY_VERSION } from './topology.ts';

export const CURRENT_VERSION: number = Math.max(SCENARIO_VERSION, TOPOLOGY_VERSION);

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * v1 → v2: v2 added timeline entries that run `after` an event (with `delayS`) and entry `id`s.
 * Every v1 document is a valid v2 one, so the step only renumbers (`migrate` sets `version` on the
 * document and its topology). The version still moved so that a build that only knows v1 refuses
 * a v2 file by its version ("newer than this build") instead of failing on `after`.
 */
const v1ToV2: Migration = (doc) => doc;

/** `MIGRATIONS[n]` turns a version-n document into a version-(n+1) one. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: v1ToV2 };

/** Thrown for a document that cannot be migrated; `path` names the field at fault. */
export class MigrationError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Apply `fn` to the topology of a document: the nested one of a scenario, or the document itself. */
export function mapTopology(doc: Record<string, unknown>, fn: Migration): Record<string, unknown> {
  if (doc.kind === 'sandbox-scenario') {
    return isRecord(doc.topology) ? { ...doc, topology: fn(doc.topology) } : doc;
  }
  return fn(doc);
}

function withVersion(doc: Record<string, unknown>, version: number): Record<string, unknown> {
  const out = mapTopology(doc, (t) => ({ ...t, version }));
  return { ...out, version };
}

function readVersion(doc: Record<string, unknown>, target: number): number {
  const v = doc.version;
  if (v === undefined) throw new MigrationError('version', `version is missing: add "version": ${CURRENT_VERSION} at the top of the document`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new MigrationError('version', `version must be a whole number ≥ 1, got ${JSON.stringify(v)}`);
  }
  if (v > target) {
    throw new MigrationError('version', `version ${v} is newer than this build understands (up to ${target}); update SANdbox to open it`);
  }
  return v;
}

/**
 * Bring a parsed document up to CURRENT_VERSION. Returns the input itself when it is already
 * current (no copy). `registry` and `target` exist for tests. Throws MigrationError for a non-object, a missing, malformed or future version.
 */
export function migrate(doc: unknown, registry: Readonly<Record<number, Migration>> = MIGRATIONS, target: number = CURRENT_VERSION): unknown {
  if (!isRecord(doc)) throw new MigrationError('', 'a document must be a JSON object');
  let current = doc;
  for (let v = readVersion(doc, target); v < target; v++) {
    const step = registry[v];
    if (!step) throw new MigrationError('version', `no migration from version ${v} to ${v + 1} (this is a bug in SANdbox)`);
    current = withVersion(step(current), v + 1);
  }
  return current;
}
