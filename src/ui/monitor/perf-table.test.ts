/** Monitor tab › performance: volume rows, the parity group after moves, sorting, busiest and idlest, group rows. */
import { describe, expect, it } from 'vitest';
import type { VolumeMeans } from '../store/volume-totals.ts';
import { GROUPS, TOPOLOGY, diskRebuilding, move } from './monitor-fixtures.ts';
import {
  DEFAULT_SORT,
  buildGroupRows,
  buildVolumeRows,
  extremes,
  formatNum,
  groupStateText,
  ldevGroups,
  nextSort,
  sortRows,
  type LatestSample,
  type VolumeRow,
} from './perf-table.ts';

const VOLUMES = ['v1', 'v2', 'v3', 'v4'].map((id) => ({ id, name: `name-${id}`, arrayId: 'ar1', arrayName: 'Array 1' }));
const NONE: VolumeMeans = { iops: null, readPct: null, cacheHitPct: null, responseMs: null };

function rows(samples: Record<string, Partial<LatestSample>>, moves = [move()].slice(0, 0), means: Record<string, VolumeMeans> = {}): VolumeRow[] {
  return buildVolumeRows({
    topology: TOPOLOGY,
    volumes: VOLUMES,
    latest: (id) => ({ readIops: null, writeIops: null, cacheHitPct: null, responseMs: null, ...samples[id] }),
    means: (id) => means[id] ?? NONE,
    groups: GROUPS,
    moves,
  });
}

const LIVE = {
  v1: { readIops: 300, writeIops: 100, cacheHitPct: 80, responseMs: 4.2 },
  v2: { readIops: 0, writeIops: 50, cacheHitPct: null, responseMs: 1.1 },
  v3: { readIops: 900, writeIops: 100, cacheHitPct: 95, responseMs: 0.3 },
  v4: { readIops: 0, writeIops: 0, cacheHitPct: null, responseMs: null },
};

describe('monitor › performance › rows', () => {
  it('joins each volume with its parity group, tier and the group’s utilisation; read % of the last second', () => {
    const r = rows(LIVE, [], { v1: { iops: 350, readPct: 70, cacheHitPct: 78, responseMs: 5 } });
    expect(r[0]).toMatchObject({ ldevId: 'v1', groupId: 'PG-1', tier: 'hdd15k', groupUtilPct: 62.5, iops: 400, readPct: 75, cacheHitPct: 80, responseMs: 4.2, meanIops: 350, meanResponseMs: 5, movingTo: null });
    expect(r[1]).toMatchObject({ iops: 50, readPct: 0, cacheHitPct: null });
    expect(r[3]).toMatchObject({ groupId: 'PG-3', tier: 'hdd7k', groupUtilPct: 0, iops: 0, readPct: null, responseMs: null });
  });

  it('has no values before the first sample', () => {
    expect(rows({})[0]).toMatchObject({ iops: null, readPct: null, meanIops: null });
  });

  it('puts a volume on its new group once its move is done, and marks one being copied', () => {
    expect(ldevGroups(TOPOLOGY, [move()]).v1).toBe('PG-1');
    expect(rows(LIVE, [move()])[0]).toMatchObject({ groupId: 'PG-1', movingTo: 'PG-2' });
    const done = rows(LIVE, [move({ state: 'done', copiedPct: 100 })]);
    expect(done[0]).toMatchObject({ groupId: 'PG-2', tier: 'ssd', groupUtilPct: 8, movingTo: null });
    // A second move of the same LDEV wins over the first.
    expect(ldevGroups(TOPOLOGY, [move({ state: 'done' }), move({ state: 'done', fromGroup: 'PG-2', toGroup: 'PG-3', startedUs: 99 })]).v1).toBe('PG-3');
  });
});

describe('monitor › performance › sorting', () => {
  const r = rows(LIVE);
  const ids = (x: VolumeRow[]) => x.map((y) => y.ldevId);

  it('sorts by IOPS, busiest first, by default', () => {
    expect(DEFAULT_SORT).toEqual({ column: 'iops', dir: 'desc' });
    expect(ids(sortRows(r, DEFAULT_SORT))).toEqual(['v3', 'v1', 'v2', 'v4']);
    expect(ids(sortRows(r, { column: 'iops', dir: 'asc' }))).toEqual(['v4', 'v2', 'v1', 'v3']);
  });

  it('puts missing values last in both directions and keeps document order on ties', () => {
    expect(ids(sortRows(r, { column: 'cacheHitPct', dir: 'desc' }))).toEqual(['v3', 'v1', 'v2', 'v4']);
    expect(ids(sortRows(r, { column: 'cacheHitPct', dir: 'asc' }))).toEqual(['v1', 'v3', 'v2', 'v4']);
    expect(ids(sortRows(r, { column: 'readPct', dir: 'desc' }))).toEqual(['v3', 'v1', 'v2', 'v4']);
    const tied = rows({ v1: { readIops: 5, writeIops: 5 }, v2: { readIops: 5, writeIops: 5 }, v3: { readIops: 5, writeIops: 5 } });
    expect(ids(sortRows(tied, { column: 'iops', dir: 'desc' }))).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(ids(sortRows(tied, { column: 'iops', dir: 'asc' }))).toEqual(['v1', 'v2', 'v3', 'v4']);
  });

  it('sorts names naturally, by array then group, and by response time', () => {
    expect(ids(sortRows(r, { column: 'group', dir: 'desc' }))).toEqual(['v4', 'v3', 'v1', 'v2']);
    const two = [...r, { ...r[3], ldevId: 'w1', arrayName: 'Array 0', groupId: 'PG-9' }];
    expect(ids(sortRows(two, { column: 'group', dir: 'asc' }))).toEqual(['w1', 'v1', 'v2', 'v3', 'v4']);
    const named = ['vol 10', 'vol 9', 'vol 1'].map((name, i) => ({ ...r[0], ldevId: `n${i}`, name }));
    expect(ids(sortRows(named, { column: 'ldev', dir: 'asc' }))).toEqual(['n2', 'n1', 'n0']);
    expect(ids(sortRows(r, { column: 'responseMs', dir: 'desc' }))).toEqual(['v1', 'v2', 'v3', 'v4']);
  });

  it('a click on the sorted column flips it; a new column starts descending (numbers) or ascending (names)', () => {
    expect(nextSort(DEFAULT_SORT, 'iops')).toEqual({ column: 'iops', dir: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'responseMs')).toEqual({ column: 'responseMs', dir: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'ldev')).toEqual({ column: 'ldev', dir: 'asc' });
  });
});

describe('monitor › performance › busiest and idlest', () => {
  it('marks the row with the most IOPS busiest and the one with the fewest idlest', () => {
    const e = extremes(rows(LIVE));
    expect([...e.busiest]).toEqual(['v3']);
    expect([...e.idlest]).toEqual(['v4']);
  });

  it('marks every row tied at an extreme, and leaves out rows without a value', () => {
    const e = extremes(rows({ ...LIVE, v1: { readIops: 0, writeIops: 1000 }, v2: { readIops: 0, writeIops: 0 }, v4: {} }));
    expect([...e.busiest].sort()).toEqual(['v1', 'v3']);
    expect([...e.idlest]).toEqual(['v2']);
  });

  it('marks nothing when nothing stands out: all idle, all equal, or fewer than two measured', () => {
    const zero = { readIops: 0, writeIops: 0 };
    expect(extremes(rows({ v1: zero, v2: zero, v3: zero, v4: zero })).busiest.size).toBe(0);
    const same = { readIops: 5, writeIops: 5 };
    expect(extremes(rows({ v1: same, v2: same })).idlest.size).toBe(0);
    expect(extremes(rows({ v1: same })).busiest.size).toBe(0);
  });
});

describe('monitor › performance › parity groups', () => {
  it('lists each group with its volumes (after moves), state and whether it is over the threshold', () => {
    const g = buildGroupRows(TOPOLOGY, GROUPS, [move({ state: 'done' })], 60);
    expect(g.map((x) => [x.groupId, x.ldevIds, x.overThreshold, x.arrayName])).toEqual([
      ['PG-1', ['v2'], true, 'Array 1'],
      ['PG-2', ['v1', 'v3'], false, 'Array 1'],
      ['PG-3', ['v4'], false, 'Array 1'],
    ]);
  });

  it('says how a group that is not normal stands', () => {
    const [pg1] = buildGroupRows(TOPOLOGY, diskRebuilding().parityGroups, [], 80);
    expect(groupStateText(pg1)).toBe('rebuilding 35 %');
    expect(groupStateText({ state: 'degraded', rebuildPct: null, failedDisks: [2] })).toBe('degraded (disk 2 failed)');
    expect(groupStateText({ state: 'blocked', rebuildPct: null, failedDisks: [1, 2] })).toBe('blocked (disks 1, 2 failed)');
    expect(groupStateText({ state: 'normal', rebuildPct: null, failedDisks: [] })).toBe('normal');
  });

  it('formats cells', () => {
    expect(formatNum(null)).toBe('—');
    expect(formatNum(Number.NaN)).toBe('—');
    expect(formatNum(4.25)).toBe('4.3');
    expect(formatNum(1234.4)).toBe('1,234');
  });
});
