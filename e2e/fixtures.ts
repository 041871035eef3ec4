/**
 * Playwright fixtures (tldraw-style): a typed `sandbox` fixture that drives `window.sandbox` in
 * the page through `page.evaluate`, and page objects for what a person clicks and reads: the
 * run controls in the header (`runControls`) and the scenario player (`player`: the timeline
 * strip and the narration card). Every test starts on a fresh page (empty storage, so the demo
 * loads) with the worker ready.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { SandboxApi } from '../src/ui/automation/types.ts';

/**
 * `window.sandbox` seen from the test: the same calls (without the bench helpers), all async
 * because they cross into the page.
 */
export type SandboxFixture = {
  [K in Exclude<keyof SandboxApi, 'bench'>]: SandboxApi[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

export function sandboxOf(page: Page): SandboxFixture {
  return {
    loadScenario: (doc) => page.evaluate((d) => window.sandbox.loadScenario(d), doc),
    runUntil: (s) => page.evaluate((x) => window.sandbox.runUntil(x), s),
    play: (speed) => page.evaluate((x) => window.sandbox.play(x ?? undefined), speed ?? null),
    pause: () => page.evaluate(() => window.sandbox.pause()),
    step: (s) => page.evaluate((x) => window.sandbox.step(x ?? undefined), s ?? null),
    reset: () => page.evaluate(() => window.sandbox.reset()),
    report: () => page.evaluate(() => window.sandbox.report()),
    snapshot: () => page.evaluate(() => window.sandbox.snapshot()),
    apply: (action) => page.evaluate((x) => window.sandbox.apply(x), action),
    replication: () => page.evaluate(() => window.sandbox.replication()),
    backup: () => page.evaluate(() => window.sandbox.backup()),
    remote: () => page.evaluate(() => window.sandbox.remote()),
    verifyRemote: (group) => page.evaluate((g) => window.sandbox.verifyRemote(g), group),
    cci: (line) => page.evaluate((x) => window.sandbox.cci(x), line),
    pairBitmap: async (key, cells) => {
      const b = await page.evaluate(
        async ([k, c]) => {
          const bitmap = await window.sandbox.pairBitmap(k, c ?? undefined);
          return bitmap && { ...bitmap, cells: Array.from(bitmap.cells) };
        },
        [key, cells ?? null] as const,
      );
      return b && { ...b, cells: Uint8Array.from(b.cells) };
    },
    faults: () => page.evaluate(() => window.sandbox.faults()),
    alerts: () => page.evaluate(() => window.sandbox.alerts()),
    predictMove: (ldevId, groupId) => page.evaluate(([l, g]) => window.sandbox.predictMove(l, g), [ldevId, groupId] as const),
    moveVolume: (ldevId, groupId) => page.evaluate(([l, g]) => window.sandbox.moveVolume(l, g), [ldevId, groupId] as const),
    fault: (component, failed) => page.evaluate(([c, f]) => window.sandbox.fault(c, f), [component, failed] as const),
    stepToNextAction: () => page.evaluate(() => window.sandbox.stepToNextAction()),
    activity: () => page.evaluate(() => window.sandbox.activity()),
    exportScenario: () => page.evaluate(() => window.sandbox.exportScenario()),
    status: () => page.evaluate(() => window.sandbox.status()),
  };
}

/** The run controls in the header, as a person sees them. */
export class RunControlsPage {
  readonly play: Locator;
  readonly pause: Locator;
  readonly step: Locator;
  readonly reset: Locator;
  readonly speed: Locator;
  readonly clock: Locator;

  constructor(readonly page: Page) {
    const group = page.getByRole('group', { name: 'Run controls' });
    this.play = group.getByRole('button', { name: 'Play', exact: true });
    this.pause = group.getByRole('button', { name: 'Pause', exact: true });
    this.step = group.getByRole('button', { name: 'Step', exact: true });
    this.reset = group.getByRole('button', { name: 'Reset', exact: true });
    this.speed = group.getByLabel('Speed');
    this.clock = page.getByRole('timer', { name: 'Simulated time' });
  }

  /** Choose a speed by the label a person reads in the list ('×10', 'As fast as possible'). */
  async chooseSpeed(label: string): Promise<void> {
    await this.speed.selectOption({ label });
  }

  /** Simulated seconds shown on the clock (`mm:ss.s / mm:ss`). */
  async seconds(): Promise<number> {
    const text = (await this.clock.textContent()) ?? '';
    const m = /^(\d+):(\d+(?:\.\d+)?)/.exec(text.trim());
    if (!m) throw new Error(`unexpected clock text: ${text}`);
    return Number(m[1]) * 60 + Number(m[2]);
  }

  /** The latest-values cell of an LDEV's metric, as a number (NaN when empty). */
  latest(ldevId: string, metric: 'readIops' | 'writeIops' | 'cacheHitPct' | 'responseMs'): Locator {
    return this.page.getByTestId(`latest-${ldevId}-${metric}`);
  }
}

/** The scenario player (src/ui/player): the timeline strip and the narration card, as a person sees them. */
export class PlayerPage {
  readonly strip: Locator;
  readonly next: Locator;
  readonly narration: Locator;
  readonly notes: Locator;

  constructor(readonly page: Page) {
    this.strip = page.getByRole('region', { name: 'Scenario timeline' });
    this.next = this.strip.getByRole('button', { name: 'Next action' });
    this.narration = page.getByRole('region', { name: 'Narration' });
    this.notes = this.narration.getByRole('listitem');
  }

  /** The marker at `mmss` (its accessible name starts with the time, e.g. "00:45"). */
  marker(mmss: string): Locator {
    return this.strip.getByRole('button', { name: new RegExp(`^${mmss}: `) });
  }

  /** The note the run reached last (the card lists them newest first and marks it the current step). */
  currentNote(): Locator {
    return this.notes.and(this.page.locator('[aria-current="step"]'));
  }
}

/**
 * Load a built-in scenario as a person does: Examples ▾, the item whose name starts with `name`;
 * resolves once the document is the one chosen and the run is ready.
 */
export async function openExample(page: Page, sandbox: SandboxFixture, name: string): Promise<void> {
  await page.getByRole('button', { name: /Examples/ }).click();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('menu', { name: 'Example scenarios' }).getByRole('menuitem', { name: new RegExp(`^${escaped}`) }).click();
  await expect.poll(async () => (await sandbox.exportScenario()).name).toBe(name);
  await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');
}

export const test = base.extend<{ sandbox: SandboxFixture; runControls: RunControlsPage; player: PlayerPage }>({
  sandbox: async ({ page }, use) => {
    await page.goto('/');
    await page.waitForFunction(() => typeof window.sandbox !== 'undefined');
    const sandbox = sandboxOf(page);
    await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');
    await use(sandbox);
  },
  runControls: async ({ page, sandbox }, use) => {
    void sandbox; // depends on it: the page is loaded and the worker ready
    await use(new RunControlsPage(page));
  },
  player: async ({ page, sandbox }, use) => {
    void sandbox; // as runControls: the page is loaded and the worker ready
    await use(new PlayerPage(page));
  },
});

export { expect };
