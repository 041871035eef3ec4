/**
 * Authoring timeline entries in the inspector's Timeline section (TimelineEditor.tsx):
 * - `AddEntryForm`: an action type (grouped by the player's families), when it runs — at a time
 *   in seconds, or after an event (a trigger kind, its JSON pre-filled for this scenario, a
 *   delay) — the action as JSON (pre-filled from action-templates.ts when the type changes), an
 *   optional id and note. "Add" puts the entry in time order as one undoable edit.
 * - `EntryJsonEditor`: a whole entry's JSON in a textarea, applied with the same validation.
 * Both show the refusal beside the form, naming the field (entry-json.ts); Escape or Cancel
 * closes without change.
 *
 * Does not handle: checking ids against the topology (the emulation's load error names an
 * unknown group or server), nor structured fields for each action's parameters.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Scenario, TimelineEntry } from '../../model/scenario.ts';
import type { TriggerKind } from '../../model/scenario-triggers.ts';
import { actionFamily, describeAction, FAMILY_LABEL, type ActionFamily } from '../player/describe-action.ts';
import { formatAt } from '../player/TimelineTrack.tsx';
import { useStore } from '../store/index.ts';
import { ACTION_TYPES, actionTemplate, TRIGGER_KINDS, triggerTemplate, type ActionType } from './action-templates.ts';
import { entryJson, parseEntryJson, parsePart, validateEntry, type EntryParse } from './entry-json.ts';
import { commitTimeline, currentTimeline } from './timeline-commit.ts';

const TRIGGER_LABEL: Record<TriggerKind, string> = {
  step: 'another entry was carried out (step)',
  pairState: 'a pair reached a state (pairState)',
  jobDone: 'a tape or copy job ended (jobDone)',
  runbookDone: 'a runbook finished (runbookDone)',
  alert: 'an alert was raised (alert)',
};

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Commit a parsed entry; the notice says where it landed. Null when taken, else why not. */
function commitEntry(r: EntryParse, verb: string): string | null {
  if (!r.ok) return r.message;
  const entry = r.value.timeline[r.value.index];
  const when = entry.atS === undefined ? 'after its event' : `at ${formatAt(entry.atS)}`;
  const taken = commitTimeline(r.value.timeline, `${verb} entry ${r.value.index + 1} (runs ${when})`);
  return taken ? null : 'The timeline cannot be edited now (stop recording first).';
}

/** Escape anywhere in the form closes it without change. */
function onEscape(close: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
}

/** The action types as a select, grouped by family, each labelled with its template's description. */
function ActionTypeSelect({ id, scenario, value, onChange }: { id: string; scenario: Scenario; value: ActionType; onChange(t: ActionType): void }) {
  const byFamily = new Map<ActionFamily, { type: ActionType; label: string }[]>();
  for (const type of ACTION_TYPES) {
    const a = actionTemplate(type, scenario);
    const list = byFamily.get(actionFamily(a)) ?? [];
    list.push({ type, label: `${type} — ${describeAction(a)}` });
    byFamily.set(actionFamily(a), list);
  }
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as ActionType)}>
      {[...byFamily].map(([family, options]) => (
        <optgroup key={family} label={FAMILY_LABEL[family]}>
          {options.map((o) => (
            <option key={o.type} value={o.type}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** Seconds from a text field: a number, undefined when blank, the raw text otherwise (the schema then names it). */
function seconds(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());

interface AddDraft {
  type: ActionType;
  actionText: string;
  atEvent: boolean;
  atText: string;
  triggerKind: TriggerKind;
  triggerText: string;
  delayText: string;
  id: string;
  note: string;
}

function initialDraft(scenario: Scenario): AddDraft {
  const type: ActionType = 'pairSplit';
  return {
    type,
    actionText: pretty(actionTemplate(type, scenario)),
    atEvent: false,
    atText: '0',
    triggerKind: 'step',
    triggerText: pretty(triggerTemplate('step', scenario)),
    delayText: '',
    id: '',
    note: '',
  };
}

/** The entry the draft describes, through the same validation as the JSON editor. */
function parseDraft(d: AddDraft, timeline: readonly TimelineEntry[]): EntryParse {
  const action = parsePart(d.actionText, 'action');
  if (!action.ok) return action;
  const when: Record<string, unknown> = {};
  if (d.atEvent) {
    const trigger = parsePart(d.triggerText, 'after');
    if (!trigger.ok) return trigger;
    when.after = trigger.value;
    when.delayS = seconds(d.delayText);
  } else {
    when.atS = seconds(d.atText) ?? 0;
  }
  const entry = { id: optionalText(d.id), ...when, action: action.value, note: optionalText(d.note) };
  return validateEntry(JSON.parse(JSON.stringify(entry)) as unknown, timeline, null);
}

export function AddEntryForm({ onClose }: { onClose(): void }) {
  const scenario = useStore((s) => s.scenario);
  const [draft, setDraft] = useState(() => initialDraft(scenario));
  const [error, setError] = useState<string | null>(null);
  const ids = { type: useId(), at: useId(), kind: useId(), trigger: useId(), delay: useId(), action: useId(), id: useId(), note: useId(), error: useId() };
  const set = (patch: Partial<AddDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const add = () => {
    const message = commitEntry(parseDraft(draft, currentTimeline()), 'Added');
    setError(message);
    if (message === null) onClose();
  };
  const described = error ? ids.error : undefined;
  return (
    <form
      className="tl-form"
      aria-label="Add a timeline entry"
      onKeyDown={onEscape(onClose)}
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <h4 className="tl-form-title">New timeline entry</h4>
      <div className="field">
        <label htmlFor={ids.type}>Action</label>
        <ActionTypeSelect id={ids.type} scenario={scenario} value={draft.type} onChange={(type) => set({ type, actionText: pretty(actionTemplate(type, scenario)) })} />
      </div>
      <fieldset className="tl-form-when">
        <legend>When</legend>
        <label className="tl-radio">
          <input type="radio" name={`${ids.at}-when`} checked={!draft.atEvent} onChange={() => set({ atEvent: false })} /> at a time
        </label>
        <label className="tl-radio">
          <input type="radio" name={`${ids.at}-when`} checked={draft.atEvent} onChange={() => set({ atEvent: true })} /> after an event
        </label>
        {draft.atEvent ? (
          <>
            <div className="field">
              <label htmlFor={ids.kind}>Event</label>
              <select id={ids.kind} value={draft.triggerKind} onChange={(e) => set({ triggerKind: e.target.value as TriggerKind, triggerText: pretty(triggerTemplate(e.target.value as TriggerKind, scenario)) })}>
                {TRIGGER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {TRIGGER_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.trigger}>Event (JSON)</label>
              <textarea id={ids.trigger} className="tl-json" rows={Math.min(10, draft.triggerText.split('\n').length + 1)} spellCheck={false} value={draft.triggerText} onChange={(e) => set({ triggerText: e.target.value })} aria-describedby={described} />
            </div>
            <div className="field tl-form-seconds">
              <label htmlFor={ids.delay}>Delay after the event</label>
              <span className="field-control">
                <input id={ids.delay} type="text" inputMode="decimal" placeholder="0" value={draft.delayText} onChange={(e) => set({ delayText: e.target.value })} />
                <span className="field-unit">s</span>
              </span>
            </div>
          </>
        ) : (
          <div className="field tl-form-seconds">
            <label htmlFor={ids.at}>Time in seconds</label>
            <span className="field-control">
              <input id={ids.at} type="text" inputMode="decimal" value={draft.atText} onChange={(e) => set({ atText: e.target.value })} aria-describedby={described} />
              <span className="field-unit">s{typeof seconds(draft.atText) === 'number' ? ` · ${formatAt(seconds(draft.atText) as number)}` : ''}</span>
            </span>
          </div>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.action}>Action (JSON)</label>
        <textarea id={ids.action} className="tl-json" rows={Math.min(12, draft.actionText.split('\n').length + 1)} spellCheck={false} value={draft.actionText} onChange={(e) => set({ actionText: e.target.value })} aria-describedby={described} />
      </div>
      <div className="field tl-form-id">
        <label htmlFor={ids.id}>Id (optional)</label>
        <input id={ids.id} type="text" spellCheck={false} placeholder="none" value={draft.id} onChange={(e) => set({ id: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.note}>Note (optional)</label>
        <textarea id={ids.note} className="tl-form-note" rows={2} placeholder="Narration for trainers" value={draft.note} onChange={(e) => set({ note: e.target.value })} />
      </div>
      {error ? (
        <p className="field-error tl-refusal" id={ids.error} role="alert">
          {error}
        </p>
      ) : null}
      <div className="tl-form-buttons">
        <button type="submit" className="btn btn-small btn-primary">
          Add
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Entry `index` as JSON in a textarea; Apply validates and commits, Escape / Cancel closes. */
export function EntryJsonEditor({ entry, index, onClose }: { entry: TimelineEntry; index: number; onClose(): void }) {
  const n = index + 1;
  const saved = useRef(entryJson(entry)).current;
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const applyJson = () => {
    const message = commitEntry(parseEntryJson(text, currentTimeline(), index), 'Changed');
    setError(message);
    if (message === null) onClose();
  };
  return (
    <div className="tl-form tl-form-json" role="group" aria-label={`Entry ${n} JSON`} onKeyDown={onEscape(onClose)}>
      <textarea
        className="tl-json"
        aria-label={`Entry ${n} as JSON`}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        rows={Math.min(16, text.split('\n').length + 1)}
        spellCheck={false}
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
      />
      {error ? (
        <p className="field-error tl-refusal" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      <div className="tl-form-buttons">
        <button type="button" className="btn btn-small btn-primary" onClick={applyJson} disabled={text === saved}>
          Apply
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
