/**
 * Zoning as a trainer shows it, on the demo (db-server's OLTP workload through fcsw1 to array1):
 * in the console, `login` to the switch (the prompt becomes `<switch>:admin>`), zone the backup
 * server with the array's ports — leaving the database server out — and `cfgenable`: the engine
 * refuses the database server's I/O with the reason `zoning` (window.sandbox.report() and the
 * workload's snapshot) and the Run summary shows it under "Zoning"; `cfgdisable` (default zone
 * all access) lets the I/O flow again. Also: "Paste cfgshow…" with a bad line names the line and
 * changes nothing; a good text replaces the switch's zoning in the design.
 *
 * Ids, names and WWPNs are read from the loaded design. Screenshots go to /tmp/zoning-*.png.
 */
import type { Page } from '@playwright/test';
import type { Scenario } from '../src/ui/automation/types.ts';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ZoningPage } from './pages/zoning-page.ts';

interface DemoFabric {
  switchId: string;
  switchName: string;
  /** The server with the workload, zoned out. */
  outServerId: string;
  workloadId: string;
  /** The members of the zone that stays: the other server's HBAs and the array's ports. */
  zoneMembers: string[];
}

const wwpnsOf = (doc: Scenario, deviceId: string): string[] =>
  (doc.topology.devices.find((d) => d.id === deviceId)?.ports ?? []).flatMap((p) => (p.kind === 'fc' && p.wwpn ? [p.wwpn] : []));

function demoFabric(doc: Scenario): DemoFabric {
  const sw = doc.topology.devices.find((d) => d.kind === 'fcSwitch');
  const servers = doc.topology.devices.flatMap((d) => (d.kind === 'server' ? [d] : []));
  const busy = servers.find((s) => s.workloads.length > 0);
  const other = servers.find((s) => s !== busy && wwpnsOf(doc, s.id).length > 0);
  if (!sw || !busy || !other) throw new Error('the demo needs a switch, a server with a workload and another server on the SAN');
  const arrayId = busy.workloads[0].target.arrayId;
  return {
    switchId: sw.id,
    switchName: sw.name,
    outServerId: busy.id,
    workloadId: busy.workloads[0].id,
    zoneMembers: [...wwpnsOf(doc, other.id), ...wwpnsOf(doc, arrayId)],
  };
}

async function workload(sandbox: SandboxFixture, f: DemoFabric) {
  const w = (await sandbox.snapshot()).workloads.find((x) => x.serverId === f.outServerId && x.workloadId === f.workloadId);
  if (!w) throw new Error(`the engine does not report workload ${f.outServerId}/${f.workloadId}`);
  return w;
}

/** Advance the paused run by `seconds` of simulated time. */
async function advance(sandbox: SandboxFixture, seconds: number): Promise<void> {
  const { nowS } = await sandbox.status();
  await sandbox.runUntil(nowS + seconds);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/zoning-${name}.png` });
}

test('a zone that leaves the database server out: its I/O is refused for zoning, on screen too; cfgdisable lets it flow again', async ({ page, sandbox }) => {
  test.setTimeout(120_000);
  const f = demoFabric(await sandbox.exportScenario());
  const zoning = new ZoningPage(page);
  const cci = new ConsolePage(page);

  // Play a little: the workload completes I/O and nothing is refused for zoning.
  await advance(sandbox, 3);
  const before = await sandbox.report();
  expect(before.rejectedIos.byReason.zoning).toBe(0);
  expect((await workload(sandbox, f)).rejectReason).toBeNull();
  expect((await workload(sandbox, f)).completedIos).toBeGreaterThan(0);

  await cci.open();
  await expect(zoning.prompt).toHaveText('horcm0 $');
  await cci.run(`login ${f.switchId}`);
  await expect(cci.errors()).toHaveCount(0);
  await expect(zoning.prompt).toHaveText(`${f.switchName}:admin>`);
  await cci.run(`zonecreate "keep_z", "${f.zoneMembers.join('; ')}"`);
  await cci.run('cfgcreate "lab_cfg", "keep_z"');
  await cci.run('cfgenable "lab_cfg"');
  await expect(cci.errors()).toHaveCount(0);
  await expect(cci.lastOutput().first()).toContainText('zone config "lab_cfg" is in effect');
  await shot(page, 'console');

  // The zoned-out server's I/O is refused with the reason 'zoning'.
  await advance(sandbox, 3);
  const zoned = await sandbox.report();
  expect(zoned.rejectedIos.byReason.zoning).toBeGreaterThan(0);
  const w = await workload(sandbox, f);
  expect(w.rejectReason).toBe('zoning');

  // What a person reads: the Run summary's bar for "Zoning" with the report's count.
  await zoning.openSummary();
  const report = await sandbox.report();
  await expect(zoning.reasonLabel('zoning').locator('tspan')).toHaveText('Zoning');
  await expect(zoning.reasonCount('zoning')).toHaveText(report.rejectedIos.byReason.zoning.toLocaleString('en-US'));
  await zoning.reasonLabel('zoning').scrollIntoViewIfNeeded();
  await shot(page, 'summary');

  // cfgdisable: no configuration in effect, the default zone (all access) lets everything through.
  await cci.open();
  await expect(zoning.prompt).toHaveText(`${f.switchName}:admin>`);
  await cci.run('cfgdisable');
  await expect(cci.errors()).toHaveCount(0);
  await advance(sandbox, 1);
  const settled = await sandbox.report();
  const completedAt = (await workload(sandbox, f)).completedIos;
  await advance(sandbox, 3);
  const after = await sandbox.report();
  expect(after.rejectedIos.byReason.zoning).toBe(settled.rejectedIos.byReason.zoning);
  const flowing = await workload(sandbox, f);
  expect(flowing.rejectReason).toBeNull();
  expect(flowing.completedIos).toBeGreaterThan(completedAt);

  await cci.run('logout');
  await expect(zoning.prompt).toHaveText('horcm0 $');
});

test('cfgshow after a cfgenable typed during a run shows the configuration in effect', async ({ page, sandbox }) => {
  // Regression: during a run the design is not written (it would reload the run), so the
  // session must remember the database it applied; cfgshow and the next edit start from it.
  const f = demoFabric(await sandbox.exportScenario());
  const cci = new ConsolePage(page);
  await advance(sandbox, 1);
  await cci.open();
  await cci.run(`login ${f.switchId}`);
  await cci.run(`zonecreate "keep_z", "${f.zoneMembers.join('; ')}"`);
  await cci.run('cfgcreate "lab_cfg", "keep_z"');
  await cci.run('cfgenable "lab_cfg"');
  await expect(cci.lastOutput().first()).toContainText('zone config "lab_cfg" is in effect');
  await cci.run('cfgshow');
  await expect(cci.lastOutput().first()).toContainText(/Effective configuration:\s+cfg:\s+lab_cfg/, { timeout: 2_000 });
});

const GOOD_CFGSHOW = (members: string[]) => `sw:admin> cfgshow
Defined configuration:
 cfg:   lab_cfg
                keep_z
 zone:  keep_z  ${members.join('; ')}

Effective configuration:
 cfg:   lab_cfg
 zone:  keep_z
${members.map((m) => `                ${m}`).join('\n')}
`;

test('"Paste cfgshow…": a bad line is named and changes nothing; a good text becomes the switch\'s zoning', async ({ page, sandbox }) => {
  const f = demoFabric(await sandbox.exportScenario());
  const zoning = new ZoningPage(page);
  const cci = new ConsolePage(page);
  await cci.open();
  const docBefore = await sandbox.exportScenario();

  await zoning.pasteButton.click();
  await expect(zoning.dialog).toBeVisible();
  await expect(zoning.switchSelect).toHaveValue(f.switchId);
  // Line 5 names an alias that does not exist.
  const bad = GOOD_CFGSHOW(f.zoneMembers).replace(' zone:  keep_z  ', ' zone:  keep_z  no_such_alias; ');
  await zoning.text.fill(bad);
  await zoning.importButton.click();
  await expect(zoning.problem).toContainText('Nothing was imported');
  await expect(zoning.problem).toContainText(/line 5: zone "keep_z": /);
  await expect(zoning.dialog).toBeVisible();
  await expect(zoning.text).toHaveValue(bad);
  await shot(page, 'paste-error');
  expect(await sandbox.exportScenario()).toEqual(docBefore);

  // Fixed: the design's switch holds the zoning, lab_cfg in effect; the console says so.
  await zoning.text.fill(GOOD_CFGSHOW(f.zoneMembers));
  await expect(zoning.problem).toHaveCount(0);
  await zoning.importButton.click();
  await expect(zoning.dialog).toBeHidden();
  await expect(cci.output).toContainText('Imported 0 aliases, 1 zone and 1 configuration');
  const sw = (await sandbox.exportScenario()).topology.devices.find((d) => d.id === f.switchId);
  expect(sw?.kind === 'fcSwitch' ? sw.zoning : undefined).toEqual({
    aliases: [],
    zones: [{ name: 'keep_z', members: f.zoneMembers }],
    cfgs: [{ name: 'lab_cfg', members: ['keep_z'] }],
    effectiveCfg: 'lab_cfg',
    defaultZone: 'allaccess',
  });
  await shot(page, 'paste-done');
});
