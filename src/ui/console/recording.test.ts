/**
 * Recording buffer: what is kept, when, and the timeline entries it becomes.
 */
import { describe, expect, it } from 'vitest';
import { TimelineEntry, type Action } from '../../model/scenario.ts';
import { RECORDING_MAX, noteFor, recordCommand, recordedActionCount, recordingSummary, toTimelineEntries } from './recording.ts';

const create: Action = { type: 'pairCreate', group: 'G', device: 'd1', pace: 15, split: false };
const split: Action = { type: 'pairSplit', group: 'G', mode: 'quick', access: 'rw' };

describe('console › recording › buffer', () => {
  it('keeps accepted actions with their time, rounded to the millisecond', () => {
    const b = recordCommand([], '  paircreate -g G -d d1 -c 15 ', 12.34567, [create]);
    expect(b).toEqual([{ line: 'paircreate -g G -d d1 -c 15', source: 'console', atS: 12.346, actions: [create] }]);
  });

  it('notes where a command was given: the console, the Replication tab or the designer', () => {
    let b = recordCommand(recordCommand([], 'paircreate -g G', 1, [create]), 'pairsplit -g G', 2, [create], 'inspector');
    b = recordCommand(b, 'db-server/oltp: rate_iops 3000 → 1500', 3, [create], 'designer');
    expect(b.map((c) => c.source)).toEqual(['console', 'inspector', 'designer']);
    expect(toTimelineEntries(b).map((e) => e.note)).toEqual([
      'console: paircreate -g G',
      'inspector: pairsplit -g G',
      'designer: db-server/oltp: rate_iops 3000 → 1500',
    ]);
  });

  it('prefixes the note by source, and still cuts it to the schema limit', () => {
    expect(noteFor(' x ', 'designer')).toBe('designer: x');
    expect(noteFor('x', 'inspector')).toBe('inspector: x');
    const note = noteFor('y'.repeat(3000), 'designer');
    expect(note.length).toBe(2000);
    expect(note.startsWith('designer: y')).toBe(true);
  });

  it('ignores commands that changed nothing', () => {
    const b = recordCommand([], 'pairdisplay -g G', 3, []);
    expect(b).toEqual([]);
    expect(recordingSummary(b)).toBe('0 actions recorded');
  });

  it('counts actions, not commands', () => {
    let b = recordCommand([], 'paircreate -g G -d d1', 1, [create]);
    b = recordCommand(b, 'pairsplit -g G -fq quick', 40, [split, { ...split, device: 'd2' }]);
    expect(recordedActionCount(b)).toBe(3);
    expect(recordingSummary(b)).toBe('3 actions recorded');
    expect(recordingSummary(b.slice(0, 1))).toBe('1 action recorded');
  });

  it('stops taking commands at the bound', () => {
    let b = recordCommand([], 'x', 0, [create]);
    for (let i = 1; i < RECORDING_MAX + 5; i++) b = recordCommand(b, 'x', i, [create]);
    expect(b).toHaveLength(RECORDING_MAX);
  });
});

describe('console › recording › timeline entries', () => {
  it('notes every entry with its command line and keeps valid entries', () => {
    let b = recordCommand([], 'paircreate -g G -d d1', 1, [create]);
    b = recordCommand(b, 'pairsplit -g G -fq quick', 40.5, [split]);
    const entries = toTimelineEntries(b);
    expect(entries).toEqual([
      { atS: 1, action: create, note: 'console: paircreate -g G -d d1' },
      { atS: 40.5, action: split, note: 'console: pairsplit -g G -fq quick' },
    ]);
    for (const e of entries) expect(TimelineEntry.safeParse(e).success).toBe(true);
  });

  it('never clamps time below zero and cuts over-long notes to the schema limit', () => {
    const b = recordCommand([], 'x', -0.0004, [create]);
    expect(b[0].atS).toBe(0);
    const note = noteFor(`pairdisplay ${'x'.repeat(3000)}`);
    expect(note.length).toBe(2000);
    expect(note.endsWith('…')).toBe(true);
  });
});
