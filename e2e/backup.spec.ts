/**
 * Tape backup as a trainer shows it, on the built-in demo (the app loads it by default): the
 * Backup tab lists the demo's runbook, idle; once it starts (the demo's timeline starts it) the
 * trainer pauses it and steps through it —
 * the highlighted step follows — then runs on: the mirror is split (a step's changes say
 * "pair DB/db: PAIR → PSUS" and the pair is PSUS), the tape job's progress bar moves (and the library node
 * says its drive is busy), the mirror is resynchronised, and the verification line reads PASS
 * on screen — the same line window.sandbox.backup() returns. Also: the tab's sections have no
 * serious or critical axe violations.
 *
 * Ids are read from the demo (its first runbook, the backup job the runbook creates), so the
 * spec follows the scenario file rather than repeating it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BackupStatus, RunbookStatus } from '../src/engine/api.ts';
import { expect, test, type SandboxFixture } from './fixtures.ts';
import { BackupPage } from './pages/backup-page.ts';

/** Advance the paused run in `stepS` slices until `done()` holds; fails at the scenario's end (or `maxS`). */
async function runUntilTrue(sandbox: SandboxFixture, done: () => Promise<boolean>, { stepS, maxS }: { stepS: number; maxS?: number }): Promise<number> {
  for (;;) {
    if (await done()) return (await sandbox.status()).nowS;
    const { nowS, endS } = await sandbox.status();
    const limit = Math.min(maxS ?? endS, endS);
    if (nowS >= limit) throw new Error(`still not true at ${nowS} s`);
    await sandbox.runUntil(Math.min(limit, nowS + stepS));
  }
}

async function runbookOf(sandbox: SandboxFixture, id: string): Promise<RunbookStatus> {
  const rb = (await sandbox.backup()).runbooks.find((r) => r.id === id);
  if (!rb) throw new Error(`the engine does not report runbook ${id}`);
  return rb;
}

function runningBackup(b: BackupStatus) {
  return b.jobs.find((j) => j.kind === 'backup' && j.state === 'transferring');
}

test('the trainer steps through the backup runbook, watches the split, the tape job and the resync, and reads PASS', async ({ page, sandbox }) => {
  test.setTimeout(180_000);
  const doc = await sandbox.exportScenario();
  expect(doc.runbooks.length).toBeGreaterThan(0);
  const def = doc.runbooks[0];
  const id = def.id;
  const order = def.steps.map((s) => s.n);
  const bk = new BackupPage(page);
  await bk.open('Runbooks');
  await expect(bk.runbook(id)).toBeVisible();
  await expect(bk.runbook(id)).toContainText(def.name);

  // Not started yet. The demo's timeline starts it (after the OLTP load has filled the volume a
  // little, so the tape job has something to copy); without such an entry the trainer presses Start.
  expect((await runbookOf(sandbox, id)).state).toBe('idle');
  await expect(bk.runbookState(id)).toHaveText('idle');
  await expect(bk.runbook(id)).toContainText('not started');
  const timelineStart = doc.timeline.find((e) => e.action.type === 'startRunbook' && e.action.runbook === id);
  if (timelineStart) {
    await sandbox.runUntil((timelineStart.atS ?? 0) + 0.1);
  } else {
    await bk.command(id, 'Start').click();
    await expect(bk.note(id)).toContainText('runbook start');
    await expect(bk.note(id)).toContainText('accepted');
  }
  await expect(bk.runbookState(id)).not.toHaveText('idle');

  // Step mode: pause before the next step, then press Step.
  await bk.command(id, 'Pause').click();
  await expect(bk.note(id)).toContainText('runbook pause');
  await runUntilTrue(sandbox, async () => (await runbookOf(sandbox, id)).state === 'paused', { stepS: 0.5 });
  await expect(bk.runbookState(id)).toHaveText('paused');

  // Step: each press runs one step and pauses before the next; the highlight moves on.
  for (let i = 0; i < 3; i++) {
    const before = await bk.currentStepN(id);
    expect(before).not.toBeNull();
    await bk.command(id, 'Step').click();
    await runUntilTrue(
      sandbox,
      async () => {
        const rb = await runbookOf(sandbox, id);
        return rb.state === 'done' || (rb.state === 'paused' && rb.steps[rb.current]?.n !== before);
      },
      { stepS: 0.5 },
    );
    await expect.poll(() => bk.currentStepN(id)).not.toBe(before);
    const after = await bk.currentStepN(id);
    expect(order.indexOf(after!)).toBeGreaterThan(order.indexOf(before!));
    await expect(bk.step(id, before!)).toHaveAttribute('data-step-state', 'done');
    await expect(bk.step(id, before!)).toContainText('started');
    await expect(bk.runbookState(id)).toHaveText('paused');
    await expect(bk.runbook(id).getByText('step mode', { exact: true })).toBeVisible();
  }

  // Run on. The split: a step says the pair went to PSUS, and the pair is PSUS.
  await bk.command(id, 'Resume').click();
  await expect(bk.note(id)).toContainText('runbook resume');
  const splitLine = /^pair (\S+): \S+ → PSUS$/;
  await runUntilTrue(sandbox, async () => (await bk.changes(id)).some((c) => splitLine.test(c.trim())), { stepS: 1 });
  const pairKey = splitLine.exec((await bk.changes(id)).find((c) => splitLine.test(c.trim()))!.trim())![1];
  expect((await sandbox.replication()).pairs.find((p) => p.key === pairKey)?.state).toBe('PSUS');

  // The tape job: its progress bar moves, and the library node says a drive is busy.
  await runUntilTrue(sandbox, async () => runningBackup(await sandbox.backup()) !== undefined, { stepS: 0.5 });
  const job = runningBackup(await sandbox.backup())!;
  await expect(bk.job(job.id)).toBeVisible();
  await expect(bk.job(job.id)).toContainText(job.source);
  const pct0 = await bk.jobPct(job.id);
  const now = (await sandbox.status()).nowS;
  await sandbox.runUntil(now + 2);
  await expect.poll(() => bk.jobPct(job.id)).toBeGreaterThan(pct0);
  if (job.libraryId) await expect(bk.libraryBadge(job.libraryId)).toContainText(/[1-9]\d*\/\d+ drives? busy/);

  // The runbook finishes; on the way the mirror is resynchronised.
  await runUntilTrue(sandbox, async () => ['done', 'failed'].includes((await runbookOf(sandbox, id)).state), { stepS: 2 });
  await expect(bk.runbookState(id)).toHaveText('done');
  await expect(bk.currentStep(id)).toHaveCount(0);
  expect((await bk.changes(id)).some((c) => c.includes(`pair ${pairKey}: PSUS → `))).toBe(true);
  await runUntilTrue(sandbox, async () => (await sandbox.replication()).pairs.find((p) => p.key === pairKey)?.state === 'PAIR', { stepS: 2 });

  // The verification line, on screen and through the API.
  const final = await sandbox.backup();
  const done = final.jobs.find((j) => j.id === job.id)!;
  expect(done.state).toBe('done');
  expect(done.verification?.passed).toBe(true);
  expect(done.verification!.line).toMatch(/^PASS/);
  await expect(bk.verification(job.id)).toContainText(done.verification!.line);
  await expect(bk.job(job.id)).toHaveAttribute('data-job-state', 'done');
  const rb = await runbookOf(sandbox, id);
  expect(rb.state).toBe('done');
  expect(rb.steps.every((s) => s.state === 'done')).toBe(true);
  expect(final.catalog.find((e) => e.jobId === job.id)?.verification?.passed).toBe(true);
  await bk.section('Catalog');
  await expect(bk.panel.locator(`tr[data-job-id="${job.id}"]`)).toContainText('PASS');
});

test('the Backup tab’s sections have no serious or critical axe violations', async ({ page, sandbox }) => {
  const bk = new BackupPage(page);
  await bk.open('Runbooks');
  await sandbox.runUntil(5);
  for (const section of ['Runbooks', 'Jobs & libraries', 'Schedule', 'Catalog'] as const) {
    await bk.section(section);
    const results = await new AxeBuilder({ page }).include('aside.side-panel').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${section} · ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  }
});
