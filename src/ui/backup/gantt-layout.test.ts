/** Schedule chart geometry: time range, wall-clock ticks, rows per drive, per job and per scheduled runbook, bars, window misses, skipped occurrences. */
import { describe, expect, it } from 'vitest';
import type { ScheduledRunbook } from '../../engine/api.ts';
import { backupStatus, scheduled } from './backup-fixtures.ts';
import { AXIS_HEIGHT_PX, LABEL_WIDTH_PX, MIN_BAR_PX, ROW_HEIGHT_PX, layoutGantt, timeRange, wallTicks } from './gantt-layout.ts';

const { schedule } = backupStatus();

describe('gantt layout › time range and ticks', () => {
  it('spans every window, plan and run, an ongoing run up to now', () => {
    expect(timeRange(schedule, 8000)).toEqual({ startS: 7200, endS: 18000 });
    const late = [scheduled({ jobId: 'x', actualStartS: 7300, actualEndS: null, actualDrive: 0 })];
    expect(timeRange(late, 20000)).toEqual({ startS: 7200, endS: 20000 });
    expect(timeRange([], 0)).toEqual({ startS: 0, endS: 3600 });
  });

  it('puts ticks on round wall-clock times, across midnight', () => {
    // 22:00 + 7200 s = 00:00; 00:00–03:00 is 180 minutes: 15-minute steps give 12 ticks, 30-minute ones 7.
    const ticks = wallTicks('22:00', 7200, 18000);
    expect(ticks.map((t) => t.label)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00']);
    expect(wallTicks('22:00', 0, 6 * 3600).map((t) => t.label)).toEqual(['22:00', '23:00', '00:00', '01:00', '02:00', '03:00', '04:00']);
    expect(ticks[0].s).toBe(7200);
    const short = wallTicks('22:10', 0, 1800); // 22:10–22:40: 5-minute steps are too many (7 ok)
    expect(short.map((t) => t.label)).toEqual(['22:10', '22:15', '22:20', '22:25', '22:30', '22:35', '22:40']);
    const offset = wallTicks('22:07', 0, 3600); // starts between ticks: first tick at 22:10
    expect(offset[0]).toEqual({ s: 180, label: '22:10' });
    expect(offset.length).toBeLessThanOrEqual(8);
  });
});

describe('gantt layout › rows and bars', () => {
  const g = layoutGantt(schedule, { clockStart: '22:00', nowS: 8000, widthPx: 636 });

  it('has one row per drive in use, then one per job, stacked below the axis', () => {
    expect(g.drives.map((r) => r.label)).toEqual(['tape1 drive 0', 'tape1 drive 1']);
    expect(g.jobs.map((r) => r.key)).toEqual(['sA', 'sB', 'sC']);
    expect(g.drives[0].y).toBe(AXIS_HEIGHT_PX);
    expect(g.jobs[0].y).toBe(AXIS_HEIGHT_PX + 2 * ROW_HEIGHT_PX);
    expect(g.heightPx).toBe(AXIS_HEIGHT_PX + 5 * ROW_HEIGHT_PX + 4);
  });

  it('maps time linearly onto the plot area', () => {
    expect(g.plotX).toBe(LABEL_WIDTH_PX);
    expect(g.plotW).toBe(500);
    const a = g.jobs[0];
    expect(a.window.x).toBe(LABEL_WIDTH_PX); // 7200 s is the start of the range
    expect(a.window.w).toBeCloseTo(((14400 - 7200) / 10800) * 500, 6);
    expect(a.planned.w).toBeCloseTo((1800 / 10800) * 500, 6);
    expect(g.nowX).toBeCloseTo(LABEL_WIDTH_PX + (800 / 10800) * 500, 6);
    for (const row of g.jobs) for (const b of [row.window, row.planned]) expect(b.x + b.w).toBeLessThanOrEqual(g.plotX + g.plotW + 1e-9);
  });

  it('draws an ongoing actual bar up to now, on the drive it runs on', () => {
    const a = g.jobs[0].actual!;
    expect(a.ongoing).toBe(true);
    expect(a.x + a.w).toBeCloseTo(g.nowX!, 6);
    expect(g.drives[0].actual.map((b) => b.jobId)).toEqual(['sA']);
    expect(g.drives[1].actual).toEqual([]);
    expect(g.jobs[1].actual).toBeNull();
  });

  it('groups planned bars by drive and keeps the window flag of a job that will miss it', () => {
    expect(g.drives[0].planned.map((b) => b.jobId)).toEqual(['sA', 'sC']);
    expect(g.drives[1].planned.map((b) => b.jobId)).toEqual(['sB']);
    const c = g.jobs[2];
    expect(c.job.missesWindow).toBe(true);
    expect(c.planned.x + c.planned.w).toBeGreaterThan(c.window.x + c.window.w);
  });

  it('keeps a very short job visible and leaves now out when it lies outside the range', () => {
    const tiny = layoutGantt([scheduled({ jobId: 't', plannedStartS: 7200, plannedEndS: 7201, windowEndS: 86_400 })], {
      clockStart: '00:00',
      nowS: 0,
      widthPx: 400,
    });
    expect(tiny.jobs[0].planned.w).toBe(MIN_BAR_PX);
    expect(tiny.nowX).toBeNull();
  });
});

describe('gantt layout › scheduled runbooks (Fig. 21)', () => {
  const occ = (o: Partial<ScheduledRunbook> & Pick<ScheduledRunbook, 'id' | 'plannedStartS'>): ScheduledRunbook => ({
    runbookId: 'nightly', name: 'split the replica for the reporting server', frequency: 'daily', at: '02:00',
    run: null, actualStartS: null, actualEndS: null, state: 'planned', skipReason: null, ...o,
  });
  // Clock 22:00: nights at 14,400 s (done), 100,800 s (skipped), 187,200 s (running at now = 190,000 s).
  const nights = [
    occ({ id: 'nightly-1', plannedStartS: 14_400, run: 1, actualStartS: 14_400, actualEndS: 122_400, state: 'done' }),
    occ({ id: 'nightly-2', plannedStartS: 100_800, state: 'skipped', skipReason: 'nightly is still running (run 1, started at 14400 s)' }),
    occ({ id: 'nightly-3', plannedStartS: 187_200, run: 2, actualStartS: 187_200, state: 'running' }),
  ];
  const weekly = occ({ id: 'weekly-3', runbookId: 'weekly', name: 'weekly marts', frequency: 'weekly', at: '01:00', plannedStartS: 183_600 });

  it('spans every occurrence and an ongoing run up to now, with or without jobs', () => {
    expect(timeRange([], 190_000, nights)).toEqual({ startS: 14_400, endS: 190_000 });
    expect(timeRange([], 0, [weekly])).toEqual({ startS: 183_600, endS: 183_660 }); // one instant: a minute wide
    expect(timeRange(schedule, 8000, [weekly])).toEqual({ startS: 7200, endS: 183_600 });
  });

  it('labels ticks with the day when the range spans more than a day', () => {
    // 14,400 s → 190,000 s is 2,926.7 minutes: 6-hour steps would give 8.1, so 12-hour ones; 22:00 + 14,400 s
    // is 02:00 of day 1, the first tick 12:00 of day 1 = 86,400 + 43,200 − 79,200 = 50,400 s.
    const ticks = wallTicks('22:00', 14_400, 190_000);
    expect(ticks.map((t) => t.label)).toEqual(['12:00 +1d', '00:00 +2d', '12:00 +2d', '00:00 +3d']);
    expect(ticks[0].s).toBe(50_400);
  });

  it('draws one row per runbook below the jobs: a mark at each planned start, the bar of each run, none for a skipped night', () => {
    const g = layoutGantt(schedule, { clockStart: '22:00', nowS: 190_000, widthPx: 636 }, [...nights, weekly]);
    expect(g.runbooks.map((r) => [r.label, r.y])).toEqual([
      ['nightly', AXIS_HEIGHT_PX + 5 * ROW_HEIGHT_PX],
      ['weekly', AXIS_HEIGHT_PX + 6 * ROW_HEIGHT_PX],
    ]);
    expect(g.heightPx).toBe(AXIS_HEIGHT_PX + 7 * ROW_HEIGHT_PX + 4);
    const xOf = (s: number) => g.plotX + ((s - g.startS) / (g.endS - g.startS)) * g.plotW;
    const [n1, n2, n3] = g.runbooks[0].marks;
    expect([n1.x, n2.x, n3.x]).toEqual([xOf(14_400), xOf(100_800), xOf(187_200)].map((x) => expect.closeTo(x, 6)));
    expect(n1.actual!.ongoing).toBe(false);
    expect(n1.actual!.x + n1.actual!.w).toBeCloseTo(xOf(122_400), 6);
    expect([n2.state, n2.actual]).toEqual(['skipped', null]);
    expect(n3.actual!.ongoing).toBe(true);
    expect(n3.actual!.x + n3.actual!.w).toBeCloseTo(g.nowX!, 6);
    expect(g.runbooks[1].marks.map((m) => [m.id, m.actual])).toEqual([['weekly-3', null]]);
  });

  it('draws no runbook rows when nothing is scheduled', () => {
    expect(layoutGantt(schedule, { clockStart: '22:00', nowS: 8000, widthPx: 636 }).runbooks).toEqual([]);
  });
});
