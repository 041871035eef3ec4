import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, migrate, MigrationError, MIGRATIONS, type Migration } from './migrate.ts';

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
  it('is 1 and has no migrations registered yet', () => {
    expect(CURRENT_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it('returns a v1 scenario unchanged', () => {
    const doc = demo();
    const before = JSON.stringify(doc);
    expect(migrate(doc)).toBe(doc);
    expect(JSON.stringify(doc)).toBe(before);
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
