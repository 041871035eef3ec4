/**
 * How the Monitor tab reads the alert list: acknowledgements, the filters, the counts on the
 * tab, and the words for severities and kinds.
 *
 * Acknowledgements are the user's business, not the engine's (ops/alerts.ts keeps none): an
 * `AckState` holds them for one run, keyed by alert `seq` — "every seq up to `upTo`" (what
 * Acknowledge all leaves) plus single seqs above it. It belongs to the run `generation` it was
 * made in; read with another generation it is empty, so a new run (load or reset) starts with
 * nothing acknowledged without anyone clearing it.
 *
 * Does not handle: storing the state (useMonitorUi.ts), the alerts the engine dropped from its
 * status (it keeps the newest FAULT_STATUS_ALERTS; older ones are neither shown nor counted).
 */
import type { AlertRecord } from '../../engine/api.ts';
import type { AlertKind, AlertSeverity } from '../../model/topology-monitoring.ts';

export interface AckState {
  generation: number;
  /** Every alert with seq ≤ upTo is acknowledged. */
  upTo: number;
  /** Alerts above `upTo` acknowledged one by one (ascending). */
  seqs: readonly number[];
}

export const NO_ACKS: AckState = { generation: -1, upTo: 0, seqs: [] };

/** The acknowledgements of run `generation` (none when `state` belongs to another run). */
export function acksFor(state: AckState, generation: number): AckState {
  return state.generation === generation ? state : { generation, upTo: 0, seqs: [] };
}

export function isAcked(acks: AckState, seq: number): boolean {
  return seq <= acks.upTo || acks.seqs.includes(seq);
}

export function acknowledge(state: AckState, generation: number, seq: number): AckState {
  const acks = acksFor(state, generation);
  if (isAcked(acks, seq)) return acks;
  return { ...acks, seqs: [...acks.seqs, seq].sort((a, b) => a - b) };
}

/** Acknowledge every alert raised so far (up to the newest seq in `alerts`). */
export function acknowledgeAll(state: AckState, generation: number, alerts: readonly Pick<AlertRecord, 'seq'>[]): AckState {
  const acks = acksFor(state, generation);
  const upTo = alerts.reduce((m, a) => Math.max(m, a.seq), acks.upTo);
  if (upTo === acks.upTo) return acks;
  return { generation, upTo, seqs: acks.seqs.filter((s) => s > upTo) };
}

export type SeverityFilter = 'all' | 'warning' | 'critical';

export const SEVERITY_FILTERS: readonly { value: SeverityFilter; label: string }[] = [
  { value: 'all', label: 'All severities' },
  { value: 'warning', label: 'Warning and critical' },
  { value: 'critical', label: 'Critical only' },
];

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
const FILTER_RANK: Record<SeverityFilter, number> = { all: 0, warning: 1, critical: 2 };

export interface AlertFilter {
  severity: SeverityFilter;
  unackedOnly: boolean;
}

/** The alerts the table shows, newest first. */
export function filterAlerts(alerts: readonly AlertRecord[], acks: AckState, filter: AlertFilter): AlertRecord[] {
  const out: AlertRecord[] = [];
  for (let i = alerts.length - 1; i >= 0; i--) {
    const a = alerts[i];
    if (RANK[a.severity] < FILTER_RANK[filter.severity]) continue;
    if (filter.unackedOnly && isAcked(acks, a.seq)) continue;
    out.push(a);
  }
  return out;
}

export interface UnackedCounts {
  critical: number;
  warning: number;
  info: number;
}

export function unackedCounts(alerts: readonly AlertRecord[], acks: AckState): UnackedCounts {
  const n: UnackedCounts = { critical: 0, warning: 0, info: 0 };
  for (const a of alerts) if (!isAcked(acks, a.seq)) n[a.severity]++;
  return n;
}

/**
 * What the Monitor tab's count shows: unacknowledged critical + warning alerts in the worst
 * one's colour, or nothing when there are none.
 */
export function tabCount(n: UnackedCounts): { count: number; tone: 'error' | 'warning' } | null {
  const count = n.critical + n.warning;
  if (count === 0) return null;
  return { count, tone: n.critical > 0 ? 'error' : 'warning' };
}

export const SEVERITY_LABEL: Record<AlertSeverity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical' };

export const KIND_LABEL: Record<AlertKind, string> = {
  fault: 'Failure',
  repair: 'Repair',
  'path-failover': 'Path failover',
  'path-lost': 'No path left',
  'io-errors': 'I/O errors',
  'pair-suspended': 'Pair suspended',
  'journal-full': 'Journal full',
  'window-miss': 'Backup window missed',
  threshold: 'Threshold crossed',
  rebuild: 'RAID rebuild',
  'volume-move': 'Volume move',
};

/** "12.0 s" — an alert's simulated time. */
export function alertSimTime(timeUs: number): string {
  return `${(timeUs / 1e6).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
}

/** "roles paged: storage-admin, operator", or that nobody was paged. */
export function pagedText(notified: readonly string[]): string {
  return notified.length === 0 ? 'nobody paged' : `paged: ${notified.join(', ')}`;
}
