import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentText, type LocatedError, type ParseResult } from './parse.ts';
import { serializeTopology } from './serialize.ts';
import { twoSiteTopology } from './test-fixtures.ts';

const DEMO = readFileSync(new URL('../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8');

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not in text: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

/** 1-based column of the first occurrence of `needle` in `text`. */
function columnOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return i - text.lastIndexOf('\n', i - 1);
}

function errorsOf(r: ParseResult): LocatedError[] {
  if (r.ok) throw new Error('expected the document to be refused');
  return r.errors;
}

describe('parse › JSON syntax', () => {
  it('reports the line and column of a syntax error', () => {
    const broken = DEMO.replace('"seed": 42,', '"seed": 42');
    const [e] = errorsOf(parseDocumentText(broken));
    expect(e.line).toBe(lineOf(DEMO, '"durationS"'));
    expect(e.column).toBe(columnOf(DEMO, '"durationS"'));
    expect(e.message).toMatch(/^line \d+, column 3: expected ',' or '}' after the value of "seed", found '"'/);
  });
});

describe('parse › schema errors', () => {
  it('names the field path and the line of the field', () => {
    const bad = DEMO.replace('"capacityGiB": 200', '"capacityGiB": -5');
    const errors = errorsOf(parseDocumentText(bad));
    expect(errors).toHaveLength(1);
    const line = lineOf(DEMO, '"capacityGiB": 200');
    expect(errors[0]).toMatchObject({ path: 'topology.devices[6].ldevs[0].capacityGiB', line, column: columnOf(DEMO, '"capacityGiB": 200') });
    expect(errors[0].message).toBe(`topology.devices[6].ldevs[0].capacityGiB (line ${line}): expected a number > 0`);
  });

  it('points a missing field at its parent object and says it is required', () => {
    const bad = DEMO.replace(/"durationS": [\d.]+,\n/, '');
    const [e] = errorsOf(parseDocumentText(bad));
    expect(e.path).toBe('durationS');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/durationS \(line 1\): is required \(expected a number\)/);
  });

  it('lists the allowed values of a bad discriminator', () => {
    const bad = DEMO.replace('"kind": "fcSwitch"', '"kind": "fcSwich"');
    const [e] = errorsOf(parseDocumentText(bad));
    expect(e.path).toBe('topology.devices[5].kind');
    expect(e.line).toBe(lineOf(DEMO, '"kind": "fcSwitch"'));
    expect(e.message).toMatch(/expected one of "server", "client", "fcSwitch"/);
  });

  it('uses the schema text for a bad format (WWPN)', () => {
    const bad = DEMO.replace('"wwpn": "10:00:00:00:c9:3a:10:01"', '"wwpn": "10:00:00:00:C9:3A:10:01"');
    const [e] = errorsOf(parseDocumentText(bad));
    expect(e.path).toBe('topology.devices[3].ports[0].wwpn');
    expect(e.message).toMatch(/a WWPN is 8 lower-case hex bytes/);
  });

  it('names an unknown field of a strict object', () => {
    const doc = JSON.parse(DEMO);
    const at = doc.timeline.length;
    doc.timeline.push({ atS: 1, action: { type: 'setWorkload', serverId: 'db-server', workloadId: 'oltp', changes: { iodepht: 4 } } });
    const [e] = errorsOf(parseDocument(doc));
    const path = `timeline[${at}].action.changes.iodepht`;
    expect(e).toEqual({ path, line: null, column: null, message: `${path}: unknown field "iodepht"` });
  });

  it('refuses a document that is neither a scenario nor a topology, naming `kind`', () => {
    const [e] = errorsOf(parseDocumentText('{"version": 1, "kind": "playlist"}'));
    expect(e.path).toBe('kind');
    expect(e.message).toMatch(/expected "sandbox-scenario", got "playlist"/);
  });
});

describe('parse › versions', () => {
  it('refuses a future version at the line of `version`', () => {
    const [e] = errorsOf(parseDocumentText(DEMO.replace('"version": 2', '"version": 9')));
    expect(e).toMatchObject({ path: 'version', line: 2 });
    expect(e.message).toMatch(/newer than this build understands/);
  });

  it('refuses a missing version, naming it', () => {
    const [e] = errorsOf(parseDocument({ kind: 'sandbox-scenario' }));
    expect(e.path).toBe('version');
    expect(e.message).toMatch(/^version: is missing/);
  });
});

describe('parse › accepted documents', () => {
  it('loads the demo scenario as a scenario', () => {
    const r = parseDocumentText(DEMO);
    expect(r.ok && r.source).toBe('scenario');
    expect(r.ok && r.scenario.seed).toBe(42);
  });

  it('wraps a bare topology into a scenario with defaults', () => {
    const r = parseDocumentText(serializeTopology(twoSiteTopology()));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.source).toBe('topology');
    expect(r.scenario).toMatchObject({ version: 2, kind: 'sandbox-scenario', name: 'fixture', seed: 1, durationS: 60, timeline: [], expectations: [] });
    expect(r.scenario.topology).toEqual(twoSiteTopology());
  });

  it('reports bare-topology errors with paths relative to the topology', () => {
    const t = JSON.parse(serializeTopology(twoSiteTopology()));
    t.devices[0].ports[0].speedGbps = 0;
    const [e] = errorsOf(parseDocument(t));
    expect(e.path).toBe('devices[0].ports[0].speedGbps');
  });

  it('loads a design with design-rule errors (they do not block)', () => {
    const doc = JSON.parse(DEMO);
    doc.topology.links[0].a.deviceId = 'ghost';
    expect(parseDocument(doc).ok).toBe(true);
  });

  it('accepts a leading byte-order mark', () => {
    expect(parseDocumentText(`\uFEFF${DEMO}`).ok).toBe(true);
  });
});
