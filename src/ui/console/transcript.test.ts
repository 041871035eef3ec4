/**
 * Console transcript: bounded blocks, time format, output blocks of a command.
 */
import { describe, expect, it } from 'vitest';
import { appendBlocks, emptyTranscript, formatSimTime, outputBlocks, transcriptText } from './transcript.ts';

describe('console › transcript › blocks', () => {
  it('numbers blocks, drops empty output and one trailing newline, keeps inner spacing', () => {
    const t = appendBlocks(emptyTranscript(), [
      { kind: 'command', text: 'pairdisplay -g G', atS: 31.24 },
      { kind: 'stdout', text: 'Group   PairVol\nG       d1(L)  \n' },
      { kind: 'stderr', text: '' },
    ]);
    expect(t.blocks).toEqual([
      { id: 1, kind: 'command', text: 'pairdisplay -g G', atS: 31.24 },
      { id: 2, kind: 'stdout', text: 'Group   PairVol\nG       d1(L)  ' },
    ]);
    expect(t.nextId).toBe(3);
  });

  it('keeps the newest blocks at the bound', () => {
    let t = emptyTranscript();
    for (let i = 0; i < 7; i++) t = appendBlocks(t, [{ kind: 'stdout', text: `line ${i}` }], 5);
    expect(t.blocks.map((b) => b.text)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    expect(t.blocks[0].id).toBe(3);
  });

  it('returns the same transcript when nothing is added', () => {
    const t = emptyTranscript();
    expect(appendBlocks(t, [{ kind: 'stdout', text: '' }])).toBe(t);
  });
});

describe('console › transcript › text', () => {
  it('formats simulated time to a tenth of a second', () => {
    expect(formatSimTime(31.25)).toBe('[t=31.3 s]');
    expect(formatSimTime(0)).toBe('[t=0.0 s]');
  });

  it('adds an exit-code note to failed commands only', () => {
    expect(outputBlocks({ exitCode: 0, stdout: 'ok', stderr: '' })).toHaveLength(2);
    const failed = outputBlocks({ exitCode: 235, stdout: '', stderr: 'pairsplit: [EX_INVSTP] Invalid pair status' });
    expect(failed[2]).toEqual({ kind: 'info', text: 'exit code 235' });
  });

  it('copies as plain text with prompts and marked errors', () => {
    const t = appendBlocks(emptyTranscript(), [
      { kind: 'command', text: 'pairsplit -g G', atS: 2 },
      { kind: 'stderr', text: 'pairsplit: [EX_INVSTP] Invalid pair status\n  G/d1: SMPL' },
    ]);
    expect(transcriptText(t)).toBe('[t=2.0 s] horcm0 $ pairsplit -g G\n! pairsplit: [EX_INVSTP] Invalid pair status\n!   G/d1: SMPL');
  });

  it('keeps the prompt a command was typed at when it is not the default (logged in to a switch)', () => {
    const t = appendBlocks(emptyTranscript(), [
      { kind: 'command', text: 'login sw1', atS: 1, prompt: 'horcm0 $' },
      { kind: 'command', text: 'cfgshow', atS: 2, prompt: 'sw1:admin>' },
    ]);
    expect(t.blocks[0].prompt).toBeUndefined();
    expect(t.blocks[1].prompt).toBe('sw1:admin>');
    expect(transcriptText(t)).toBe('[t=1.0 s] horcm0 $ login sw1\n[t=2.0 s] sw1:admin> cfgshow');
  });
});
