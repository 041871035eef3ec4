/**
 * The timeline editor's pure part (TimelineEditor.tsx): edits of a scenario's timeline that
 * return a new timeline, or a message a person can act on when the edit would break the document.
 *
 * Invariants kept (a timeline that passes `Scenario.parse` still does after any edit here):
 * - timed entries stay in `atS` order; entries that wait on an event (`after`) stay after them;
 *   every sort is stable, so entries at one time keep their file order (which is their run order);
 * - ids stay unique, and every `after: { kind: 'step', id }` and `since` names an existing entry:
 *   renaming an id renames the references, and an entry others refer to cannot be deleted, nor
 *   its id cleared;
 * - `delayS` only on an entry with `after`; a note holds at most NOTE_MAX_CHARS characters.
 * An edit that changes nothing returns the same array (the caller then commits nothing).
 *
 * Does not handle: references from outside the timeline (expectations or activity checks on
 * `timeline.<id>` or `timeline.#<index>`), nor changing an entry's action or trigger.
 */
import type { TimelineEntry } from '../../model/scenario.ts';
import { Id } from '../../model/topology.ts';
import type { Validated } from './field-validation.ts';

/** The schema's limit on a note (scenario.ts `TimelineEntry.note`). */
export const NOTE_MAX_CHARS = 2000;
/** The schema's limit on `delayS`: one week. */
export const DELAY_MAX_S = 7 * 24 * 3600;

export type TimelineEdit = Validated<TimelineEntry[]>;
export type MoveDirection = -1 | 1;

const ok = (timeline: TimelineEntry[]): TimelineEdit => ({ ok: true, value: timeline });
const refuse = (message: string): TimelineEdit => ({ ok: false, message });

/** "entry 4 (end-backup-mode)": 1-based, as the editor numbers them. */
export function entryLabel(timeline: readonly TimelineEntry[], index: number): string {
  const id = timeline[index]?.id;
  return `entry ${index + 1}${id === undefined ? '' : ` (${id})`}`;
}

/** Indices of the entries that wait for the entry with `id` (a `step` trigger or `since`). */
export function referencesTo(timeline: readonly TimelineEntry[], id: string | undefined): number[] {
  if (id === undefined) return [];
  const out: number[] = [];
  timeline.forEach((e, i) => {
    if ((e.after?.kind === 'step' && e.after.id === id) || e.since === id) out.push(i);
  });
  return out;
}

/** Timed entries in time order, then the entries waiting on an event; stable. */
export function sortTimeline(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return [...timeline].sort((a, b) => (a.atS ?? Number.POSITIVE_INFINITY) - (b.atS ?? Number.POSITIVE_INFINITY));
}

/** Replace entry `index` by `entry` (the other entries keep their identity). */
function replaced(timeline: readonly TimelineEntry[], index: number, entry: TimelineEntry): TimelineEntry[] {
  return timeline.map((e, i) => (i === index ? entry : e));
}

type OptionalKey = 'id' | 'note' | 'delayS';

/** `entry` with `key` set to `value`, or without the key when `value` is undefined. */
function withField<K extends OptionalKey>(entry: TimelineEntry, key: K, value: TimelineEntry[K] | undefined): TimelineEntry {
  const next = { ...entry };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function missing(timeline: readonly TimelineEntry[], index: number): TimelineEdit | null {
  return Number.isInteger(index) && index >= 0 && index < timeline.length ? null : refuse(`There is no entry ${index + 1}.`);
}

/**
 * Run entry `index` at `atS` seconds (negative times become 0). The entry moves to its place in
 * time order, after the entries already at that time.
 */
export function setEntryTime(timeline: TimelineEntry[], index: number, atS: number): TimelineEdit {
  const gone = missing(timeline, index);
  if (gone) return gone;
  const entry = timeline[index];
  if (entry.atS === undefined) return refuse(`${capital(entryLabel(timeline, index))} runs after an event, not at a time: change its delay.`);
  if (!Number.isFinite(atS)) return refuse('enter a number');
  const at = Math.max(0, atS);
  if (at === entry.atS) return ok(timeline);
  const rest = timeline.filter((_, i) => i !== index);
  return ok(sortTimeline([...rest, { ...entry, atS: at }]));
}

/** Seconds between entry `index`'s event and its action; undefined removes the delay (0 s). */
export function setEntryDelay(timeline: TimelineEntry[], index: number, delayS: number | undefined): TimelineEdit {
  const gone = missing(timeline, index);
  if (gone) return gone;
  const entry = timeline[index];
  if (entry.after === undefined) return refuse(`${capital(entryLabel(timeline, index))} runs at a time: a delay only goes with an event.`);
  if (delayS !== undefined && !(Number.isFinite(delayS) && delayS >= 0 && delayS <= DELAY_MAX_S)) return refuse(`must be 0 to ${DELAY_MAX_S}`);
  if (delayS === entry.delayS) return ok(timeline);
  return ok(replaced(timeline, index, withField(entry, 'delayS', delayS)));
}

/** The narration of entry `index`; blank text (or undefined) removes it. Ends are trimmed. */
export function setEntryNote(timeline: TimelineEntry[], index: number, note: string | undefined): TimelineEdit {
  const gone = missing(timeline, index);
  if (gone) return gone;
  const text = note?.trim() ?? '';
  if (text.length > NOTE_MAX_CHARS) return refuse(`a note holds at most ${NOTE_MAX_CHARS} characters (this one has ${text.length})`);
  const value = text === '' ? undefined : text;
  if (value === timeline[index].note) return ok(timeline);
  return ok(replaced(timeline, index, withField(timeline[index], 'note', value)));
}

/** Rename the step / since references from `from` to `to` in every entry. */
function renameReferences(timeline: readonly TimelineEntry[], from: string, to: string): TimelineEntry[] {
  return timeline.map((e) => {
    let next = e;
    if (e.after?.kind === 'step' && e.after.id === from) next = { ...next, after: { ...e.after, id: to } };
    if (e.since === from) next = { ...next, since: to };
    return next;
  });
}

function referrers(timeline: readonly TimelineEntry[], refs: readonly number[]): string {
  const names = refs.map((i) => entryLabel(timeline, i));
  return `${names.join(', ')} ${refs.length === 1 ? 'waits' : 'wait'} for it`;
}

/**
 * Name entry `index` `id` (trimmed; blank or undefined removes the id). A duplicate is refused;
 * a rename carries the entries that wait for the old id along; removing an id others wait for is
 * refused.
 */
export function setEntryId(timeline: TimelineEntry[], index: number, id: string | undefined): TimelineEdit {
  const gone = missing(timeline, index);
  if (gone) return gone;
  const entry = timeline[index];
  const text = id?.trim() ?? '';
  if (text === '') {
    if (entry.id === undefined) return ok(timeline);
    const refs = referencesTo(timeline, entry.id);
    if (refs.length > 0) return refuse(`cannot remove the id: ${referrers(timeline, refs)}`);
    return ok(replaced(timeline, index, withField(entry, 'id', undefined)));
  }
  if (text === entry.id) return ok(timeline);
  const parsed = Id.safeParse(text);
  if (!parsed.success) return refuse(parsed.error.issues[0].message);
  const other = timeline.findIndex((e, i) => i !== index && e.id === text);
  if (other >= 0) return refuse(`"${text}" is already the id of entry ${other + 1}`);
  const renamed = replaced(timeline, index, { ...entry, id: text });
  return ok(entry.id === undefined ? renamed : renameReferences(renamed, entry.id, text));
}

/** Delete entry `index`; refused while other entries wait for it (step trigger or since). */
export function deleteEntry(timeline: TimelineEntry[], index: number): TimelineEdit {
  const gone = missing(timeline, index);
  if (gone) return gone;
  const refs = referencesTo(timeline, timeline[index].id);
  if (refs.length > 0) {
    const them = refs.length === 1 ? 'that entry' : 'those entries';
    return refuse(`${capital(entryLabel(timeline, index))} cannot be deleted: ${referrers(timeline, refs)}. Change or delete ${them} first.`);
  }
  return ok(timeline.filter((_, i) => i !== index));
}

/** Whether two entries share a run slot: the same time, or both waiting on an event. */
function sameSlot(a: TimelineEntry, b: TimelineEntry): boolean {
  return a.atS === undefined ? b.atS === undefined : a.atS === b.atS;
}

/** Whether entry `index` can move one place up (-1) or down (1): only among entries of its slot. */
export function canMove(timeline: readonly TimelineEntry[], index: number, direction: MoveDirection): boolean {
  const other = timeline[index + direction];
  return timeline[index] !== undefined && other !== undefined && sameSlot(timeline[index], other);
}

/**
 * Swap entry `index` with its neighbour: entries at the same time run in file order, so this
 * changes their run order. Refused across times (change the time instead).
 */
export function moveEntry(timeline: TimelineEntry[], index: number, direction: MoveDirection): TimelineEdit {
  const gone = missing(timeline, index);
  if (gone) return gone;
  if (!canMove(timeline, index, direction)) {
    return refuse(`${capital(entryLabel(timeline, index))} can only move among the entries at its time.`);
  }
  const next = timeline.slice();
  next[index] = timeline[index + direction];
  next[index + direction] = timeline[index];
  return ok(next);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
