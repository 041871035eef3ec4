/**
 * Remote copy as a trainer shows it, on the built-in scenario `remote-async-outage.json`: the
 * Remote tab lists the consistency group and the WAN link; the scenario's WAN outage starts — the
 * link reads DOWN on its card and on the canvas, the lag in writes rises on screen, the master
 * journal passes 80 % (PFUL) and fills; the link comes back and the resync copies (the remote is
 * flagged inconsistent); at the end the group is PAIR again with its lag back near 0 (the workload
 * keeps writing, so a few writes are always on the wire: RPO in milliseconds) and "Verify remote"
 * reads PASS for exactly the prefix the engine reports — the verdict window.sandbox.remote()
 * records. Also: the outage, takeover and swap-resync buttons drive the engine, and the tab has
 * no serious or critical axe violations.
 *
 * Times, ids and keys are read from the scenario and the engine, so the spec follows the
 * scenario file rather than repeating it. Screenshots go to /tmp/remote-*.png.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { RemoteGroupStatus, RemoteStatus } from '../src/engine/api.ts';
import type { Action, Scenario } from '../src/model/scenario.ts';
import type { Speed } from '../src/ui/store/sim-types.ts';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { RemotePage } from './pages/remote-page.ts';

const DOC: unknown = JSON.parse(readFileSync('scenarios/remote-async-outage.json', 'utf8'));

type WanAction = Extract<Action, { type: 'setWanLink' }>;

/** Advance the paused run in `stepS` slices until `done()` holds; fails at `maxS` or the scenario's end. */
async function runUntilTrue(sandbox: SandboxFixture, done: () => Promise<boolean>, { stepS, maxS }: { stepS: number; maxS?: number }): Promise<number> {
  for (;;) {
    if (await done()) return (await sandbox.status()).nowS;
    const { nowS, endS } = await sandbox.status();
    const limit = Math.min(maxS ?? endS, endS);
    if (nowS >= limit) throw new Error(`still not true at ${nowS} s`);
    await sandbox.runUntil(Math.min(limit, nowS + stepS));
  }
}

async function groupOf(sandbox: SandboxFixture, key: string): Promise<RemoteGroupStatus> {
  const g = (await sandbox.remote()).groups.find((x) => x.key === key);
  if (!g) throw new Error(`the engine does not report remote group ${key}`);
  return g;
}

/** The scenario's outage: the first setWanLink down and the next setWanLink up of the same link. */
function outageOf(doc: Scenario): { wanLinkId: string; downS: number; upS: number } {
  const down = doc.timeline.find((e) => e.action.type === 'setWanLink' && !(e.action as WanAction).up);
  if (!down) throw new Error('the scenario has no WAN outage');
  const wanLinkId = (down.action as WanAction).wanLinkId;
  const up = doc.timeline.find((e) => e.action.type === 'setWanLink' && (e.action as WanAction).up && (e.action as WanAction).wanLinkId === wanLinkId && (e.atS ?? 0) > (down.atS ?? 0));
  if (!up) throw new Error('the scenario’s outage never ends');
  return { wanLinkId, downS: down.atS ?? 0, upS: up.atS ?? 0 };
}

/** The asynchronous group that crosses `wanLinkId`. */
function asyncGroupOn(status: RemoteStatus, wanLinkId: string): RemoteGroupStatus {
  const g = status.groups.find((x) => x.mode === 'async' && x.wanLinkId === wanLinkId);
  if (!g) throw new Error(`no asynchronous remote group crosses ${wanLinkId}`);
  return g;
}

/** The fastest speed at which `spanS` simulated seconds last at least five wall seconds. */
function speedFor(spanS: number): Speed {
  const speeds: Speed[] = [1000, 100, 10, 1];
  return speeds.find((x) => spanS / (x as number) >= 5) ?? 1;
}

async function load(sandbox: SandboxFixture): Promise<Scenario> {
  expect(await sandbox.loadScenario(DOC)).toEqual({ ok: true });
  return sandbox.exportScenario();
}

test('a WAN outage: the link goes DOWN, the lag rises, the journal passes 80 %, the resync copies, the lag falls back to milliseconds and verify remote reads PASS', async ({ page, sandbox }) => {
  test.setTimeout(300_000);
  const doc = await load(sandbox);
  const { wanLinkId, downS, upS } = outageOf(doc);
  const rm = new RemotePage(page);
  await rm.open();
  const first = await sandbox.remote();
  const key = asyncGroupOn(first, wanLinkId).key;
  await expect(rm.count()).toHaveText(String(first.groups.length));
  await expect(rm.group(key)).toBeVisible();
  await expect(rm.wanState(wanLinkId)).toHaveText('UP');
  await expect(rm.wanBadge(wanLinkId)).toContainText('UP');

  // Before the outage the remote keeps up: it holds a prefix of the primary's writes.
  await sandbox.runUntil(downS - 0.5);
  await expect(rm.prefix(key)).toContainText(/The remote holds (the primary’s first [\d,]+ of [\d,]+|all [\d,]+ of the primary’s) writes/);
  expect((await groupOf(sandbox, key)).consistent).toBe(true);

  // Play into the outage, as fast as lets the outage last a few wall seconds on screen: the link
  // reads DOWN on its card and on the canvas, and the lag in writes rises.
  await sandbox.play(speedFor(upS - downS));
  await expect(rm.wanState(wanLinkId)).toHaveText('DOWN', { timeout: 30_000 });
  await expect(rm.wanBadge(wanLinkId)).toContainText('DOWN');
  await expect.poll(() => rm.lagWritesN(key), { timeout: 30_000 }).toBeGreaterThan(0);
  const lag1 = await rm.lagWritesN(key);
  await expect.poll(() => rm.lagWritesN(key), { timeout: 30_000 }).toBeGreaterThan(lag1);
  await sandbox.pause();

  // The master journal passes 80 % (PFUL) and fills: the gauge and the pill say so.
  await runUntilTrue(sandbox, async () => ['PFUL', 'PFUS'].includes((await groupOf(sandbox, key)).state), { stepS: 1, maxS: upS });
  const pful = await groupOf(sandbox, key);
  await expect(rm.state(key)).toHaveText(pful.state);
  expect(pful.journals[0].usedPct).toBeGreaterThan(80);
  await expect(rm.journals(key).first()).toHaveAttribute('aria-valuetext', /(PFUL|FULL)$/);
  // The chart samples whole seconds: run to the next one, and the journal chart's peak is over 80 % too.
  await sandbox.runUntil(Math.floor((await sandbox.status()).nowS) + 1.01);
  await expect(rm.chartJournal(key)).toContainText(/peak (8\d|9\d|100) %/);
  await page.screenshot({ path: '/tmp/remote-outage.png' });

  // The link comes back; the scenario resyncs the group. While the resync copies, the remote is
  // flagged inconsistent and verify remote says so.
  const peakLag = (await groupOf(sandbox, key)).lagWrites;
  await sandbox.runUntil(upS + 0.01);
  await expect(rm.wanState(wanLinkId)).toHaveText('UP');
  await runUntilTrue(sandbox, async () => !(await groupOf(sandbox, key)).consistent, { stepS: 0.5 });
  await expect(rm.state(key)).toHaveText(/^COPY/);
  await expect(rm.prefix(key)).toContainText('Inconsistent (resync copying)');
  await rm.command(key, 'Verify remote').click();
  await expect(rm.verdict(key)).toContainText(/^≈ INCONSISTENT: a resync is copying/);
  expect((await sandbox.remote()).verifications.at(-1)?.verdict).toBe('INCONSISTENT');
  await page.screenshot({ path: '/tmp/remote-resync.png' });

  // Play at high speed until the remote has caught up: PAIR again, the RPO back under a second
  // (the workload keeps writing, so a few writes are always on the wire), then PASS.
  await sandbox.play(100);
  await expect(rm.state(key)).toHaveText('PAIR', { timeout: 60_000 });
  await expect(rm.lagS(key)).toHaveText(/^(0 s|\d+ ms)$/, { timeout: 60_000 });
  await sandbox.pause();
  const caught = await groupOf(sandbox, key);
  expect(caught.consistent).toBe(true);
  expect(caught.lagS).toBeLessThan(1);
  expect(caught.lagWrites).toBeLessThan(Math.max(1, peakLag / 100));
  await expect(rm.lagWrites(key)).toHaveText(`${caught.lagWrites.toLocaleString('en-US')} write${caught.lagWrites === 1 ? '' : 's'}`);
  const n = caught.appliedSeq.toLocaleString('en-US');
  const total = caught.lastSeq.toLocaleString('en-US');
  await expect(rm.prefix(key)).toContainText(caught.appliedSeq === caught.lastSeq ? `all ${total} of the primary’s writes` : `the primary’s first ${n} of ${total} writes`);
  await rm.command(key, 'Verify remote').click();
  await expect(rm.verdict(key)).toContainText(`✓ PASS: the remote equals the primary after write ${n} of ${total}`);
  const v = (await sandbox.remote()).verifications.at(-1)!;
  expect(v).toMatchObject({ verdict: 'PASS', prefix: caught.appliedSeq, lastSeq: caught.lastSeq, mismatchedTracks: 0 });
  await expect(rm.chartLagWrites(key)).not.toHaveText('—');
  await rm.group(key).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/remote-pass.png' });
});

test('the outage buttons drive the WAN link; take over puts the group in SSWS and swap resync pairs it the other way', async ({ page, sandbox }) => {
  test.setTimeout(120_000);
  const doc = await load(sandbox);
  const { wanLinkId, downS } = outageOf(doc);
  const rm = new RemotePage(page);
  await rm.open();
  const key = asyncGroupOn(await sandbox.remote(), wanLinkId).key;
  await sandbox.runUntil(Math.max(1, downS / 2));

  await rm.outage(wanLinkId, 'Start').click();
  await expect(rm.wanState(wanLinkId)).toHaveText('DOWN');
  await expect(rm.wan(wanLinkId)).toContainText('accepted');
  expect((await sandbox.remote()).wanLinks.find((l) => l.id === wanLinkId)?.up).toBe(false);
  await rm.outage(wanLinkId, 'End').click();
  await expect(rm.wanState(wanLinkId)).toHaveText('UP');

  const group = await groupOf(sandbox, key);
  const before = (await sandbox.report()).pairs;
  await rm.command(key, 'Take over').click();
  await expect(rm.note(key)).toContainText(`pairsplit -g ${group.copyGroups[0]} -RS`);
  await expect(rm.note(key)).toContainText('accepted');
  await expect(rm.state(key)).toHaveText('SSWS');
  await expect(rm.prefix(key)).toContainText('Taken over');
  expect((await groupOf(sandbox, key)).state).toBe('SSWS');
  await rm.group(key).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/remote-takeover.png' });

  // Swap resync: the S-VOL becomes the P-VOL and the copy reverses; the group pairs again.
  await rm.command(key, 'Swap resync').click();
  await expect(rm.note(key)).toContainText(`pairresync -g ${group.copyGroups[0]} -swaps`);
  await expect(rm.note(key)).toContainText('accepted');
  await runUntilTrue(sandbox, async () => (await groupOf(sandbox, key)).state === 'PAIR', { stepS: 1 });
  await expect(rm.state(key)).toHaveText('PAIR');
  const after = (await sandbox.report()).pairs;
  for (const k of group.pairs) {
    const was = before[k]!.remote!;
    expect(after[k]?.remote).toMatchObject({ swapped: true, pArrayId: was.sArrayId, sArrayId: was.pArrayId, pLdev: was.sLdev, sLdev: was.pLdev });
  }
});

test('the Remote tab has no serious or critical axe violations', async ({ page, sandbox }) => {
  const doc = await load(sandbox);
  const { downS } = outageOf(doc);
  const rm = new RemotePage(page);
  await rm.open();
  await sandbox.runUntil(downS + 5);
  const results = await new AxeBuilder({ page }).include('aside.side-panel').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
});
