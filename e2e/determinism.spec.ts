/**
 * Same scenario + seed → the same report in the browser worker and in Node, deep-equal (and, for
 * every built-in scenario, the same as the CLI: e2e/builtins.spec.ts).
 * The browser side loads through `window.sandbox` (design store + bridge + worker); the Node
 * side runs the engine directly in the test process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createSimulation } from '../src/engine/index.ts';
import { parseDocument } from '../src/model/parse.ts';
import type { Scenario } from '../src/model/scenario.ts';
import { expect, test } from './fixtures.ts';

function builtIn(file: string): Scenario {
  const doc: unknown = JSON.parse(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8'));
  const parsed = parseDocument(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.scenario;
}

const demoScenario = (): Scenario => builtIn('embodiment-1-online-backup.json');

async function referenceScenario(): Promise<Scenario> {
  const mod = await import('../src/engine/testing/reference-topology.ts');
  return mod.referenceScenario();
}

function nodeReport(scenario: Scenario, seconds: number) {
  const sim = createSimulation(scenario);
  sim.runUntil(seconds * 1_000_000);
  return sim.report();
}

const CASES: { name: string; scenario: () => Scenario | Promise<Scenario>; seconds: number }[] = [
  { name: 'demo (embodiment 1)', scenario: demoScenario, seconds: 180 },
  { name: 'reference topology', scenario: referenceScenario, seconds: 10 },
  // Array pairs (update copy, quick split with copies on access) and snapshots (copy-on-write, pools).
  { name: 'Fig. 5b quick split', scenario: () => builtIn('fig5b-quick-split.json'), seconds: 90 },
  { name: 'snapshot backup', scenario: () => builtIn('snapshot-backup.json'), seconds: 90 },
];

/** The report printed by the CLI (`npm run sim -- FILE --until N`), as a newcomer would run it. */
function cliReport(file: string, seconds: number): unknown {
  const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', file, '--until', String(seconds)], { encoding: 'utf8' });
  return JSON.parse(out);
}

test.describe('determinism › browser worker vs Node', () => {
  test('demo: the browser report equals the CLI report byte for byte', async ({ sandbox }) => {
    const loaded = await sandbox.loadScenario(demoScenario());
    expect(loaded).toEqual({ ok: true });
    const browser = await sandbox.runUntil(180);
    const cli = cliReport('scenarios/embodiment-1-online-backup.json', 180);
    expect(JSON.stringify(browser)).toBe(JSON.stringify(cli));
  });

  for (const c of CASES) {
    test(`${c.name}: the report is identical`, async ({ sandbox }) => {
      const scenario = await c.scenario();
      const loaded = await sandbox.loadScenario(scenario);
      expect(loaded).toEqual({ ok: true });
      const browser = await sandbox.runUntil(c.seconds);
      const node = nodeReport(scenario, c.seconds);
      expect(browser.simSeconds).toBe(c.seconds);
      expect(browser.eventLogHash).toBe(node.eventLogHash);
      expect(browser).toEqual(node);
      expect(JSON.stringify(browser)).toBe(JSON.stringify(node));
    });
  }
});

