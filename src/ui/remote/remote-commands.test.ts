/** The Remote tab's commands: actions and lines per button, and the note several answers leave. */
import { describe, expect, it } from 'vitest';
import { Action } from '../../model/scenario.ts';
import { GROUP_VERBS, combinedNote, groupAction, groupLine, verifyLine, wanAction, wanLine } from './remote-commands.ts';

describe('remote commands › actions', () => {
  it('takes over with pairsplit -RS, swaps with pairresync -swaps, resyncs with pairresync — valid scenario actions', () => {
    expect(groupAction('takeover', 'UR-DB')).toEqual({ type: 'pairSplit', group: 'UR-DB', mode: 'steady', access: 'rw', takeover: true });
    expect(groupAction('swapResync', 'UR-DB')).toEqual({ type: 'pairResync', group: 'UR-DB', restore: false, swap: true });
    expect(groupAction('resync', 'UR-DB')).toEqual({ type: 'pairResync', group: 'UR-DB', restore: false });
    expect(groupLine('takeover', 'UR-DB')).toBe('pairsplit -g UR-DB -RS');
    expect(groupLine('swapResync', 'UR-DB')).toBe('pairresync -g UR-DB -swaps');
    expect(groupLine('resync', 'UR-DB')).toBe('pairresync -g UR-DB');
    for (const v of GROUP_VERBS) expect(Action.safeParse(groupAction(v.verb, 'G')).success).toBe(true);
  });

  it('starts and ends a WAN outage with setWanLink, and names verify remote by its copy group', () => {
    expect(wanAction('wan1', false)).toEqual({ type: 'setWanLink', wanLinkId: 'wan1', up: false });
    expect(Action.safeParse(wanAction('wan1', true)).success).toBe(true);
    expect(wanLine('wan1', false)).toBe('WAN link wan1 down (outage starts)');
    expect(wanLine('wan1', true)).toBe('WAN link wan1 up (outage ends)');
    expect(verifyLine('UR-DB')).toBe('verify remote -g UR-DB');
  });
});

describe('remote commands › notes', () => {
  it('is accepted when every copy group accepted, redundant when every one was, and names each refusal', () => {
    const ok = { ok: true } as const;
    expect(combinedNote([{ line: 'a', result: ok }, { line: 'b', result: ok }], 5)).toEqual({ tone: 'ok', command: 'a; b', text: 'accepted', atS: 5 });
    expect(combinedNote([{ line: 'a', result: { ok: true, redundant: true, message: 'already PAIR' } }], 1)).toMatchObject({ tone: 'redundant', text: 'already PAIR' });
    expect(combinedNote([{ line: 'a', result: { ok: true, redundant: true } }, { line: 'b', result: ok }], 1).tone).toBe('ok');
    const refused = combinedNote(
      [
        { line: 'pairresync -g A', result: ok },
        { line: 'pairresync -g B', result: { ok: false, code: 'EX_INVSTP', message: 'B/d is SSWS' } },
      ],
      2,
    );
    expect(refused).toEqual({ tone: 'rejected', command: 'pairresync -g A; pairresync -g B', text: 'rejected: pairresync -g B: [EX_INVSTP] B/d is SSWS', atS: 2 });
    expect(combinedNote([{ line: 'x', result: { ok: false } }], 0).text).toBe('rejected: no reason given');
  });
});
