/**
 * Volume moves between tiers (SAN patent Fig. 15) as the Monitor tab reads them: which parity
 * groups an LDEV can move to, the prediction's before/after utilisation of both groups, a move's
 * progress, and predicted vs measured with the difference once the engine has measured.
 *
 * Invariants: differences are measured − predicted, in percentage points of the group's disk
 * time; a move not yet measured shows its prediction alone (never a difference against 0).
 *
 * Does not handle: computing the prediction (the engine's `predictMove`, from the load measured
 * just before), starting the move (run-monitor-command.ts).
 */
import type { MovePrediction, VolumeMoveStatus } from '../../engine/api.ts';
import type { Topology } from '../../model/topology.ts';
import { ldevGroups, tierLabel } from './perf-table.ts';

export interface Choice {
  value: string;
  label: string;
}

/** The LDEVs of one array, for one <optgroup>. */
export interface ChoiceGroup {
  label: string;
  choices: Choice[];
}

/** Every LDEV, array by array, as "v1 · db-data · on PG-1". */
export function ldevChoices(topology: Pick<Topology, 'devices'>, moves: readonly VolumeMoveStatus[]): ChoiceGroup[] {
  const map = ldevGroups(topology, moves);
  return topology.devices.flatMap((d) =>
    d.kind === 'array' && d.ldevs.length > 0 ? [{ label: d.name, choices: d.ldevs.map((l) => ({ value: l.id, label: `${l.id} · ${l.name} · on ${map[l.id]}` })) }] : [],
  );
}

/** The parity groups of the LDEV's array other than the one it is on now, with their tier. */
export function targetChoices(topology: Pick<Topology, 'devices'>, moves: readonly VolumeMoveStatus[], ldevId: string): Choice[] {
  const array = topology.devices.find((d) => d.kind === 'array' && d.ldevs.some((l) => l.id === ldevId));
  if (!array || array.kind !== 'array') return [];
  const current = ldevGroups(topology, moves)[ldevId];
  return array.parityGroups.filter((g) => g.id !== current).map((g) => ({ value: g.id, label: `${g.id} · ${tierLabel(g.tier)} ${g.raid}` }));
}

/** Whether `ldevId` is being copied now (a second move of it would be refused). */
export function isMoving(moves: readonly VolumeMoveStatus[], ldevId: string): boolean {
  return moves.some((m) => m.ldevId === ldevId && m.state === 'copying');
}

export interface UtilRow {
  role: 'source' | 'target';
  groupId: string;
  before: number;
  after: number;
}

export function predictionRows(p: MovePrediction): UtilRow[] {
  return [
    { role: 'source', groupId: p.fromGroup, before: p.before.fromUtilPct, after: p.after.fromUtilPct },
    { role: 'target', groupId: p.toGroup, before: p.before.toUtilPct, after: p.after.toUtilPct },
  ];
}

export interface CompareRow {
  role: 'source' | 'target';
  groupId: string;
  before: number;
  predicted: number;
  measured: number | null;
  /** measured − predicted, percentage points; null until measured. */
  diff: number | null;
}

export function compareRows(m: VolumeMoveStatus): CompareRow[] {
  const p = m.prediction;
  const row = (role: 'source' | 'target', groupId: string, before: number, predicted: number, measured: number | null): CompareRow => ({
    role,
    groupId,
    before,
    predicted,
    measured,
    diff: measured === null ? null : measured - predicted,
  });
  return [
    row('source', m.fromGroup, p.before.fromUtilPct, p.after.fromUtilPct, m.measured?.fromUtilPct ?? null),
    row('target', m.toGroup, p.before.toUtilPct, p.after.toUtilPct, m.measured?.toUtilPct ?? null),
  ];
}

/**
 * A word for a group predicted (or measured) over 100 %: the load would need more disk time than
 * the group has, so it would saturate — queues and response times grow until the load drops.
 */
export function saturationNote(values: readonly { groupId: string; pct: number }[]): string | null {
  const over = values.filter((v) => v.pct > 100).map((v) => v.groupId);
  if (over.length === 0) return null;
  return `Over 100 %: ${over.join(' and ')} would need more disk time than ${over.length === 1 ? 'it has' : 'they have'} — saturated, with growing queues and response times.`;
}

/** "42.0 %" */
export function formatUtil(pct: number): string {
  return `${pct.toFixed(1)} %`;
}

/** "+3.2 pp", "−1.0 pp", "0.0 pp" (a real minus sign). */
export function formatDiff(pp: number): string {
  const r = Math.round(pp * 10) / 10;
  if (r === 0) return '0.0 pp';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)} pp`;
}

/** "±x pp" change from before to after, for the prediction table. */
export function formatChange(before: number, after: number): string {
  return formatDiff(after - before);
}

/** One line for a move's state: "copying 40 %", "switched over at 51.0 s; measuring…", "done, measured". */
export function moveStateText(m: VolumeMoveStatus): string {
  if (m.state === 'copying') return `copying ${Math.floor(m.copiedPct)} % (writes go to both groups)`;
  const at = m.switchedUs === null ? '' : ` at ${(m.switchedUs / 1e6).toFixed(1)} s`;
  return m.measured === null ? `switched over${at}; measuring the ${m.prediction.windowS} s after it…` : `switched over${at}; measured over ${m.prediction.windowS} s`;
}

/** The largest |measured − predicted| of a move (null until measured). */
export function worstDiff(m: VolumeMoveStatus): number | null {
  const diffs = compareRows(m).flatMap((r) => (r.diff === null ? [] : [Math.abs(r.diff)]));
  return diffs.length === 0 ? null : Math.max(...diffs);
}

/** A stable key of one move (an LDEV can move more than once in a run). */
export function moveKey(m: Pick<VolumeMoveStatus, 'ldevId' | 'startedUs'>): string {
  return `${m.ldevId}@${m.startedUs}`;
}
