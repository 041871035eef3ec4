/**
 * The scenario inspector's "Activity" section, for trainers: turn the scenario into an activity
 * (or remove it), edit its title and instructions, and its tasks with their checks as JSON in a
 * textarea — applied when valid, otherwise the message names the offending field. Every edit is
 * one undoable change of the document (setScenarioMeta).
 *
 * Does not handle: a structured editor for checks (the JSON shape is documented in
 * docs/activities.md), nor grading (ActivityPanel.tsx).
 */
import { useEffect, useId, useState } from 'react';
import type { Activity } from '../../model/scenario.ts';
import { TextField } from '../design/fields/TextField.tsx';
import { useStore } from '../store/index.ts';
import './activity.css';
import { ActivityInstructions, ActivityTitle, parseTasksJson, starterActivity, tasksJson } from './activity-edit.ts';

const commit = (activity: Activity | undefined) => useStore.getState().setScenarioMeta({ activity });

function InstructionsField({ activity }: { activity: Activity }) {
  const id = useId();
  const [draft, setDraft] = useState(activity.instructions);
  useEffect(() => setDraft(activity.instructions), [activity.instructions]);
  const check = ActivityInstructions.safeParse(draft);
  const error = check.success ? null : `instructions: ${check.error.issues[0].message}`;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>Instructions (plain text; a blank line starts a paragraph)</label>
      <textarea
        id={id}
        className="activity-instructions-input"
        rows={6}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => check.success && draft !== activity.instructions && commit({ ...activity, instructions: draft })}
      />
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

function TasksField({ activity }: { activity: Activity }) {
  const id = useId();
  const saved = tasksJson(activity.tasks);
  const [draft, setDraft] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(saved);
    setError(null);
  }, [saved]);
  const apply = () => {
    const r = parseTasksJson(draft);
    if (!r.ok) return setError(r.message);
    setError(null);
    if (tasksJson(r.tasks) !== saved) commit({ ...activity, tasks: r.tasks });
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>Tasks and their checks (JSON: id, title, hint, checks of description, path, op, value)</label>
      <textarea id={id} rows={12} spellCheck={false} wrap="off" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div className="activity-actions">
        <button type="button" className="btn btn-small" onClick={apply} disabled={draft === saved}>
          Apply tasks
        </button>
        <button type="button" className="btn btn-small" onClick={() => (setDraft(saved), setError(null))} disabled={draft === saved}>
          Revert
        </button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

export function ActivityEditor() {
  const activity = useStore((s) => s.scenario.activity);
  if (!activity) {
    return (
      <section className="form-section activity-editor" aria-label="Activity">
        <h3>Activity</h3>
        <p className="muted">Turn this scenario into a training activity: instructions and tasks graded on the run.</p>
        <button type="button" className="btn btn-small" onClick={() => commit(starterActivity())}>
          Make an activity
        </button>
      </section>
    );
  }
  return (
    <section className="form-section activity-editor" aria-label="Activity">
      <h3>Activity</h3>
      <TextField label="Activity title" value={activity.title} schema={ActivityTitle} onCommit={(v) => v !== undefined && v !== activity.title && commit({ ...activity, title: v })} />
      <InstructionsField activity={activity} />
      <TasksField activity={activity} />
      <button type="button" className="btn btn-small btn-danger" onClick={() => commit(undefined)}>
        Remove the activity
      </button>
    </section>
  );
}
