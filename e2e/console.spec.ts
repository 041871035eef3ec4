/**
 * The CCI console in the bottom dock: pair commands against the running emulation, errors that
 * change nothing, history and Tab completion, stopping a waiting pairevtwait, recording
 * commands into the scenario timeline, and importing copy groups from horcm.conf. What a person
 * reads in the console is checked against the engine through `window.sandbox`.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Scenario } from '../src/ui/automation/types.ts';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { ConsolePage } from './pages/console-page.ts';

/** The demo plus two 20 GiB LDEVs on array1 and a local copy group G (device d1) instead of the demo's mirror, 900 s long. */
async function withCopyGroup(sandbox: SandboxFixture): Promise<Scenario> {
  const doc = await sandbox.exportScenario();
  const array = doc.topology.devices.find((d) => d.id === 'array1');
  if (!array || array.kind !== 'array') throw new Error('the demo has no array1');
  array.ldevs.push(
    { id: 'cci-p', name: 'CCI P-VOL', parityGroupId: '1-1', capacityGiB: 20, readOnly: false, cacheResident: false },
    { id: 'cci-s', name: 'CCI S-VOL', parityGroupId: '1-2', capacityGiB: 20, readOnly: false, cacheResident: false },
  );
  // The demo's mirror commands and its backup runbook (which addresses the mirror) go.
  doc.timeline = doc.timeline.filter((e) => !e.action.type.startsWith('pair') && e.action.type !== 'startRunbook');
  doc.runbooks = [];
  doc.expectations = [];
  doc.topology.copyGroups = [{ id: 'G', kind: 'local', recordPositions: true, devices: [{ name: 'd1', pvol: 'cci-p', svol: 'cci-s', mu: 0 }] }];
  doc.durationS = 900;
  const result = await sandbox.loadScenario(doc);
  expect(result).toEqual({ ok: true });
  return doc;
}

async function pairState(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => (await window.sandbox.snapshot()).replication.pairs.find((p) => p.key === 'G/d1')?.state);
}

test.describe('CCI console', () => {
  test.beforeEach(async ({ sandbox }) => {
    await withCopyGroup(sandbox);
  });

  test('creates a pair, waits for PAIR and shows it with pairdisplay -fc', async ({ page }) => {
    const cci = new ConsolePage(page);
    await cci.open();
    await expect(cci.output).toContainText('Copy groups: G (local: d1)');
    await cci.run('paircreate -g G -d d1 -c 15');
    await expect(cci.commandBlocks().last()).toHaveText('[t=0.0 s] horcm0 $ paircreate -g G -d d1 -c 15');
    await expect(cci.errors()).toHaveCount(0);
    await cci.run('pairevtwait -g G -s pair -t 600');
    await expect(cci.errors()).toHaveCount(0);
    await cci.run('pairdisplay -g G -fc');
    const table = cci.lastOutput().first();
    await expect(table).toContainText('PairVol(L/R)');
    await expect(table).toContainText(/d1\(L\).*cci-p\.P-VOL PAIR,\s+100/);
    await expect(table).toContainText(/d1\(R\).*cci-s\.S-VOL PAIR,\s+100/);
    expect(await pairState(page)).toBe('PAIR');
  });

  test('a malformed command shows an EX_ error and changes nothing', async ({ page }) => {
    const cci = new ConsolePage(page);
    await cci.open();
    const before = await page.evaluate(async () => (await window.sandbox.snapshot()).replication);
    await cci.run('paircreate -g G -d d1 -c 16');
    await expect(cci.errors().last()).toContainText(/Error: paircreate: \[EX_INVARG\]/);
    await expect(cci.errors().last().locator('.cci-gutter')).toHaveText('✖');
    await cci.run('paircreate -g NOPE');
    await expect(cci.errors().last()).toContainText('[EX_ENOGRP]');
    await cci.run('pairsplit -g G -x');
    await expect(cci.errors().last()).toContainText('[EX_UNWOPT]');
    await expect(cci.lastOutput().last()).toHaveText(/^#exit code \d+$/);
    expect(await page.evaluate(async () => (await window.sandbox.snapshot()).replication)).toEqual(before);
    expect(await pairState(page)).toBe('SMPL');
  });

  test('history and Tab completion of commands, groups and devices', async ({ page }) => {
    const cci = new ConsolePage(page);
    await cci.open();
    await cci.input.pressSequentially('pairdi');
    await cci.input.press('Tab');
    await expect(cci.input).toHaveValue('pairdisplay ');
    await cci.input.pressSequentially('-g ');
    await cci.input.press('Tab');
    await expect(cci.input).toHaveValue('pairdisplay -g G ');
    await cci.input.pressSequentially('-d ');
    await cci.input.press('Tab');
    await expect(cci.input).toHaveValue('pairdisplay -g G -d d1 ');
    await cci.input.press('Enter');
    await expect(cci.lastOutput().first()).toContainText('SMPL');
    await cci.run('raidcom get pool');
    await cci.input.press('ArrowUp');
    await expect(cci.input).toHaveValue('raidcom get pool');
    await cci.input.press('ArrowUp');
    await expect(cci.input).toHaveValue('pairdisplay -g G -d d1');
    await cci.input.press('ArrowDown');
    await cci.input.press('ArrowDown');
    await expect(cci.input).toHaveValue('');
    // On an empty line Tab leaves the console (the keyboard is never trapped).
    await cci.input.press('Tab');
    await expect(cci.input).not.toBeFocused();
  });

  test('Ctrl+C stops a waiting pairevtwait while the run plays', async ({ page, sandbox, runControls }) => {
    const cci = new ConsolePage(page);
    await cci.open();
    await cci.run('paircreate -g G -d d1');
    await runControls.play.click();
    await cci.start('pairevtwait -g G -s psus -t 600');
    await expect(cci.running).toContainText('pairevtwait -g G -s psus -t 600');
    await expect(cci.tab).toContainText('running');
    await expect.poll(() => runControls.seconds()).toBeGreaterThan(1);
    await cci.input.press('Control+c');
    await expect(cci.running).toHaveCount(0);
    await expect(cci.lastOutput().last()).toContainText(/\^C pairevtwait stopped \[t=\d+\.\d s\]/);
    await sandbox.pause();
    expect(await pairState(page)).toBe('PAIR');
  });

  test('records accepted commands and adds them to the timeline', async ({ page, sandbox }) => {
    const cci = new ConsolePage(page);
    await cci.open();
    await sandbox.step(5);
    await cci.record.click();
    await expect(cci.record).toHaveAttribute('aria-pressed', 'true');
    await expect(cci.tab).toContainText('REC');
    await cci.run('paircreate -g G -d d1 -c 15');
    await cci.run('pairdisplay -g G'); // reads only: not recorded
    await cci.run('pairsplit -g G -x'); // refused: not recorded
    await expect(cci.recorded).toHaveText('1 action recorded');
    await expect(cci.addToTimeline).toHaveAttribute('title', /reloads from t=0/);
    await cci.addToTimeline.click();
    await expect(cci.record).toHaveAttribute('aria-pressed', 'false');
    await expect(cci.lastOutput().last()).toContainText('Added 1 recorded action to the scenario timeline');
    const doc = await sandbox.exportScenario();
    expect(doc.timeline.filter((e) => e.note?.startsWith('console:'))).toEqual([
      { atS: 5, action: { type: 'pairCreate', group: 'G', device: 'd1', pace: 15, split: false }, note: 'console: paircreate -g G -d d1 -c 15' },
    ]);
    // The reloaded run replays the recorded command.
    await expect.poll(async () => (await sandbox.status()).nowS).toBe(0);
    const report = await sandbox.runUntil(10);
    expect(report.pairs['G/d1'].state).toBe('PAIR');
  });

  test('has no serious or critical axe violations', async ({ page }) => {
    const cci = new ConsolePage(page);
    await cci.open();
    await cci.run('pairdisplay -g G -fc');
    await cci.run('pairsplit -g G -x');
    const results = await new AxeBuilder({ page }).include('section[aria-label="CCI console"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  });
});

const HORCM0 = `HORCM_MON
localhost horcm0 1000 3000
HORCM_CMD
\\\\.\\CMD-64001:/dev/sd
HORCM_LDEV
#dev_group dev_name Serial# CU:LDEV(LDEV#) MU#
VG01 dev1 64001 cci-p 0
HORCM_INST
VG01 localhost horcm1
`;
const HORCM1 = HORCM0.replace('cci-p', 'cci-s').replace('horcm0', 'horcm1').replace('localhost horcm1\n', 'localhost horcm0\n');

test.describe('window.sandbox.cci', () => {
  test('runs a command line as the console does, for scripts and Playwright', async ({ sandbox }) => {
    await withCopyGroup(sandbox);
    const created = await sandbox.cci('paircreate -g G -d d1 -c 15');
    expect(created).toMatchObject({ exitCode: 0, actions: [{ type: 'pairCreate', group: 'G', device: 'd1', pace: 15 }] });
    expect((await sandbox.cci('pairevtwait -g G -s pair -t 600')).exitCode).toBe(0);
    expect((await sandbox.cci('pairdisplay -g G -fc')).stdout).toMatch(/cci-p\.P-VOL PAIR,\s*100/);
    const bad = await sandbox.cci('pairsplit -g NOPE');
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain('EX_ENOGRP');
    expect(bad.actions).toEqual([]);
  });
});

test.describe('horcm.conf import', () => {
  test('without copy groups the console says how to define them; an import adds them', async ({ page, sandbox }) => {
    const doc = await withCopyGroup(sandbox);
    doc.topology.copyGroups = [];
    expect(await sandbox.loadScenario(doc)).toEqual({ ok: true });
    const cci = new ConsolePage(page);
    await cci.open();
    const banner = cci.panel.getByRole('note');
    await expect(banner).toContainText('no copy groups');
    await banner.getByRole('button', { name: 'import a horcm.conf' }).click();
    const dialog = cci.importDialog;
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'horcm0.conf (P-VOL instance)' }).fill(HORCM0.replace('VG01 dev1 64001 cci-p 0', 'VG01 dev1 64001 cci-p x'));
    await dialog.getByRole('textbox', { name: 'horcm1.conf (S-VOL instance)' }).fill(HORCM1);
    await dialog.getByRole('button', { name: 'Import' }).click();
    const problems = dialog.getByRole('alert');
    await expect(problems).toContainText('nothing was imported');
    await expect(problems).toContainText('line 7');
    expect((await sandbox.exportScenario()).topology.copyGroups).toEqual([]);

    await dialog.getByRole('textbox', { name: 'horcm0.conf (P-VOL instance)' }).fill(HORCM0);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
    await expect(cci.output).toContainText('Imported 1 copy group (1 device) from horcm.conf: VG01');
    await expect(banner).toHaveCount(0);
    const groups = (await sandbox.exportScenario()).topology.copyGroups;
    expect(groups).toEqual([{ id: 'VG01', kind: 'local', recordPositions: true, devices: [{ name: 'dev1', pvol: 'cci-p', svol: 'cci-s', mu: 0 }] }]);
    await cci.run('pairdisplay -g VG01');
    await expect(cci.lastOutput().first()).toContainText('dev1(L)');
  });
});
