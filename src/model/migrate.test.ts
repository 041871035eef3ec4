import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, migrate, MigrationError, MIGRATIONS, type Migration } from './migrate.ts';
import { parseDocumentText } from './parse.ts';
import { SCENARIO_VERSION } from './scenario.ts';
import { TOPOLOGY_VERSION } from './topology.ts';

const demo = () => JSON.parse(readFileSync(new URL('../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function migrationError(doc: unknown, ...rest: [Record<number, Migration>?, number?]): MigrationError {
  try {
    migrate(doc, ...rest);
  } catch (e) {
    if (e instanceof MigrationError) return e;
    throw e;
  }
  throw new Error('expected a MigrationError');
}

describe('migrate › current version', () => {
  it('is 2, with the v1 → v2 step registered', () => {
    expect(CURRENT_VERSION).toBe(2);
    expect(SCENARIO_VERSION).toBe(2);
    expect(TOPOLOGY_VERSION).toBe(2);
    expect(Object.keys(MIGRATIONS)).toEqual(['1']);
  });

  it('returns a current scenario unchanged (the same object)', () => {
    const doc = demo();
    const before = JSON.stringify(doc);
    expect(migrate(doc)).toBe(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('migrate › from v1', () => {
  const v1Text = readFileSync(new URL('./fixtures/scenario-v1.json', import.meta.url), 'utf8');

  it('opens a file saved by a v1 build (fixture frozen from the v1 release) as the same scenario, at v2', () => {
    const v1 = JSON.parse(v1Text) as Record<string, unknown>;
    expect(v1.version).toBe(1);
    const r = parseDocumentText(v1Text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.version).toBe(2);
    expect(r.scenario.topology.version).toBe(2);
    const { version: _a, topology, ...rest } = r.scenario;
    const { version: _b, ...topologyRest } = topology;
    const { version: _c, topology: v1Topology, ...v1Rest } = v1 as { version: number; topology: { version: number } } & Record<string, unknown>;
    const { version: _d, ...v1TopologyRest } = v1Topology;
    expect(rest).toMatchObject(v1Rest);
    expect(topologyRest).toMatchObject(v1TopologyRest);
    expect(JSON.parse(v1Text), 'the input is not mutated').toEqual(v1);
  });

  it('every built-in scenario written as v1 parses to exactly its v2 document', () => {
    for (const file of readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8');
      const v2 = parseDocumentText(text);
      const v1 = parseDocumentText(text.replace(/^(\s*)"version": 2,$/gm, '$1"version": 1,'));
      if (!v2.ok || !v1.ok) throw new Error(`${file} does not parse`);
      expect(v1.scenario, file).toEqual(v2.scenario);
    }
  });

  it('a bare v1 topology becomes a v2 one', () => {
    expect(migrate({ version: 1, name: 't', devices: [] })).toEqual({ version: 2, name: 't', devices: [] });
  });
});

describe('migrate › refusals', () => {
  it('names `version` when it is missing', () => {
    const e = migrationError({ kind: 'sandbox-scenario' });
    expect(e.path).toBe('version');
    expect(e.message).toMatch(/version is missing/);
  });

  it('rejects a future version with a clear message', () => {
    const e = migrationError({ ...demo(), version: CURRENT_VERSION + 1 });
    expect(e.path).toBe('version');
    expect(e.message).toMatch(/newer than this build understands/);
  });

  it('rejects a malformed version and a non-object document', () => {
    expect(migrationError({ version: '1' }).message).toMatch(/whole number/);
    expect(migrationError({ version: 0 }).message).toMatch(/whole number/);
    expect(migrationError([1, 2]).message).toMatch(/JSON object/);
  });
});

describe('migrate › chain', () => {
  const toV2: Migration = (d) => ({ ...d, upgraded: [...((d.upgraded as number[]) ?? []), 2] });
  const toV3: Migration = (d) => ({ ...d, upgraded: [...((d.upgraded as number[]) ?? []), 3] });

  it('applies every step from the document version to the target, in order, bumping nested versions', () => {
    const out = migrate({ version: 1, kind: 'sandbox-scenario', topology: { version: 1 } }, { 1: toV2, 2: toV3 }, 3) as Record<string, unknown>;
    expect(out).toEqual({ version: 3, kind: 'sandbox-scenario', topology: { version: 3 }, upgraded: [2, 3] });
  });

  it('starts from the document version', () => {
    const out = migrate({ version: 2, devices: [] }, { 1: toV2, 2: toV3 }, 3) as Record<string, unknown>;
    expect(out).toEqual({ version: 3, devices: [], upgraded: [3] });
  });

  it('reports a gap in the registry as a bug', () => {
    expect(migrationError({ version: 1 }, { 2: toV3 }, 3).message).toMatch(/no migration from version 1 to 2/);
  });
});
