/** Monitor tab › volume moves: choices, the prediction's before/after, progress, predicted vs measured. */
import { describe, expect, it } from 'vitest';
import { PREDICTION, TOPOLOGY, move } from './monitor-fixtures.ts';
import { compareRows, saturationNote, formatChange, formatDiff, formatUtil, isMoving, ldevChoices, moveKey, moveStateText, predictionRows, targetChoices, worstDiff } from './move-view.ts';

describe('monitor › moves › choices', () => {
  it('offers every LDEV with the group it is on now', () => {
    const [ar1] = ldevChoices(TOPOLOGY, []);
    expect(ar1.label).toBe('Array 1');
    expect(ar1.choices.map((c) => c.label)).toEqual(['v1 · db-data · on PG-1', 'v2 · db-log · on PG-1', 'v3 · fast · on PG-2', 'v4 · archive · on PG-3']);
    expect(ldevChoices(TOPOLOGY, [move({ state: 'done' })])[0].choices[0].label).toBe('v1 · db-data · on PG-2');
  });

  it('offers the other groups of the same array as targets, with their tier', () => {
    expect(targetChoices(TOPOLOGY, [], 'v1')).toEqual([
      { value: 'PG-2', label: 'PG-2 · SSD RAID5' },
      { value: 'PG-3', label: 'PG-3 · HDD 7.2k RAID6' },
    ]);
    expect(targetChoices(TOPOLOGY, [move({ state: 'done' })], 'v1').map((c) => c.value)).toEqual(['PG-1', 'PG-3']);
    expect(targetChoices(TOPOLOGY, [], 'nope')).toEqual([]);
  });

  it('knows which LDEVs are being copied', () => {
    expect(isMoving([move()], 'v1')).toBe(true);
    expect(isMoving([move({ state: 'done' })], 'v1')).toBe(false);
    expect(isMoving([move()], 'v2')).toBe(false);
  });
});

describe('monitor › moves › prediction and measurement', () => {
  it('lays the prediction out as before → after for the source and the target', () => {
    expect(predictionRows(PREDICTION)).toEqual([
      { role: 'source', groupId: 'PG-1', before: 62.5, after: 22.5 },
      { role: 'target', groupId: 'PG-2', before: 8, after: 14 },
    ]);
    expect(formatChange(62.5, 22.5)).toBe('−40.0 pp');
    expect(formatChange(8, 14)).toBe('+6.0 pp');
  });

  it('shows no difference before the engine has measured', () => {
    const m = move();
    expect(compareRows(m).map((r) => [r.predicted, r.measured, r.diff])).toEqual([
      [22.5, null, null],
      [14, null, null],
    ]);
    expect(worstDiff(m)).toBeNull();
  });

  it('gives measured − predicted once measured, and the worst of both groups', () => {
    const m = move({ state: 'done', copiedPct: 100, switchedUs: 51_000_000, measured: { fromUtilPct: 24, toUtilPct: 13.1 } });
    const rows = compareRows(m);
    expect(rows.map((r) => r.diff?.toFixed(2))).toEqual(['1.50', '-0.90']);
    expect(rows.map((r) => formatDiff(r.diff ?? 0))).toEqual(['+1.5 pp', '−0.9 pp']);
    expect(worstDiff(m)).toBeCloseTo(1.5, 9);
  });

  it('words a move’s state', () => {
    expect(moveStateText(move())).toBe('copying 40 % (writes go to both groups)');
    expect(moveStateText(move({ state: 'done', switchedUs: 51_000_000 }))).toBe('switched over at 51.0 s; measuring the 10 s after it…');
    expect(moveStateText(move({ state: 'done', switchedUs: 51_000_000, measured: { fromUtilPct: 1, toUtilPct: 2 } }))).toBe('switched over at 51.0 s; measured over 10 s');
  });

  it('says when a group would need more than all its disk time', () => {
    expect(saturationNote([{ groupId: 'PG-1', pct: 99 }])).toBeNull();
    expect(saturationNote([{ groupId: 'PG-1', pct: 40 }, { groupId: 'PG-2', pct: 236.1 }])).toBe(
      'Over 100 %: PG-2 would need more disk time than it has — saturated, with growing queues and response times.',
    );
    expect(saturationNote([{ groupId: 'A', pct: 101 }, { groupId: 'B', pct: 120 }])).toMatch(/^Over 100 %: A and B would need more disk time than they have/);
  });

  it('formats utilisation and differences', () => {
    expect(formatUtil(8)).toBe('8.0 %');
    expect(formatDiff(0.04)).toBe('0.0 pp');
    expect(formatDiff(-0.04)).toBe('0.0 pp');
    expect(moveKey(move())).toBe('v1@21000000');
  });
});
