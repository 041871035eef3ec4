/**
 * The engine's public contract for failures, multipath, alerts and volume moves: what the
 * status stream, the report, the monitoring console and the UI read. Re-exported by api.ts.
 *
 * Vocabulary:
 * - a *path* is one (HBA, array port) route from a server to the LU a workload drives; a
 *   workload has one path per HBA that reaches the same LDEV (any array port, any LUN);
 * - a path is `active` (carrying I/O), `standby` (working, kept for failover), `failing` (a
 *   component on it failed and the host has not noticed yet: I/Os sent on it wait) or `failed`
 *   (the host took it out of service);
 * - an *I/O error* is an I/O the host saw fail because no path was left (counted per server);
 * - a *retried* I/O was in flight on, or sent to, a path that failed: it waited for the
 *   failover and completed on a surviving path.
 */
import type { AlertKind, AlertSeverity } from '../model/topology-monitoring.ts';
import type { FaultComponent } from '../model/scenario-faults.ts';
import type { Action } from '../model/scenario.ts';

export type PathState = 'active' | 'standby' | 'failing' | 'failed';

export interface PathStatus {
  /** The server's FC port (HBA). */
  hbaPortId: string;
  arrayId: string;
  arrayPortId: string;
  lun: number;
  state: PathState;
  /** I/Os sent on this path so far. */
  ios: number;
}

export interface WorkloadPaths {
  serverId: string;
  workloadId: string;
  ldevId: string | null;
  policy: 'round-robin' | 'active-standby';
  paths: PathStatus[];
  /** I/Os failed at the host because no path was left. */
  ioErrors: number;
  /** I/Os that waited for a failover and completed on another path. */
  retriedIos: number;
  /** Times the host took a path out of service. */
  failovers: number;
}

export interface ActiveFault {
  component: FaultComponent;
  /** Human label, e.g. `link l3`, `port srv1/hba0`. */
  label: string;
  /** The device the component belongs to (a link's id for a link). */
  deviceId: string;
  sinceUs: number;
}

export type ParityGroupState = 'normal' | 'degraded' | 'rebuilding' | 'blocked';

export interface ParityGroupHealth {
  arrayId: string;
  parityGroupId: string;
  tier: string;
  raid: string;
  state: ParityGroupState;
  /** Failed disks (0-based) not yet rebuilt onto a spare. */
  failedDisks: number[];
  /** Rebuild progress 0–100 while rebuilding, else null. */
  rebuildPct: number | null;
  /** When the rebuild running now ends, if nothing else changes; null when none runs. */
  rebuildEndUs: number | null;
  /** Disk busy time over the last whole second / (disks × 1 s), percent. */
  utilPct: number;
  /** Mean over the run so far, percent. */
  meanUtilPct: number;
}

export interface AlertRecord {
  /** 1, 2, 3 … in the order raised. */
  seq: number;
  timeUs: number;
  severity: AlertSeverity;
  kind: AlertKind;
  /** The device (or link) the alert is about. */
  deviceId: string;
  message: string;
  /** Roles paged by the console's notification rules. */
  notified: string[];
}

export type DeviceHealth = 'ok' | 'degraded' | 'failed';

export interface MovePrediction {
  ldevId: string;
  arrayId: string;
  fromGroup: string;
  toGroup: string;
  /** Measured over the last `windowS` seconds before the prediction. */
  windowS: number;
  /** The LDEV's share of its group's disk time, percent of the group. */
  ldevUtilPct: number;
  before: { fromUtilPct: number; toUtilPct: number };
  /** Predicted after the move (the LDEV's back-end work re-costed on the target's disks). */
  after: { fromUtilPct: number; toUtilPct: number };
}

export interface VolumeMoveStatus {
  ldevId: string;
  arrayId: string;
  fromGroup: string;
  toGroup: string;
  state: 'copying' | 'done';
  /** Tracks copied / tracks, percent. */
  copiedPct: number;
  startedUs: number;
  switchedUs: number | null;
  /** true when started by the console's automatic-move rule. */
  automatic: boolean;
  prediction: MovePrediction;
  /** Measured over the same window length after the switch-over, once that much time has passed. */
  measured: { fromUtilPct: number; toUtilPct: number } | null;
}

export interface FaultStatus {
  faults: ActiveFault[];
  /** The most recent alerts (at most FAULT_STATUS_ALERTS), oldest first; `alertCount` counts all. */
  alerts: AlertRecord[];
  alertCount: number;
  paths: WorkloadPaths[];
  parityGroups: ParityGroupHealth[];
  moves: VolumeMoveStatus[];
  /** Per device and link id with something wrong (absent: ok). */
  health: Record<string, DeviceHealth>;
}

export const FAULT_STATUS_ALERTS = 500;

export interface FaultReport {
  /** Per server: I/O errors (no path left). */
  ioErrors: Record<string, number>;
  retriedIos: number;
  failovers: number;
  /** Counts, and every alert of the run in order (a run raises few: one per change of state). */
  alerts: { total: number; bySeverity: Record<AlertSeverity, number>; byKind: Partial<Record<AlertKind, number>>; list: AlertRecord[] };
  parityGroups: Record<string, { state: ParityGroupState; rebuilds: number; meanUtilPct: number }>;
  moves: Record<string, { fromGroup: string; toGroup: string; state: 'copying' | 'done'; predictedToUtilPct: number; measuredToUtilPct: number | null; predictedFromUtilPct: number; measuredFromUtilPct: number | null }>;
  /** "No acknowledged write lost": the checker's verdict over every surviving volume (see faults/ack-checker.ts). */
  ackCheck: { ok: boolean; volumes: number; acknowledgedWrites: number; message: string };
}

/** What an event-log entry is about (ops/event-journal.ts). */
export type JournalKind = 'action' | 'pair-state' | 'rejected-io' | 'job' | 'alert';

/** One entry of the run's event log for people. */
export interface JournalEntry {
  /** 1, 2, 3 … in the order recorded. */
  seq: number;
  timeUs: number;
  kind: JournalKind;
  /** The device (or link, or site) the entry is about: the canvas selects it. */
  deviceId: string;
  text: string;
  /** For `action`: the action carried out. */
  action?: Action;
}
