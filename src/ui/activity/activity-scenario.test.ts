/**
 * The built-in activity (scenarios/activity-nondisruptive-backup.json) can be completed: the
 * learner's steps, as actions at the times a person would take them, pass every task; without
 * them no task passes, and the file's own expectations hold either way (`npm run sim -- --all`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scenario, type Action } from '../../model/scenario.ts';
import { createSimulation } from '../../engine/index.ts';
import { gradeActivity } from './grade.ts';

const US = 1_000_000;
const scenario = Scenario.parse(JSON.parse(readFileSync(new URL('../../../scenarios/activity-nondisruptive-backup.json', import.meta.url), 'utf8')));
const activity = scenario.activity!;

/** The learner's steps: backup mode, split, end backup mode, back up the S-VOL, resync. */
const STEPS: [number, Action][] = [
  [20, { type: 'dbBackupMode', serverId: 'db-server', on: true }],
  [21, { type: 'pairSplit', group: 'DB', mode: 'steady', access: 'rw' }],
  [23, { type: 'dbBackupMode', serverId: 'db-server', on: false }],
  [24, { type: 'backupJob', job: 'my-backup', source: 'db-secondary', libraryId: 'tape1', path: 'lan-free', serverId: 'backup-server' }],
  [75, { type: 'pairResync', group: 'DB', restore: false, pace: 15 }],
];

const statuses = (g: ReturnType<typeof gradeActivity>) => Object.fromEntries(g.tasks.map((t) => [t.id, t.status]));

describe('activity › non-disruptive backup', () => {
  it('has three tasks and no timeline action that does the learner\'s work', () => {
    expect(activity.tasks.map((t) => t.id)).toEqual(['split', 'backup', 'resync']);
    expect(scenario.timeline.map((e) => e.action.type)).toEqual(['pairCreate']);
    expect(scenario.runbooks).toEqual([]);
  });

  it('the learner\'s steps pass each task in turn, and all at the end (100 %)', () => {
    const sim = createSimulation(scenario, {});
    const seen: Record<string, string>[] = [];
    for (const [atS, action] of STEPS) {
      sim.runUntil(atS * US);
      seen.push(statuses(gradeActivity(sim.report(), activity)));
      expect(sim.apply(action)).toMatchObject({ ok: true });
    }
    expect(seen[0]).toEqual({ split: 'not-yet', backup: 'failed', resync: 'not-yet' });
    expect(seen[2].split).toBe('passed'); // after the split
    expect(seen[4].backup).toBe('passed'); // the tape is written before the resync
    sim.runUntil(200 * US);
    const g = gradeActivity(sim.report(), activity);
    expect(g.tasks.filter((t) => t.status !== 'passed').map((t) => t.checks.map((c) => c.why))).toEqual([]);
    expect(g.percent).toBe(100);
  });

  it('without the learner no task passes, and the file\'s expectations hold', () => {
    const sim = createSimulation(scenario, {});
    sim.runUntil(sim.endUs());
    const r = sim.report();
    const g = gradeActivity(r, activity);
    expect(g.passed).toBe(0);
    expect(g.percent).toBe(0);
    expect(r.expectations.filter((e) => !e.ok)).toEqual([]);
  });

  it('a late resync, after too many tracks are dirty, fails with why', () => {
    const sim = createSimulation(scenario, {});
    sim.runUntil(20 * US);
    sim.apply({ type: 'pairSplit', group: 'DB', mode: 'quick', access: 'rw' });
    sim.runUntil(300 * US); // ~58,000 tracks dirty after 280 s of OLTP writes: over 5 % of 819,200
    sim.apply({ type: 'pairResync', group: 'DB', restore: false, pace: 15 });
    sim.runUntil(sim.endUs());
    const resync = gradeActivity(sim.report(), activity).tasks.find((t) => t.id === 'resync')!;
    expect(resync.status).toBe('failed');
    const tracks = resync.checks.find((c) => c.path.endsWith('copies.1.tracks'))!;
    expect(tracks.ok).toBe(false);
    expect(tracks.why).toMatch(/^pairs\[DB\/db\]\.copies\.1\.tracks is \d+, needs < 40960$/);
  });
});
