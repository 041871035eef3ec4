/**
 * Scheduled runbooks (scheduled-runbooks.ts through the SAN manager and backup.ts; SAN patent
 * Fig. 21): a nightly split of the replica for the reporting server fires at hand-computed
 * simulated seconds from `clockStart`; a weekly one only on its weekday; an occurrence that finds
 * the runbook still in progress is skipped (never a second run at once); each occurrence keeps the
 * outcome of its own run; a failed run does not stop the next night; policies and runbooks share
 * the SAN manager's events without disturbing each other; the same seed gives the same event log.
 */
import { describe, expect, it } from 'vitest';
import type { BackupReport, ScheduledRunbook } from '../backup-api.ts';
import { createSimulation } from '../simulation.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { backupScenario, must, pairState, runUntilHolds, type BackupSanOptions, type RunbookInput } from '../testing/backup-fixtures.ts';
import { RUNBOOK_OCCURRENCE_BASE } from './san-manager.ts';
import { dayIndex, wallClockStartsUs } from './wall-clock.ts';

const DAY = 86_400;
const US = 1_000_000;

type Schedule = NonNullable<RunbookInput['schedule']>;

/** Fig. 21: split the replica, let the reporting server (bk) read it for 30 minutes, resync. */
const reportingSplit = (schedule: Schedule, id = 'nightly'): RunbookInput => ({
  id, name: 'split the replica for the reporting server', schedule,
  steps: [
    { n: 1, title: 'split the replica (pairsplit)', action: { type: 'pairSplit', group: 'G', mode: 'steady', access: 'r' }, until: { kind: 'pairState', group: 'G', states: ['PSUS'] } },
    { n: 2, title: 'the reporting server mounts S', action: { type: 'mountVolume', serverId: 'bk', ldevId: 'S', readOnly: true } },
    { n: 3, title: 'build the data marts', durationS: 1_800 },
    { n: 4, title: 'unmount S', action: { type: 'unmountVolume', serverId: 'bk', ldevId: 'S' } },
    { n: 5, title: 'resync the replica (pairresync)', action: { type: 'pairResync', group: 'G', restore: false }, until: { kind: 'pairState', group: 'G', states: ['PAIR'] } },
  ],
});

/** A runbook of plain timed steps taking `hours` in all (steps of at most a day). */
const long = (id: string, hours: number, schedule: Schedule): RunbookInput => {
  const steps = [];
  for (let left = hours * 3600, n = 1; left > 0; left -= DAY, n++) steps.push({ n, title: `work ${n}`, durationS: Math.min(DAY, left) });
  return { id, name: `${hours} h of work`, schedule, steps };
};

function sim(runbooks: RunbookInput[], opts: BackupSanOptions = {}): EngineSimulationHandle {
  return createSimulation(backupScenario({ pair: 'local', clockStart: '22:00', durationS: 3 * DAY, runbooks, ...opts }));
}

const occurrences = (s: EngineSimulationHandle): ScheduledRunbook[] => s.backupStatus().runbookSchedule;
const row = (o: ScheduledRunbook) => [o.id, o.plannedStartS, o.state, o.run, o.actualStartS, o.actualEndS];
const runOf = (s: EngineSimulationHandle, id: string) => s.backupStatus().runbooks.find((r) => r.id === id)!;

describe('scheduled runbooks › wall-clock instants', () => {
  it('fires a daily 02:00 schedule from a 22:00 start at 14,400, 100,800 and 187,200 s of a 3-day run', () => {
    // 22:00 is 79,200 s into day 0; 02:00 of day 1 is 86,400 + 7,200 = 93,600 → 14,400 s, then a day apart.
    expect(wallClockStartsUs({ frequency: 'daily', weekday: 0, at: '02:00' }, 79_200, 0, 3 * DAY * US)).toEqual([14_400 * US, 100_800 * US, 187_200 * US]);
    expect(dayIndex(79_200, 14_400 * US)).toBe(1);
    // Exactly at the start fires at 0; one minute before it is almost a day later.
    expect(wallClockStartsUs({ frequency: 'daily', weekday: 0, at: '22:00' }, 79_200, 0, DAY * US)).toEqual([0]);
    expect(wallClockStartsUs({ frequency: 'daily', weekday: 0, at: '21:59' }, 79_200, 0, DAY * US)).toEqual([(DAY - 60) * US]);
  });

  it('splits the replica for the reporting server at each of those instants (planned = actual) and resyncs it', () => {
    const s = sim([reportingSplit({ frequency: 'daily', weekday: 0, at: '02:00' })], { timeline: [{ atS: 0, action: { type: 'pairCreate', group: 'G', pace: 15, split: false } }] });
    expect(occurrences(s).map(row)).toEqual([
      ['nightly-1', 14_400, 'planned', null, null, null],
      ['nightly-2', 100_800, 'planned', null, null, null],
      ['nightly-3', 187_200, 'planned', null, null, null],
    ]);
    s.runUntil(14_400 * US - 1);
    expect(runOf(s, 'nightly').state).toBe('idle');
    expect(pairState(s)).toBe('PAIR');
    s.runUntil(14_400 * US);
    expect(occurrences(s)[0]).toMatchObject({ state: 'running', run: 1, actualStartS: 14_400 });
    expect(runOf(s, 'nightly').steps[0].startedS).toBe(14_400);
    runUntilHolds(s, () => runOf(s, 'nightly').state === 'done', 20_000 * US, 10 * US);
    const first = runOf(s, 'nightly');
    expect(first.steps[1].changes).toEqual(['bk mounts S: — → read-only']);
    expect(first.steps[2].endedS! - first.steps[2].startedS!).toBe(1_800);
    expect(pairState(s)).toBe('PAIR');
    s.runUntil(s.endUs());
    const all = occurrences(s);
    expect(all.map((o) => [o.id, o.state, o.run, o.actualStartS])).toEqual([
      ['nightly-1', 'done', 1, 14_400],
      ['nightly-2', 'done', 2, 100_800],
      ['nightly-3', 'done', 3, 187_200],
    ]);
    expect(runOf(s, 'nightly').steps[0].startedS).toBe(187_200); // the runbook shows its latest run
    for (const o of all) expect(o.actualEndS! - o.actualStartS!).toBeGreaterThanOrEqual(1_800);
    expect(all[0].actualEndS).toBe(first.steps[4].endedS); // each occurrence keeps its own run's end
    // The report carries BackupReport's fields (api.ts's Report is to list runbookSchedule too).
    const report = s.report() as ReturnType<EngineSimulationHandle['report']> & Pick<BackupReport, 'runbookSchedule'>;
    expect(Object.keys(report.runbookSchedule)).toEqual(['nightly-1', 'nightly-2', 'nightly-3']);
    expect(report.runbookSchedule['nightly-2']).toEqual(all[1]);
  });

  it('fires a weekly schedule only on its weekday (day 0, the start\'s day, a Sunday)', () => {
    const s = sim(
      [long('wed', 1, { frequency: 'weekly', weekday: 3, at: '01:00' }), long('sun', 1, { frequency: 'weekly', weekday: 0, at: '23:00' })],
      { durationS: 7 * DAY },
    );
    // Wednesday = day 3: 3 × 86,400 + 3,600 − 79,200 = 183,600 s; Sunday 23:00 = day 0: 3,600 s
    // (day 7's would be 608,400 s, past the 604,800 s run).
    expect(occurrences(s).map((o) => [o.id, o.plannedStartS])).toEqual([['sun-0', 3_600], ['wed-3', 183_600]]);
    s.runUntil(s.endUs());
    expect(occurrences(s).map((o) => [o.id, o.state, o.actualStartS, o.actualEndS])).toEqual([
      ['sun-0', 'done', 3_600, 7_200],
      ['wed-3', 'done', 183_600, 187_200],
    ]);
  });
});

describe('scheduled runbooks › never two runs at once', () => {
  it('skips the night that finds the runbook still running, and starts again the night after', () => {
    // 30 h of work from 14,400 s ends at 122,400 s: after night 2 (100,800 s), before night 3 (187,200 s).
    const s = sim([long('etl', 30, { frequency: 'daily', weekday: 0, at: '02:00' })]);
    s.runUntil(s.endUs());
    expect(occurrences(s).map(row)).toEqual([
      ['etl-1', 14_400, 'done', 1, 14_400, 122_400],
      ['etl-2', 100_800, 'skipped', null, null, null],
      ['etl-3', 187_200, 'running', 2, 187_200, null],
    ]);
    expect(occurrences(s)[1].skipReason).toBe('etl is still running (run 1, started at 14400 s)');
    expect(runOf(s, 'etl').steps[0].startedS).toBe(187_200);
  });

  it('skips a night while the runbook is paused (step mode, no trainer), or running because the timeline started it', () => {
    // A `when` that never holds would skip the same way ("still waiting"), at the cost of a day of 10 ms polls.
    const trainer: RunbookInput = { ...long('trainer', 1, { frequency: 'daily', weekday: 0, at: '02:00' }), stepMode: true };
    const byHand = long('byhand', 2, { frequency: 'daily', weekday: 0, at: '02:00' });
    const s = sim([trainer, byHand], { durationS: 2 * DAY, timeline: [{ atS: 14_000, action: { type: 'startRunbook', runbook: 'byhand' } }] });
    s.runUntil(s.endUs());
    const o = Object.fromEntries(occurrences(s).map((x) => [x.id, x]));
    expect([o['trainer-1'].state, o['trainer-1'].run, o['trainer-2'].state]).toEqual(['paused', 1, 'skipped']);
    expect(o['trainer-2'].skipReason).toBe('trainer is still paused (run 1, started at 14400 s)');
    expect(runOf(s, 'trainer').steps[0].state).toBe('pending'); // the skipped night did not restart it
    expect([o['byhand-1'].state, o['byhand-1'].skipReason]).toEqual(['skipped', 'byhand is still running (run 1, started at 14000 s)']);
    expect(o['byhand-2']).toMatchObject({ state: 'done', run: 2, actualStartS: 100_800, actualEndS: 108_000 });
  });

  it('keeps each occurrence\'s own outcome when the runbook is started again by a command, and a failed night does not stop the next', () => {
    const flaky: RunbookInput = {
      id: 'flaky', name: 'fails while the pair does not exist', schedule: { frequency: 'daily', weekday: 0, at: '02:00' },
      steps: [
        { n: 1, title: 'split', action: { type: 'pairSplit', group: 'G', mode: 'steady', access: 'r' } },
        { n: 2, title: 'hold', durationS: 60 },
        { n: 3, title: 'resync', action: { type: 'pairResync', group: 'G', restore: false } },
      ],
    };
    const s = sim([flaky], { durationS: 2 * DAY });
    s.runUntil(20_000 * US);
    expect(occurrences(s)[0]).toMatchObject({ state: 'failed', run: 1, actualEndS: 14_400 }); // G is SMPL: split refused
    must(s, { type: 'pairCreate', group: 'G', pace: 15, split: false });
    s.runUntil(30_000 * US);
    must(s, { type: 'startRunbook', runbook: 'flaky' }); // run 2, by hand
    s.runUntil(s.endUs());
    expect(runOf(s, 'flaky').state).toBe('done');
    expect(occurrences(s).map(row)).toEqual([
      ['flaky-1', 14_400, 'failed', 1, 14_400, 14_400],
      ['flaky-2', 100_800, 'done', 3, 100_800, 100_860],
    ]);
  });
});

describe('scheduled runbooks › with backup policies', () => {
  it('shares the SAN manager\'s events: a policy window and a runbook at the same instant both start, re-planning leaves the runbook alone', () => {
    const s = sim([long('rb', 1, { frequency: 'daily', weekday: 0, at: '02:00' })], {
      durationS: DAY,
      backup: { freeVolumes: [], policies: [{ id: 'pol', tenant: 'A', ldevId: 'T', method: 'direct', windowStart: '02:00', windowHours: 1, libraryId: 'lib1', path: 'server-less' }] },
    });
    must(s, { type: 'setPolicy', policy: { id: 'pol2', tenant: 'B', ldevId: 'R', method: 'direct', frequency: 'daily', weekday: 0, retentionDays: 7, windowStart: '03:00', windowHours: 1, libraryId: 'lib1', path: 'server-less' } });
    s.runUntil(s.endUs());
    const st = s.backupStatus();
    expect(st.schedule.map((j) => [j.jobId, j.actualStartS])).toEqual([['pol-1', 14_400], ['pol2-1', 18_000]]);
    expect(st.runbookSchedule.map(row)).toEqual([['rb-1', 14_400, 'done', 1, 14_400, 18_000]]);
    expect(RUNBOOK_OCCURRENCE_BASE).toBeGreaterThan(st.schedule.length);
  });
});

describe('scheduled runbooks › determinism', () => {
  const night = (at: string) => sim([reportingSplit({ frequency: 'daily', weekday: 0, at }), long('etl', 30, { frequency: 'daily', weekday: 0, at: '02:00' })], {
    seed: 7, workload: { rate_iops: 50 }, timeline: [{ atS: 0, action: { type: 'pairCreate', group: 'G', pace: 15, split: false } }],
  });

  it('gives the same event-log hash and schedule for the same seed, run whole or in slices; another time gives another hash', () => {
    const a = night('02:00');
    a.runUntil(a.endUs());
    const b = night('02:00');
    while (b.nowUs() < b.endUs()) b.runUntil(b.nowUs() + 3_600 * US);
    expect(b.eventLogHash()).toBe(a.eventLogHash());
    expect(b.backupStatus().runbookSchedule).toEqual(a.backupStatus().runbookSchedule);
    const c = night('02:01');
    c.runUntil(c.endUs());
    expect(c.eventLogHash()).not.toBe(a.eventLogHash());
  });
});
