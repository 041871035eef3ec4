/**
 * Page object for the Remote tab: a remote group's card (state pill, what the remote holds, lag
 * figures, journal gauges, commands, the verdict of "verify remote", the command note), a WAN
 * link's card with its outage buttons, the charts' key, and the live badge on a WAN link node —
 * located by role and accessible name where a person would look, by test ids otherwise.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type GroupCommand = 'Verify remote' | 'Take over' | 'Swap resync' | 'Resync';

/** "CTG 0" for `ctg-0`, "G (sync)" for `sync:G` — as the tab names groups. */
export function groupLabel(key: string): string {
  const ctg = /^ctg-(\d+)$/.exec(key);
  if (ctg) return `CTG ${ctg[1]}`;
  return key.startsWith('sync:') ? `${key.slice(5)} (sync)` : key;
}

export class RemotePage {
  readonly tab: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Remote/ });
    this.panel = page.locator('#panel-remote');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  /** The count on the tab (remote groups). */
  count(): Locator {
    return this.page.getByTestId('remote-group-count');
  }

  group(key: string): Locator {
    return this.panel.getByRole('article', { name: `Remote group ${groupLabel(key)}` });
  }

  state(key: string): Locator {
    return this.panel.getByTestId(`state-${key}`);
  }

  prefix(key: string): Locator {
    return this.panel.getByTestId(`prefix-${key}`);
  }

  lagWrites(key: string): Locator {
    return this.panel.getByTestId(`lag-writes-${key}`);
  }

  lagS(key: string): Locator {
    return this.panel.getByTestId(`lag-s-${key}`);
  }

  /** The lag in writes as a number ("8,000 writes" → 8000). */
  async lagWritesN(key: string): Promise<number> {
    const text = (await this.lagWrites(key).textContent()) ?? '';
    const m = /^([\d,]+) writes?$/.exec(text.trim());
    if (!m) throw new Error(`unexpected lag text: ${text}`);
    return Number(m[1].replace(/,/g, ''));
  }

  journals(key: string): Locator {
    return this.group(key).getByRole('meter');
  }

  command(key: string, verb: GroupCommand): Locator {
    return this.group(key).getByRole('button', { name: `${verb} ${groupLabel(key)}`, exact: true });
  }

  verdict(key: string): Locator {
    return this.panel.getByTestId(`verify-${key}`);
  }

  note(key: string): Locator {
    return this.panel.getByTestId(`note-group:${key}`);
  }

  wan(id: string): Locator {
    return this.panel.locator(`article[data-wan-id="${id}"]`);
  }

  wanState(id: string): Locator {
    return this.panel.getByTestId(`wan-state-${id}`);
  }

  outage(id: string, which: 'Start' | 'End'): Locator {
    return this.wan(id).getByRole('button', { name: new RegExp(`^${which} outage of `) });
  }

  chartLagWrites(key: string): Locator {
    return this.panel.getByTestId(`chart-lag-writes-${key}`);
  }

  chartJournal(key: string): Locator {
    return this.panel.getByTestId(`chart-journal-${key}`);
  }

  /** The live badge on a WAN link node on the canvas. */
  wanBadge(id: string): Locator {
    return this.page.getByTestId(`wan-badge-${id}`);
  }
}
