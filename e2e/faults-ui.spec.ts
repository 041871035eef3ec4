/**
 * Fault injection in the app, on the demo: before a run the canvas's right-click menu says to
 * start the run; during it, right-click a cable of the database server, "Fail link": the fault is
 * listed in the Active faults panel, the engine reports it (window.sandbox.faults()), the cable is
 * drawn failed; Repair clears it and the alert log has both. The keyboard way: the run controls'
 * Faults… dialog fails and repairs an HBA; a server's menu is walked with the arrow keys. A tape
 * library's menu fails one of its drives (the engine's DriveStatus shows it) and the panel repairs it.
 *
 * Ids are read from the loaded design. Screenshots go to /tmp/faults-ui-*.png.
 */
import type { Page } from '@playwright/test';
import type { Scenario } from '../src/ui/automation/types.ts';
import { expect, test } from './fixtures.ts';
import { FaultsPage } from './pages/faults-page.ts';

/** A cable from the server that runs a workload to the fabric, and the tape library. */
function demoParts(doc: Scenario): { linkId: string; serverId: string; libraryId: string } {
  const server = doc.topology.devices.find((d) => d.kind === 'server' && d.workloads.length > 0);
  const fc = new Set(server?.ports.filter((p) => p.kind === 'fc').map((p) => p.id));
  const link = doc.topology.links.find((l) => (l.a.deviceId === server?.id && fc.has(l.a.portId)) || (l.b.deviceId === server?.id && fc.has(l.b.portId)));
  const library = doc.topology.devices.find((d) => d.kind === 'tapeLibrary');
  if (!server || !link || !library) throw new Error('the demo needs a server with a workload cabled to the fabric, and a tape library');
  return { linkId: link.id, serverId: server.id, libraryId: library.id };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/faults-ui-${name}.png` });
}

test.describe('fault injection', () => {
  test('before the run a cable\'s menu says to start the run, and sends nothing', async ({ page, sandbox }) => {
    const { linkId } = demoParts(await sandbox.exportScenario());
    const faults = new FaultsPage(page);
    await faults.openCableMenu(linkId);
    await expect(faults.menu).toContainText(`Cable ${linkId}`);
    await expect(faults.item('Start the run to inject faults')).toHaveAttribute('aria-disabled', 'true');
    await expect(faults.item('Fail link')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(faults.menu).toBeHidden();
  });

  test('cut a cable from its right-click menu during a run, see it listed and failed, repair it', async ({ page, sandbox }) => {
    const { linkId } = demoParts(await sandbox.exportScenario());
    const faults = new FaultsPage(page);
    await sandbox.runUntil(3);
    await faults.openCableMenu(linkId);
    await shot(page, 'menu');
    await faults.item('Fail link').click();
    await expect(faults.menu).toBeHidden();

    const label = `link ${linkId}`;
    await expect(faults.panel.getByRole('heading')).toHaveText('Active faults (1)');
    await expect(faults.row(label)).toContainText('since 00:03.0');
    await expect(faults.note()).toContainText(`fail ${label}: accepted`);
    expect((await sandbox.faults()).faults.map((f) => f.label)).toEqual([label]);
    await sandbox.runUntil(5);
    await expect(page.getByTestId(`edge-health-${linkId}`)).toHaveText('FAILED');
    await expect(faults.button).toHaveAccessibleName('Faults… (1 active)');
    await shot(page, 'failed');

    // The cable's menu now offers the repair; the panel's button does the same.
    await faults.openCableMenu(linkId);
    await expect(faults.item('Repair link')).toBeVisible();
    await page.keyboard.press('Escape');
    await faults.repair(label).click();
    await expect(faults.row(label)).toHaveCount(0);
    await expect(faults.panel.getByRole('heading')).toHaveText('Active faults (0)');
    await expect(faults.note()).toContainText(`repair ${label}: accepted`);
    expect((await sandbox.faults()).faults).toEqual([]);
    const messages = (await sandbox.alerts()).map((a) => a.message);
    expect(messages).toContain(`${label} failed`);
    expect(messages).toContain(`${label} repaired`);
    await shot(page, 'repaired');
  });

  test('the Faults… dialog fails and repairs an HBA from the keyboard', async ({ page, sandbox }) => {
    const { serverId } = demoParts(await sandbox.exportScenario());
    const faults = new FaultsPage(page);
    await sandbox.runUntil(2);
    await faults.button.focus();
    await page.keyboard.press('Enter');
    await expect(faults.dialog).toBeVisible();
    await faults.dialog.getByLabel('Device or cable').selectOption(`device:${serverId}`);
    await faults.dialog.getByLabel('Fault', { exact: true }).selectOption({ label: 'Fail HBA › hba1' });
    await faults.dialog.getByRole('button', { name: 'Apply' }).press('Enter');
    const label = `port ${serverId}/hba1`;
    const row = faults.dialog.getByRole('listitem').filter({ hasText: label });
    await expect(row).toBeVisible();
    await expect(faults.dialog.getByLabel('Fault', { exact: true })).toHaveValue(`repair:${label}`); // the same HBA now offers its repair
    expect((await sandbox.faults()).faults.map((f) => f.label)).toEqual([label]);
    await shot(page, 'dialog');
    await faults.repair(label, faults.dialog).click();
    await expect(row).toHaveCount(0);
    expect((await sandbox.faults()).faults).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(faults.dialog).toBeHidden();
  });

  test('fail a tape drive from the library\'s menu: the drive shows failed until its repair', async ({ page, sandbox }) => {
    const { libraryId } = demoParts(await sandbox.exportScenario());
    const faults = new FaultsPage(page);
    await sandbox.runUntil(2);
    await faults.openDeviceMenu(libraryId);
    await faults.item('Fail drive').hover();
    await faults.item('drive 1').click();
    const label = `drive ${libraryId}#1`;
    await expect(faults.row(label)).toBeVisible();
    const drive = async () => (await sandbox.backup()).libraries.find((l) => l.id === libraryId)?.drives[1];
    expect(await drive()).toMatchObject({ failed: true, jobId: null });
    await faults.repair(label).click();
    await expect(faults.row(label)).toHaveCount(0);
    expect(await drive()).toMatchObject({ failed: false, state: 'empty' });
  });

  test('a server\'s menu offers its HBAs; a keyboard user walks into the submenu with the arrows', async ({ page, sandbox }) => {
    const { serverId } = demoParts(await sandbox.exportScenario());
    const faults = new FaultsPage(page);
    await sandbox.runUntil(1);
    await faults.openDeviceMenu(serverId);
    await expect(faults.item('Fail HBA')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(faults.item('hba0')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(faults.item('hba1')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(faults.item('Fail HBA')).toBeFocused();
    await expect(faults.item('hba0')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(faults.menu).toBeHidden();
    expect((await sandbox.faults()).faults).toEqual([]);
  });
});
