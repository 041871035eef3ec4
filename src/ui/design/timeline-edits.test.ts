/**
 * The timeline editor's pure part, on the built-in Fig. 5a scenario (timed entries, then entries
 * chained by `step` triggers and `since`) and on small hand-made timelines: each edit's result,
 * its refusals and their messages, and that every result still parses as a scenario.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scenario, type TimelineEntry } from '../../model/scenario.ts';
import type { TimelineEdit } from './timeline-edits.ts';
import {
  canMove,
  deleteEntry,
  moveEntry,
  referencesTo,
  setEntryDelay,
  setEntryId,
  setEntryNote,
  setEntryTime,
  sortTimeline,
} from './timeline-edits.ts';

const fig5a = Scenario.parse(JSON.parse(readFileSync(new URL('../../../scenarios/fig5a-event-driven-backup.json', import.meta.url), 'utf8')));
// 0 pairCreate @0 · 1 backup-mode @30 · 2 split after step backup-mode +1.5 s · 3 end-backup-mode after step split
// 4 backup after PSUS since split · 5 resync after jobDone

const stop = (atS: number, workloadId: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  atS,
  action: { type: 'stopWorkload', serverId: 'db-server', workloadId },
  ...extra,
});

/** A timeline of fig5a's document with `timeline` in it, through the schema. */
const parses = (timeline: TimelineEntry[]) => Scenario.safeParse({ ...fig5a, timeline });

function value(edit: TimelineEdit): TimelineEntry[] {
  if (!edit.ok) throw new Error(`refused: ${edit.message}`);
  return edit.value;
}

function message(edit: TimelineEdit): string {
  if (edit.ok) throw new Error('expected a refusal');
  return edit.message;
}

const ids = (t: TimelineEntry[]) => t.map((e) => e.id ?? e.action.type);

describe('timeline edits › time', () => {
  it('moves an entry to its place in time order, after the entries already at that time', () => {
    const t = [stop(0, 'a'), stop(10, 'b'), stop(20, 'c'), stop(20, 'd')];
    expect(value(setEntryTime(t, 0, 20)).map((e) => e.action.type === 'stopWorkload' && e.action.workloadId)).toEqual(['b', 'c', 'd', 'a']);
    expect(value(setEntryTime(t, 3, 5)).map((e) => e.action.type === 'stopWorkload' && e.action.workloadId)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('keeps the entries waiting on an event after the timed ones', () => {
    const next = value(setEntryTime(fig5a.timeline, 0, 45));
    expect(ids(next)).toEqual(['backup-mode', 'pairCreate', 'split', 'end-backup-mode', 'backup', 'resync']);
    expect(next[1].atS).toBe(45);
  });

  it('keeps times at or above 0, returns the same timeline when nothing changes, refuses an event entry', () => {
    expect(value(setEntryTime(fig5a.timeline, 1, -5))[0].atS).toBe(0);
    expect(setEntryTime(fig5a.timeline, 1, 30)).toEqual({ ok: true, value: fig5a.timeline });
    expect(value(setEntryTime(fig5a.timeline, 1, 30))).toBe(fig5a.timeline);
    expect(message(setEntryTime(fig5a.timeline, 2, 40))).toBe('Entry 3 (split) runs after an event, not at a time: change its delay.');
    expect(message(setEntryTime(fig5a.timeline, 1, Number.NaN))).toBe('enter a number');
    expect(message(setEntryTime(fig5a.timeline, 9, 1))).toBe('There is no entry 10.');
  });

  it('sorts stably: equal times keep their order, event entries go last in their order', () => {
    const ev = (id: string): TimelineEntry => ({ id, after: { kind: 'jobDone', job: 'j' }, action: { type: 'stopWorkload', serverId: 's', workloadId: id } });
    expect(ids(sortTimeline([ev('x'), stop(5, 'a', { id: 'a' }), ev('y'), stop(1, 'b', { id: 'b' }), stop(5, 'c', { id: 'c' })]))).toEqual(['b', 'a', 'c', 'x', 'y']);
  });
});

describe('timeline edits › delay', () => {
  it('sets and clears the delay of an event entry, refuses it on a timed entry and out of range', () => {
    expect(value(setEntryDelay(fig5a.timeline, 2, 4))[2].delayS).toBe(4);
    expect('delayS' in value(setEntryDelay(fig5a.timeline, 2, undefined))[2]).toBe(false);
    expect(value(setEntryDelay(fig5a.timeline, 3, 0))[3].delayS).toBe(0);
    expect(message(setEntryDelay(fig5a.timeline, 1, 4))).toBe('Entry 2 (backup-mode) runs at a time: a delay only goes with an event.');
    expect(message(setEntryDelay(fig5a.timeline, 2, -1))).toBe('must be 0 to 604800');
  });
});

describe('timeline edits › note', () => {
  it('sets a trimmed note, clears a blank one, keeps the other entries as they were', () => {
    const next = value(setEntryNote(fig5a.timeline, 0, '  Pair the volumes.\n'));
    expect(next[0].note).toBe('Pair the volumes.');
    expect(next.slice(1).every((e, i) => e === fig5a.timeline[i + 1])).toBe(true);
    expect('note' in value(setEntryNote(fig5a.timeline, 0, '   '))[0]).toBe(false);
    expect(value(setEntryNote(fig5a.timeline, 0, fig5a.timeline[0].note))).toBe(fig5a.timeline);
  });

  it('takes 2000 characters and refuses 2001', () => {
    expect(value(setEntryNote(fig5a.timeline, 0, 'x'.repeat(2000)))[0].note).toHaveLength(2000);
    expect(message(setEntryNote(fig5a.timeline, 0, 'x'.repeat(2001)))).toBe('a note holds at most 2000 characters (this one has 2001)');
  });
});

describe('timeline edits › id', () => {
  it('renames an id and every step trigger and since that names it', () => {
    const next = value(setEntryId(fig5a.timeline, 2, 'quick-split'));
    expect(next[2].id).toBe('quick-split');
    expect(next[3].after).toEqual({ kind: 'step', id: 'quick-split' });
    expect(next[4].since).toBe('quick-split');
    expect(referencesTo(next, 'split')).toEqual([]);
    expect(referencesTo(next, 'quick-split')).toEqual([3, 4]);
  });

  it('names an entry without an id, and removes an id nothing waits for', () => {
    expect(value(setEntryId(fig5a.timeline, 0, ' create ')).at(0)?.id).toBe('create');
    expect('id' in value(setEntryId(fig5a.timeline, 5, ''))[5]).toBe(false);
  });

  it('refuses a duplicate, an invalid id, and removing an id others wait for', () => {
    expect(message(setEntryId(fig5a.timeline, 0, 'split'))).toBe('"split" is already the id of entry 3');
    expect(message(setEntryId(fig5a.timeline, 0, 'two words'))).toBe('ids use letters, digits and - _ . : only');
    expect(message(setEntryId(fig5a.timeline, 2, undefined))).toBe('cannot remove the id: entry 4 (end-backup-mode), entry 5 (backup) wait for it');
  });
});

describe('timeline edits › delete', () => {
  it('refuses deleting an entry others wait for, naming them', () => {
    expect(message(deleteEntry(fig5a.timeline, 2))).toBe(
      'Entry 3 (split) cannot be deleted: entry 4 (end-backup-mode), entry 5 (backup) wait for it. Change or delete those entries first.',
    );
    expect(message(deleteEntry(fig5a.timeline, 1))).toBe('Entry 2 (backup-mode) cannot be deleted: entry 3 (split) waits for it. Change or delete that entry first.');
  });

  it('deletes an entry nothing waits for', () => {
    expect(ids(value(deleteEntry(fig5a.timeline, 5)))).toEqual(['pairCreate', 'backup-mode', 'split', 'end-backup-mode', 'backup']);
    expect(ids(value(deleteEntry(fig5a.timeline, 0)))).toEqual(['backup-mode', 'split', 'end-backup-mode', 'backup', 'resync']);
  });
});

describe('timeline edits › move', () => {
  const t = [stop(0, 'a', { id: 'a' }), stop(10, 'b', { id: 'b' }), stop(10, 'c', { id: 'c' }), stop(20, 'd', { id: 'd' })];

  it('swaps entries at the same time', () => {
    expect(ids(value(moveEntry(t, 2, -1)))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(value(moveEntry(t, 1, 1)))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('refuses a move across times and past the ends', () => {
    expect([canMove(t, 0, -1), canMove(t, 0, 1), canMove(t, 1, -1), canMove(t, 1, 1), canMove(t, 3, 1)]).toEqual([false, false, false, true, false]);
    expect(message(moveEntry(t, 1, -1))).toBe('Entry 2 (b) can only move among the entries at its time.');
    expect(message(moveEntry(t, 3, 1))).toBe('Entry 4 (d) can only move among the entries at its time.');
  });

  it('moves entries waiting on an event among themselves', () => {
    expect(canMove(fig5a.timeline, 2, -1)).toBe(false);
    expect(ids(value(moveEntry(fig5a.timeline, 3, -1)))).toEqual(['pairCreate', 'backup-mode', 'end-backup-mode', 'split', 'backup', 'resync']);
  });
});

describe('timeline edits › every result is a valid scenario', () => {
  it('for every edit on every entry of Fig. 5a', () => {
    expect(parses(fig5a.timeline).success).toBe(true);
    const n = fig5a.timeline.length;
    const edits: ((i: number) => TimelineEdit)[] = [
      (i) => setEntryTime(fig5a.timeline, i, 12.5),
      (i) => setEntryTime(fig5a.timeline, i, 500),
      (i) => setEntryDelay(fig5a.timeline, i, 3),
      (i) => setEntryDelay(fig5a.timeline, i, undefined),
      (i) => setEntryNote(fig5a.timeline, i, 'A note.'),
      (i) => setEntryNote(fig5a.timeline, i, ''),
      (i) => setEntryId(fig5a.timeline, i, `renamed-${i}`),
      (i) => setEntryId(fig5a.timeline, i, undefined),
      (i) => setEntryId(fig5a.timeline, i, 'backup'),
      (i) => deleteEntry(fig5a.timeline, i),
      (i) => moveEntry(fig5a.timeline, i, -1),
      (i) => moveEntry(fig5a.timeline, i, 1),
    ];
    let accepted = 0;
    for (let i = 0; i < n; i++) {
      for (const edit of edits) {
        const r = edit(i);
        if (!r.ok) continue;
        accepted++;
        const parsed = parses(r.value);
        expect(parsed.success, `edit on entry ${i + 1}: ${parsed.error?.issues[0]?.message}`).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(n * 5);
  });
});
