/**
 * Failures, repairs and volume moves at run time: the one place `setFault` and `moveVolume`
 * actions, EV_FAULT events and the per-second health checks go through.
 *
 * Owns: routing each fault to the part of the engine it breaks —
 *   link, port (HBA, switch port, array port), device (switch, hub, bridge), controller
 *                                       → host/multipath.ts (paths fail over or are lost)
 *   disk                                → array/disk-faults.ts (degraded RAID, rebuild, blocked)
 *   tapeDrive                           → the libraries (backup.ts / tape/)
 *   site                                → faults/site-faults.ts (servers stop, arrays down, WAN down)
 *   moveVolume                          → array/volume-move.ts
 * — the list of active faults, the alert log (ops/alerts.ts) with the per-second threshold
 * checks, device health for the monitoring console, and the status and report parts.
 *
 * Invariants: a refused fault action changes nothing; failing a failed component or repairing a
 * working one is accepted as redundant; everything here runs at event times, so alerts and
 * health are deterministic.
 *
 * Does not handle: how an I/O picks its path (simulation.ts with host/multipath.ts), the RAID
 * service times (array/parity-group.ts).
 */
import type { MoveVolume, SetFault, FaultComponent } from '../../model/scenario-faults.ts';
import { componentDevice, componentLabel } from '../../model/scenario-faults.ts';
import type { AlertKind, AlertSeverity } from '../../model/topology-monitoring.ts';
import type { CommandResult } from '../api.ts';
import type { ActiveFault, DeviceHealth, FaultReport, FaultStatus, MovePrediction } from '../fault-api.ts';
import { FAULT_STATUS_ALERTS } from '../fault-api.ts';
import { AlertLog } from '../ops/alerts.ts';

/** A component's key in the active-fault map. */
export function componentKey(c: FaultComponent): string {
  switch (c.kind) {
    case 'link':
      return `link ${c.linkId}`;
    case 'port':
      return `port ${c.deviceId} ${c.portId}`;
    case 'device':
      return `device ${c.deviceId}`;
    case 'controller':
      return `controller ${c.arrayId} ${c.controller}`;
    case 'disk':
      return `disk ${c.arrayId} ${c.parityGroupId} ${c.disk}`;
    case 'tapeDrive':
      return `tapeDrive ${c.libraryId} ${c.drive}`;
    case 'site':
      return `site ${c.siteId}`;
  }
}

/** What a part of the engine that can fail offers the fault system. */
export interface FaultTarget {
  /** Whether the component exists: an error message naming what is missing, or null. */
  check(c: FaultComponent): string | null;
  /** Applies the failure or the repair of a component `check` accepted, now. */
  setFailed(c: FaultComponent, failed: boolean): void;
}

export interface FaultSystemParts {
  nowUs(): number;
  alerts: AlertLog;
  /** link, port, device, controller. */
  fabric: FaultTarget;
  /** disk. */
  disks: FaultTarget;
  /** tapeDrive. */
  tape: FaultTarget;
  /** site. */
  site: FaultTarget;
  moves: {
    start(ldevId: string, parityGroupId: string, automatic: boolean): CommandResult;
    predict(ldevId: string, parityGroupId: string): MovePrediction | { error: string };
  };
  /** The health contributions of the parts (faults of the fabric, degraded groups, …), merged into `health`. */
  health(into: Record<string, DeviceHealth>): void;
  status(): Omit<FaultStatus, 'faults' | 'alerts' | 'alertCount' | 'health'>;
  report(): Omit<FaultReport, 'alerts'>;
}

export class FaultSystem {
  private readonly p: FaultSystemParts;
  private readonly active = new Map<string, ActiveFault>();

  constructor(p: FaultSystemParts) {
    this.p = p;
  }

  get alerts(): AlertLog {
    return this.p.alerts;
  }

  raise(severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string): void {
    this.p.alerts.raise(this.p.nowUs(), severity, kind, deviceId, message);
  }

  /**
   * Carries out `setFault`; `redundant` when the component already was in that state.
   * `accepted` runs once the action is known to take effect, before it does (the action's log record).
   */
  setFault(action: SetFault, accepted: () => void = () => undefined): CommandResult {
    const c = action.component;
    const key = componentKey(c);
    const was = this.active.has(key);
    const target = c.kind === 'disk' ? this.p.disks : c.kind === 'tapeDrive' ? this.p.tape : c.kind === 'site' ? this.p.site : this.p.fabric;
    const error = target.check(c);
    if (error !== null) return { ok: false, message: error };
    if (was === action.failed) return { ok: true, redundant: true, message: `${componentLabel(c)} is already ${action.failed ? 'failed' : 'working'}` };
    accepted();
    const label = componentLabel(c);
    const deviceId = componentDevice(c);
    // The fault's own alert first: what it causes (failovers, a rebuild, suspensions) follows it.
    if (action.failed) {
      this.active.set(key, { component: c, label, deviceId, sinceUs: this.p.nowUs() });
      this.raise(c.kind === 'disk' || c.kind === 'tapeDrive' ? 'warning' : 'critical', 'fault', deviceId, `${label} failed`);
    } else {
      this.active.delete(key);
      this.raise('info', 'repair', deviceId, `${label} repaired`);
    }
    target.setFailed(c, action.failed);
    return { ok: true };
  }

  moveVolume(action: MoveVolume): CommandResult {
    return this.p.moves.start(action.ldevId, action.parityGroupId, false);
  }

  predictMove(ldevId: string, parityGroupId: string): MovePrediction | { error: string } {
    return this.p.moves.predict(ldevId, parityGroupId);
  }

  isFailed(c: FaultComponent): boolean {
    return this.active.has(componentKey(c));
  }

  activeFaults(): ActiveFault[] {
    return [...this.active.values()];
  }

  health(): Record<string, DeviceHealth> {
    const h: Record<string, DeviceHealth> = {};
    this.p.health(h);
    return h;
  }

  status(): FaultStatus {
    const alerts = this.p.alerts;
    return { faults: this.activeFaults(), alerts: alerts.recent(FAULT_STATUS_ALERTS), alertCount: alerts.list.length, health: this.health(), ...this.p.status() };
  }

  report(): FaultReport {
    return { ...this.p.report(), alerts: this.p.alerts.counts() };
  }
}
