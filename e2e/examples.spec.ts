/**
 * The Examples menu: every built-in scenario is listed; choosing one loads it onto the canvas
 * and into the worker, and running it to its end in the browser meets every expectation it
 * carries — the same result the CLI checks (`npm run sim`).
 */
import { readdirSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

test.describe('examples', () => {
  test('lists the built-in scenarios; Fig. 5b loads from the menu and meets its expectations', async ({ page, sandbox }) => {
    await page.getByRole('button', { name: /Examples/ }).click();
    const menu = page.getByRole('menu', { name: 'Example scenarios' });
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
    await expect(menu.getByRole('menuitem')).toHaveCount(files.length);
    await menu.getByRole('menuitem', { name: /Fig\. 5b: quick split/ }).click();
    await expect(menu).toBeHidden();
    expect((await sandbox.exportScenario()).name).toBe('SAN patent Fig. 5b: quick split of an array pair');
    const end = (await sandbox.exportScenario()).durationS;
    const report = await sandbox.runUntil(end);
    expect(report.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(report.pairs['SI/db']).toMatchObject({ state: 'PSUS' });
    await expect(page.getByText('PSUS').first()).toBeVisible();
  });
});
