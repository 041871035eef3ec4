/**
 * One test per built-in scenario (`scenarios/*.json`), as a trainer would use it: choose it from
 * the Examples menu by its name, press Step (the clock moves), then run it to its end and check
 * through `window.sandbox` that every expectation holds — and that the browser worker's report
 * is byte-identical to Node's and its event-log hash the one `npm run sim -- --all` prints
 * (determinism across the CLI, the worker and Playwright). The list follows the folder, so a new
 * built-in scenario gets its test without editing this file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createSimulation } from '../src/engine/index.ts';
import { parseDocument } from '../src/model/parse.ts';
import { expect, test } from './fixtures.ts';

/** `npm run sim -- --all --json`, once: the CLI's event-log hash per file. */
let cliHashes: Map<string, string> | null = null;
function cliHash(file: string): string | undefined {
  if (cliHashes === null) {
    const rows = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/main.ts', '--all', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { file: string; eventLogHash: string }[];
    cliHashes = new Map(rows.map((r) => [r.file, r.eventLogHash]));
  }
  return cliHashes.get(file);
}

const FILES = readdirSync(new URL('../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();

function nameOf(file: string): string {
  return (JSON.parse(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')) as { name: string }).name;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.describe('built-in scenarios', () => {
  for (const file of FILES) {
    test(`${file}: loads from the Examples menu, steps, and meets every expectation`, async ({ page, sandbox, runControls }) => {
      test.setTimeout(120_000);
      const name = nameOf(file);
      await page.getByRole('button', { name: /Examples/ }).click();
      const menu = page.getByRole('menu', { name: 'Example scenarios' });
      await menu.getByRole('menuitem', { name: new RegExp(`^${escape(name)}`) }).click();
      await expect(menu).toBeHidden();
      expect((await sandbox.exportScenario()).name).toBe(name);
      await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');

      await runControls.step.click();
      await expect.poll(() => runControls.seconds()).toBeGreaterThan(0);

      const doc = await sandbox.exportScenario();
      const report = await sandbox.runUntil(doc.durationS);
      expect(report.simSeconds).toBe(doc.durationS);
      expect(report.expectations.length).toBeGreaterThan(0);
      expect(report.expectations.filter((e) => !e.ok)).toEqual([]);
      expect((await sandbox.status()).runState).toBe('finished');

      const parsed = parseDocument(JSON.parse(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')));
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const sim = createSimulation(parsed.scenario);
      sim.runUntil(sim.endUs());
      expect(JSON.stringify(report), 'browser worker vs Node').toBe(JSON.stringify(sim.report()));
      expect(report.eventLogHash, 'browser worker vs the CLI').toBe(cliHash(file));
    });
  }
});
