/**
 * The designer, as a person uses it: build a SAN from the palette, cable it, configure the
 * array and a workload in the inspector, run it and see the numbers move; refused cables with
 * their reason; undo/redo; a broken file that leaves the canvas alone; autosave across reload;
 * the shortcuts dialog; and an axe scan.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, RunControlsPage, test as base } from './fixtures.ts';
import { DesignerPage } from './pages/designer-page.ts';

/** `d`: the designer page object, on a loaded page with the worker ready. */
const test = base.extend<{ d: DesignerPage }>({
  d: async ({ page, sandbox }, use) => {
    void sandbox;
    await use(new DesignerPage(page));
  },
});

const HBA0_WWPN = '10:00:00:00:c9:00:00:01';

/** Screenshots for people reviewing the UI: only when SHOTS is set (a directory). */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png` });
}

/** Server, switch and array dropped from the palette, cabled HBA → switch → array port. */
async function buildFabric(d: DesignerPage): Promise<void> {
  await d.newDesign();
  await d.dragFromPalette('UNIX server', 260, 60);
  await d.dragFromPalette('FC switch', 260, 230);
  await d.dragFromPalette('Disk array', 260, 400);
  await expect(d.node('server-1')).toBeVisible();
  await expect(d.node('switch-1')).toBeVisible();
  await expect(d.node('array-1')).toBeVisible();
  await d.cable(['server-1', 'hba0'], ['switch-1', 'p0']);
  await d.cable(['switch-1', 'p8'], ['array-1', 'CL1-A']);
  await expect(d.edges()).toHaveCount(2);
}

/** LDEV, host group with the server's WWPN, LU path; then a workload on the server. */
async function configure(d: DesignerPage): Promise<void> {
  await d.select('array-1');
  await d.inspector.getByRole('button', { name: 'Add LDEV' }).click();
  await d.setField('ldev-1 capacity GiB', '200');
  await expect(d.inspector.getByLabel('ldev-1 capacity GiB')).toHaveValue('200');
  await d.inspector.getByRole('button', { name: 'Add host group' }).click();
  await d.inspector.getByLabel(/^WWPN to add to/).fill(HBA0_WWPN);
  await d.inspector.getByRole('button', { name: 'Add WWPN' }).click();
  await expect(d.inspector.getByText(HBA0_WWPN, { exact: true })).toBeVisible();
  await d.inspector.getByRole('button', { name: 'Add LU path' }).click();
  await expect(d.inspector.getByRole('table').filter({ hasText: 'LUN' })).toBeVisible();

  await d.select('server-1');
  await d.inspector.getByRole('button', { name: 'Add workload' }).click();
  await expect(d.inspector.getByLabel('Target LU')).toContainText('CL1-A LUN 0');
  await d.inspector.getByLabel('rw', { exact: true }).selectOption('randread');
}

test.describe('designer', () => {
  test('build a SAN from the palette, configure it and run it', async ({ page, d }) => {
    await buildFabric(d);
    await shot(page, 'designer-cabled');
    await configure(d);
    await shot(page, 'designer-workload');

    // invalid values are refused beside the field and not committed
    await d.setField('iodepth', '0');
    await expect(d.inspector.getByText('must be at least 1')).toBeVisible();
    await d.inspector.getByLabel('iodepth', { exact: true }).press('Escape');

    const run = new RunControlsPage(page);
    await run.play.click();
    const cell = run.latest('ldev-1', 'readIops');
    const read = async () => Number(((await cell.textContent()) ?? '').replace(/,/g, ''));
    await expect.poll(read, { timeout: 15_000 }).toBeGreaterThan(0);
    const first = await cell.textContent();
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).not.toBe(first);
    await expect(d.node('array-1').getByText(/^IOPS \d/)).toBeVisible();
    await shot(page, 'designer-running');
    await run.pause.click();
  });

  test('an FC to LAN cable is refused and the reason is shown', async ({ page, d }) => {
    await d.newDesign();
    await d.dragFromPalette('UNIX server', 200, 60);
    await d.dragFromPalette('FC switch', 200, 260);
    await d.startCableOver(['server-1', 'nic0'], ['switch-1', 'p0']);
    await expect(d.status).toContainText('Not allowed');
    await expect(d.status).toContainText(/LAN port nic0 cannot connect to FC port p0/);
    await shot(page, 'designer-refused');
    await page.mouse.up();
    await expect(d.edges()).toHaveCount(0);
    await expect(d.status).toContainText('Cannot connect');
  });

  test('undo and redo, from the toolbar and the keyboard; Delete removes cables too', async ({ page, d }) => {
    await buildFabric(d);
    await d.select('server-1');
    await d.node('array-1').locator('.san-node-name').click({ modifiers: ['Shift'] });
    await expect(d.inspector.getByRole('heading', { name: '2 devices selected' })).toBeVisible();
    await d.select('switch-1');
    await page.keyboard.press('Delete');
    await expect(d.node('switch-1')).toHaveCount(0);
    await expect(d.edges()).toHaveCount(0);
    await d.toolbarButton('Undo').click();
    await expect(d.node('switch-1')).toBeVisible();
    await expect(d.edges()).toHaveCount(2);
    await d.toolbarButton('Redo').click();
    await expect(d.node('switch-1')).toHaveCount(0);
    await d.pane.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect(d.edges()).toHaveCount(2);
    await page.keyboard.press('Control+Shift+z');
    await expect(d.edges()).toHaveCount(0);
  });

  test('a drag-move is one undo step', async ({ page, d }) => {
    await buildFabric(d);
    const name = d.node('array-1').locator('.san-node-name');
    const before = (await d.node('array-1').boundingBox())!;
    const grip = (await name.boundingBox())!;
    await page.mouse.move(grip.x + 5, grip.y + 5);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(grip.x + 5 + i * 15, grip.y + 5, { steps: 2 });
    await page.mouse.up();
    await expect.poll(async () => (await d.node('array-1').boundingBox())!.x).toBeGreaterThan(before.x + 100);
    await d.toolbarButton('Undo').click();
    await expect.poll(async () => Math.round((await d.node('array-1').boundingBox())!.x)).toBe(Math.round(before.x));
    await expect(d.edges()).toHaveCount(2);
  });

  test('Save downloads the design as <name>.sandbox.json', async ({ page, d }) => {
    const download = page.waitForEvent('download');
    await d.toolbarButton('Save').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^embodiment-1-online-backup.*\.sandbox\.json$/);
    await expect(d.status).toContainText('Saved');
    await d.newDesign();
    await d.toolbarButton('Load demo').click();
    await expect(d.node('array1')).toBeVisible();
  });

  test('palette entries work from the keyboard', async ({ page, d }) => {
    await d.newDesign();
    await d.paletteItem('Mainframe').focus();
    await page.keyboard.press('ArrowDown');
    await expect(d.paletteItem('UNIX server')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(d.node('server-1')).toBeVisible();
    await expect(d.inspector.getByRole('heading', { name: 'UNIX server 1' })).toBeVisible();
  });

  test('an invalid file shows each error with its field and line, and keeps the canvas', async ({ page, d }) => {
    const before = await d.canvas.locator('.react-flow__node').count();
    expect(before).toBeGreaterThan(0);
    const doc = await page.evaluate(() => window.sandbox.exportScenario());
    const bad = structuredClone(doc) as { seed: unknown; topology: { devices: { name: unknown }[] } };
    bad.seed = -3;
    bad.topology.devices[0].name = '';
    const text = JSON.stringify(bad, null, 2);
    await page.locator('#sandbox-open-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const dialog = page.getByRole('dialog', { name: /Could not open broken\.json/ });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('seed');
    await expect(dialog).toContainText('topology.devices[0].name');
    await expect(dialog).toContainText(/Line \d+/);
    await shot(page, 'designer-import-error');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(d.canvas.locator('.react-flow__node')).toHaveCount(before);
  });

  test('reload restores the autosaved design', async ({ page, d }) => {
    await d.newDesign();
    await d.dragFromPalette('Disk array', 240, 120);
    await d.select('array-1');
    await d.setField('Name', 'Autosaved array');
    await expect(d.node('array-1')).toContainText('Autosaved array');
    await page.waitForTimeout(600);
    await page.reload();
    await expect(d.node('array-1')).toContainText('Autosaved array');
    await expect(d.canvas.locator('.react-flow__node')).toHaveCount(1);
  });

  test('? opens the keyboard shortcuts dialog; Escape closes it', async ({ page, d }) => {
    void d;
    await page.locator('body').press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Ctrl+Z');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await shot(page, 'designer-shortcuts');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('has no serious or critical accessibility violations', async ({ page, d }) => {
    await d.select('array1');
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  });
});
