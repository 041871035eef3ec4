/**
 * The Monitor tab's performance view as data: one row per volume (LDEV) with its array, its
 * parity group (after any finished move) and that group's utilisation, IOPS, read %, cache hit %
 * and response time of the last second and the run mean; the sort; the busiest and idlest rows;
 * and the parity-group rows under the table.
 *
 * Invariants: a value the engine did not measure (no sample yet, a second without reads or
 * completions) is null, shown as "—", and sorts last whichever the direction; ties keep the
 * document order, so the table does not shuffle between batches when values are equal.
 * Busiest and idlest are read from the last second's IOPS: every row at the maximum (above 0)
 * is busiest, every row at the minimum is idlest — none when all rows are equal (nothing stands
 * out), and rows without a value take no part.
 *
 * Does not handle: where the values come from (the sim slice's ring and run totals), drawing.
 */
import type { ParityGroupHealth, ParityGroupState, VolumeMoveStatus } from '../../engine/api.ts';
import type { Tier, Topology } from '../../model/topology.ts';
import type { VolumeMeans } from '../store/volume-totals.ts';

export const TIER_LABEL: Record<Tier, string> = { ssd: 'SSD', hdd15k: 'HDD 15k', hdd7k: 'HDD 7.2k' };

export function tierLabel(tier: string): string {
  return TIER_LABEL[tier as Tier] ?? tier;
}

/** The last second of one LDEV (null: no value). */
export interface LatestSample {
  readIops: number | null;
  writeIops: number | null;
  cacheHitPct: number | null;
  responseMs: number | null;
}

export interface VolumeRow {
  ldevId: string;
  name: string;
  arrayId: string;
  arrayName: string;
  groupId: string | null;
  tier: string | null;
  /** The group's disk utilisation over the last whole second, percent. */
  groupUtilPct: number | null;
  iops: number | null;
  readPct: number | null;
  cacheHitPct: number | null;
  responseMs: number | null;
  meanIops: number | null;
  meanResponseMs: number | null;
  /** Moving now: the target group. */
  movingTo: string | null;
}

export interface VolumeSource {
  id: string;
  name: string;
  arrayId: string;
  arrayName: string;
}

/** LDEV → parity group as the design has it, then as every finished move (in order) left it. */
export function ldevGroups(topology: Pick<Topology, 'devices'>, moves: readonly VolumeMoveStatus[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of topology.devices) if (d.kind === 'array') for (const l of d.ldevs) out[l.id] = l.parityGroupId;
  for (const m of moves) if (m.state === 'done') out[m.ldevId] = m.toGroup;
  return out;
}

const groupKey = (arrayId: string, groupId: string) => `${arrayId}/${groupId}`;

function tierOf(topology: Pick<Topology, 'devices'>, arrayId: string, groupId: string): string | null {
  const a = topology.devices.find((d) => d.id === arrayId);
  return a?.kind === 'array' ? (a.parityGroups.find((g) => g.id === groupId)?.tier ?? null) : null;
}

export interface RowInputs {
  topology: Pick<Topology, 'devices'>;
  volumes: readonly VolumeSource[];
  latest(ldevId: string): LatestSample;
  means(ldevId: string): VolumeMeans;
  groups: readonly ParityGroupHealth[];
  moves: readonly VolumeMoveStatus[];
}

export function buildVolumeRows(x: RowInputs): VolumeRow[] {
  const map = ldevGroups(x.topology, x.moves);
  const util = new Map(x.groups.map((g) => [groupKey(g.arrayId, g.parityGroupId), g.utilPct]));
  const moving = new Map(x.moves.filter((m) => m.state === 'copying').map((m) => [m.ldevId, m.toGroup]));
  return x.volumes.map((v) => {
    const s = x.latest(v.id);
    const m = x.means(v.id);
    const iops = s.readIops === null || s.writeIops === null ? null : s.readIops + s.writeIops;
    const groupId = map[v.id] ?? null;
    return {
      ldevId: v.id,
      name: v.name,
      arrayId: v.arrayId,
      arrayName: v.arrayName,
      groupId,
      tier: groupId === null ? null : tierOf(x.topology, v.arrayId, groupId),
      groupUtilPct: groupId === null ? null : (util.get(groupKey(v.arrayId, groupId)) ?? null),
      iops,
      readPct: iops !== null && iops > 0 && s.readIops !== null ? (s.readIops / iops) * 100 : null,
      cacheHitPct: s.cacheHitPct,
      responseMs: s.responseMs,
      meanIops: m.iops,
      meanResponseMs: m.responseMs,
      movingTo: moving.get(v.id) ?? null,
    };
  });
}

export type PerfColumn = 'ldev' | 'group' | 'groupUtilPct' | 'iops' | 'readPct' | 'cacheHitPct' | 'responseMs' | 'meanResponseMs';
export type SortDir = 'asc' | 'desc';
export interface PerfSort {
  column: PerfColumn;
  dir: SortDir;
}

export const DEFAULT_SORT: PerfSort = { column: 'iops', dir: 'desc' };

const TEXT_COLUMNS: ReadonlySet<PerfColumn> = new Set<PerfColumn>(['ldev', 'group']);

function valueOf(r: VolumeRow, c: PerfColumn): string | number | null {
  switch (c) {
    case 'ldev':
      return r.name;
    case 'group':
      // By array, then group: equal group ids on two arrays do not interleave.
      return r.groupId === null ? null : `${r.arrayName}\u0000${r.groupId}`;
    default:
      return r[c];
  }
}

/** Sorted copy: nulls last in both directions, ties in the input (document) order. */
export function sortRows(rows: readonly VolumeRow[], sort: PerfSort): VolumeRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: valueOf(row, sort.column) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const d = typeof a.v === 'string' ? a.v.localeCompare(b.v as string, 'en', { numeric: true }) : a.v - (b.v as number);
      return d !== 0 ? sign * d : a.i - b.i;
    })
    .map((x) => x.row);
}

/** Clicking a column header: the same column flips; a new one starts descending (numbers) or ascending (names). */
export function nextSort(current: PerfSort, column: PerfColumn): PerfSort {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: TEXT_COLUMNS.has(column) ? 'asc' : 'desc' };
}

export interface Extremes {
  busiest: ReadonlySet<string>;
  idlest: ReadonlySet<string>;
}

export function extremes(rows: readonly VolumeRow[]): Extremes {
  const measured = rows.filter((r) => r.iops !== null);
  if (measured.length < 2) return { busiest: new Set(), idlest: new Set() };
  const values = measured.map((r) => r.iops as number);
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (max <= 0 || max === min) return { busiest: new Set(), idlest: new Set() };
  return {
    busiest: new Set(measured.filter((r) => r.iops === max).map((r) => r.ldevId)),
    idlest: new Set(measured.filter((r) => r.iops === min).map((r) => r.ldevId)),
  };
}

export interface GroupRow {
  key: string;
  arrayId: string;
  arrayName: string;
  groupId: string;
  tier: string;
  raid: string;
  state: ParityGroupState;
  rebuildPct: number | null;
  failedDisks: number[];
  utilPct: number;
  meanUtilPct: number;
  /** LDEVs on the group now (after finished moves), in document order. */
  ldevIds: string[];
  /** Over the console's parity-group threshold. */
  overThreshold: boolean;
}

export function buildGroupRows(topology: Pick<Topology, 'devices'>, groups: readonly ParityGroupHealth[], moves: readonly VolumeMoveStatus[], thresholdPct: number): GroupRow[] {
  const map = ldevGroups(topology, moves);
  const byGroup = new Map<string, string[]>();
  for (const d of topology.devices) {
    if (d.kind !== 'array') continue;
    for (const l of d.ldevs) {
      const k = groupKey(d.id, map[l.id]);
      byGroup.set(k, [...(byGroup.get(k) ?? []), l.id]);
    }
  }
  const names = new Map(topology.devices.map((d) => [d.id, d.name]));
  return groups.map((g) => {
    const key = groupKey(g.arrayId, g.parityGroupId);
    return {
      key,
      arrayId: g.arrayId,
      arrayName: names.get(g.arrayId) ?? g.arrayId,
      groupId: g.parityGroupId,
      tier: g.tier,
      raid: g.raid,
      state: g.state,
      rebuildPct: g.rebuildPct,
      failedDisks: g.failedDisks,
      utilPct: g.utilPct,
      meanUtilPct: g.meanUtilPct,
      ldevIds: byGroup.get(key) ?? [],
      overThreshold: g.utilPct > thresholdPct,
    };
  });
}

/** A number for a table cell: "—" without a value, `digits` decimals below 100, none above. */
export function formatNum(x: number | null, digits = 1): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

export const GROUP_STATE_LABEL: Record<ParityGroupState, string> = {
  normal: 'normal',
  degraded: 'degraded',
  rebuilding: 'rebuilding',
  blocked: 'blocked',
};

/** "rebuilding 35 %", "degraded (disk 2 failed)", "blocked (disks 1, 2 failed)", "normal". */
export function groupStateText(g: Pick<GroupRow, 'state' | 'rebuildPct' | 'failedDisks'>): string {
  if (g.state === 'rebuilding') return `rebuilding ${Math.floor(g.rebuildPct ?? 0)} %`;
  if (g.state === 'normal' || g.failedDisks.length === 0) return g.state;
  return `${g.state} (disk${g.failedDisks.length === 1 ? '' : 's'} ${g.failedDisks.join(', ')} failed)`;
}
