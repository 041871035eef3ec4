/**
 * Auto-layout as a person uses it: the demo with its devices scrambled, one device pinned with
 * the node's pin button, then the toolbar's Auto-layout. The pinned device has not moved (in the
 * document and on screen), the rows read hosts → fabric → storage → backup on screen, and one
 * Undo brings back the scrambled positions.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { Scenario } from '../src/model/scenario.ts';

/** Deterministic scramble (a linear congruential walk), so a failure replays exactly. */
function scrambled(s: Scenario, seed: number): Scenario {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const devices = s.topology.devices.map((d) => ({ ...d, position: { x: Math.floor(next() * 1400), y: Math.floor(next() * 900) } }));
  return { ...s, topology: { ...s.topology, devices } };
}

const positionsOf = (s: Scenario) => Object.fromEntries(s.topology.devices.map((d) => [d.id, d.position]));

async function box(page: Page, id: string): Promise<{ top: number; bottom: number }> {
  const b = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  if (!b) throw new Error(`node ${id} is not on screen`);
  return { top: b.y, bottom: b.y + b.height };
}

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png` });
}

function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name, exact: true });
}

test('auto-layout › scrambled demo, one pinned switch › rows by role, pinned unmoved, Undo restores', async ({ page, sandbox }) => {
  const demo = await sandbox.exportScenario();
  const messy = scrambled(demo, 42);
  expect((await sandbox.loadScenario(messy)).ok).toBe(true);
  await shot(page, 'layout-1-scrambled');

  const sw = page.locator('.react-flow__node[data-id="fcsw1"]');
  await sw.hover();
  await sw.getByRole('button', { name: 'Pin position' }).click();
  await expect(sw.getByRole('button', { name: 'Unpin position' })).toBeVisible();
  const pinnedDoc = await sandbox.exportScenario();
  expect(pinnedDoc.topology.devices.find((d) => d.id === 'fcsw1')?.pinned).toBe(true);
  const pinnedAt = positionsOf(pinnedDoc).fcsw1;
  expect(pinnedAt).toEqual(positionsOf(messy).fcsw1);

  await toolbarButton(page, 'Auto-layout').click();
  await expect(page.getByTestId('canvas-status')).toContainText('1 pinned stayed put');
  const laid = await sandbox.exportScenario();
  expect(positionsOf(laid).fcsw1).toEqual(pinnedAt);
  expect(positionsOf(laid)).not.toEqual(positionsOf(messy));
  await page.waitForTimeout(400); // the fit animation, for the screenshot only
  await shot(page, 'layout-2-laid-out');

  // What a person sees: clients, LAN, servers, switch, array, tape library, top to bottom.
  const rows = [['client1', 'console1'], ['lan1'], ['db-server', 'backup-server'], ['fcsw1'], ['array1'], ['tape1']];
  for (let i = 0; i + 1 < rows.length; i++) {
    const upper = await Promise.all(rows[i].map((id) => box(page, id)));
    const lower = await Promise.all(rows[i + 1].map((id) => box(page, id)));
    expect(Math.max(...upper.map((b) => b.bottom)), `${rows[i]} above ${rows[i + 1]}`).toBeLessThan(Math.min(...lower.map((b) => b.top)));
  }

  await toolbarButton(page, 'Undo').click();
  const undone = await sandbox.exportScenario();
  expect(positionsOf(undone)).toEqual(positionsOf(messy));
  expect(undone.topology.devices.find((d) => d.id === 'fcsw1')?.pinned).toBe(true);
});
