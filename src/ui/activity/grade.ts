/**
 * Grading of a training activity (docs/activities.md): each task's checks evaluated on a run
 * report with the scenario expectations' semantics (engine/report.ts `evaluateExpectation`), a
 * verdict per task with why each failing check fails, and the percent complete.
 *
 * Invariants: pure (same report and activity → same grade); a task passes when every one of
 * its checks holds; a task with a failing check whose path names nothing yet (a pair not
 * created, a copy not started) is "not-yet", never an error; otherwise a failing task is "failed";
 * percent = passed tasks / tasks, rounded down so 100 means every task passed.
 *
 * Does not handle: fetching the report or when to grade (useActivityGrade.ts); history — a task
 * is graded on the report it is given, so checks should name values that stay true once the
 * learner's step is done (the built-in activity's do).
 */
import { evaluateExpectation } from '../../engine/report.ts';
import type { Report } from '../../engine/api.ts';
import type { Activity, Expectation } from '../../model/scenario.ts';

type Value = number | string | boolean;

export interface CheckGrade {
  description: string;
  path: string;
  ok: boolean;
  /** The value at `path` now; null when the path names nothing (yet). */
  actual: Value | null;
  /** Why it fails ("pairs[DB/db].state is PSUS, needs PAIR"); null when it holds. */
  why: string | null;
}

export type TaskStatus = 'passed' | 'failed' | 'not-yet';

export interface TaskGrade {
  id: string;
  title: string;
  hint: string | null;
  status: TaskStatus;
  checks: CheckGrade[];
}

export interface ActivityGrade {
  /** Simulated time of the report graded, seconds. */
  atS: number;
  tasks: TaskGrade[];
  passed: number;
  total: number;
  percent: number;
}

const show = (v: Value): string => (typeof v === 'string' ? v : String(v));

/** What the check needs, in words: "PAIR", "not PSUS", "< 40960", "≥ ldevs.x.y (12)". Not said for a path that names nothing yet (its "needs not \"\"" would read as noise). */
function needs(e: Expectation, expected: Value | null | undefined): string {
  const rhs = typeof e.value === 'object' ? `${e.value.path} (${expected === null || expected === undefined ? 'nothing yet' : show(expected)})` : show(e.value);
  if (e.op === '==') return rhs;
  if (e.op === '!=') return `not ${rhs === '' ? '""' : rhs}`;
  const op = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' }[e.op];
  return `${op} ${rhs}`;
}

export function gradeCheck(report: Report, e: Expectation): CheckGrade {
  const r = evaluateExpectation(report, e);
  let why: string | null = null;
  if (!r.ok) why = r.actual === null ? `${e.path} names nothing yet` : `${e.path} is ${show(r.actual)}, needs ${needs(e, r.expected)}`;
  return { description: e.description, path: e.path, ok: r.ok, actual: r.actual, why };
}

function taskStatus(checks: CheckGrade[]): TaskStatus {
  if (checks.every((c) => c.ok)) return 'passed';
  return checks.some((c) => !c.ok && c.actual === null) ? 'not-yet' : 'failed';
}

export function gradeActivity(report: Report, activity: Activity): ActivityGrade {
  const tasks = activity.tasks.map((t): TaskGrade => {
    const checks = t.checks.map((e) => gradeCheck(report, e));
    return { id: t.id, title: t.title, hint: t.hint ?? null, status: taskStatus(checks), checks };
  });
  const passed = tasks.filter((t) => t.status === 'passed').length;
  const total = tasks.length;
  return { atS: report.simSeconds, tasks, passed, total, percent: total > 0 ? Math.floor((100 * passed) / total) : 0 };
}

/** The grade before any report: every task not yet, 0 %. */
export function ungraded(activity: Activity): ActivityGrade {
  const tasks = activity.tasks.map((t): TaskGrade => ({
    id: t.id,
    title: t.title,
    hint: t.hint ?? null,
    status: 'not-yet',
    checks: t.checks.map((e) => ({ description: e.description, path: e.path, ok: false, actual: null, why: null })),
  }));
  return { atS: 0, tasks, passed: 0, total: tasks.length, percent: 0 };
}
