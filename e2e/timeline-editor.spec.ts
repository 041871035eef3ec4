/**
 * The inspector's Timeline section (src/ui/design/TimelineEditor.tsx), as a trainer uses it on
 * the built-in Fig. 5a scenario loaded from the Examples menu, with nothing selected: a note and
 * a time edited in the inspector reach the document (`window.sandbox.exportScenario()`) and the
 * player strip (the marker moves to the new time); Undo brings each back; an id renamed carries
 * the entries that wait for it along, a duplicate id is refused beside the field; deleting an
 * entry others wait for is refused with a message naming them, deleting one nothing waits for
 * works. An empty design shows how to add entries.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openExample, test, type SandboxFixture } from './fixtures.ts';

const FIG5A = 'Fig. 5a backup, event by event: each step waits for the one before';

/** The Timeline section of the inspector, as a person sees it. */
class TimelineEditorPage {
  readonly section: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Timeline', exact: true });
    this.count = this.section.getByRole('heading', { name: /^Timeline/ });
  }

  entry(n: number): Locator {
    return this.section.getByRole('listitem', { name: `Entry ${n}`, exact: true });
  }

  time(n: number): Locator {
    return this.section.getByRole('textbox', { name: `Entry ${n} time in seconds` });
  }

  note(n: number): Locator {
    return this.section.getByRole('textbox', { name: `Entry ${n} note` });
  }

  id(n: number): Locator {
    return this.section.getByRole('textbox', { name: `Entry ${n} id` });
  }

  delete(n: number): Locator {
    return this.section.getByRole('button', { name: `Delete entry ${n}` });
  }
}

async function openFig5a(page: Page, sandbox: SandboxFixture): Promise<void> {
  await openExample(page, sandbox, FIG5A);
  await page.getByRole('tab', { name: 'Inspector' }).click();
}

test.describe('timeline editor', () => {
  test('Fig. 5a: edit a note and a time, undo them; rename an id; delete refused while referenced, then allowed', async ({ page, sandbox, player }) => {
    const editor = new TimelineEditorPage(page);
    const undo = page.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name: 'Undo' });
    await openFig5a(page, sandbox);

    // Every entry in file order: two timed ones, then the four that wait on an event.
    await expect(editor.count).toHaveText('Timeline 6 entries');
    await expect(editor.time(1)).toHaveValue('0');
    await expect(editor.time(2)).toHaveValue('30');
    await expect(editor.entry(3)).toContainText('after step backup-mode carried out');
    await expect(editor.section.getByRole('textbox', { name: 'Entry 3 delay in seconds' })).toHaveValue('1.5');
    await expect(editor.entry(5)).toContainText('after pair SI in PSUS (since split)');
    await expect(editor.id(2)).toHaveValue('backup-mode');

    // A note: committed when the field loses focus.
    await editor.note(1).fill('Pair the volumes first.');
    await editor.note(1).blur();
    await expect.poll(async () => (await sandbox.exportScenario()).timeline[0].note).toBe('Pair the volumes first.');

    // A time: the document and the player's marker follow (00:30 → 00:45).
    await expect(player.marker('00:30')).toHaveCount(1);
    await editor.time(2).fill('45');
    await editor.time(2).press('Enter');
    await expect.poll(async () => (await sandbox.exportScenario()).timeline[1].atS).toBe(45);
    await expect(player.marker('00:45')).toHaveCount(1);
    await expect(player.marker('00:30')).toHaveCount(0);
    await expect(editor.entry(2)).toContainText('00:45');

    // Undo: the time, then the note.
    await undo.click();
    await expect.poll(async () => (await sandbox.exportScenario()).timeline[1].atS).toBe(30);
    await expect(player.marker('00:30')).toHaveCount(1);
    await expect(player.marker('00:45')).toHaveCount(0);
    await expect(editor.time(2)).toHaveValue('30');
    expect((await sandbox.exportScenario()).timeline[0].note).toBe('Pair the volumes first.');
    await undo.click();
    await expect.poll(async () => (await sandbox.exportScenario()).timeline[0].note).toMatch(/^The array pairs db-primary/);
    await expect(editor.note(1)).toHaveValue(/^The array pairs db-primary/);

    // An id: a duplicate is refused beside the field; a rename carries the entries waiting for it.
    await editor.id(3).fill('backup');
    await editor.id(3).press('Enter');
    await expect(editor.entry(3)).toContainText('"backup" is already the id of entry 5');
    await expect(editor.id(3)).toHaveAttribute('aria-invalid', 'true');
    await editor.id(3).fill('quick-split');
    await editor.id(3).press('Enter');
    await expect.poll(async () => (await sandbox.exportScenario()).timeline[2].id).toBe('quick-split');
    const renamed = (await sandbox.exportScenario()).timeline;
    expect(renamed[3].after).toEqual({ kind: 'step', id: 'quick-split' });
    expect(renamed[4].since).toBe('quick-split');
    await expect(editor.entry(4)).toContainText('after step quick-split carried out');

    // Delete: refused while others wait for the entry, with a message naming them.
    await editor.delete(3).click();
    await expect(editor.entry(3).getByRole('alert')).toHaveText(
      'Entry 3 (quick-split) cannot be deleted: entry 4 (end-backup-mode), entry 5 (backup) wait for it. Change or delete those entries first.',
    );
    expect((await sandbox.exportScenario()).timeline).toHaveLength(6);

    // An entry nothing waits for goes.
    await editor.delete(6).click();
    await expect.poll(async () => (await sandbox.exportScenario()).timeline.map((e) => e.id ?? null)).toEqual([null, 'backup-mode', 'quick-split', 'end-backup-mode', 'backup']);
    await expect(editor.count).toHaveText('Timeline 5 entries');
    await expect(editor.entry(6)).toHaveCount(0);
    await expect(editor.section.getByRole('alert')).toHaveCount(0);
  });

  test('an empty design says how to add entries', async ({ page, sandbox }) => {
    const editor = new TimelineEditorPage(page);
    await page.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name: 'New' }).click();
    await expect.poll(async () => (await sandbox.exportScenario()).timeline).toEqual([]);
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await expect(editor.section).toContainText("No timeline entries. Add one below, record a run (Record in the player strip) or use the console's record.");
    await expect(editor.section.getByRole('listitem')).toHaveCount(0);
  });
});
