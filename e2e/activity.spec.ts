/**
 * The built-in activity (scenarios/activity-nondisruptive-backup.json), as a learner meets it:
 * loaded from the Examples menu, the Activity tab opens with the instructions at 0 %; "Check
 * results" says why each task does not pass yet, with its hint; the learner's steps (through
 * `window.sandbox.apply`, as the console and the tabs would do them) tick the tasks live; at
 * the end "Check results" shows every task passed, 100 %; Reset brings it back to 0 %.
 */
import { expect, test } from './fixtures.ts';

const TASKS = {
  split: /Split the mirror in backup mode/,
  backup: /Back up the S-VOL/,
  resync: /Resynchronise with less than 5 %/,
};

test.describe('activity', () => {
  test('load, grade with why, do the tasks live, 100 %, reset to 0 %', async ({ page, sandbox }) => {
    await page.getByRole('button', { name: /Examples/ }).click();
    await page.getByRole('menu', { name: 'Example scenarios' }).getByRole('menuitem', { name: /Activity: back up the database/ }).click();

    const tab = page.getByRole('tab', { name: 'Activity' });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByRole('heading', { name: 'Back up the database without stopping it' })).toBeVisible();
    await expect(panel.getByText(/Put the database in backup mode/)).toBeVisible();
    const percent = panel.getByTestId('activity-percent');
    await expect(percent).toHaveText('0 %');
    const task = (name: RegExp) => panel.locator('li.activity-task').filter({ hasText: name });

    // Check results before doing anything: why and the hint.
    await sandbox.runUntil(10);
    await panel.getByRole('button', { name: 'Check results' }).click();
    await expect(panel.getByRole('status')).toHaveText(/Checked at 00:10\.0: 0 of 3 tasks pass\./);
    await expect(task(TASKS.split)).toContainText('pairs[DB/db].pDigestAtSplit names nothing yet');
    await expect(task(TASKS.split)).toContainText('Hint: dbBackupMode on for db-server');
    await expect(task(TASKS.backup)).toContainText('libraries.tape1.mounts is 0, needs ≥ 1');

    // The learner's steps; the ticks follow as the run settles.
    await sandbox.runUntil(20);
    expect(await sandbox.apply({ type: 'dbBackupMode', serverId: 'db-server', on: true })).toMatchObject({ ok: true });
    await sandbox.runUntil(21);
    expect(await sandbox.apply({ type: 'pairSplit', group: 'DB', mode: 'steady', access: 'rw' })).toMatchObject({ ok: true });
    await sandbox.runUntil(23);
    expect(await sandbox.apply({ type: 'dbBackupMode', serverId: 'db-server', on: false })).toMatchObject({ ok: true });
    await expect(task(TASKS.split)).toHaveAttribute('aria-label', /: passed$/);
    await expect(percent).toHaveText('33 %');
    expect(
      await sandbox.apply({ type: 'backupJob', job: 'learner-bk', source: 'db-secondary', libraryId: 'tape1', path: 'lan-free', serverId: 'backup-server' }),
    ).toMatchObject({ ok: true });
    await sandbox.runUntil(75);
    await expect(task(TASKS.backup)).toHaveAttribute('aria-label', /: passed$/);
    expect(await sandbox.apply({ type: 'pairResync', group: 'DB', restore: false, pace: 15 })).toMatchObject({ ok: true });
    await sandbox.runUntil(200);

    await panel.getByRole('button', { name: 'Check results' }).click();
    await expect(panel.getByRole('status')).toHaveText('Checked at 03:20.0: every task passes.');
    await expect(percent).toHaveText('100 %');
    for (const name of Object.values(TASKS)) await expect(task(name)).toHaveAttribute('aria-label', /: passed$/);
    const grade = await sandbox.activity();
    expect(grade).toMatchObject({ passed: 3, total: 3, percent: 100 });

    await panel.getByRole('button', { name: 'Reset' }).click();
    await expect(percent).toHaveText('0 %');
    await expect(panel.getByRole('status')).toBeHidden();
    expect((await sandbox.status()).nowS).toBe(0);
    expect(await sandbox.activity()).toMatchObject({ passed: 0, percent: 0 });
  });
});
