import { describe, expect, it } from 'vitest';
import { Activity } from '../../model/scenario.ts';
import { fieldPath, parseTasksJson, starterActivity, tasksJson } from './activity-edit.ts';

describe('activity editing › tasks JSON', () => {
  it('round-trips valid tasks', () => {
    const tasks = starterActivity().tasks;
    expect(parseTasksJson(tasksJson(tasks))).toEqual({ ok: true, tasks });
  });
  it('names the offending field', () => {
    const bad = [{ id: 't', title: 'T', checks: [{ description: 'd', path: 'simSeconds', op: '=~', value: 1 }] }];
    const r = parseTasksJson(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message.startsWith('tasks[0].checks[0].op: ')).toBe(true);
  });
  it('refuses a task without checks and text that is not JSON', () => {
    const r = parseTasksJson('[{"id":"t","title":"T","checks":[]}]');
    expect(!r.ok && r.message.startsWith('tasks[0].checks: ')).toBe(true);
    const j = parseTasksJson('[{');
    expect(!j.ok && j.message.startsWith('tasks: not JSON')).toBe(true);
  });
  it('formats paths', () => {
    expect(fieldPath([2, 'checks', 0, 'value'])).toBe('tasks[2].checks[0].value');
    expect(fieldPath([])).toBe('tasks');
  });
  it('the starter activity is valid', () => {
    expect(Activity.safeParse(starterActivity()).success).toBe(true);
  });
});
