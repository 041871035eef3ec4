/**
 * The side panel's "Activity" tab (docs/activities.md): the activity's title and instructions,
 * the tasks with a live tick each, a progress bar with the percent complete, "Check results"
 * (grades now; shows pass/fail per task, why each failing check fails and the task's hint) and
 * "Reset" (back to 00:00, as the run controls' Reset).
 *
 * Instructions come from the file: rendered as text paragraphs (split on blank lines), never as
 * HTML. Does not grade (grade.ts) nor decide when to (useActivityGrade.ts).
 */
import { useState } from 'react';
import type { Activity } from '../../model/scenario.ts';
import { getBridge } from '../sim/bridge.ts';
import { formatClock } from '../sim/RunControls.tsx';
import { useStore } from '../store/index.ts';
import type { TaskGrade } from './grade.ts';
import { useActivityGrade } from './useActivityGrade.ts';
import './activity.css';

const MARK: Record<TaskGrade['status'], { icon: string; label: string }> = {
  passed: { icon: '✓', label: 'passed' },
  failed: { icon: '✗', label: 'not passed' },
  'not-yet': { icon: '○', label: 'not yet' },
};

function Instructions({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  return (
    <div className="activity-instructions">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

function Progress({ percent, passed, total }: { percent: number; passed: number; total: number }) {
  return (
    <div className="activity-progress">
      <div className="activity-bar" role="progressbar" aria-label="Activity complete" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="activity-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="activity-percent" data-testid="activity-percent">
        {percent} %
      </span>
      <span className="muted">
        {passed} of {total} tasks
      </span>
    </div>
  );
}

function TaskItem({ task, detailed }: { task: TaskGrade; detailed: boolean }) {
  const mark = MARK[task.status];
  const failing = task.checks.filter((c) => !c.ok && c.why !== null);
  return (
    <li className={`activity-task is-${task.status}`} data-task={task.id} aria-label={`${task.title}: ${mark.label}`}>
      <span className="activity-mark" aria-hidden="true">
        {mark.icon}
      </span>
      <div className="activity-task-body">
        <span className="activity-task-title">{task.title}</span>
        {detailed && task.status === 'passed' && <span className="activity-verdict">Passed</span>}
        {detailed && task.status !== 'passed' && (
          <>
            <span className="activity-verdict">{task.status === 'failed' ? 'Not passed' : 'Not yet'}</span>
            <ul className="activity-why">
              {failing.map((c) => (
                <li key={c.path + c.description}>
                  {c.description}: <code>{c.why}</code>
                </li>
              ))}
            </ul>
            {task.hint && <p className="activity-hint">Hint: {task.hint}</p>}
          </>
        )}
      </div>
    </li>
  );
}

export function ActivityPanel({ activity }: { activity: Activity }) {
  const { grade, error, checkNow } = useActivityGrade(activity);
  const generation = useStore((s) => s.sim.generation);
  const loaded = useStore((s) => s.sim.runState !== 'idle' && s.sim.runState !== 'loading' && s.sim.runState !== 'error');
  const [checkedGeneration, setCheckedGeneration] = useState<number | null>(null);
  const detailed = checkedGeneration === generation;
  const check = async () => {
    if ((await checkNow()) !== null) setCheckedGeneration(useStore.getState().sim.generation);
  };
  return (
    <section className="activity" aria-labelledby="activity-title">
      <header>
        <p className="activity-kicker">Activity</p>
        <h2 id="activity-title" className="activity-title">
          {activity.title}
        </h2>
      </header>
      <Progress percent={grade.percent} passed={grade.passed} total={grade.total} />
      <div className="activity-actions">
        <button type="button" className="btn btn-primary" disabled={!loaded} onClick={() => void check()}>
          Check results
        </button>
        <button type="button" className="btn" disabled={!loaded} onClick={() => void getBridge().reset()} title="Back to 00:00 with the same design and seed">
          Reset
        </button>
      </div>
      {detailed && (
        <p className="activity-result" role="status">
          Checked at {formatClock(grade.atS)}: {grade.passed === grade.total ? 'every task passes.' : `${grade.passed} of ${grade.total} tasks pass.`}
        </p>
      )}
      {error && (
        <p className="activity-error" role="alert">
          Could not grade: {error}
        </p>
      )}
      <Instructions text={activity.instructions} />
      <h3 className="activity-heading">Tasks</h3>
      <ol className="activity-tasks">
        {grade.tasks.map((t) => (
          <TaskItem key={t.id} task={t} detailed={detailed} />
        ))}
      </ol>
    </section>
  );
}
