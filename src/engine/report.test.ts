import { describe, expect, it } from 'vitest';
import { evaluateExpectation, lookupPath, parsePath, round } from './report.ts';
import { createSimulation } from './simulation.ts';
import { smallSan, lunTarget } from './testing/small-sans.ts';

describe('report › expectation paths', () => {
  it('splits dotted paths and bracketed ids', () => {
    expect(parsePath('ldevs.db-primary.readIops')).toEqual(['ldevs', 'db-primary', 'readIops']);
    expect(parsePath('ldevs[00:01].cacheHitPct')).toEqual(['ldevs', '00:01', 'cacheHitPct']);
    expect(parsePath('ldevs[a.b][c]')).toEqual(['ldevs', 'a.b', 'c']);
    expect(parsePath('rejectedIos.byReason.no-route')).toEqual(['rejectedIos', 'byReason', 'no-route']);
    expect(parsePath('a..b')).toBeNull();
    expect(parsePath('a.')).toBeNull();
    expect(parsePath('a[]')).toBeNull();
  });

  it('evaluates expectations against a real report', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randread', iodepth: 2, startAtS: 0, target: lunTarget(0) });
    b.expect('ldevs.ssd0.readIops', '>', 100).expect('ldevs[ssd0].readIops', '<', 100).expect('rejectedIos.byReason.no-route', '==', 0);
    b.expect('ldevs.nope.readIops', '>', 0).expect('scenario', '==', 'small SAN').expect('ldevs.ssd0', '>', 1);
    const sim = createSimulation(b.build({ durationS: 1 }));
    sim.runUntil(sim.endUs());
    const results = sim.report().expectations;
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, true, false]);
    expect(results[0].actual).toBeGreaterThan(100);
    expect(results[3].actual).toBeNull();
    expect(results[5].actual).toBeNull(); // an object is not a value
  });

  it('compares strings and booleans only with == and !=', () => {
    const report = { scenario: 's' } as never;
    expect(evaluateExpectation(report, { description: 'd', path: 'scenario', op: '!=', value: 't' }).ok).toBe(true);
    expect(evaluateExpectation(report, { description: 'd', path: 'scenario', op: '>', value: 'a' }).ok).toBe(false);
    expect(lookupPath(report, 'scenario.length')).toBeNull();
  });
});

describe('report › numbers', () => {
  it('rounds to 3 decimals without -0 or NaN', () => {
    expect(round(1.23456)).toBe(1.235);
    expect(round(-0.0001)).toBe(0);
    expect(Object.is(round(-0.0001), -0)).toBe(false);
    expect(round(NaN)).toBe(0);
  });

  it('keeps ids sorted and every LDEV and link present, even idle ones', () => {
    const sim = createSimulation(smallSan().build({ durationS: 1 }));
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(Object.keys(r.ldevs)).toEqual(['hdd0', 'ssd0']);
    expect(Object.keys(r.links)).toEqual(['l1', 'l2']);
    expect(r.ldevs.ssd0.readIops).toBe(0);
    expect(r.ldevs.ssd0.series.samples).toBe(1);
    expect(Object.keys(r.rejectedIos.byReason)).toEqual(['no-route', 'not-in-host-group', 'no-lu-path', 'read-only', 'queue-full', 'pair-state', 'backup-mode-full', 'fence', 'site-down', 'zoning', 'no-path', 'ldev-blocked']);
  });
});
