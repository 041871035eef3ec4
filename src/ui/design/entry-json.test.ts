/**
 * The "Add entry" / "Edit JSON" part of the timeline editor, on the built-in Fig. 5a scenarios:
 * every action type has a starter that parses and fits the scenario, every trigger kind too; an
 * entry parsed from JSON lands in time order (added) or in place (edited), and each rule of the
 * schema and of the whole timeline refuses with a message naming the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Action, Scenario, type TimelineEntry } from '../../model/scenario.ts';
import { Trigger } from '../../model/scenario-triggers.ts';
import { ACTION_TYPES, actionTemplate, TRIGGER_KINDS, triggerTemplate } from './action-templates.ts';
import { entryJson, parseEntryJson, type EntryParse } from './entry-json.ts';

const load = (name: string) => Scenario.parse(JSON.parse(readFileSync(new URL(`../../../scenarios/${name}`, import.meta.url), 'utf8')));
const backup = load('fig5a-steady-split-backup.json');
const events = load('fig5a-event-driven-backup.json');
// events: 0 pairCreate @0 · 1 backup-mode @30 · 2 split after step backup-mode · 3 end-backup-mode after step split
// 4 backup after PSUS since split · 5 resync after jobDone

function value(r: EntryParse): { timeline: TimelineEntry[]; index: number } {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.value;
}
function message(r: EntryParse): string {
  if (r.ok) throw new Error('accepted');
  return r.message;
}
const json = (v: unknown) => JSON.stringify(v);

describe('action templates', () => {
  it('cover every action type of the Action union, and no other', () => {
    const union = Action.options.map((o) => o.shape.type.value).sort();
    expect([...ACTION_TYPES].sort()).toEqual(union);
  });

  it.each(ACTION_TYPES)('%s: parses with Action and has the requested type', (type) => {
    const a = actionTemplate(type, backup);
    expect(a.type).toBe(type);
    expect(Action.parse(a)).toEqual(a);
  });

  it('fit the loaded scenario: its copy group, server, workload, library and LDEV', () => {
    const topo = backup.topology;
    expect(actionTemplate('pairSplit', backup)).toMatchObject({ group: topo.copyGroups[0].id });
    const start = actionTemplate('startWorkload', backup);
    const server = topo.devices.find((d) => d.kind === 'server' && d.id === (start as { serverId: string }).serverId);
    expect(server?.kind === 'server' && server.workloads.some((w) => w.id === (start as { workloadId: string }).workloadId)).toBe(true);
    expect(actionTemplate('backupJob', backup)).toMatchObject({ libraryId: 'tape1' });
    const ldevs = topo.devices.flatMap((d) => (d.kind === 'array' ? d.ldevs.map((l) => l.id) : []));
    expect(ldevs).toContain((actionTemplate('setReadOnly', backup) as { ldevId: string }).ldevId);
  });

  it('every template of a scenario plus the added entry still parses as the scenario', () => {
    for (const type of ACTION_TYPES) {
      const r = value(parseEntryJson(json({ atS: 5, action: actionTemplate(type, backup) }), backup.timeline, null));
      expect(Scenario.safeParse({ ...backup, timeline: r.timeline }).success).toBe(true);
    }
  });

  it.each(TRIGGER_KINDS)('trigger %s: parses with Trigger; a step waits for an existing id', (kind) => {
    const t = triggerTemplate(kind, events);
    expect(Trigger.parse(t)).toEqual(t);
    if (t.kind === 'step') expect(events.timeline.some((e) => e.id === t.id)).toBe(true);
  });
});

describe('parseEntryJson', () => {
  const quick = { atS: 200, id: 'quick', action: { type: 'pairSplit', group: 'SI', mode: 'quick' } };

  it('adds a timed entry after the timed ones at or before its time, defaults filled', () => {
    const r = value(parseEntryJson(json({ ...quick, atS: 30 }), events.timeline, null));
    expect(r.index).toBe(2);
    expect(r.timeline).toHaveLength(7);
    expect(r.timeline[2]).toEqual({ atS: 30, id: 'quick', action: { type: 'pairSplit', group: 'SI', mode: 'quick', access: 'rw' } });
    expect(r.timeline.filter((_, i) => i !== 2)).toEqual(events.timeline);
    expect(Scenario.safeParse({ ...events, timeline: r.timeline }).success).toBe(true);
  });

  it('adds an entry waiting on an event at the end', () => {
    const r = value(parseEntryJson(json({ after: { kind: 'step', id: 'resync' }, action: { type: 'pairDelete', group: 'SI' } }), events.timeline, null));
    expect(r.index).toBe(6);
  });

  it('edits an entry in place; a new time moves it into time order', () => {
    const same = value(parseEntryJson(json({ ...events.timeline[1], note: 'changed' }), events.timeline, 1));
    expect(same.index).toBe(1);
    expect(same.timeline[1].note).toBe('changed');
    expect(same.timeline[0]).toBe(events.timeline[0]);
    const moved = value(parseEntryJson(json({ ...events.timeline[0], atS: 60 }), events.timeline, 0));
    expect(moved.index).toBe(1);
    expect(moved.timeline.map((e) => e.atS ?? null)).toEqual([30, 60, null, null, null, null]);
  });

  it('refuses text that is not JSON, naming the line', () => {
    expect(message(parseEntryJson('{ "atS": 3,\n  "action": }', events.timeline, null))).toMatch(/^timeline\[6\]: not JSON \(line 2, column 13/);
  });

  it('refuses a bad action field, naming it', () => {
    const r = parseEntryJson(json({ atS: 1, action: { type: 'pairSplit', group: 'SI', mode: 'fast' } }), events.timeline, 0);
    expect(message(r)).toBe('timeline[0].action.mode: expected one of "steady", "quick", got the string "fast"');
  });

  it('refuses an unknown action type, listing the types', () => {
    expect(message(parseEntryJson(json({ atS: 1, action: { type: 'pairSplat', group: 'SI' } }), events.timeline, null))).toMatch(
      /^timeline\[6\]\.action\.type: expected one of "startWorkload", .*"pairSplit".*got the string "pairSplat"$/,
    );
  });

  it('refuses a trigger field of the wrong kind, naming it', () => {
    expect(message(parseEntryJson(json({ after: { kind: 'pairState', group: 'SI', states: ['SPLIT'] }, action: quick.action }), events.timeline, 3))).toMatch(
      /^timeline\[3\]\.after\.states\[0\]: expected one of "SMPL", /,
    );
  });

  it('refuses atS together with after, and neither', () => {
    expect(message(parseEntryJson(json({ atS: 5, after: { kind: 'step', id: 'split' }, action: quick.action }), events.timeline, null))).toBe(
      'timeline[6].after: give either "atS" (a simulated time) or "after" (an event), not both and not neither',
    );
    expect(message(parseEntryJson(json({ action: quick.action }), events.timeline, null))).toMatch(/^timeline\[6\]\.atS: give either/);
  });

  it('refuses a duplicate id, naming the entry that has it', () => {
    expect(message(parseEntryJson(json({ ...quick, id: 'split' }), events.timeline, null))).toBe('timeline[2].id: "split" is already the id of timeline[3]');
  });

  it('refuses a step or since to a missing id, and waiting for itself', () => {
    expect(message(parseEntryJson(json({ after: { kind: 'step', id: 'nowhere' }, action: quick.action }), events.timeline, null))).toBe(
      'timeline[6].after.id: no timeline entry has id "nowhere"',
    );
    const since = { after: { kind: 'pairState', group: 'SI', states: ['PSUS'] }, since: 'gone', action: quick.action };
    expect(message(parseEntryJson(json(since), events.timeline, null))).toBe('timeline[6].since: no timeline entry has id "gone"');
    expect(message(parseEntryJson(json({ id: 'me', after: { kind: 'step', id: 'me' }, action: quick.action }), events.timeline, null))).toBe(
      'timeline[6].after.id: an entry cannot wait for itself',
    );
  });

  it('refuses changing or removing the id of an entry others wait for', () => {
    const { id: _dropped, ...noId } = events.timeline[2];
    void _dropped;
    expect(message(parseEntryJson(json(noId), events.timeline, 2))).toBe(
      'timeline[2].id: entry 4 (end-backup-mode), entry 5 (backup) wait for "split": rename it with the id field, which renames the references too',
    );
  });

  it('round-trips an entry through its JSON text unchanged', () => {
    events.timeline.forEach((e, i) => {
      const r = value(parseEntryJson(entryJson(e), events.timeline, i));
      expect(r.timeline).toEqual(events.timeline);
    });
  });

  it('refuses an index that is not an entry', () => {
    expect(message(parseEntryJson(json(quick), events.timeline, 9))).toBe('There is no entry 10.');
  });
});
