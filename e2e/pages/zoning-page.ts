/**
 * Page object for zoning as a person sees it: the console's prompt sign (`horcm0 $`, or
 * `<switch>:admin>` while logged in), the "Paste cfgshow…" dialog (switch select, text area,
 * the problem it reports, Import / Cancel) and the Run summary's "Rejected I/Os" figure.
 */
import type { Locator, Page } from '@playwright/test';

export class ZoningPage {
  readonly prompt: Locator;
  readonly pasteButton: Locator;
  readonly dialog: Locator;
  readonly switchSelect: Locator;
  readonly text: Locator;
  readonly problem: Locator;
  readonly importButton: Locator;
  readonly chartsTab: Locator;
  readonly summaryTab: Locator;
  readonly rejected: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByRole('region', { name: 'CCI console' });
    this.prompt = panel.getByTestId('cci-prompt');
    this.pasteButton = panel.getByRole('button', { name: 'Paste cfgshow…' });
    this.dialog = page.getByRole('dialog', { name: 'Paste cfgshow' });
    this.switchSelect = this.dialog.getByLabel('FC switch');
    this.text = this.dialog.getByLabel('Output of cfgshow');
    this.problem = this.dialog.getByRole('alert');
    this.importButton = this.dialog.getByRole('button', { name: 'Import', exact: true });
    this.chartsTab = page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Charts' });
    const charts = page.getByRole('region', { name: 'Charts' });
    this.summaryTab = charts.getByRole('tab', { name: 'Run summary' });
    this.rejected = charts.getByRole('tabpanel', { name: 'Run summary' }).getByRole('figure', { name: 'Rejected I/Os' });
  }

  /** The Run summary view of the charts panel (the console tab closes meanwhile). */
  async openSummary(): Promise<void> {
    await this.chartsTab.click();
    await this.summaryTab.click();
  }

  /** The bar's label and value for one reject reason (`zoning`, `no-route` …). */
  reasonLabel(reason: string): Locator {
    return this.rejected.getByTestId(`summary-label-${reason}`);
  }

  reasonCount(reason: string): Locator {
    return this.rejected.getByTestId(`summary-${reason}-count`);
  }
}
