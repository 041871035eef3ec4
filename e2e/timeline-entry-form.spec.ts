/**
 * Authoring timeline entries in the app (src/ui/design/EntryForm.tsx), as a trainer does on the
 * built-in Fig. 5a scenario loaded from the Examples menu: the "Add entry" form pre-fills the
 * action for the scenario's copy group; a bad field is refused beside the form, naming it; an
 * entry "at 200 s, pairSplit SI quick" added through the form reaches the document
 * (`window.sandbox.exportScenario()`) in time order, gets a marker at 03:20 on the player strip,
 * and runs, accepted, when the emulation runs to the end (report `timeline.<id>`). An entry's
 * "Edit JSON" box refuses a bad field naming it and Escape closes it without change; Undo removes
 * the added entry.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openExample, test, type SandboxFixture } from './fixtures.ts';

const FIG5A = 'Fig. 5a backup, event by event: each step waits for the one before';
/** Set SANDBOX_E2E_SHOTS=dir to keep screenshots of the form for a look by eye. */
const SHOTS = process.env.SANDBOX_E2E_SHOTS;

/** The Timeline section's add form and JSON boxes, as a person sees them. */
class EntryFormPage {
  readonly section: Locator;
  readonly addButton: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Timeline', exact: true });
    this.addButton = this.section.getByRole('button', { name: 'Add entry' });
    this.form = this.section.getByRole('form', { name: 'Add a timeline entry' });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  editJson(n: number): Locator {
    return this.section.getByRole('button', { name: `Edit entry ${n} JSON` });
  }

  jsonBox(n: number): Locator {
    return this.section.getByRole('textbox', { name: `Entry ${n} as JSON` });
  }
}

async function openFig5a(page: Page, sandbox: SandboxFixture): Promise<void> {
  await openExample(page, sandbox, FIG5A);
  await page.getByRole('tab', { name: 'Inspector' }).click();
}

test.describe('timeline entry form', () => {
  test('Fig. 5a: add "at 200 s, pairSplit SI quick" through the form; it runs accepted; a bad JSON field is named; Undo removes it', async ({ page, sandbox, player }) => {
    const ui = new EntryFormPage(page);
    const undo = page.getByRole('toolbar', { name: 'Design' }).getByRole('button', { name: 'Undo' });
    await openFig5a(page, sandbox);

    // The form: a type's template fits the scenario (its one copy group, SI).
    await ui.addButton.click();
    await expect(ui.form).toBeVisible();
    await ui.field('Action').selectOption('pairSuspend');
    await expect(ui.field('Action (JSON)')).toHaveValue(/"type": "pairSuspend",\s*"group": "SI"/);
    await ui.field('Action').selectOption('pairSplit');
    await expect(ui.field('Action (JSON)')).toHaveValue(/"type": "pairSplit",\s*"group": "SI",\s*"mode": "steady"/);
    if (SHOTS) {
      await ui.form.getByRole('radio', { name: 'after an event' }).check();
      await ui.field('Event').selectOption('pairState');
      await ui.form.screenshot({ path: `${SHOTS}/add-form-event.png` });
      await ui.form.getByRole('radio', { name: 'at a time' }).check();
    }
    await ui.field('Time in seconds').fill('200');
    await ui.field('Id (optional)').fill('quick-200');
    await ui.field('Note (optional)').fill('A second split, quick this time: the S-VOL is usable at once.');

    // A bad field is refused beside the form, naming it; nothing reaches the document.
    await ui.field('Action (JSON)').fill('{ "type": "pairSplit", "group": "SI", "mode": "fast" }');
    await ui.form.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(ui.form.getByRole('alert')).toHaveText(/^timeline\[6\]\.action\.mode: expected one of "steady", "quick", got the string "fast"$/);
    expect((await sandbox.exportScenario()).timeline).toHaveLength(6);
    if (SHOTS) await ui.form.screenshot({ path: `${SHOTS}/add-form-refused.png` });

    await ui.field('Action (JSON)').fill('{ "type": "pairSplit", "group": "SI", "mode": "quick" }');
    await ui.form.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(ui.form).toHaveCount(0);
    await expect(ui.addButton).toBeFocused();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/after-add.png` });

    // The document has it in time order (after the entries at 0 s and 30 s), defaults filled.
    await expect.poll(async () => (await sandbox.exportScenario()).timeline).toHaveLength(7);
    const added = (await sandbox.exportScenario()).timeline[2];
    expect(added).toEqual({
      id: 'quick-200',
      atS: 200,
      action: { type: 'pairSplit', group: 'SI', mode: 'quick', access: 'rw' },
      note: 'A second split, quick this time: the S-VOL is usable at once.',
    });
    await expect(ui.section.getByRole('listitem', { name: 'Entry 3', exact: true })).toContainText('pairsplit SI (quick)');
    await expect(player.marker('03:20')).toHaveCount(1);

    // Run to the end: the entry ran at 200 s and the array accepted the split.
    await expect.poll(async () => (await sandbox.report()).timeline['quick-200']).toBeDefined();
    await sandbox.runUntil(400);
    expect((await sandbox.report()).timeline['quick-200']).toEqual({ atS: 200, ok: true, trigger: 'time' });

    // Edit JSON: a bad field is refused naming it; Escape closes without change.
    const before = (await sandbox.exportScenario()).timeline;
    await ui.editJson(4).click();
    await expect(ui.jsonBox(4)).toHaveValue(/"id": "split"/);
    const text = await ui.jsonBox(4).inputValue();
    await ui.jsonBox(4).fill(text.replace('"mode": "steady"', '"mode": "fast"'));
    await ui.section.getByRole('group', { name: 'Entry 4 JSON' }).getByRole('button', { name: 'Apply' }).click();
    await expect(ui.section.getByRole('group', { name: 'Entry 4 JSON' }).getByRole('alert')).toHaveText(
      'timeline[3].action.mode: expected one of "steady", "quick", got the string "fast"',
    );
    await expect(ui.jsonBox(4)).toHaveAttribute('aria-invalid', 'true');
    if (SHOTS) await ui.section.getByRole('listitem', { name: 'Entry 4', exact: true }).screenshot({ path: `${SHOTS}/edit-json-refused.png` });
    await ui.jsonBox(4).press('Escape');
    await expect(ui.jsonBox(4)).toHaveCount(0);
    await expect(ui.editJson(4)).toBeFocused();
    expect((await sandbox.exportScenario()).timeline).toEqual(before);

    // Undo removes the added entry, and its marker.
    await undo.click();
    await expect.poll(async () => (await sandbox.exportScenario()).timeline.map((e) => e.id ?? null)).toEqual([null, 'backup-mode', 'split', 'end-backup-mode', 'backup', 'resync']);
    await expect(player.marker('03:20')).toHaveCount(0);
  });
});
