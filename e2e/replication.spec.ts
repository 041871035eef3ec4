/**
 * Replication as a trainer shows it: a local pair on the demo's two volumes, created from the
 * Replication tab, split while the OLTP workload keeps writing the P-VOL, then resynced — and
 * the bitmap view proves the resync copies only what changed: its dirty count becomes the
 * pending count, then the copied count, and equals the tracks of the report's resync copy.
 * Also: the copy groups editor adds a pair the canvas draws at once, and says what is wrong
 * with a bad S-VOL.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Scenario } from '../src/model/scenario.ts';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { ReplicationPage } from './pages/replication-page.ts';

/** The demo with copy group G (G/d1: db-primary → db-secondary); OLTP writes until t=50 s. */
async function withLocalPair(sandbox: SandboxFixture): Promise<Scenario> {
  const doc = await sandbox.exportScenario();
  doc.durationS = 600;
  doc.expectations = [];
  // The OLTP load writes the P-VOL (30 % writes) until 50 s, so the resync that follows copies
  // a fixed set. 300 I/O/s lets the initial copy catch up with the writes (3,000 would not).
  doc.timeline = [{ atS: 50, action: { type: 'stopWorkload', serverId: 'db-server', workloadId: 'oltp' } }];
  doc.runbooks = []; // the demo's backup runbook addresses the demo's mirror
  for (const d of doc.topology.devices) if (d.kind === 'server' && d.id === 'db-server') d.workloads[0].rate_iops = 300;
  doc.topology.copyGroups = [{ id: 'G', kind: 'local', recordPositions: true, devices: [{ name: 'd1', pvol: 'db-primary', svol: 'db-secondary', mu: 0 }] }];
  return doc;
}

test('a split pair resyncs only the tracks the bitmap shows dirty', async ({ page, sandbox }) => {
  expect((await sandbox.loadScenario(await withLocalPair(sandbox))).ok).toBe(true);
  await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');
  const repl = new ReplicationPage(page);
  await repl.open();
  await expect(repl.state('G/d1')).toHaveText('SMPL');

  await sandbox.runUntil(5); // the OLTP load has written the P-VOL: the initial copy has work
  await repl.setPace(15);
  await repl.command('G/d1', 'Create').click();
  await expect(repl.note('G/d1')).toContainText('paircreate -g G -d d1 -vl -c 15');
  await expect(repl.note('G/d1')).toContainText('accepted');
  await expect(repl.state('G/d1')).toHaveText('COPY');

  // A command the state cannot accept: the engine says why, and nothing changes.
  await repl.command('G/d1', 'Restore').click();
  await expect(repl.note('G/d1')).toContainText('rejected: [EX_INVSTP]');
  await expect(repl.state('G/d1')).toHaveText('COPY');

  await sandbox.runUntil(20);
  await expect(repl.state('G/d1')).toHaveText('PAIR');
  expect((await sandbox.report()).pairs['G/d1'].state).toBe('PAIR');

  await repl.command('G/d1', 'Split').click();
  await expect(repl.note('G/d1')).toContainText('pairsplit -g G -d d1');
  await sandbox.runUntil(55);
  await expect(repl.state('G/d1')).toHaveText('PSUS');
  const connector = repl.connector('array1', 'G/d1');
  await expect(connector).toContainText('PSUS');
  await expect(connector).toContainText(/[\d,]+ dirty · split 0:3\d/);

  await repl.openBitmap('G/d1');
  await expect(repl.bitmapTitle).toHaveText('db-primary → db-secondary, PSUS, 819,200 tracks, 200 tracks per cell');
  const dirty = await repl.bitmapTracks('dirty');
  expect(dirty).toBeGreaterThan(0);
  expect((await sandbox.report()).pairs['G/d1'].dirtyTracks).toBe(dirty);
  await expect(repl.row('G/d1')).toContainText(dirty.toLocaleString('en-US'));

  await repl.bitmap.getByRole('button', { name: 'Resync', exact: true }).click();
  await expect.poll(() => repl.bitmapTracks('pending')).toBe(dirty); // dirty cells turn pending …
  expect(await repl.bitmapTracks('dirty')).toBe(0);
  await expect(repl.state('G/d1')).toHaveText('COPY(RS)');

  await sandbox.runUntil(120);
  await expect(repl.state('G/d1')).toHaveText('PAIR');
  await expect.poll(() => repl.bitmapTracks('copied')).toBe(dirty); // … then copied
  expect(await repl.bitmapTracks('pending')).toBe(0);

  const copies = (await sandbox.report()).pairs['G/d1'].copies;
  const last = copies[copies.length - 1];
  expect(last.reason).toBe('resync-union');
  expect(last.tracksPlanned).toBe(dirty);
  expect(last.tracks).toBe(dirty);
  expect(last.endedS).not.toBeNull();
});

test('the copy groups editor adds a pair the canvas draws, and flags a bad S-VOL', async ({ page, sandbox }) => {
  const doc0 = await sandbox.exportScenario();
  doc0.topology.copyGroups = [];
  doc0.timeline = doc0.timeline.filter((e) => !e.action.type.startsWith('pair') && e.action.type !== 'startRunbook');
  doc0.runbooks = [];
  doc0.expectations = [];
  expect((await sandbox.loadScenario(doc0)).ok).toBe(true);
  const repl = new ReplicationPage(page);
  await repl.open();
  await expect(repl.panel.getByText('No copy groups yet')).toBeVisible();
  await repl.copyGroups.getByRole('button', { name: 'Add copy group' }).click();
  await expect(repl.state('CG1/dev1')).toHaveText('SMPL');
  await expect(repl.connector('array1', 'CG1/dev1')).toContainText('SMPL');
  const doc = await sandbox.exportScenario();
  expect(doc.topology.copyGroups).toEqual([{ id: 'CG1', kind: 'local', recordPositions: true, devices: [{ name: 'dev1', pvol: 'db-primary', svol: 'db-secondary', mu: 0 }] }]);

  const svol = repl.copyGroups.getByRole('combobox', { name: 'CG1/dev1 S-VOL' });
  await svol.selectOption('db-primary');
  await expect(svol).toHaveAttribute('aria-invalid', 'true');
  await expect(repl.copyGroups.getByText('the S-VOL cannot be the P-VOL')).toBeVisible();
  await svol.selectOption('db-secondary');
  await expect(repl.copyGroups.getByText('the S-VOL cannot be the P-VOL')).toHaveCount(0);
});

test('the bitmap view opens from the canvas; the tab and the view have no serious or critical axe violations', async ({ page, sandbox }) => {
  expect((await sandbox.loadScenario(await withLocalPair(sandbox))).ok).toBe(true);
  const repl = new ReplicationPage(page);
  await repl.open();
  await sandbox.runUntil(5);
  await repl.command('G/d1', 'Create').click();
  await expect(repl.state('G/d1')).toHaveText('COPY');
  await repl.connector('array1', 'G/d1').getByRole('button', { name: 'Bitmap of G/d1' }).click(); // from the canvas
  await expect(repl.bitmapTitle).toContainText('db-primary → db-secondary, COPY');
  const results = await new AxeBuilder({ page }).include('aside.side-panel').include('section.bitmap-window').include('.react-flow__node[data-id="array1"]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
});
