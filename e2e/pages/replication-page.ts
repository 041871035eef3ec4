/**
 * Page object for replication: the side panel's Replication tab (command options, the pair
 * table with its command buttons and answers, the copy groups editor), the floating bitmap view,
 * and the pair connectors on array nodes — located by role and accessible name where a person
 * would look, by the `data-pair-key` of a pair's row or connector otherwise.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type PairCommand = 'Create' | 'Split' | 'Resync' | 'Restore' | 'Suspend' | 'Delete';
export type BitmapCount = 'copied' | 'dirty' | 'pending';

export class ReplicationPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly pairs: Locator;
  readonly pace: Locator;
  readonly bitmap: Locator;
  readonly bitmapTitle: Locator;
  readonly copyGroups: Locator;
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Replication/ });
    this.panel = page.getByRole('tabpanel');
    this.pairs = this.panel.getByRole('table', { name: 'Pairs' });
    this.pace = this.panel.getByLabel('Pace (-c)');
    this.bitmap = page.getByRole('dialog', { name: /^Bitmap/ });
    this.bitmapTitle = this.bitmap.getByTestId('bitmap-title');
    this.copyGroups = this.panel.getByRole('region', { name: 'Copy groups' });
    this.canvas = page.getByRole('region', { name: 'SAN design canvas' });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  async setPace(pace: number): Promise<void> {
    await this.pace.selectOption(String(pace));
  }

  /** The figures row of a pair (`G/d1`) in the table. */
  row(key: string): Locator {
    return this.pairs.locator(`tr.pair-row[data-pair-key="${key}"]`);
  }

  /** The state pill of a pair in the table. */
  state(key: string): Locator {
    return this.row(key).locator('.pair-pill');
  }

  /** A command button of a pair (`G/d1`) or of a whole group (`G`) in the table. */
  command(target: string, verb: PairCommand): Locator {
    const name = target.includes('/') ? `Commands for ${target}` : `Commands for group ${target}`;
    return this.panel.getByRole('group', { name, exact: true }).getByRole('button', { name: verb, exact: true });
  }

  /** The engine's last answer to a command for `target`. */
  note(target: string): Locator {
    return this.panel.getByTestId(`note-${target}`);
  }

  async openBitmap(key: string): Promise<void> {
    await this.panel.getByRole('button', { name: `Bitmap of ${key}` }).click();
    await expect(this.bitmap).toBeVisible();
  }

  /** A count of the bitmap view's legend, as a number. */
  async bitmapTracks(kind: BitmapCount): Promise<number> {
    const text = (await this.bitmap.getByTestId(`bitmap-${kind}-tracks`).textContent()) ?? '';
    const m = /([\d,]+) tracks?/.exec(text);
    if (!m) throw new Error(`unexpected bitmap count: ${text}`);
    return Number(m[1].replaceAll(',', ''));
  }

  /** A pair's connector row on the array node that holds it. */
  connector(arrayId: string, key: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${arrayId}"] [data-pair-key="${key}"]`);
  }
}
