/**
 * Tape (and DVD-RAM) drive failures: the `tapeDrive` fault target of faults/fault-system.ts.
 *
 * Owns: what a drive failure and its repair do to a library, its drive allocation and the job on
 * the drive, and the alerts that say so.
 *
 *   working ──fail──▶ failed (offline: never granted; the cartridge in it stays there)
 *      ▲                 │
 *      └────repair───────┘ (the drive is back, empty; the stuck cartridge is back in its slot;
 *                           waiters are served as when a drive is released)
 *
 * The job on a failed drive (jobs.ts `driveFailed`): one that was mounting or moving data gets a
 * drive error and restarts from the start — on the lowest free working drive of its library, or
 * it waits in the queue until a drive frees or is repaired (it does not fail); one that was only
 * unloading after its last chunk is done. The cartridge is not ejected by the robot: a drive
 * that failed hard holds its cartridge until a service engineer replaces the drive (IBM and
 * Quantum library guides: a cartridge the drive will not unload is removed by hand), so a
 * restarted backup writes to other media and a restore that needs that cartridge waits for the
 * repair.
 *
 * Invariants: every change happens at the instant of the fault action (no events of its own);
 * a redundant request (failing a failed drive, repairing a working one) changes nothing; the
 * library's drive (`failed`) and the allocator (`down`) agree.
 *
 * Does not handle: media errors, cleaning, drive error thresholds (NetBackup downs a drive after
 * repeated errors; here one failure downs it), the retry delay of a backup application (the job
 * is queued again at once).
 */
import type { FaultComponent } from '../../model/scenario-faults.ts';
import type { AlertKind, AlertSeverity } from '../../model/topology-monitoring.ts';
import type { DeviceHealth } from '../fault-api.ts';
import type { FaultTarget } from '../faults/fault-system.ts';
import { failDrive, repairDrive } from './drive-allocator.ts';
import type { Jobs } from './jobs.ts';
import type { Library } from './libraries.ts';

export type RaiseAlert = (severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string) => void;

export interface DriveFaultParts {
  libraries: Library[];
  jobs: Jobs;
  nowUs(): number;
  /** Raises an alert (the fault system's alert log); absent: no alerts. */
  raise?: RaiseAlert;
}

export class TapeDriveFaults implements FaultTarget {
  private readonly p: DriveFaultParts;

  constructor(p: DriveFaultParts) {
    this.p = p;
  }

  check(c: FaultComponent): string | null {
    if (c.kind !== 'tapeDrive') return `not a tape drive: ${c.kind}`;
    const lib = this.library(c.libraryId);
    if (!lib) return `no tape or DVD library "${c.libraryId}"`;
    const n = lib.drives.length;
    if (!Number.isInteger(c.drive) || c.drive < 0 || c.drive >= n) return `${lib.id} has no drive ${c.drive} (drives 0–${n - 1})`;
    return null;
  }

  setFailed(c: FaultComponent, failed: boolean): void {
    if (this.check(c) !== null || c.kind !== 'tapeDrive') return;
    const lib = this.library(c.libraryId)!;
    if (failed) this.fail(lib, c.drive);
    else this.repair(lib, c.drive);
  }

  /** Whether drive `drive` of library `libraryId` is failed now. */
  isFailed(libraryId: string, drive: number): boolean {
    return this.library(libraryId)?.drives[drive]?.failed ?? false;
  }

  /** Monitoring: a library with a failed drive is degraded; with every drive failed, failed. */
  health(into: Record<string, DeviceHealth>): void {
    for (const lib of this.p.libraries) {
      const down = lib.drives.filter((d) => d.failed).length;
      if (down > 0) into[lib.id] = down === lib.drives.length ? 'failed' : 'degraded';
    }
  }

  private fail(lib: Library, drive: number): void {
    const now = this.p.nowUs();
    const r = failDrive(lib.alloc, { driveIndex: drive, atUs: now });
    if (!r.ok) return; // already down: redundant
    lib.alloc = r.state;
    const barcode = lib.fail(drive, now);
    const e = r.events[0];
    const jobId = e.kind === 'driveFailed' ? e.jobId : null;
    const job = jobId === null ? undefined : this.p.jobs.list.find((j) => j.id === jobId && j.library === lib);
    const stuck = barcode === null ? '' : `; ${barcode} stays in the drive until its repair`;
    if (!job) {
      if (barcode !== null) this.raise('warning', 'fault', lib.id, `${lib.id} drive ${drive} failed${stuck}`);
      return;
    }
    const outcome = this.p.jobs.driveFailed(job);
    if (outcome === 'finished') {
      this.raise('warning', 'fault', lib.id, `job ${job.id}: drive ${drive} of ${lib.id} failed while unloading; the data was all written, the job is done${stuck}`);
    } else if (outcome === 'restarted') {
      this.raise('warning', 'fault', lib.id, `job ${job.id}: drive error on drive ${drive} of ${lib.id}; ${this.whereNow(lib, job.id)}${stuck}`);
    }
  }

  private repair(lib: Library, drive: number): void {
    const now = this.p.nowUs();
    const r = repairDrive(lib.alloc, { driveIndex: drive, atUs: now });
    if (!r.ok) return; // not down: redundant
    lib.alloc = r.state;
    lib.repair(drive);
    this.p.jobs.onAllocatorEvents(lib, r.events);
    for (const e of r.events) {
      if (e.kind !== 'driveGranted' || !e.jobId || e.agentId === 'operator') continue;
      this.raise('info', 'repair', lib.id, `job ${e.jobId} gets drive ${e.driveIndex} of ${lib.id} after the repair`);
    }
  }

  /** Where a restarted job stands: mounting on a drive, or waiting and why. */
  private whereNow(lib: Library, jobId: string): string {
    const drive = lib.alloc.drives.findIndex((d) => d?.jobId === jobId);
    if (drive >= 0) return `restarted from the start on drive ${drive}`;
    const wanted = lib.alloc.queue.find((q) => q.jobId === jobId)?.cartridge;
    if (wanted !== undefined && lib.alloc.stuck.includes(wanted)) return `restarted; it waits for ${wanted}, stuck in a failed drive`;
    const working = lib.alloc.down.filter((d) => !d).length;
    return working === 0 ? `restarted; it waits: no working drive left in ${lib.id}` : `restarted; it waits for a free drive of ${lib.id}`;
  }

  private raise(severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string): void {
    this.p.raise?.(severity, kind, deviceId, message);
  }

  private library(id: string): Library | undefined {
    return this.p.libraries.find((l) => l.id === id);
  }
}
