import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scenario } from './scenario.ts';
import { serializeScenario, serializeTopology } from './serialize.ts';
import { twoSiteTopology } from './test-fixtures.ts';
import { Topology } from './topology.ts';

const DEMO_TEXT = readFileSync(new URL('../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8');

/** A deep copy whose object keys are inserted in a permuted order. */
function permuteKeys(v: unknown, salt: number): unknown {
  if (Array.isArray(v)) return v.map((x, i) => permuteKeys(x, salt + i));
  if (typeof v !== 'object' || v === null) return v;
  const keys = Object.keys(v);
  const rotated = [...keys.slice(salt % (keys.length || 1)), ...keys.slice(0, salt % (keys.length || 1))].reverse();
  return Object.fromEntries(rotated.map((k) => [k, permuteKeys((v as Record<string, unknown>)[k], salt + 1)]));
}

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const coord = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const port = fc.record({ id, kind: fc.constantFrom('fc', 'lan', 'wan'), speedGbps: fc.constantFrom(1, 8, 16, 0.1), label: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }) });
const device = fc.record({
  id,
  name: fc.string({ minLength: 1, maxLength: 80 }),
  kind: fc.constantFrom('client', 'fcHub', 'lanSegment', 'console'),
  siteId: fc.constant('main'),
  position: fc.record({ x: coord, y: coord }),
  ports: fc.array(port, { maxLength: 4 }),
});
const array = fc.record({
  id,
  name: fc.string({ minLength: 1, maxLength: 80 }),
  kind: fc.constant('array'),
  siteId: fc.constant('main'),
  position: fc.record({ x: coord, y: coord }),
  ports: fc.array(port, { maxLength: 3 }),
  cacheGiB: fc.integer({ min: 1, max: 4096 }),
  parityGroups: fc.array(fc.record({ id, tier: fc.constantFrom('ssd', 'hdd15k'), raid: fc.constantFrom('RAID1', 'RAID5'), diskCount: fc.integer({ min: 2, max: 32 }), diskCapacityGiB: fc.integer({ min: 1, max: 20000 }) }), { maxLength: 2 }),
  ldevs: fc.array(fc.record({ id, name: fc.string({ minLength: 1, maxLength: 20 }), parityGroupId: id, capacityGiB: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 3 }),
});
const link = fc.record({ id, a: fc.record({ deviceId: id, portId: id }), b: fc.record({ deviceId: id, portId: id }) });
/** Topologies that pass the schema (design rules may fail: serialisation must not care). */
const topologyArb = fc
  .record({ name: fc.string({ minLength: 1, maxLength: 120 }), devices: fc.array(fc.oneof(device, array), { maxLength: 6 }), links: fc.array(link, { maxLength: 4 }) })
  .map((t) => Topology.parse({ version: 2, sites: [{ id: 'main', name: 'Main', kind: 'main' }], ...t }));

describe('serialize › format', () => {
  it('is 2-space JSON with a trailing newline and schema key order', () => {
    const text = serializeTopology(twoSiteTopology());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "version": 2,\n  "name": "fixture",\n  "sites": [')).toBe(true);
    const firstDevice = JSON.stringify(Object.keys(JSON.parse(text).devices[0]));
    expect(firstDevice).toBe(JSON.stringify(['id', 'name', 'kind', 'siteId', 'position', 'ports', 'serverClass', 'roles', 'workloads']));
  });

  it('puts scenario keys in declared order and unknown keys last, alphabetically', () => {
    const s = Scenario.parse(JSON.parse(DEMO_TEXT));
    const withExtras = { zeta: 1, alpha: 2, ...s } as Scenario;
    const keys = Object.keys(JSON.parse(serializeScenario(withExtras)));
    expect(keys).toEqual(['version', 'kind', 'name', 'description', 'seed', 'durationS', 'topology', 'clockStart', 'timeline', 'runbooks', 'expectations', 'alpha', 'zeta']);
  });

  it('reproduces the committed demo scenario byte for byte', () => {
    expect(serializeScenario(Scenario.parse(JSON.parse(DEMO_TEXT)))).toBe(DEMO_TEXT);
  });
});

describe('serialize › stability (property)', () => {
  it('gives the same bytes whatever the key order of the input', () => {
    fc.assert(
      fc.property(topologyArb, fc.nat(50), (t, salt) => {
        expect(serializeTopology(permuteKeys(t, salt) as Topology)).toBe(serializeTopology(t));
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips: parse(serialize(x)) deep-equals x, and serialising again gives identical bytes', () => {
    fc.assert(
      fc.property(topologyArb, (t) => {
        const text = serializeTopology(t);
        const back = Topology.parse(JSON.parse(text));
        expect(back).toEqual(t);
        expect(serializeTopology(back)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});
