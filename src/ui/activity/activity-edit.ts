/**
 * Editing an activity in the scenario inspector: the tasks as JSON text, parsed and validated
 * against the schema with a message that names the offending field (`tasks[1].checks[0].op:
 * …`), and the activity a scenario gets when a trainer turns it into one.
 *
 * Pure. Does not handle committing the edit (ActivityEditor.tsx).
 */
import { z } from 'zod';
import { Activity, ActivityTask } from '../../model/scenario.ts';

const Tasks = Activity.shape.tasks;

export type TasksParse = { ok: true; tasks: ActivityTask[] } | { ok: false; message: string };

/** `tasks[1].checks[0].op` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : `${out}.${String(k)}`), 'tasks');
}

export function parseTasksJson(text: string): TasksParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `tasks: not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const r = Tasks.safeParse(doc);
  if (r.success) return { ok: true, tasks: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `${fieldPath(issue.path)}: ${issue.message}` };
}

export function tasksJson(tasks: readonly ActivityTask[]): string {
  return JSON.stringify(tasks, null, 2);
}

/** A starting activity for a scenario that has none: one task a trainer then edits. */
export function starterActivity(): Activity {
  return {
    title: 'New activity',
    instructions: 'Describe what the learner should do.',
    tasks: [{ id: 'task-1', title: 'The run reaches 10 s', checks: [{ description: 'ten seconds simulated', path: 'simSeconds', op: '>=', value: 10 }] }],
  };
}

export const ActivityTitle = Activity.shape.title;
export const ActivityInstructions: z.ZodString = Activity.shape.instructions;
