/**
 * The "Run summary" view of the charts panel: recharts bar charts of the engine's report,
 * drawn when the run is paused, stepped or finished — never per telemetry frame. The numbers
 * a person reads must be the report's (`window.sandbox.report()`).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Report } from '../src/ui/automation/types.ts';
import { expect, test } from './fixtures.ts';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fixed = (v: number, digits: number) => (digits === 0 ? grouped.format(Math.round(v)) : v.toFixed(digits));

function summaryTab(page: Page): Locator {
  return page.getByRole('region', { name: 'Charts' }).getByRole('tab', { name: 'Run summary' });
}

function summaryPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Charts' }).getByRole('tabpanel', { name: 'Run summary' });
}

/** Every value the summary shows for db-primary, as the report gives it. */
async function expectDbPrimary(page: Page, report: Report): Promise<void> {
  const db = report.ldevs['db-primary'];
  const panel = summaryPanel(page);
  const cases: [figure: string, metric: keyof typeof db, digits: number][] = [
    ['Mean IOPS', 'readIops', 0],
    ['Mean IOPS', 'writeIops', 0],
    ['Cache hit %', 'cacheHitPct', 1],
    ['Response ms', 'responseMsMean', 2],
    ['Response ms', 'responseMsP99', 2],
  ];
  for (const [figure, metric, digits] of cases) {
    const chart = panel.getByRole('figure', { name: figure });
    await expect(chart.getByTestId('summary-label-db-primary')).toContainText('Storage area 150');
    await expect(chart.getByTestId(`summary-db-primary-${metric}`)).toHaveText(fixed(db[metric] as number, digits));
  }
  // A bar per series for db-primary (recharts draws one path per bar).
  await expect(panel.getByRole('figure', { name: 'Mean IOPS' }).locator('.recharts-bar-rectangle')).toHaveCount(2 * Object.keys(report.ldevs).length);
}

test.describe('run summary', () => {
  test('has an empty state before there is a report', async ({ page, sandbox }) => {
    expect((await sandbox.status()).runState).toBe('ready');
    await summaryTab(page).click();
    await expect(summaryTab(page)).toHaveAttribute('aria-selected', 'true');
    await expect(summaryPanel(page)).toContainText('No report yet');
    await expect(summaryPanel(page).getByRole('figure')).toHaveCount(0);
  });

  test('after Pause it draws the report: db-primary bars and numbers match window.sandbox.report()', async ({ page, sandbox, runControls }) => {
    await runControls.speed.selectOption({ label: '×10' });
    await runControls.play.click();
    await expect.poll(() => runControls.seconds()).toBeGreaterThan(5);
    await runControls.pause.click();
    await expect.poll(async () => (await sandbox.status()).runState).toBe('paused');

    await summaryTab(page).click();
    const { nowS } = await sandbox.status();
    const report = await sandbox.report();
    expect(report.simSeconds).toBeCloseTo(nowS, 2);
    expect(report.ldevs['db-primary'].readIops).toBeGreaterThan(0);
    await expect(summaryPanel(page)).toContainText(/Report at \d\d:\d\d\.\d \(paused\)/);
    await expectDbPrimary(page, report);

    // Links and rejected I/Os come from the same report.
    const links = summaryPanel(page).getByRole('figure', { name: 'Link utilisation %' });
    const [busiestId, busiest] = Object.entries(report.links).sort((a, b) => b[1].utilizationPct - a[1].utilizationPct)[0];
    await expect(links.getByTestId(`summary-${busiestId}-utilizationPct`)).toHaveText(busiest.utilizationPct.toFixed(1));
    const rejected = summaryPanel(page).getByRole('figure', { name: 'Rejected I/Os' });
    await expect(rejected).toContainText(`${fixed(report.rejectedIos.total, 0)} in all`);
    await expect(rejected.getByTestId('summary-no-route-count')).toHaveText(fixed(report.rejectedIos.byReason['no-route'], 0));
  });

  test('does not follow telemetry while playing; Step and Pause refresh it', async ({ page, sandbox, runControls }) => {
    await runControls.step.click();
    await expect.poll(() => runControls.seconds()).toBe(1);
    await summaryTab(page).click();
    await expect(summaryPanel(page)).toContainText('Report at 00:01.0 (paused)');
    await expectDbPrimary(page, await sandbox.report());

    await runControls.step.click();
    await expect(summaryPanel(page)).toContainText('Report at 00:02.0 (paused)');
    await expectDbPrimary(page, await sandbox.report());

    // While it plays, the summary keeps the last report (labelled as such), unchanged.
    await runControls.speed.selectOption({ label: '×10' });
    await runControls.play.click();
    await expect(summaryPanel(page)).toContainText('Report at 00:02.0 (running — pause to refresh)');
    const during = await summaryPanel(page).textContent();
    await expect.poll(() => runControls.seconds()).toBeGreaterThan(6);
    expect(await summaryPanel(page).textContent()).toBe(during);

    await runControls.pause.click();
    await expect.poll(async () => (await sandbox.status()).runState).toBe('paused');
    const { nowS } = await sandbox.status();
    await expect(summaryPanel(page)).toContainText(`(paused)`);
    await expect(summaryPanel(page)).not.toContainText('Report at 00:02.0');
    const report = await sandbox.report();
    expect(report.simSeconds).toBeCloseTo(nowS, 2);
    await expectDbPrimary(page, report);
  });

  test('the view switch is a keyboard-operable tab list', async ({ page, runControls }) => {
    void runControls; // the page is open and the worker ready
    const charts = page.getByRole('region', { name: 'Charts' });
    const live = charts.getByRole('tab', { name: 'Live charts' });
    await expect(live).toHaveAttribute('aria-selected', 'true');
    await live.focus();
    await page.keyboard.press('ArrowRight');
    await expect(summaryTab(page)).toHaveAttribute('aria-selected', 'true');
    await expect(summaryTab(page)).toBeFocused();
    await expect(summaryPanel(page)).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(live).toHaveAttribute('aria-selected', 'true');
    await expect(charts.getByRole('tabpanel', { name: 'Live charts' })).toContainText('Press Play');
  });

  test('the summary has no serious or critical axe violations', async ({ page, sandbox }) => {
    await sandbox.runUntil(10);
    await summaryTab(page).click();
    await expect(summaryPanel(page).getByRole('figure', { name: 'Mean IOPS' })).toBeVisible();
    await expect(summaryPanel(page).getByTestId('summary-db-primary-readIops')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('section[aria-label="Charts"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  });
});
