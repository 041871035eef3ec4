/**
 * The v2 timeline entry schema: exactly one of `atS` and `after`, `delayS` only with `after`,
 * unique ids, `step` triggers naming an existing other entry — each refusal names the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, type LocatedError } from './parse.ts';
import { describeTrigger, Trigger } from './scenario-triggers.ts';

const base = () => JSON.parse(readFileSync(new URL('../../scenarios/fig5a-steady-split.json', import.meta.url), 'utf8')) as { timeline: Record<string, unknown>[] };
const split = { type: 'pairSplit', group: 'SI' };

function errorsWith(timeline: Record<string, unknown>[]): LocatedError[] {
  const doc = base();
  doc.timeline = timeline;
  const r = parseDocument(doc);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.errors;
}

describe('timeline entry › at a time or after an event', () => {
  it('accepts an entry after an event, with a delay and an id', () => {
    const doc = base();
    doc.timeline.push({ id: 'read', after: { kind: 'pairState', group: 'SI', states: ['PSUS'] }, delayS: 2, action: split });
    const r = parseDocument(doc);
    expect(r.ok).toBe(true);
  });

  it('refuses both atS and after, and neither, naming the field', () => {
    expect(errorsWith([{ atS: 1, after: { kind: 'step', id: 'x' }, action: split }]).map((e) => e.path)).toContain('timeline[0].after');
    const [neither] = errorsWith([{ action: split }]);
    expect(neither.path).toBe('timeline[0].atS');
    expect(neither.message).toMatch(/either "atS" .* or "after"/);
  });

  it('refuses delayS without after', () => {
    expect(errorsWith([{ atS: 1, delayS: 3, action: split }])[0].path).toBe('timeline[0].delayS');
  });

  it('refuses a duplicate id, a step trigger on a missing id, and an entry waiting for itself', () => {
    expect(errorsWith([{ id: 'a', atS: 1, action: split }, { id: 'a', atS: 2, action: split }])[0]).toMatchObject({ path: 'timeline[1].id' });
    const [missing] = errorsWith([{ after: { kind: 'step', id: 'ghost' }, action: split }]);
    expect(missing.path).toBe('timeline[0].after.id');
    expect(missing.message).toMatch(/no timeline entry has id "ghost"/);
    expect(errorsWith([{ id: 'me', after: { kind: 'step', id: 'me' }, action: split }])[0].message).toMatch(/cannot wait for itself/);
  });

  it('refuses since without an event trigger, with a step trigger, or naming no entry', () => {
    expect(errorsWith([{ atS: 1, since: 'a', action: split }]).map((e) => e.path)).toContain('timeline[0].since');
    expect(errorsWith([{ id: 'a', atS: 1, action: split }, { after: { kind: 'step', id: 'a' }, since: 'a', action: split }]).map((e) => e.path)).toContain('timeline[1].since');
    const [ghost] = errorsWith([{ after: { kind: 'pairState', group: 'SI', states: ['PAIR'] }, since: 'ghost', action: split }]);
    expect(ghost).toMatchObject({ path: 'timeline[0].since' });
    expect(ghost.message).toMatch(/no timeline entry has id "ghost"/);
  });

  it('lists the trigger kinds for an unknown one', () => {
    const [e] = errorsWith([{ after: { kind: 'whenever' }, action: split }]);
    expect(e.path).toBe('timeline[0].after.kind');
    expect(e.message).toMatch(/"pairState".*"jobDone".*"runbookDone".*"alert".*"step"/);
  });
});

describe('describeTrigger', () => {
  it('says each kind in one line', () => {
    const d = (t: unknown) => describeTrigger(Trigger.parse(t));
    expect(d({ kind: 'pairState', group: 'SI', device: 'db', states: ['PSUS', 'PSUE'] })).toBe('pair SI/db in PSUS or PSUE');
    expect(d({ kind: 'jobDone', job: 'bk' })).toBe('job bk ended');
    expect(d({ kind: 'runbookDone', runbook: 'rb' })).toBe('runbook rb finished');
    expect(d({ kind: 'alert', alertKind: 'fault', minSeverity: 'critical', deviceId: 'sw1' })).toBe('alert fault (critical or worse) on sw1');
    expect(d({ kind: 'alert' })).toBe('alert');
    expect(d({ kind: 'step', id: 'split' })).toBe('step split carried out');
  });
});
