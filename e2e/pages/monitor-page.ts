/**
 * Page object for the Monitor tab (the management console): its sub-tabs, the count on the tab,
 * the health list, the alert table with its Acknowledge buttons, the performance table (rows in
 * screen order, the IOPS a person reads, which row is marked busiest / idlest, the sortable
 * headers) and the canvas tint of a device or cable — by role and accessible name where a person
 * would look, by data attributes and test ids otherwise.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type MonitorSection = 'Health & alerts' | 'Performance' | 'Volume moves';

export class MonitorPage {
  readonly tab: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Monitor/ });
    this.panel = page.locator('#panel-monitor');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  async section(name: MonitorSection): Promise<void> {
    const t = this.panel.getByRole('tab', { name, exact: true });
    await t.click();
    await expect(t).toHaveAttribute('aria-selected', 'true');
  }

  /** The count on the tab (unacknowledged critical + warning alerts). */
  count(): Locator {
    return this.page.getByTestId('monitor-alert-count');
  }

  healthRow(id: string): Locator {
    return this.panel.locator(`[data-health-id="${id}"]`);
  }

  alertRow(seq: number): Locator {
    return this.panel.locator(`tr.mon-alert[data-seq="${seq}"]`);
  }

  /** The performance table's body rows, in screen order. */
  volumeRows(): Locator {
    return this.panel.locator('table.mon-perf tbody tr');
  }

  /** LDEV ids and the IOPS shown, in screen order ("—" → NaN, "3,029" → 3029). */
  async volumeIops(): Promise<{ ldevId: string; iops: number; mark: string | null }[]> {
    const rows = this.volumeRows();
    const out: { ldevId: string; iops: number; mark: string | null }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const ldevId = (await row.getAttribute('data-ldev-id')) ?? '';
      const text = (await row.getByTestId(`perf-iops-${ldevId}`).textContent()) ?? '';
      out.push({ ldevId, iops: text.trim() === '—' ? Number.NaN : Number(text.replace(/,/g, '')), mark: await row.getAttribute('data-mark') });
    }
    return out;
  }

  sortHeader(label: string): Locator {
    return this.panel.locator('table.mon-perf thead').getByRole('button', { name: new RegExp(`^${label}`) });
  }

  /** A device node on the canvas (its `data-health` is the tint). */
  node(id: string): Locator {
    return this.page.locator(`.react-flow__node [data-device-id="${id}"]`);
  }

  /** The FAILED / DEGRADED label on a cable. */
  cableLabel(linkId: string): Locator {
    return this.page.getByTestId(`edge-health-${linkId}`);
  }
}
