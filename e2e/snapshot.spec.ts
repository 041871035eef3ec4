/**
 * `window.sandbox.snapshot()`: the engine's state from the browser worker equals the state of
 * the same scenario + seed run in Node, deep-equal and byte for byte as JSON.
 */
import { readFileSync } from 'node:fs';
import { createSimulation } from '../src/engine/index.ts';
import { parseDocument } from '../src/model/parse.ts';
import type { Scenario } from '../src/model/scenario.ts';
import { expect, test } from './fixtures.ts';

function demoScenario(): Scenario {
  const doc: unknown = JSON.parse(readFileSync(new URL('../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8'));
  const parsed = parseDocument(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.scenario;
}

function nodeSnapshot(scenario: Scenario, seconds: number) {
  const sim = createSimulation(scenario);
  sim.runUntil(seconds * 1e6);
  return sim.snapshot();
}

test.describe('snapshot', () => {
  test('demo: the browser snapshot after runUntil(10) equals Node’s', async ({ sandbox }) => {
    const scenario = demoScenario();
    expect(await sandbox.loadScenario(scenario)).toEqual({ ok: true });
    await sandbox.runUntil(10);
    const browser = await sandbox.snapshot();
    const node = nodeSnapshot(scenario, 10);
    expect(browser).toEqual(node);
    expect(JSON.stringify(browser)).toBe(JSON.stringify(node));
    // What it says about the demo at 10 s: OLTP writes the primary, the backup runbook has not started.
    expect(browser.nowUs).toBe(10e6);
    const oltp = browser.workloads.find((w) => w.workloadId === 'oltp');
    expect(browser.backup.runbooks.map((r) => [r.id, r.state])).toEqual([['online-backup', 'idle']]);
    expect(browser.backup.jobs).toEqual([]);
    expect(oltp).toMatchObject({ active: true, ldevId: 'db-primary', rejectReason: null });
    expect(browser.ldevs['db-primary'].writtenTracks).toBeGreaterThan(0);
    // The mirror program duplexes every write: in PAIR the secondary holds exactly the primary.
    expect(browser.replication.pairs.map((p) => [p.key, p.state])).toEqual([['DB/db', 'PAIR']]);
    expect(browser.ldevs['db-secondary'].contentDigest).toBe(browser.ldevs['db-primary'].contentDigest);
    expect(browser.recentEvents).toHaveLength(50);
    expect(browser.recentEvents.at(-1)).toMatchObject({ timeUs: 10e6, kind: 'sample', a: 10 });
  });

  test('is as of the current time, and taking one moves nothing', async ({ sandbox }) => {
    const before = await sandbox.snapshot();
    expect(before).toMatchObject({ nowUs: 0, events: 0, recentEvents: [] });
    await sandbox.step(2);
    const first = await sandbox.snapshot();
    expect(first.nowUs).toBe(2e6);
    expect(await sandbox.snapshot()).toEqual(first);
    expect(await sandbox.status()).toMatchObject({ runState: 'paused', nowS: 2 });
    await sandbox.step(1);
    const later = await sandbox.snapshot();
    expect(later.events).toBeGreaterThan(first.events);
    expect(later.eventLogHash).not.toBe(first.eventLogHash);
    expect((await sandbox.report()).eventLogHash).toBe(later.eventLogHash);
  });
});
