/**
 * Issue 6's failover demonstration, as a trainer gives it: load "Fig. 13" from the Examples menu
 * (a database server with an HBA on each of two fabrics, a mail server with one HBA on fabric
 * A), run it, cut fabric A's cable to the array from its right-click menu, and watch:
 *  - the database's I/O stall for the failover time (its volume's latest IOPS read 0), then move
 *    to fabric B (IOPS back, the path table shows the survivor active) — the dip and recovery;
 *  - the Monitor tab: the cut cable FAILED, the database server degraded, the alerts "Failure",
 *    "Path failover" and, for the mail server that has no other path, "No path left";
 *  - the repair from the Active faults panel, and both paths back in service after the check.
 * The scenario's own cut of the same cable at 10 s and its repair at 25 s are then redundant.
 * Screenshots go to /tmp/failover-*.png.
 */
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { FaultsPage } from './pages/faults-page.ts';
import { MonitorPage } from './pages/monitor-page.ts';

/** The database volume's latest IOPS (reads + writes) as the charts' latest-values table shows them. */
async function latestIops(page: import('@playwright/test').Page, ldevId: string): Promise<number> {
  const read = async (m: string) => {
    const text = ((await page.getByTestId(`latest-${ldevId}-${m}`).textContent()) ?? '').replace(/,/g, '').trim();
    return text === '—' ? 0 : Number(text);
  };
  return (await read('readIops')) + (await read('writeIops'));
}

async function dbPaths(sandbox: SandboxFixture): Promise<string[]> {
  const w = (await sandbox.faults()).paths.find((p) => p.serverId === 'db');
  if (!w) throw new Error('no multipath status for the database server');
  return w.paths.map((p) => `${p.hbaPortId}→${p.arrayPortId} ${p.state}`);
}

test('cut a cable during a run: the path fails over, the alert appears, the charts dip and recover', async ({ page, sandbox }) => {
  await page.getByRole('button', { name: /Examples/ }).click();
  await page.getByRole('menu', { name: 'Example scenarios' }).getByRole('menuitem', { name: /Figs\. 12–13: a cable, a disk and a controller fail/ }).click();
  expect((await sandbox.exportScenario()).name).toBe('Figs. 12–13: a cable, a disk and a controller fail while the console watches');

  await sandbox.runUntil(6);
  await expect.poll(() => latestIops(page, 'db-data')).toBeGreaterThan(400);
  expect(await dbPaths(sandbox)).toEqual(['hba0→CL1-A active', 'hba1→CL2-A standby']);

  // The trainer cuts fabric A's cable to the array (l3) from the canvas.
  const faults = new FaultsPage(page);
  await faults.openCableMenu('l3');
  await faults.item('Fail link').click();
  await expect(faults.row('link l3')).toBeVisible();
  await expect(page.getByTestId('edge-health-l3')).toHaveText('FAILED');

  // Within the failover time (5 s) the host still sends on the dead path: the I/O stalls.
  await sandbox.runUntil(10);
  expect(await dbPaths(sandbox)).toEqual(['hba0→CL1-A failing', 'hba1→CL2-A standby']);
  await expect.poll(() => latestIops(page, 'db-data')).toBe(0);
  await page.screenshot({ path: '/tmp/failover-stall.png' });

  // The host notices, fails over to fabric B, and the I/O it held is retried there: IOPS recover.
  await sandbox.runUntil(18);
  expect(await dbPaths(sandbox)).toEqual(['hba0→CL1-A failed', 'hba1→CL2-A active']);
  await expect.poll(() => latestIops(page, 'db-data')).toBeGreaterThan(400);
  const report = await sandbox.report();
  expect(report.faults.ioErrors.db).toBe(0);
  expect(report.faults.ioErrors.mail).toBeGreaterThan(0);
  expect(report.faults.retriedIos).toBeGreaterThan(0);

  const mon = new MonitorPage(page);
  await mon.open();
  await expect(mon.healthRow('l3')).toHaveAttribute('data-health', 'failed');
  await expect(mon.healthRow('db')).toHaveAttribute('data-health', 'degraded');
  await expect(mon.panel).toContainText('Path failover');
  await expect(mon.panel).toContainText('db/oltp: path hba0→CL1-A failed; I/O moves to hba1→CL2-A');
  await expect(mon.panel).toContainText('No path left'); // the mail server's only path
  await expect(mon.count()).toHaveClass(/tab-count-error/);
  await page.screenshot({ path: '/tmp/failover-recovered.png' });

  // Repair from the Active faults panel: the paths come back at the next path check.
  await faults.repair('link l3').click();
  await expect(faults.row('link l3')).toHaveCount(0);
  await sandbox.runUntil(26);
  expect(await dbPaths(sandbox)).toEqual(['hba0→CL1-A active', 'hba1→CL2-A standby']);
  expect((await sandbox.alerts()).map((a) => a.message)).toContain('db/oltp: path hba0→CL1-A is back in service');
  expect((await sandbox.report()).faults.ackCheck.ok).toBe(true);
});

test('the server inspector sets the multipath policy; the run uses it', async ({ page, sandbox }) => {
  const doc = await sandbox.exportScenario();
  const server = doc.topology.devices.find((d) => d.kind === 'server' && d.workloads.length > 0 && d.ports.filter((p) => p.kind === 'fc').length > 1);
  if (!server) throw new Error('the demo needs a server with a workload and two HBAs');
  await page.locator(`.react-flow__node[data-id="${server.id}"]`).click();
  const section = page.getByRole('region', { name: 'Multipath' });
  await section.getByLabel('Policy').selectOption('round-robin');
  await section.getByLabel('Failover time').fill('2');
  await section.getByLabel('Failover time').press('Enter');
  const after = (await sandbox.exportScenario()).topology.devices.find((d) => d.id === server.id);
  expect(after?.kind === 'server' ? after.multipath : undefined).toEqual({ policy: 'round-robin', failoverS: 2, checkIntervalS: 5 });
  await sandbox.runUntil(3);
  const w = (await sandbox.faults()).paths.find((p) => p.serverId === server.id)!;
  expect(w.policy).toBe('round-robin');
  expect(w.paths.filter((p) => p.state === 'active').length).toBeGreaterThan(1);
  const ios = w.paths.map((p) => p.ios).filter((n) => n > 0);
  expect(Math.max(...ios) - Math.min(...ios)).toBeLessThanOrEqual(1);
});
