/**
 * The scenario inspector's "Timeline" section, for trainers: every timeline entry in document
 * order — when it runs (seconds for a timed entry; the event and a delay for one that waits), its
 * action with the player's family colour, its id, its note — with delete and up/down (among the
 * entries at the same time). Drafts stay in the fields; a field commits on Enter or blur (the
 * note on blur), each commit one undoable edit of the document, which reloads the emulation.
 *
 * The edits themselves, and their refusals, are timeline-edits.ts. Rows are memoised on their
 * entry, and every handler reads the store's timeline when it runs, so an edit re-renders only
 * the rows it changed (a timeline of hundreds of entries stays responsive).
 *
 * Adding an entry ("Add entry" under the list) and editing an entry's action or trigger ("Edit
 * JSON" on its card) are EntryForm.tsx's; recording a run adds entries too (RecordControl.tsx).
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import { TimelineEntry } from '../../model/scenario.ts';
import type { TimelineEntry as Entry } from '../../model/scenario.ts';
import { describeTrigger } from '../../model/scenario-triggers.ts';
import { actionFamily, describeAction, FAMILY_LABEL } from '../player/describe-action.ts';
import { formatAt } from '../player/TimelineTrack.tsx';
import '../player/player.css';
import { useStore } from '../store/index.ts';
import { AddEntryForm, EntryJsonEditor } from './EntryForm.tsx';
import type { Validated } from './field-validation.ts';
import { FieldError } from './fields/FieldError.tsx';
import { NumberField } from './fields/NumberField.tsx';
import { canMove, deleteEntry, moveEntry, NOTE_MAX_CHARS, setEntryDelay, setEntryId, setEntryNote, setEntryTime, type MoveDirection, type TimelineEdit } from './timeline-edits.ts';
import { commitTimeline, currentTimeline } from './timeline-commit.ts';
import './timeline-editor.css';
import { useFieldDraft } from './useFieldDraft.ts';

const EMPTY_TEXT = "No timeline entries. Add one below, record a run (Record in the player strip) or use the console's record.";

/** A note this long shows its length against the limit. */
const NOTE_COUNT_FROM = NOTE_MAX_CHARS - 200;

const current = currentTimeline;

/** Apply `edit` to the store's timeline: committed, or its refusal message. */
function apply(edit: (t: Entry[]) => TimelineEdit, notice?: string): string | null {
  const r = edit(current());
  if (!r.ok) return r.message;
  commitTimeline(r.value, notice);
  return null;
}

/** Commit an already validated timeline (the fields validate against the store when they commit). */
const commitValidated = (timeline: Entry[]) => void commitTimeline(timeline);

/** A field whose draft text becomes a whole new timeline (the id: unique, references renamed). */
function IdField({ index, value }: { index: number; value: string | undefined }) {
  const id = useId();
  const validate = (text: string): Validated<Entry[]> => setEntryId(current(), index, text);
  const { inputProps, error, errorId } = useFieldDraft(value ?? '', validate, commitValidated);
  return (
    <div className={`field field-compact tl-id${error ? ' has-error' : ''}`}>
      <span className="field-control">
        <label htmlFor={id} className="tl-id-label">
          id
        </label>
        <input id={id} type="text" aria-label={`Entry ${index + 1} id`} placeholder="none" spellCheck={false} {...inputProps} />
      </span>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** The note: a textarea that commits on blur (Enter makes a new line); Escape reverts. */
function NoteField({ index, value }: { index: number; value: string | undefined }) {
  const { inputProps, error, errorId } = useFieldDraft(value ?? '', (text) => setEntryNote(current(), index, text), commitValidated, { multiline: true });
  const length = inputProps.value.length;
  return (
    <div className={`field tl-note${error ? ' has-error' : ''}`}>
      <textarea aria-label={`Entry ${index + 1} note`} placeholder="Narration for trainers (optional)" rows={Math.min(6, Math.max(2, Math.ceil(length / 48)))} {...inputProps} />
      {length > NOTE_COUNT_FROM ? <span className={`tl-note-count${length > NOTE_MAX_CHARS ? ' is-over' : ''}`}>{length} / {NOTE_MAX_CHARS}</span> : null}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/**
 * Commit a new time for entry `index`. The entry moves to its place in time order; the notice
 * says where. (Focus stays in the field, which now shows the entry that took the place: moving
 * it along would blur the field before its draft follows the new entry, committing it twice.)
 */
function commitTime(index: number, atS: number): void {
  const before = current();
  const r = setEntryTime(before, index, atS);
  if (!r.ok || r.value === before) return;
  const kept = new Set(before);
  const moved = r.value.findIndex((e) => !kept.has(e));
  const where = moved === index ? '' : ` (now entry ${moved + 1})`;
  commitTimeline(r.value, `Entry ${index + 1} runs at ${formatAt(r.value[moved].atS ?? 0)}${where}`);
}

/** When the entry runs: its time in seconds, or its event and a delay. */
function When({ entry, index }: { entry: Entry; index: number }) {
  const n = index + 1;
  if (entry.after === undefined) {
    return (
      <div className="tl-when">
        <NumberField
          label="Time"
          compact
          accessibleName={`Entry ${n} time in seconds`}
          unit={`s · ${formatAt(entry.atS ?? 0)}`}
          value={entry.atS}
          schema={TimelineEntry.shape.atS.unwrap()}
          onCommit={(v) => v !== undefined && commitTime(index, v)}
        />
      </div>
    );
  }
  const since = entry.since === undefined ? '' : ` (since ${entry.since})`;
  return (
    <div className="tl-when tl-when-event">
      <span className="tl-trigger" title="Runs the first time this happens">
        after {describeTrigger(entry.after)}
        {since}
      </span>
      <span className="tl-delay-label" aria-hidden="true">
        delay
      </span>
      <NumberField
        label="Delay"
        compact
        optional
        accessibleName={`Entry ${n} delay in seconds`}
        unit="s"
        placeholder="0"
        value={entry.delayS}
        schema={TimelineEntry.shape.delayS.unwrap()}
        onCommit={(v) => apply((t) => setEntryDelay(t, index, v))}
      />
    </div>
  );
}

const moveButtonId = (index: number, d: MoveDirection) => `tl-move-${d < 0 ? 'up' : 'down'}-${index}`;

function focusFirstEnabled(ids: readonly string[]): void {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el instanceof HTMLButtonElement && !el.disabled) return el.focus();
  }
}

interface RowProps {
  entry: Entry;
  index: number;
  canUp: boolean;
  canDown: boolean;
  /** Where the row's buttons send a refusal, and the row's own refusal to show. */
  onRefused(index: number, message: string | null): void;
  refusal: string | null;
}

const Row = memo(function Row({ entry, index, canUp, canDown, onRefused, refusal }: RowProps) {
  const n = index + 1;
  const family = actionFamily(entry.action);
  const errorId = useId();
  const [editingJson, setEditingJson] = useState(false);
  const jsonButton = useRef<HTMLButtonElement>(null);
  // The box edits the entry it opened on: another entry in this place (an undo, an add) closes it.
  useEffect(() => setEditingJson(false), [entry]);
  const closeJson = () => {
    setEditingJson(false);
    requestAnimationFrame(() => jsonButton.current?.focus());
  };
  const run = (edit: (t: Entry[]) => TimelineEdit, notice: string, focusIds?: string[]) => {
    const message = apply(edit, notice);
    onRefused(index, message);
    if (message === null && focusIds) requestAnimationFrame(() => focusFirstEnabled(focusIds));
  };
  // Focus follows the moved entry: the same button on its new row, or the other one at the end of its slot.
  const move = (d: MoveDirection) => run((t) => moveEntry(t, index, d), `Moved entry ${n} ${d < 0 ? 'up' : 'down'}`, [moveButtonId(index + d, d), moveButtonId(index + d, d < 0 ? 1 : -1)]);
  return (
    <li className="tl-entry" aria-label={`Entry ${n}`}>
      <div className="tl-head">
        <span className="tl-num">{n}</span>
        <When entry={entry} index={index} />
        <span className="tl-buttons">
          <button type="button" id={moveButtonId(index, -1)} className="btn-x tl-move" aria-label={`Move entry ${n} up`} title="Earlier among the entries at this time" disabled={!canUp} onClick={() => move(-1)}>
            ↑
          </button>
          <button type="button" id={moveButtonId(index, 1)} className="btn-x tl-move" aria-label={`Move entry ${n} down`} title="Later among the entries at this time" disabled={!canDown} onClick={() => move(1)}>
            ↓
          </button>
          <button type="button" className="btn-x" aria-label={`Delete entry ${n}`} aria-describedby={refusal ? errorId : undefined} title="Delete this entry" onClick={() => run((t) => deleteEntry(t, index), `Deleted entry ${n}`)}>
            ×
          </button>
        </span>
      </div>
      <div className="tl-action">
        <span className={`tl-swatch fam-${family}`} title={FAMILY_LABEL[family]} aria-hidden="true" />
        <span className="tl-desc">{describeAction(entry.action)}</span>
        <button type="button" ref={jsonButton} className="btn-link tl-json-button" aria-label={`Edit entry ${n} JSON`} aria-expanded={editingJson} onClick={() => setEditingJson((v) => !v)}>
          Edit JSON
        </button>
      </div>
      {editingJson ? <EntryJsonEditor entry={entry} index={index} onClose={closeJson} /> : null}
      <IdField index={index} value={entry.id} />
      <NoteField index={index} value={entry.note} />
      {refusal ? (
        <p className="field-error tl-refusal" id={errorId} role="alert">
          {refusal}
        </p>
      ) : null}
    </li>
  );
});

export function TimelineEditor() {
  const timeline = useStore((s) => s.scenario.timeline);
  const [refusal, setRefusal] = useState<{ index: number; message: string } | null>(null);
  // A refusal belongs to the timeline it was made on: any change of the timeline clears it.
  useEffect(() => setRefusal(null), [timeline]);
  const [onRefused] = useState(() => (index: number, message: string | null) => setRefusal(message === null ? null : { index, message }));
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const closeAdd = () => {
    setAdding(false);
    requestAnimationFrame(() => addButton.current?.focus());
  };
  const n = timeline.length;
  return (
    <section className="form-section timeline-editor" aria-label="Timeline">
      <h3>
        Timeline <span className="tl-count">{n === 1 ? '1 entry' : `${n} entries`}</span>
      </h3>
      {n === 0 ? (
        <p className="muted">{EMPTY_TEXT}</p>
      ) : (
        <ol className="tl-list">
          {timeline.map((entry, i) => (
            <Row
              key={i}
              entry={entry}
              index={i}
              canUp={canMove(timeline, i, -1)}
              canDown={canMove(timeline, i, 1)}
              onRefused={onRefused}
              refusal={refusal?.index === i ? refusal.message : null}
            />
          ))}
        </ol>
      )}
      {adding ? (
        <AddEntryForm onClose={closeAdd} />
      ) : (
        <button type="button" ref={addButton} className="btn btn-small tl-add" onClick={() => setAdding(true)}>
          + Add entry
        </button>
      )}
    </section>
  );
}
