/**
 * Page object for the Backup tab: its sections (Runbooks, Jobs & libraries, Schedule, Catalog),
 * a runbook's stepper (state, highlighted step, commands, step changes), a job's progress bar and
 * verification line, and the live badge on a library node — located by role and accessible name
 * where a person would look, by `data-*` attributes of rows otherwise.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type RunbookCommand = 'Start' | 'Pause' | 'Resume' | 'Step';
export type BackupSection = 'Runbooks' | 'Jobs & libraries' | 'Schedule' | 'Catalog';

export class BackupPage {
  readonly tab: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Backup/ });
    this.panel = page.locator('#panel-backup');
  }

  async open(section: BackupSection = 'Runbooks'): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await this.section(section);
  }

  async section(name: BackupSection): Promise<void> {
    const tab = this.panel.getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  runbook(id: string): Locator {
    return this.panel.locator(`section.runbook[data-runbook-id="${id}"]`);
  }

  /** The runbook's state as its pill reads it (idle, running, paused, …). */
  runbookState(id: string): Locator {
    return this.runbook(id).locator('.runbook-head .bk-pill');
  }

  command(id: string, verb: RunbookCommand): Locator {
    return this.runbook(id).getByRole('group', { name: `Commands for runbook ${id}` }).getByRole('button', { name: verb, exact: true });
  }

  /** The step the stepper highlights (aria-current="step"). */
  currentStep(id: string): Locator {
    return this.runbook(id).locator('li[aria-current="step"]');
  }

  /** The highlighted step's number, or null when none is highlighted. */
  async currentStepN(id: string): Promise<number | null> {
    const step = this.currentStep(id);
    if ((await step.count()) === 0) return null;
    return Number(await step.getAttribute('data-step-n'));
  }

  step(id: string, n: number): Locator {
    return this.runbook(id).locator(`li[data-step-n="${n}"]`);
  }

  /** Every "what changed" line of a runbook's steps, as shown. */
  async changes(id: string): Promise<string[]> {
    return this.runbook(id).locator('.rb-step-changes li').allTextContents();
  }

  note(id: string): Locator {
    return this.panel.getByTestId(`runbook-note-${id}`);
  }

  job(id: string): Locator {
    return this.panel.locator(`article.job-card[data-job-id="${id}"]`);
  }

  /** A job's progress bar value, 0–100. */
  async jobPct(id: string): Promise<number> {
    const bar = this.panel.getByRole('progressbar', { name: `Progress of job ${id}`, exact: true });
    return Number(await bar.getAttribute('aria-valuenow'));
  }

  verification(id: string): Locator {
    return this.panel.getByTestId(`verification-${id}`);
  }

  libraryBadge(libraryId: string): Locator {
    return this.page.getByTestId(`library-badge-${libraryId}`);
  }
}
