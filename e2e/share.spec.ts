/**
 * Sharing, as a person does it: rename the demo, copy its share link and open the link in a
 * fresh browser (own storage, so no autosave can fake the result); export PNG and SVG and bring
 * them back by dropping on the page and by Open…; a corrupted link and an image without a
 * scenario are refused with the import-error dialog while the design stays.
 */
import type { Browser, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expect, sandboxOf, test } from './fixtures.ts';

const NEW_NAME = 'Shared demo — renamed for the link';

async function freshPage(browser: Browser, baseURL: string | undefined, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(path);
  await page.waitForFunction(() => typeof window.sandbox !== 'undefined');
  return page;
}

async function renameScenario(page: Page, name: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Scenario name' });
  await field.fill(name);
  await field.press('Enter');
  await expect.poll(async () => (await sandboxOf(page).exportScenario()).name).toBe(name);
}

async function shareItem(page: Page, label: string): Promise<void> {
  await page.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name: 'Share ▾' }).click();
  await page.getByRole('menuitem', { name: label }).click();
}

/** Drop a file on the canvas the way the OS does: a DataTransfer holding a File. */
async function dropFile(page: Page, name: string, mimeType: string, bytes: Buffer): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, mimeType, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(data)], name, { type: mimeType }));
      return dt;
    },
    { name, mimeType, data: [...bytes] },
  );
  const canvas = page.getByRole('region', { name: 'SAN design canvas' });
  await canvas.dispatchEvent('dragover', { dataTransfer: transfer });
  await canvas.dispatchEvent('drop', { dataTransfer: transfer });
}

test.describe('share', () => {
  test('a share link of the renamed demo opens the renamed scenario in a fresh browser', async ({ page, sandbox, browser, baseURL, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await renameScenario(page, NEW_NAME);
    const original = await sandbox.exportScenario();
    await shareItem(page, 'Copy share link');
    await expect(page.getByTestId('canvas-status')).toContainText(/Share link copied to the clipboard \(\d/);
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);

    const other = await freshPage(browser, baseURL, url);
    await expect.poll(async () => (await sandboxOf(other).exportScenario()).name).toBe(NEW_NAME);
    expect(await sandboxOf(other).exportScenario()).toEqual(original);
    await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(NEW_NAME);
    expect(new URL(other.url()).hash).toBe(''); // cleared: a reload keeps later edits
    await other.context().close();

    // Pasting a link into an open tab only changes the fragment: it opens too.
    await page.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name: 'Load demo' }).click();
    await expect.poll(async () => (await sandbox.exportScenario()).name).not.toBe(NEW_NAME);
    await page.evaluate((hash) => (location.hash = hash), new URL(url).hash);
    await expect.poll(async () => (await sandbox.exportScenario()).name).toBe(NEW_NAME);
  });

  test('an exported PNG reopens its scenario when dropped, an SVG through Open…', async ({ page, sandbox, browser, baseURL }) => {
    await renameScenario(page, NEW_NAME);
    const original = await sandbox.exportScenario();
    const images: Record<string, Buffer> = {};
    for (const kind of ['PNG', 'SVG'] as const) {
      const download = page.waitForEvent('download');
      await shareItem(page, `Export ${kind}`);
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${kind.toLowerCase()}$`));
      images[kind] = await readFile(await file.path());
    }
    expect([...images.PNG.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(images.SVG.toString('utf8')).toContain('<sandbox-scenario');

    const other = await freshPage(browser, baseURL, '/');
    const api = sandboxOf(other);
    await expect.poll(async () => (await api.exportScenario()).name).not.toBe(NEW_NAME);
    await dropFile(other, 'design.png', 'image/png', images.PNG);
    await expect.poll(async () => (await api.exportScenario()).name).toBe(NEW_NAME);
    expect(await api.exportScenario()).toEqual(original);

    await other.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name: 'New', exact: true }).click();
    await other.locator('#sandbox-open-file').setInputFiles({ name: 'design.svg', mimeType: 'image/svg+xml', buffer: images.SVG });
    await expect.poll(async () => (await api.exportScenario()).name).toBe(NEW_NAME);
    expect(await api.exportScenario()).toEqual(original);
    await other.context().close();
  });

  test('a corrupted link shows the import error and keeps the demo', async ({ browser, baseURL }) => {
    const page = await freshPage(browser, baseURL, '/#s=AAAAthis-is-not-a-scenario_');
    const dialog = page.getByRole('dialog', { name: 'Could not open the share link' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('could not decompress the scenario');
    await expect.poll(async () => (await sandboxOf(page).status()).runState).toBe('ready');
    expect((await sandboxOf(page).exportScenario()).topology.devices.length).toBeGreaterThan(0);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await page.context().close();
  });

  test('an image without a scenario says so and keeps the design', async ({ page, sandbox }) => {
    const before = await sandbox.exportScenario();
    const plain = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    await dropFile(page, 'photo.png', 'image/png', plain);
    const dialog = page.getByRole('dialog', { name: 'Could not open photo.png' });
    await expect(dialog).toContainText('This image carries no SANdbox scenario');
    expect(await sandbox.exportScenario()).toEqual(before);
  });
});
