/** The pair panel's commands: actions, CCI lines, result notes, redundant states. */
import { describe, expect, it } from 'vitest';
import { Action } from '../../model/scenario.ts';
import { DEFAULT_OPTIONS, VERBS, actionFor, cciLine, isRedundant, resultNote } from './pair-commands.ts';

const d1 = { group: 'G', device: 'd1' };

describe('pair commands › actions', () => {
  it('builds a valid scenario action for every verb, for a device and for a whole group', () => {
    for (const { verb } of VERBS) {
      for (const target of [d1, { group: 'G' }]) {
        const action = actionFor(verb, target, DEFAULT_OPTIONS);
        expect(Action.safeParse(action).success).toBe(true);
        expect('device' in action).toBe(target === d1);
      }
    }
  });

  it('carries the options: pace (clamped to 1–15), split mode, S-VOL read-only', () => {
    expect(actionFor('create', d1, { ...DEFAULT_OPTIONS, pace: 15 })).toEqual({ type: 'pairCreate', group: 'G', device: 'd1', pace: 15, split: false });
    expect(actionFor('create', d1, { ...DEFAULT_OPTIONS, pace: 40 })).toMatchObject({ pace: 15 });
    expect(actionFor('create', d1, { ...DEFAULT_OPTIONS, pace: 0 })).toMatchObject({ pace: 1 });
    expect(actionFor('split', d1, { pace: 3, splitMode: 'quick', readOnly: true })).toEqual({ type: 'pairSplit', group: 'G', device: 'd1', mode: 'quick', access: 'r' });
    expect(actionFor('split', d1, DEFAULT_OPTIONS)).toMatchObject({ mode: 'steady', access: 'rw' });
    expect(actionFor('restore', d1, DEFAULT_OPTIONS)).toMatchObject({ type: 'pairResync', restore: true });
    expect(actionFor('resync', d1, DEFAULT_OPTIONS)).toMatchObject({ type: 'pairResync', restore: false });
    expect(actionFor('suspend', d1, DEFAULT_OPTIONS)).toEqual({ type: 'pairSuspend', group: 'G', device: 'd1' });
    expect(actionFor('delete', { group: 'G' }, DEFAULT_OPTIONS)).toEqual({ type: 'pairDelete', group: 'G' });
  });

  it('spells each command as CCI does', () => {
    expect(cciLine('create', d1, { ...DEFAULT_OPTIONS, pace: 15 })).toBe('paircreate -g G -d d1 -vl -c 15');
    expect(cciLine('split', { group: 'G' }, { pace: 3, splitMode: 'quick', readOnly: true })).toBe('pairsplit -g G -fq quick -r');
    expect(cciLine('split', d1, DEFAULT_OPTIONS)).toBe('pairsplit -g G -d d1');
    expect(cciLine('restore', d1, DEFAULT_OPTIONS)).toBe('pairresync -g G -d d1 -restore -c 3');
    expect(cciLine('suspend', d1, DEFAULT_OPTIONS)).toBe('pairsplit -g G -d d1 -E');
    expect(cciLine('delete', d1, DEFAULT_OPTIONS)).toBe('pairsplit -g G -d d1 -S');
  });
});

describe('pair commands › results', () => {
  it('shows the engine’s code and message for a rejection', () => {
    const note = resultNote('pairsplit -g G', { ok: false, code: 'EX_INVSTP', message: 'G/d1: no pair (SMPL)' }, 12);
    expect(note).toEqual({ tone: 'rejected', command: 'pairsplit -g G', text: 'rejected: [EX_INVSTP] G/d1: no pair (SMPL)', atS: 12 });
    expect(resultNote('x', { ok: false }, 0).text).toBe('rejected: no reason given');
  });

  it('tells accepted from redundant', () => {
    expect(resultNote('x', { ok: true }, 0).tone).toBe('ok');
    expect(resultNote('x', { ok: true, redundant: true, message: 'nothing to do' }, 0)).toMatchObject({ tone: 'redundant', text: 'nothing to do' });
  });

  it('marks a command redundant only when every addressed pair is already there', () => {
    expect(isRedundant('resync', ['PAIR'])).toBe(true);
    expect(isRedundant('resync', ['PAIR', 'PSUS'])).toBe(false);
    expect(isRedundant('split', ['PSUS'])).toBe(true);
    expect(isRedundant('create', ['SMPL'])).toBe(false);
    expect(isRedundant('delete', [])).toBe(false);
  });
});
