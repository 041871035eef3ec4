/**
 * Running the built-in demo from the header controls: what a person sees (device names on the
 * canvas, the clock, the latest values), checked against the engine through `window.sandbox`.
 */
import { expect, test } from './fixtures.ts';

const number = async (text: Promise<string | null>) => Number(((await text) ?? '').replace(/,/g, ''));

test.describe('run controls', () => {
  test('first visit loads the demo onto the canvas', async ({ page, sandbox }) => {
    const canvas = page.getByRole('region', { name: 'SAN design canvas' });
    for (const name of ['Database server 110', 'Backup server 120', 'Disk array 140']) {
      await expect(canvas.getByText(name, { exact: true }).first()).toBeVisible();
    }
    const doc = await sandbox.exportScenario();
    expect(doc.name).toMatch(/online backup/i);
    await expect(page.getByRole('region', { name: 'Charts' })).toContainText('Press Play to run the emulation');
  });

  test('Play advances the clock and the latest values; Pause stops it', async ({ sandbox, runControls }) => {
    await runControls.speed.selectOption({ label: '×10' });
    await runControls.play.click();
    await expect.poll(() => runControls.seconds()).toBeGreaterThan(2);
    const charts = runControls.page.getByRole('region', { name: 'Charts' });
    for (const name of ['IOPS chart', 'Cache hit % chart', 'Response time (ms) chart']) {
      await expect(charts.getByRole('figure', { name })).toBeVisible();
    }
    const cell = runControls.latest('db-primary', 'readIops');
    await expect.poll(() => number(cell.textContent())).toBeGreaterThan(0);
    const first = await cell.textContent();
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).not.toBe(first);
    expect(Number.isFinite(await number(cell.textContent()))).toBe(true);

    await runControls.pause.click();
    await expect.poll(async () => (await sandbox.status()).runState).toBe('paused');
    const stopped = await runControls.seconds();
    await runControls.page.waitForTimeout(700);
    expect(await runControls.seconds()).toBe(stopped);
    expect((await sandbox.status()).nowS).toBeCloseTo(stopped, 0);
  });

  test('Step advances exactly one simulated second', async ({ sandbox, runControls }) => {
    await runControls.step.click();
    await expect.poll(() => runControls.seconds()).toBe(1);
    await runControls.step.click();
    await expect.poll(() => runControls.seconds()).toBe(2);
    expect(await sandbox.status()).toMatchObject({ runState: 'paused', nowS: 2 });
    await expect(runControls.latest('db-primary', 'readIops')).toHaveText(/^\d+$/);
  });

  test('a faster speed runs more simulated time per wall second; Reset goes back to 0', async ({ sandbox, runControls }) => {
    await runControls.speed.selectOption({ label: '×100' });
    await runControls.play.click();
    await expect.poll(() => runControls.seconds(), { timeout: 5000 }).toBeGreaterThan(30);
    await runControls.speed.selectOption({ label: 'As fast as possible' });
    await expect.poll(async () => (await sandbox.status()).runState, { timeout: 30_000 }).toBe('finished');
    await expect(runControls.clock).toHaveText(/^03:00\.0 \/ 03:00$/);
    await runControls.reset.click();
    await expect(runControls.clock).toHaveText(/^00:00\.0 \//);
    expect((await sandbox.status()).runState).toBe('ready');
  });

  test('an invalid document is refused and leaves the canvas as it was', async ({ sandbox }) => {
    const before = await sandbox.exportScenario();
    const result = await sandbox.loadScenario({ ...before, durationS: -1 });
    expect(result.ok).toBe(false);
    expect(result.errors?.[0]?.path).toBe('durationS');
    expect(await sandbox.exportScenario()).toEqual(before);
  });
});

test.describe('charts', () => {
  test('the volume picker adds and removes volumes from the charts and the table', async ({ page, sandbox }) => {
    await sandbox.runUntil(5);
    const charts = page.getByRole('region', { name: 'Charts' });
    const secondary = charts.getByRole('checkbox', { name: /Storage area 151/ });
    await expect(secondary).toBeChecked();
    await expect(page.getByTestId('latest-db-secondary-readIops')).toBeVisible();
    await secondary.uncheck();
    await expect(page.getByTestId('latest-db-secondary-readIops')).toHaveCount(0);
    await secondary.check();
    // Before the tape job reads it (from about 47 s) the secondary only takes the mirror's writes: no reads —
    // no cache-hit value, not 0 — but a response time for those writes.
    await expect(page.getByTestId('latest-db-secondary-readIops')).toHaveText('0');
    await expect(page.getByTestId('latest-db-secondary-cacheHitPct')).toHaveText('—');
    await expect(page.getByTestId('latest-db-secondary-responseMs')).toHaveText(/^\d+\.\d\d$/);
    await expect(page.getByTestId('latest-db-primary-cacheHitPct')).toHaveText(/^\d+\.\d$/);
    // At 50 s the backup job streams the split secondary to tape: reads with a cache-hit value;
    // a job's chunks are not host I/O, so no response time while the mirror is split.
    await sandbox.runUntil(50);
    await expect(page.getByTestId('latest-db-secondary-cacheHitPct')).toHaveText(/^\d+\.\d$/);
    await expect(page.getByTestId('latest-db-secondary-responseMs')).toHaveText('—');
  });

  test('a design the engine cannot compile shows why, naming the device', async ({ page, sandbox }) => {
    const doc = await sandbox.exportScenario();
    const server = doc.topology.devices.find((d) => d.kind === 'server' && d.workloads.length > 0);
    if (!server || server.kind !== 'server') throw new Error('the demo has a server with a workload');
    server.workloads[0].target.arrayId = 'no-such-array';
    const result = await sandbox.loadScenario(doc);
    expect(result.ok).toBe(false);
    expect(result.errors?.[0]?.message).toContain(server.id);
    await expect(page.getByRole('region', { name: 'Charts' }).getByRole('alert')).toContainText(server.id);
    expect((await sandbox.status()).runState).toBe('error');
  });
});

test.describe('run follows the design', () => {
  test('editing the document reloads the worker and resets the run', async ({ page, sandbox, runControls }) => {
    await sandbox.runUntil(30);
    await expect(runControls.clock).toHaveText(/^00:30\.0 \/ 03:00$/);
    const duration = page.getByLabel('Duration', { exact: true });
    await duration.fill('90');
    await duration.press('Enter');
    await duration.blur();
    await expect(runControls.clock).toHaveText(/^00:00\.0 \/ 01:30$/);
    expect(await sandbox.status()).toMatchObject({ runState: 'ready', nowS: 0, endS: 90 });
    expect((await sandbox.exportScenario()).durationS).toBe(90);
  });
});
