/**
 * The monitoring console (SAN patent Figs. 12–13) on the built-in demo (`embodiment-1-online-
 * backup.json`, which has a management console device): double-clicking the console opens the
 * Monitor tab; the performance table lists every volume sorted by IOPS, busiest first, with the
 * busiest row marked and the IOPS a person reads equal to the charts' latest values; a click on
 * the header sorts the other way. A cable cut through `window.sandbox` raises alerts — the tab
 * counts the unacknowledged ones in red, the cable is FAILED on the canvas and in the health
 * list, the server degraded — and acknowledging them (one, then all) clears the count, as
 * `window.sandbox.alerts()` confirms; a reset starts the next run with nothing acknowledged.
 * Predict and Move give a prediction, then a move the engine reports; and each section of the
 * tab has no serious or critical axe violations.
 *
 * The cable is the first FC cable of the server whose workload drives the busiest volume, read
 * from the design, so the spec follows the demo rather than repeating it. Screenshots go to
 * /tmp/monitor-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { MonitorPage } from './pages/monitor-page.ts';

/** The first FC cable of a server that runs a workload (the one the demo's I/O uses). */
async function workloadCable(sandbox: SandboxFixture): Promise<{ serverId: string; linkId: string }> {
  const t = (await sandbox.exportScenario()).topology;
  const server = t.devices.find((d) => d.kind === 'server' && d.workloads.length > 0);
  if (!server) throw new Error('the demo has no server with a workload');
  const fcPorts = new Set(server.ports.filter((p) => p.kind === 'fc').map((p) => p.id));
  const link = t.links.find((l) => (l.a.deviceId === server.id && fcPorts.has(l.a.portId)) || (l.b.deviceId === server.id && fcPorts.has(l.b.portId)));
  if (!link) throw new Error(`${server.id} has no FC cable`);
  return { serverId: server.id, linkId: link.id };
}

test('double-clicking the console opens the Monitor tab; the performance table is sorted by IOPS with the busiest volume marked', async ({ page, sandbox }) => {
  const consoleId = (await sandbox.exportScenario()).topology.devices.find((d) => d.kind === 'console')?.id;
  expect(consoleId, 'the demo has a management console').toBeDefined();
  await sandbox.runUntil(20);
  const mon = new MonitorPage(page);
  // The pair-state legend sits over the console in the demo: fold it, as a person would.
  await page.getByText('Pair states', { exact: true }).click();
  await mon.node(consoleId!).dblclick();
  await expect(mon.tab).toHaveAttribute('aria-selected', 'true');
  await mon.section('Performance');
  const volumes = (await sandbox.snapshot()).ldevs;
  await expect(mon.volumeRows()).toHaveCount(Object.keys(volumes).length);
  const rows = await mon.volumeIops();
  const iops = rows.map((r) => r.iops);
  expect(iops).toEqual([...iops].sort((a, b) => b - a));
  expect(iops[0]).toBeGreaterThan(iops.at(-1)!);
  expect(rows[0].mark).toBe('busiest');
  expect(rows.at(-1)!.mark).toBe('idlest');
  await expect(mon.volumeRows().first()).toHaveClass(/is-busiest/);
  await expect(mon.panel.getByTestId('perf-legend')).toContainText('busiest');
  // What the table shows for the busiest volume is what the charts' latest values show.
  const busiest = rows[0].ldevId;
  const latest = async (m: 'readIops' | 'writeIops') => Number(((await page.getByTestId(`latest-${busiest}-${m}`).textContent()) ?? '').replace(/,/g, ''));
  // Each figure is rounded on screen, so the sum may differ by one.
  expect(Math.abs(rows[0].iops - ((await latest('readIops')) + (await latest('writeIops'))))).toBeLessThanOrEqual(1);
  await page.screenshot({ path: '/tmp/monitor-performance.png' });
  await mon.sortHeader('IOPS').click();
  const ascending = await mon.volumeIops();
  expect(ascending.map((r) => r.ldevId)).toEqual([...rows].reverse().map((r) => r.ldevId));
  expect(ascending[0].mark).toBe('idlest');
});

test('a cut cable raises alerts: counted on the tab, FAILED on the canvas; acknowledging one and then all clears the count; a reset starts afresh', async ({ page, sandbox }) => {
  const { serverId, linkId } = await workloadCable(sandbox);
  await sandbox.runUntil(10);
  expect(await sandbox.apply({ type: 'setFault', component: { kind: 'link', linkId }, failed: true })).toMatchObject({ ok: true });
  await sandbox.runUntil(20);
  const alerts = await sandbox.alerts();
  const fault = alerts.find((a) => a.kind === 'fault' && a.deviceId === linkId);
  expect(fault).toMatchObject({ severity: 'critical', acknowledged: false });
  const open = alerts.filter((a) => a.severity !== 'info');
  const mon = new MonitorPage(page);
  await mon.open();
  await expect(mon.count()).toHaveText(String(open.length));
  await expect(mon.count()).toHaveClass(/tab-count-error/);
  await expect(mon.healthRow(linkId)).toHaveAttribute('data-health', 'failed');
  await expect(mon.healthRow(serverId)).toHaveAttribute('data-health', 'degraded');
  await expect(mon.cableLabel(linkId)).toHaveText('FAILED');
  await expect(mon.node(serverId)).toHaveAttribute('data-health', 'degraded');
  await page.screenshot({ path: '/tmp/monitor-alerts.png' });

  const row = mon.alertRow(fault!.seq);
  await expect(row).toContainText(`link ${linkId} failed`);
  await row.getByRole('button', { name: /^Acknowledge alert/ }).click();
  await expect(row).toContainText('acknowledged');
  await expect(mon.count()).toHaveText(String(open.length - 1));
  expect((await sandbox.alerts()).find((a) => a.seq === fault!.seq)?.acknowledged).toBe(true);

  await mon.panel.getByRole('button', { name: 'Acknowledge all', exact: true }).click();
  await expect(mon.count()).toHaveCount(0);
  expect((await sandbox.alerts()).every((a) => a.acknowledged)).toBe(true);

  await sandbox.reset();
  await sandbox.runUntil(1);
  expect(await sandbox.faults()).toMatchObject({ faults: [], health: {} });
  expect((await sandbox.alerts()).some((a) => a.acknowledged)).toBe(false);
});

test('predict and move a volume from the tab; every section passes axe', async ({ page, sandbox }) => {
  await sandbox.runUntil(20);
  const mon = new MonitorPage(page);
  await mon.open();
  const sections = ['Health & alerts', 'Performance', 'Volume moves'] as const;
  for (const name of sections) {
    await mon.section(name);
    const results = await new AxeBuilder({ page }).include('aside.side-panel').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${name} › ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  }
  const ldevId = await mon.panel.getByLabel('Volume', { exact: true }).inputValue();
  const groupId = await mon.panel.getByLabel('Move to', { exact: true }).inputValue();
  const expected = await sandbox.predictMove(ldevId, groupId);
  await mon.panel.getByRole('button', { name: 'Predict', exact: true }).click();
  const prediction = mon.panel.getByTestId('move-prediction');
  if ('error' in expected) {
    await expect(mon.panel.getByText(`Cannot predict: ${expected.error}`)).toBeVisible();
    return;
  }
  await expect(prediction).toContainText(`${ldevId} uses`);
  await expect(prediction.locator('tr[data-role="source"] th')).toContainText(expected.fromGroup);
  await expect(prediction.locator('tr[data-role="target"] th')).toContainText(expected.toGroup);
  await mon.panel.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(mon.panel.getByTestId('move-note')).toContainText('accepted');
  await sandbox.step(1);
  const move = (await sandbox.faults()).moves.find((m) => m.ldevId === ldevId);
  expect(move).toMatchObject({ fromGroup: expected.fromGroup, toGroup: groupId });
  await expect(mon.panel.getByRole('article', { name: `Move of ${ldevId} from ${expected.fromGroup} to ${groupId}` })).toBeVisible();
  await page.screenshot({ path: '/tmp/monitor-move.png' });
});
