import { describe, expect, it } from 'vitest';
import type { Report } from '../../engine/api.ts';
import type { Activity } from '../../model/scenario.ts';
import { gradeActivity, gradeCheck, ungraded } from './grade.ts';

/** Only the parts of a report the checks read. */
const report = (pairs: Record<string, unknown>, simSeconds = 30): Report =>
  ({ simSeconds, pairs, libraries: { tape1: { bytes: 100, mounts: 1, robotMoves: 2 } }, ldevs: { s: { writtenTracks: 40 } } }) as unknown as Report;

const activity: Activity = {
  title: 'Split and resync',
  instructions: 'Do it.',
  tasks: [
    { id: 'split', title: 'Split', hint: 'pairsplit -g SI', checks: [{ description: 'split', path: 'pairs[SI/db].state', op: '==', value: 'PSUS' }] },
    {
      id: 'tape',
      title: 'Tape',
      checks: [
        { description: 'mounted', path: 'libraries.tape1.mounts', op: '>=', value: 1 },
        { description: 'bytes', path: 'libraries.tape1.bytes', op: '>=', value: { path: 'ldevs.s.writtenTracks' } },
      ],
    },
    { id: 'resync', title: 'Resync', checks: [{ description: 'resync', path: 'pairs[SI/db].copies.1.tracks', op: '<', value: 50 }] },
  ],
};

describe('activity grading › checks', () => {
  it('says what the value is and what it needs', () => {
    const c = gradeCheck(report({ 'SI/db': { state: 'PAIR' } }), { description: 'd', path: 'pairs[SI/db].state', op: '==', value: 'PSUS' });
    expect(c).toMatchObject({ ok: false, actual: 'PAIR', why: 'pairs[SI/db].state is PAIR, needs PSUS' });
  });
  it('names the comparison and a path-valued right-hand side with its value', () => {
    const c = gradeCheck(report({}), { description: 'd', path: 'libraries.tape1.bytes', op: '<', value: { path: 'ldevs.s.writtenTracks' } });
    expect(c.why).toBe('libraries.tape1.bytes is 100, needs < ldevs.s.writtenTracks (40)');
  });
  it('a path that names nothing is "nothing yet" with actual null, not an error', () => {
    const c = gradeCheck(report({}), { description: 'd', path: 'pairs[SI/db].copies.1.tracks', op: '<', value: 50 });
    expect(c).toMatchObject({ ok: false, actual: null, why: 'pairs[SI/db].copies.1.tracks names nothing yet' });
  });
  it('a check that holds has no why', () => {
    expect(gradeCheck(report({ 'SI/db': { state: 'PSUS' } }), activity.tasks[0].checks[0])).toMatchObject({ ok: true, why: null });
  });
});

describe('activity grading › tasks and percent', () => {
  it('passes a task only when every check holds; failed vs not-yet; percent of tasks passed', () => {
    const g = gradeActivity(report({ 'SI/db': { state: 'PAIR', copies: [{ tracks: 0 }] } }), activity);
    expect(g.tasks.map((t) => t.status)).toEqual(['failed', 'passed', 'not-yet']);
    expect(g).toMatchObject({ passed: 1, total: 3, percent: 33, atS: 30 });
    expect(g.tasks[0].hint).toBe('pairsplit -g SI');
    expect(g.tasks[1].hint).toBeNull();
  });
  it('is 100 % only when all pass', () => {
    const g = gradeActivity(report({ 'SI/db': { state: 'PSUS', copies: [{ tracks: 0 }, { tracks: 49 }] } }), activity);
    expect(g.tasks.every((t) => t.status === 'passed')).toBe(true);
    expect(g.percent).toBe(100);
    const over = gradeActivity(report({ 'SI/db': { state: 'PSUS', copies: [{ tracks: 0 }, { tracks: 50 }] } }), activity);
    expect(over.percent).toBe(66);
    expect(over.tasks[2].checks[0].why).toBe('pairs[SI/db].copies.1.tracks is 50, needs < 50');
  });
  it('ungraded: every task not yet, 0 %', () => {
    const g = ungraded(activity);
    expect(g.tasks.map((t) => t.status)).toEqual(['not-yet', 'not-yet', 'not-yet']);
    expect(g.percent).toBe(0);
  });
});
