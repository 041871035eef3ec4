/**
 * Record mode (the player strip's Record control) on the demo: while recording a run, a workload
 * edit in the server inspector goes to the running emulation (not the design at t=0) and is
 * recorded; a pair command from the Replication tab is recorded too; "Add to timeline" puts both
 * on the scenario's timeline at their times, and the reloaded run replays them with the same
 * behaviour. Also: an edit the run cannot take is refused while recording, and Discard empties
 * the buffer.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { DesignerPage } from './pages/designer-page.ts';
import { ReplicationPage } from './pages/replication-page.ts';

/** The Record control in the player strip, as a person finds it. */
class RecordPage {
  readonly strip: Locator;
  readonly toggle: Locator;
  readonly count: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.strip = page.getByRole('region', { name: 'Scenario timeline' });
    this.toggle = this.strip.getByRole('button', { name: /^(Record|Recording)$/ });
    this.count = this.strip.getByTestId('rec-count');
    this.panel = this.strip.getByRole('group', { name: 'Recorded actions' });
  }

  async start(): Promise<void> {
    await this.toggle.click();
    await expect(this.toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(this.toggle).toHaveText('Recording');
  }

  async choose(name: 'Add to timeline' | 'Save as scenario…' | 'Discard'): Promise<void> {
    await this.count.click();
    await this.panel.getByRole('button', { name, exact: true }).click();
  }
}

async function runTo(sandbox: SandboxFixture, seconds: number): Promise<void> {
  await sandbox.runUntil(seconds);
  await expect.poll(async () => (await sandbox.status()).nowS).toBe(seconds);
}

async function oltp(sandbox: SandboxFixture) {
  const w = (await sandbox.snapshot()).workloads.find((x) => x.serverId === 'db-server' && x.workloadId === 'oltp');
  if (!w) throw new Error('the demo has no db-server/oltp workload');
  return w;
}

/** Select the database server on the canvas and commit a new rate in its inspector, as a person does. */
async function editRate(page: Page, rate: number): Promise<Locator> {
  const designer = new DesignerPage(page);
  await designer.select('db-server');
  const field = designer.inspector.getByLabel('rate_iops', { exact: true });
  await expect(field).toHaveValue('3000');
  await field.fill(String(rate));
  await field.press('Enter');
  return field;
}

test.describe('record mode', () => {
  test('records a workload edit and a pair command during the run, and the timeline replays them', async ({ page, sandbox, runControls }) => {
    const rec = new RecordPage(page);
    await rec.start();
    await runTo(sandbox, 10);
    await expect.poll(() => runControls.seconds()).toBe(10);
    const before = await oltp(sandbox);

    const rate = await editRate(page, 300);
    const status = page.getByTestId('canvas-status');
    await expect(status).toHaveText('Recorded at 10.0 s: db-server/oltp rate_iops 3000 → 300 — applied to the running emulation; the design at t=0 is unchanged');
    await expect(rec.count).toHaveText('1 action recorded');
    // Blur after Enter commits the same value again: applied and recorded once.
    await rate.blur();
    await expect(rate).toHaveValue('300');
    await expect(rec.count).toHaveText('1 action recorded');
    const design = await sandbox.exportScenario();
    const server = design.topology.devices.find((d) => d.id === 'db-server');
    expect(server?.kind === 'server' && server.workloads[0].rate_iops).toBe(3000);

    // The running emulation took the new rate: ~300 I/Os per second from 10 s on (not ~3000).
    await runTo(sandbox, 15);
    const live = await oltp(sandbox);
    expect(live.completedIos - before.completedIos).toBeGreaterThan(1000);
    expect(live.completedIos - before.completedIos).toBeLessThan(2500);

    // A pair command from the Replication tab is recorded too.
    const replication = new ReplicationPage(page);
    await replication.open();
    await expect(replication.state('DB/db')).toHaveText('PAIR');
    await replication.command('DB/db', 'Suspend').click();
    await expect(replication.state('DB/db')).toHaveText('PSUE');
    await expect(rec.count).toHaveText('2 actions recorded');
    await runTo(sandbox, 25);
    const liveReport = await sandbox.report();
    const liveOltp = await oltp(sandbox);

    await rec.choose('Add to timeline');
    await expect(rec.toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(rec.count).toHaveCount(0);
    const doc = await sandbox.exportScenario();
    const recorded = doc.timeline.filter((e) => /^(designer|inspector): /.test(e.note ?? ''));
    expect(recorded).toEqual([
      { atS: 10, action: { type: 'setWorkload', serverId: 'db-server', workloadId: 'oltp', changes: { rate_iops: 300 } }, note: 'designer: db-server/oltp rate_iops 3000 → 300' },
      { atS: 15, action: { type: 'pairSuspend', group: 'DB', device: 'db' }, note: expect.stringMatching(/^inspector: pairsplit -g DB -d db -E/) },
    ]);

    // The reloaded run replays both at their times, with the same behaviour.
    await expect.poll(async () => (await sandbox.status()).nowS).toBe(0);
    await runTo(sandbox, 25);
    const replay = await sandbox.report();
    expect((await oltp(sandbox)).completedIos).toBe(liveOltp.completedIos);
    expect(replay.pairs['DB/db'].state).toBe(liveReport.pairs['DB/db'].state);
    expect(replay.ldevs['db-primary'].completedIos).toBe(liveReport.ldevs['db-primary'].completedIos);
  });

  test('refuses an edit the run cannot take while recording, and Discard empties the buffer', async ({ page, sandbox }) => {
    const rec = new RecordPage(page);
    await rec.start();
    await runTo(sandbox, 5);
    const designer = new DesignerPage(page);
    await designer.select('db-server');
    const name = designer.inspector.getByLabel('Name', { exact: true });
    await name.fill('Renamed server');
    await name.press('Enter');
    await expect(page.getByTestId('canvas-status')).toHaveText(/^While recording, only changes the running emulation can take are allowed/);
    expect((await sandbox.status()).nowS).toBe(5);
    const doc = await sandbox.exportScenario();
    expect(doc.topology.devices.find((d) => d.id === 'db-server')?.name).toBe('Database server 110');

    await editRate(page, 1500);
    await expect(rec.count).toHaveText('1 action recorded');
    await rec.choose('Discard');
    await expect(rec.count).toHaveCount(0);
    await expect(rec.toggle).toHaveAttribute('aria-pressed', 'true');
    expect((await sandbox.exportScenario()).timeline.some((e) => e.note?.startsWith('designer:'))).toBe(false);
  });

  test('Save as scenario… adds the recording to the timeline and downloads the file; the control has no serious axe violations', async ({ page, sandbox }) => {
    const rec = new RecordPage(page);
    await rec.start();
    await runTo(sandbox, 8);
    await editRate(page, 600);
    await expect(rec.count).toHaveText('1 action recorded');
    await rec.count.click();
    await expect(rec.panel).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[aria-label="Scenario timeline"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(rec.panel).toHaveCount(0);

    const download = page.waitForEvent('download');
    await rec.choose('Save as scenario…');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.sandbox\.json$/);
    const saved = JSON.parse(await readFile(await file.path(), 'utf8')) as { timeline: { atS: number; action: { type: string }; note?: string }[] };
    expect(saved.timeline.filter((e) => e.note?.startsWith('designer: '))).toEqual([
      { atS: 8, action: { type: 'setWorkload', serverId: 'db-server', workloadId: 'oltp', changes: { rate_iops: 600 } }, note: 'designer: db-server/oltp rate_iops 3000 → 600' },
    ]);
    await expect(page.getByTestId('canvas-status')).toContainText(`saved ${file.suggestedFilename()}`);
    await expect(rec.toggle).toHaveAttribute('aria-pressed', 'false');
  });
});
