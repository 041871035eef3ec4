import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../model/scenario.ts';
import { assignLanes, buildMarkers, hasStarted, isReached, nextMarker, noteCount, reachedNotes, waitingEntries } from './timeline-model.ts';

const start = (atS: number, note?: string): TimelineEntry => ({ atS, action: { type: 'startWorkload', serverId: 's', workloadId: 'w' }, note });
const fault = (atS: number, note?: string): TimelineEntry => ({
  atS,
  action: { type: 'setFault', component: { kind: 'link', linkId: 'l1' }, failed: true },
  note,
});

const afterSplit = (delayS?: number): TimelineEntry => ({
  after: { kind: 'pairState', group: 'SI', states: ['PSUS'] },
  ...(delayS !== undefined ? { delayS } : {}),
  action: { type: 'startWorkload', serverId: 's', workloadId: 'w' },
  note: 'read the copy',
});

describe('player › entries after an event', () => {
  it('are not markers until they fire, and are listed as waiting with their trigger', () => {
    const timeline = [start(10), afterSplit(3), fault(20)];
    expect(buildMarkers(timeline, 60).map((m) => m.atS)).toEqual([10, 20]);
    const waiting = waitingEntries(timeline, []);
    expect(waiting.map((e) => e.index)).toEqual([1]);
    expect(waiting[0].trigger).toBe('after pair SI in PSUS + 3 s');
  });

  it('become markers at their run time once fired, flagged triggered, and stop waiting', () => {
    const timeline = [start(10), afterSplit(), fault(20)];
    const fired = [{ index: 1, atS: 48.4 }];
    const m = buildMarkers(timeline, 60, fired);
    expect(m.map((x) => x.atS)).toEqual([10, 20, 48.4]);
    expect(m.map((x) => x.triggered)).toEqual([false, false, true]);
    expect(m[2].entries[0]).toMatchObject({ index: 1, note: 'read the copy', trigger: 'after pair SI in PSUS' });
    expect(waitingEntries(timeline, fired)).toEqual([]);
    expect(nextMarker(m, 20, true)?.atS).toBe(48.4);
    expect(reachedNotes(m, 50, true).map((n) => n.index)).toEqual([1]);
  });

  it('share a marker with a timed entry at the same instant, in document order', () => {
    const timeline = [afterSplit(), start(30)];
    const m = buildMarkers(timeline, 60, [{ index: 0, atS: 30 }]);
    expect(m).toHaveLength(1);
    expect(m[0].entries.map((e) => e.index)).toEqual([0, 1]);
    expect(m[0].triggered).toBe(true);
  });
});

describe('player › markers', () => {
  it('groups entries that share a time, in time order, keeping document order inside a group', () => {
    const m = buildMarkers([fault(30, 'b'), start(10, 'a'), start(30), fault(30 + 1e-9)], 60);
    expect(m.map((x) => x.atS)).toEqual([10, 30]);
    expect(m[1].entries.map((e) => e.index)).toEqual([0, 2, 3]);
    expect(m[0].fraction).toBe(10 / 60);
    expect(m[1].fraction).toBe(0.5);
  });

  it('colours a group by its common family, or mixed', () => {
    const m = buildMarkers([start(0), start(0), fault(5), start(9), fault(9)], 10);
    expect(m.map((x) => x.family)).toEqual(['workload', 'fault', 'mixed']);
  });

  it('clamps an entry past the end to the end and flags it', () => {
    const m = buildMarkers([start(5), start(120)], 100);
    expect(m[1]).toMatchObject({ fraction: 1, afterEnd: true });
    expect(m[0].afterEnd).toBe(false);
  });

  it('an empty timeline has no markers', () => {
    expect(buildMarkers([], 100)).toEqual([]);
  });
});

describe('player › lanes', () => {
  it('alternates lanes only where heads would overlap', () => {
    // 1000 px track: 0 and 500 px are far apart; 750 and 755 px overlap.
    expect(assignLanes([0, 0.5, 0.75, 0.755], 1000, 12)).toEqual([0, 0, 0, 1]);
  });

  it('three close heads in two lanes: the third reuses the lane whose head is furthest left', () => {
    expect(assignLanes([0.5, 0.501, 0.502], 1000, 12)).toEqual([0, 1, 0]);
  });

  it('heads in one lane are at least the gap apart when the lanes suffice', () => {
    const fr = [0.1, 0.105, 0.2, 0.3, 0.304, 0.9];
    const lanes = assignLanes(fr, 800, 12);
    for (let i = 0; i < fr.length; i++)
      for (let j = i + 1; j < fr.length; j++) if (lanes[i] === lanes[j]) expect(Math.abs(fr[j] - fr[i]) * 800).toBeGreaterThanOrEqual(12);
  });
});

describe('player › reached and next', () => {
  const markers = buildMarkers([start(0, 'zero'), fault(10, 'ten'), start(10), fault(25, 'twenty-five'), start(200, 'late')], 100);

  it('a fresh run has reached nothing, not even the entries at 0 s', () => {
    expect(hasStarted('ready')).toBe(false);
    expect(isReached(0, 0, false)).toBe(false);
    expect(nextMarker(markers, 0, false)?.atS).toBe(0);
    expect(reachedNotes(markers, 0, false)).toEqual([]);
  });

  it('once the run has moved, entries at or before now are reached', () => {
    expect(hasStarted('paused')).toBe(true);
    expect(nextMarker(markers, 0, true)?.atS).toBe(10);
    expect(nextMarker(markers, 10, true)?.atS).toBe(25);
    expect(nextMarker(markers, 9.999, true)?.atS).toBe(10);
    expect(reachedNotes(markers, 10, true).map((n) => n.note)).toEqual(['ten', 'zero']);
  });

  it('lists the notes newest first with their time and action', () => {
    const notes = reachedNotes(markers, 30, true);
    expect(notes.map((n) => [n.atS, n.note])).toEqual([
      [25, 'twenty-five'],
      [10, 'ten'],
      [0, 'zero'],
    ]);
    expect(notes[0].description).toBe('Fail link l1');
  });

  it('never offers a marker after the end as next', () => {
    expect(nextMarker(markers, 25, true)).toBeNull();
    expect(nextMarker(markers, 100, true)).toBeNull();
  });

  it('counts the notes of a timeline', () => {
    expect(noteCount([start(0, 'a'), start(1), fault(2, '')])).toBe(1);
  });
});
