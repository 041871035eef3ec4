/**
 * A whole timeline entry as JSON text, for the timeline editor's "Add entry" form and its "Edit
 * JSON" box (EntryForm.tsx): parse, validate with the `TimelineEntry` schema and then the rules
 * the whole timeline keeps, and return the new timeline or one message naming the field.
 *
 * Invariants kept (as timeline-edits.ts): timed entries stay in `atS` order and waiting entries
 * after them (an added entry goes after the entries already at its time; an edited entry stays
 * in place unless its time moves it); ids stay unique; every `step` trigger and `since` names
 * another existing entry; an entry others wait for keeps its id. Messages read
 * `timeline[3].action.mode: expected one of "steady", "quick", got the string "fast"`: the field
 * path in the document, then the model's own zod wording (zod-messages.ts).
 *
 * Pure. Does not handle: references the emulation checks when it loads (an unknown copy group
 * or server: the load error names them), nor committing (EntryForm.tsx).
 */
import { formatPath, scanJson, type PathSegment } from '../../model/json-positions.ts';
import { TimelineEntry, timelineIdIssues } from '../../model/scenario.ts';
import { describeIssue } from '../../model/zod-messages.ts';
import type { Validated } from './field-validation.ts';
import { entryLabel, referencesTo, sortTimeline } from './timeline-edits.ts';

export type EntryParse = Validated<{ timeline: TimelineEntry[]; index: number }>;

const refuse = (message: string): EntryParse => ({ ok: false, message });

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** `timeline[3].after.group` for a path inside the entry at `at`. */
function field(at: number, path: readonly PathSegment[]): string {
  return formatPath(['timeline', at, ...path]);
}

/** The timeline with `entry` added (time order) or in place of entry `index`; and where it is. */
function placed(timeline: readonly TimelineEntry[], entry: TimelineEntry, index: number | null): { timeline: TimelineEntry[]; index: number } {
  const next = index === null ? [...timeline, entry] : timeline.map((e, i) => (i === index ? entry : e));
  const sorted = sortTimeline(next);
  return { timeline: sorted, index: sorted.indexOf(entry) };
}

/**
 * The rules of the whole timeline for the entry at `at` of `next`: the scenario's own id rules
 * (`timelineIdIssues`, also where another entry's id now clashes with this one's), then that an
 * entry others wait for keeps its id.
 */
function timelineRule(next: readonly TimelineEntry[], at: number, before: TimelineEntry | undefined): string | null {
  const entry = next[at];
  const issues = timelineIdIssues(next);
  const own = issues.find((x) => x.index === at);
  if (own) return `${field(at, own.path)}: ${own.message}`;
  // The entry landed before the one that already had its id: the schema blames the later one.
  const clash = issues.find((x) => x.path[0] === 'id' && next[x.index].id === entry.id);
  if (clash) return `${field(at, ['id'])}: "${entry.id}" is already the id of timeline[${clash.index}]`;
  if (before?.id !== undefined && before.id !== entry.id) {
    const waiting = referencesTo(next, before.id);
    if (waiting.length > 0) {
      const names = waiting.map((i) => entryLabel(next, i)).join(', ');
      return `${field(at, ['id'])}: ${names} ${waiting.length === 1 ? 'waits' : 'wait'} for "${before.id}": rename it with the id field, which renames the references too`;
    }
  }
  return null;
}

/**
 * Validate `value` (an already parsed entry) as entry `index` of `timeline` (null: a new entry).
 * The new timeline and the entry's place in it, or a message naming the field.
 */
export function validateEntry(value: unknown, timeline: readonly TimelineEntry[], index: number | null): EntryParse {
  if (index !== null && !(Number.isInteger(index) && index >= 0 && index < timeline.length)) return refuse(`There is no entry ${index + 1}.`);
  const at = index ?? timeline.length;
  const r = TimelineEntry.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    return refuse(`${field(at, path)}: ${describeIssue(issue, valueAt(value, path))}`);
  }
  const next = placed(timeline, r.data, index);
  const broken = timelineRule(next.timeline, next.index, index === null ? undefined : timeline[index]);
  return broken === null ? { ok: true, value: next } : refuse(broken);
}

/** Parse `text` as entry `index` of `timeline` (null: add it); see validateEntry. */
export function parseEntryJson(text: string, timeline: readonly TimelineEntry[], index: number | null): EntryParse {
  const at = index ?? timeline.length;
  const scan = scanJson(text);
  if (!scan.ok) return refuse(`${field(at, [])}: not JSON (line ${scan.line}, column ${scan.column}: ${scan.message})`);
  return validateEntry(JSON.parse(text) as unknown, timeline, index);
}

/** An entry as the JSON text the editor shows (two-space indent, the document's key order). */
export function entryJson(entry: TimelineEntry): string {
  return JSON.stringify(entry, null, 2);
}

/** Parse one part of the add form (the action, the trigger) as JSON; the message names the part. */
export function parsePart(text: string, name: string): Validated<unknown> {
  const scan = scanJson(text);
  if (!scan.ok) return { ok: false, message: `${name}: not JSON (line ${scan.line}, column ${scan.column}: ${scan.message})` };
  return { ok: true, value: JSON.parse(text) as unknown };
}
