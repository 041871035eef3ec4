/**
 * One test per built-in scenario (`scenarios/*.json`), driven as a trainer would use it: choose
 * it from the Examples menu by its name; press the player's "Next action" (the clock stops where
 * the first timeline entry runs — at its time, or when the event it waits for comes — and when
 * that step is narrated the Narration card shows its note); choose the fastest speed and press Play, and wait until the run has finished by itself.
 * Then check through `window.sandbox` that every expectation holds — and that the browser
 * worker's report is byte-identical to Node's and its event-log hash the one
 * `npm run sim -- --all` prints (determinism across the CLI, the worker played in slices, and
 * Playwright). A scenario without timeline actions checks that "Next action" is disabled
 * instead. The list follows the folder, so a new built-in scenario gets its test
 * without editing this file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createSimulation } from '../src/engine/index.ts';
import type { Scenario } from '../src/model/scenario.ts';
import { parseDocument } from '../src/model/parse.ts';
import { expect, test, type PlayerPage, type RunControlsPage, type SandboxFixture } from './fixtures.ts';

/** Generous: the longest built-in run at the fastest speed, on a loaded 2-core CI machine. */
const PLAY_TIMEOUT_MS = 90_000;

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

/** The timeline's first stop within the run: its time and the notes of its entries, in document order. */
interface FirstStep {
  atS: number;
  notes: string[];
}

/**
 * Worked out in Node by the engine (`runToNextAction`), not with the player's code, so the test
 * checks the player: the first instant at which a timeline entry runs — at its time, or when the
 * event it waits for comes — and the notes of every entry that ran then, in document order.
 */
function firstStep(doc: Scenario): FirstStep | null {
  const sim = createSimulation(doc);
  if (!sim.runToNextAction(sim.endUs())) return null;
  const atS = sim.nowUs() / 1e6;
  const fired = new Map(sim.firedTriggers().map((f) => [f.index, f.atS]));
  const notes = doc.timeline.flatMap((e, i) => {
    const at = e.atS ?? fired.get(i);
    return at !== undefined && Math.abs(at - atS) < 1e-6 && e.note ? [e.note] : [];
  });
  return { atS, notes };
}

/** A marker's time as the strip names it: `mm:ss`, tenths only when not a whole second. */
function mmss(atS: number): string {
  const minutes = Math.floor(atS / 60);
  const rest = atS - minutes * 60;
  const sec = Number.isInteger(atS) ? String(rest).padStart(2, '0') : rest.toFixed(1).padStart(4, '0');
  return `${String(minutes).padStart(2, '0')}:${sec}`;
}

async function loadFromExamples(page: Page, sandbox: SandboxFixture, name: string): Promise<Scenario> {
  await page.getByRole('button', { name: /Examples/ }).click();
  const menu = page.getByRole('menu', { name: 'Example scenarios' });
  await menu.getByRole('menuitem', { name: new RegExp(`^${escape(name)}`) }).click();
  await expect(menu).toBeHidden();
  const doc = await sandbox.exportScenario();
  expect(doc.name).toBe(name);
  await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');
  return doc;
}

/** "Next action" once: the run pauses at the first marker, which is passed; its notes are on the card. */
async function stepToFirstAction(step: FirstStep, player: PlayerPage, runControls: RunControlsPage, sandbox: SandboxFixture): Promise<void> {
  await player.next.click();
  await expect.poll(async () => (await sandbox.status()).runState).toBe('paused');
  expect((await sandbox.status()).nowS).toBe(step.atS);
  await expect.poll(() => runControls.seconds()).toBe(Math.round(step.atS * 10) / 10);
  await expect(player.marker(mmss(step.atS))).toHaveClass(/is-passed/);
  if (step.notes.length === 0) return;
  await expect(player.narration).toBeVisible();
  await expect(player.notes).toHaveCount(step.notes.length);
  for (const note of step.notes) await expect(player.narration).toContainText(note);
  // Newest first: of entries sharing the time, the one later in the document is the current step.
  await expect(player.currentNote()).toContainText(step.notes[step.notes.length - 1]);
}

/** The fastest speed, Play, and wait until the run ends by itself (no runUntil). */
async function playToTheEnd(doc: Scenario, runControls: RunControlsPage, sandbox: SandboxFixture): Promise<void> {
  await runControls.chooseSpeed('As fast as possible');
  await expect(runControls.speed).toHaveValue('max');
  await runControls.play.click();
  // Polled every 250 ms, not the default's 1 s steps, so the test does not idle after the run ends.
  await expect.poll(async () => (await sandbox.status()).runState, { timeout: PLAY_TIMEOUT_MS, intervals: [100, 250] }).toBe('finished');
  expect((await sandbox.status()).nowS).toBe(doc.durationS);
  await expect.poll(() => runControls.seconds()).toBe(doc.durationS);
  await expect(runControls.play).toBeDisabled();
}

test.describe('built-in scenarios', () => {
  for (const file of FILES) {
    test(`${file}: loads from the Examples menu, steps to the first action, plays to the end, and meets every expectation`, async ({ page, sandbox, runControls, player }) => {
      test.setTimeout(30_000 + PLAY_TIMEOUT_MS);
      const doc = await loadFromExamples(page, sandbox, nameOf(file));

      const step = firstStep(doc);
      if (step) await stepToFirstAction(step, player, runControls, sandbox);
      else if (doc.timeline.length === 0) {
        await expect(player.strip).toContainText('This scenario has no timeline actions.');
        await expect(player.next).toBeDisabled();
      }

      await playToTheEnd(doc, runControls, sandbox);
      const report = await sandbox.report();
      expect(report.simSeconds).toBe(doc.durationS);
      expect(report.expectations.length).toBeGreaterThan(0);
      expect(report.expectations.filter((e) => !e.ok)).toEqual([]);

      const parsed = parseDocument(JSON.parse(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')));
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const sim = createSimulation(parsed.scenario);
      sim.runUntil(sim.endUs());
      expect(JSON.stringify(report), 'browser worker vs Node').toBe(JSON.stringify(sim.report()));
      expect(report.eventLogHash, 'browser worker vs the CLI').toBe(cliHash(file));
    });
  }
});
