/**
 * The monitoring console's alert list (SAN patent Figs. 12–13): every failure, repair, path
 * failover, pair suspension, full journal, missed backup window and crossed threshold, with the
 * simulated time, the device and a severity, and the roles the console's notification rules page.
 *
 * Owns: raising alerts (numbered in order), matching notification rules, threshold alerts with
 * hysteresis (a threshold alert is raised when a value goes above its limit and again only after
 * it has been back under THRESHOLD_REARM of it — 90 % — so a value hovering at the limit does not
 * flap), and the counts the report gives.
 *
 * Invariants: alerts are raised only from engine events, so the list is deterministic (same
 * scenario and seed, same alerts); acknowledging is the user's business (the UI keeps it) and
 * changes nothing here; the list keeps every alert (a run raises few: they are per change of
 * state, never per I/O).
 *
 * Does not handle: detecting the conditions (faults/fault-system.ts, the samples) — callers
 * raise.
 */
import type { AlertKind, AlertSeverity, Monitoring, NotificationRule } from '../../model/topology-monitoring.ts';
import type { AlertRecord } from '../fault-api.ts';

/** A threshold alert re-arms once the value is back under this fraction of its limit. */
export const THRESHOLD_REARM = 0.9;

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** The roles `rules` page for an alert (each role once, in rule order). */
export function notifiedRoles(rules: readonly NotificationRule[], severity: AlertSeverity, kind: AlertKind, deviceId: string): string[] {
  const roles: string[] = [];
  for (const r of rules) {
    if (SEVERITY_RANK[severity] < SEVERITY_RANK[r.minSeverity]) continue;
    if (r.kinds !== undefined && !r.kinds.includes(kind)) continue;
    if (r.deviceIds !== undefined && !r.deviceIds.includes(deviceId)) continue;
    if (!roles.includes(r.role)) roles.push(r.role);
  }
  return roles;
}

export class AlertLog {
  readonly list: AlertRecord[] = [];
  private readonly rules: readonly NotificationRule[];
  /** Called with every alert raised (the event journal records it). */
  onRaise: ((a: AlertRecord) => void) | null = null;
  /** Threshold keys now above their limit (raised once until they fall back under). */
  private readonly above = new Set<string>();

  constructor(monitoring: Monitoring | undefined) {
    this.rules = monitoring?.rules ?? [];
  }

  raise(timeUs: number, severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string): AlertRecord {
    const a: AlertRecord = { seq: this.list.length + 1, timeUs, severity, kind, deviceId, message, notified: notifiedRoles(this.rules, severity, kind, deviceId) };
    this.list.push(a);
    this.onRaise?.(a);
    return a;
  }

  /**
   * A value compared with its limit at a sample: raises a `threshold` warning when `value`
   * crosses above `limit` (once per excursion, keyed by `key`: again only after it fell under
   * THRESHOLD_REARM × limit). Returns true when it raised.
   */
  threshold(timeUs: number, key: string, deviceId: string, value: number, limit: number, message: () => string): boolean {
    if (value > limit) {
      if (this.above.has(key)) return false;
      this.above.add(key);
      this.raise(timeUs, 'warning', 'threshold', deviceId, message());
      return true;
    }
    if (value < limit * THRESHOLD_REARM) this.above.delete(key);
    return false;
  }

  recent(n: number): AlertRecord[] {
    return this.list.slice(Math.max(0, this.list.length - n));
  }

  counts(): { total: number; bySeverity: Record<AlertSeverity, number>; byKind: Partial<Record<AlertKind, number>>; list: AlertRecord[] } {
    const bySeverity: Record<AlertSeverity, number> = { info: 0, warning: 0, critical: 0 };
    const byKind: Partial<Record<AlertKind, number>> = {};
    for (const a of this.list) {
      bySeverity[a.severity]++;
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    }
    return { total: this.list.length, bySeverity, byKind, list: this.list.map((a) => ({ ...a, notified: [...a.notified] })) };
  }
}
