/**
 * Page object for the CCI console in the bottom dock: the Console tab, the prompt, the output
 * log, the recording controls and the horcm.conf import dialog — located the way a person
 * finds them (roles and accessible names).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ConsolePage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly input: Locator;
  readonly output: Locator;
  readonly running: Locator;
  readonly record: Locator;
  readonly recorded: Locator;
  readonly addToTimeline: Locator;
  readonly discard: Locator;
  readonly importButton: Locator;
  readonly importDialog: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: /^Console/ });
    this.panel = page.getByRole('region', { name: 'CCI console' });
    this.input = this.panel.getByRole('textbox', { name: 'CCI command' });
    this.output = this.panel.getByRole('log', { name: 'Console output' });
    this.running = this.panel.getByRole('status').filter({ hasText: /^Running/ });
    this.record = this.panel.getByRole('button', { name: /^(Record|Recording)$/ });
    this.recorded = this.panel.getByTestId('cci-recorded');
    this.addToTimeline = this.panel.getByRole('button', { name: 'Add to timeline' });
    this.discard = this.panel.getByRole('button', { name: 'Discard' });
    this.importButton = this.panel.getByRole('button', { name: 'Import horcm.conf…' });
    this.importDialog = page.getByRole('dialog', { name: 'Import horcm.conf' });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.input).toBeFocused();
  }

  /** Echoed command lines in the log so far. */
  commandBlocks(): Locator {
    return this.output.locator('.cci-command');
  }

  /** The output blocks (stdout, stderr, notes) that follow the last echoed command. */
  lastOutput(): Locator {
    return this.output.locator("xpath=./div[contains(concat(' ', @class, ' '), ' cci-command ')][last()]/following-sibling::div");
  }

  errors(): Locator {
    return this.output.locator('.cci-stderr');
  }

  /** Type a line, press Enter, and wait until the command has finished. */
  async run(line: string, timeout = 30_000): Promise<void> {
    const before = await this.commandBlocks().count();
    await this.input.fill(line);
    await this.input.press('Enter');
    await expect(this.commandBlocks()).toHaveCount(before + 1);
    await expect(this.running).toHaveCount(0, { timeout });
  }

  /** Type a line and press Enter without waiting for it to finish (pairevtwait). */
  async start(line: string): Promise<void> {
    await this.input.fill(line);
    await this.input.press('Enter');
  }
}
