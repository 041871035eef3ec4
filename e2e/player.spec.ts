/**
 * The scenario player (docs/player.md): a built-in scenario with narration is loaded from the
 * Examples menu as a person would; "Next action" stops the clock at the first marker with its
 * action applied and its note shown; clicking a later marker runs there and lists every earlier
 * note; a marker behind the clock (keyboard: ← then Enter) is reached by a reset and a run; Reset
 * empties the narration. Entries that wait for an event stop "Next action" when it comes and show
 * as diamonds from then on. Engine state is checked through `window.sandbox`, what a person reads
 * on screen through the page object below.
 */
import type { Page } from '@playwright/test';
import { expect, openExample, PlayerPage, test, type RunControlsPage, type SandboxFixture } from './fixtures.ts';

const FIG13 = 'Figs. 12–13: a cable, a disk and a controller fail while the console watches';

async function openFig13(page: Page, sandbox: SandboxFixture): Promise<void> {
  await openExample(page, sandbox, FIG13);
}

/** The run has stopped, paused, at `seconds` (polled: a stop at 0 s shows the same clock as before the click). */
async function expectClock(runControls: RunControlsPage, sandbox: SandboxFixture, seconds: number): Promise<void> {
  await expect.poll(async () => await sandbox.status()).toMatchObject({ nowS: seconds, runState: 'paused' });
  await expect.poll(() => runControls.seconds()).toBe(seconds);
}

test.describe('player', () => {
  test('Fig. 13: next action, run to a marker, back to an earlier one, reset', async ({ page, sandbox, runControls }) => {
    const player = new PlayerPage(page);
    await openFig13(page, sandbox);

    // Loading does not open the narration (the canvas stays free while designing); the strip counts the notes.
    await expect(player.narration).toBeHidden();
    await expect(player.strip.getByRole('button', { name: /Narration \(5\)/ })).toBeVisible();
    await expect(player.strip.getByRole('button', { name: /^\d\d:\d\d: / })).toHaveCount(5);

    // Next action: the clock stops at the first marker (10 s), the cable is cut, the narration opens with its note.
    await player.next.click();
    await expect(player.narration).toBeVisible();
    await expectClock(runControls, sandbox, 10);
    expect((await sandbox.faults()).faults.map((f) => f.label)).toEqual([expect.stringContaining('l3')]);
    await expect(player.notes).toHaveCount(1);
    await expect(player.notes.first()).toContainText("Fabric A's cable to the array is cut");
    await expect(player.notes.first()).toHaveAttribute('aria-current', 'step');
    await expect(player.marker('00:10')).toHaveClass(/is-passed/);
    await expect(player.marker('00:25')).not.toHaveClass(/is-passed/);

    // A later marker: the run goes to 45 s; every earlier note is listed, the newest first.
    await player.marker('00:45').click();
    await expectClock(runControls, sandbox, 45);
    await expect(player.notes).toHaveCount(4);
    await expect(player.notes.first()).toContainText('Array controller 2 fails');
    await expect(player.notes.last()).toContainText("Fabric A's cable");
    await expect(player.narration).toContainText('4 of 5');
    await expect(player.marker('01:00')).not.toHaveClass(/is-passed/);

    // Keyboard: ← from 45 s to 35 s, Enter: behind the clock, so the run resets and replays to it.
    await player.marker('00:45').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(player.marker('00:35')).toBeFocused();
    await page.keyboard.press('Enter');
    await expectClock(runControls, sandbox, 35);
    await expect(player.notes).toHaveCount(3);
    await expect(player.notes.first()).toContainText('A disk of the database');
    expect((await sandbox.faults()).faults.map((f) => f.label)).toEqual([expect.stringContaining('disk')]);

    // Reset: back to 0 s, nothing reached, the narration empty again.
    await runControls.reset.click();
    await expect.poll(() => runControls.seconds()).toBe(0);
    await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');
    await expect(player.notes).toHaveCount(0);
    await expect(player.narration).toContainText('Press Play or Next action');

    // The same step for scripts.
    expect(await sandbox.stepToNextAction()).toEqual({ atS: 10 });
    await expectClock(runControls, sandbox, 10);
    await expect(player.notes).toHaveCount(1);
  });

  test('the narration collapses and the strip toggle brings it back', async ({ page, sandbox }) => {
    const player = new PlayerPage(page);
    await openFig13(page, sandbox);
    await player.next.click();
    await expect(player.narration).toBeVisible();
    await player.narration.getByRole('button', { name: 'Collapse the narration' }).click();
    await expect(player.narration).toBeHidden();
    const toggle = player.strip.getByRole('button', { name: /Narration/ });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(player.narration).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  });

  test('entries after an event: Next action stops when the event comes, the marker appears as a diamond, the chip counts what waits', async ({ page, sandbox, runControls }) => {
    const player = new PlayerPage(page);
    await page.getByRole('button', { name: /Examples/ }).click();
    await page.getByRole('menu', { name: 'Example scenarios' }).getByRole('menuitem', { name: /Fig\. 5a backup, event by event/ }).click();
    await expect.poll(async () => (await sandbox.status()).runState).toBe('ready');
    const waiting = page.getByTestId('player-waiting');
    const diamonds = player.strip.locator('.player-marker.is-triggered');
    await expect(waiting).toHaveText('4 waiting');
    await expect(diamonds).toHaveCount(0);

    await player.next.click(); // 0 s: pairCreate
    await expectClock(runControls, sandbox, 0);
    await player.next.click(); // 30 s: backup mode
    await expectClock(runControls, sandbox, 30);
    await player.next.click(); // 31.5 s: the split, 1.5 s after the backup-mode step (and backup mode off with it)
    await expectClock(runControls, sandbox, 31.5);
    await expect(waiting).toHaveText('2 waiting');
    await expect(diamonds).toHaveCount(1);
    await expect(player.marker('00:31.5')).toHaveAccessibleName(/after step backup-mode carried out \+ 1\.5 s/);

    // The backup waits for PSUS: the engine stops the clock when the drain ends, a time no file holds.
    await player.next.click();
    await expect.poll(async () => (await sandbox.report()).timeline.backup.atS).not.toBeNull();
    const report = await sandbox.report();
    const backupAt = report.timeline.backup.atS!;
    expect(backupAt).toBeGreaterThan(60);
    expect((await sandbox.status()).nowS).toBe(backupAt);
    expect(report.jobs['bk-svol'].createdS).toBe(backupAt);
    await expect(waiting).toHaveText('1 waiting');
    await expect(diamonds).toHaveCount(2);
    await expect(player.notes.first()).toContainText('pairevtwait -s psus ends');

    // Reset: the events have not come in the new run, so the entries wait again.
    await runControls.reset.click();
    await expect(waiting).toHaveText('4 waiting');
    await expect(diamonds).toHaveCount(0);
  });
});
