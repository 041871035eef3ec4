/** The runbook stepper as data: listing, commands, notes, the highlighted step and the position. */
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../model/scenario.ts';
import { onlineRunbook } from './backup-fixtures.ts';
import {
  highlightedStep,
  idleStatus,
  positionText,
  runbookAction,
  runbookLine,
  runbookNote,
  runbookViews,
  suggestedVerb,
} from './runbook-view.ts';

const def = (id: string, stepMode = false): Runbook => ({
  id,
  name: `Runbook ${id}`,
  description: '',
  stepMode,
  steps: [
    { n: 400, title: 'User starts the backup', durationS: 0 },
    { n: 404, title: 'Mirror split', actor: 'db-server', detail: 'the mirror program splits', durationS: 0.5 },
  ],
});

describe('runbook view › listing', () => {
  it('lists the scenario’s runbooks in order, idle until the engine reports them, then the engine’s others', () => {
    const running = onlineRunbook({ id: 'b', state: 'running' });
    const extra = onlineRunbook({ id: 'z' });
    const views = runbookViews([def('a'), def('b')], [extra, running]);
    expect(views.map((v) => [v.id, v.state])).toEqual([
      ['a', 'idle'],
      ['b', 'running'],
      ['z', 'paused'],
    ]);
    expect(views[1]).toBe(running);
  });

  it('builds an idle status from a definition: every step pending, nothing changed', () => {
    const idle = idleStatus(def('a', true));
    expect(idle).toMatchObject({ id: 'a', state: 'idle', current: -1, stepMode: true, pauseBefore: null });
    expect(idle.steps.map((s) => [s.n, s.state, s.actor, s.startedS])).toEqual([
      [400, 'pending', null, null],
      [404, 'pending', 'db-server', null],
    ]);
    expect(idle.steps[1].detail).toBe('the mirror program splits');
  });
});

describe('runbook view › commands', () => {
  it('maps each button to its scenario action and a readable line', () => {
    expect(runbookAction('start', 'online')).toEqual({ type: 'startRunbook', runbook: 'online' });
    expect(runbookAction('pause', 'online')).toEqual({ type: 'pauseRunbook', runbook: 'online' });
    expect(runbookAction('resume', 'online')).toEqual({ type: 'resumeRunbook', runbook: 'online', oneStep: false });
    expect(runbookAction('step', 'online')).toEqual({ type: 'resumeRunbook', runbook: 'online', oneStep: true });
    expect(runbookLine('step', 'online')).toBe('runbook step online');
  });

  it('suggests Start, Pause or Step by state', () => {
    expect(suggestedVerb('idle')).toBe('start');
    expect(suggestedVerb('done')).toBe('start');
    expect(suggestedVerb('running')).toBe('pause');
    expect(suggestedVerb('waiting')).toBe('pause');
    expect(suggestedVerb('paused')).toBe('step');
  });

  it('notes the engine’s answer: accepted, redundant, or the refusal', () => {
    expect(runbookNote('runbook start a', { ok: true }, 3)).toEqual({ tone: 'ok', command: 'runbook start a', text: 'accepted', atS: 3 });
    expect(runbookNote('runbook pause a', { ok: true, redundant: true, message: 'already paused' }, 3).text).toBe('already paused');
    expect(runbookNote('runbook start a', { ok: false, message: 'runbook a is running' }, 4)).toMatchObject({
      tone: 'rejected',
      text: 'rejected: runbook a is running',
    });
  });
});

describe('runbook view › position', () => {
  it('highlights the current step while the runbook is under way, none before or after', () => {
    expect(highlightedStep(onlineRunbook())).toBe(405);
    expect(highlightedStep(onlineRunbook({ state: 'failed', current: 1 }))).toBe(404);
    expect(highlightedStep(onlineRunbook({ state: 'done', current: 3 }))).toBeNull();
    expect(highlightedStep(idleStatus(def('a')))).toBeNull();
    expect(highlightedStep(onlineRunbook({ current: -1 }))).toBeNull();
  });

  it('says where the runbook is', () => {
    expect(positionText(onlineRunbook())).toBe('step 3 of 4');
    expect(positionText(idleStatus(def('a')))).toBe('not started');
    expect(positionText(onlineRunbook({ state: 'done' }))).toBe('finished, 4 steps');
  });
});
