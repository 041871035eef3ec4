/**
 * Tape drive failures (drive-faults.ts, jobs.ts `driveFailed`) in the simulation: a backup whose
 * drive fails mid-job restarts on another drive and still writes an exact image; a one-drive
 * library's job waits for the repair instead of failing; a restore that needs the cartridge stuck
 * in the failed drive waits for it; a failure while unloading leaves the job done; what the drive
 * status shows; the alerts; refused and redundant requests.
 *
 * Faults go through a FaultSystem built here whose tape target works on the simulation's
 * libraries and jobs (the route `setFault` takes once the simulation wires
 * `tape: backup.tapeFaults` and passes `raise` to BackupSystem), with the alert log the fault
 * system owns.
 */
import { describe, expect, it } from 'vitest';
import type { FaultComponent } from '../../model/scenario-faults.ts';
import type { CommandResult, DeviceHealth } from '../api.ts';
import type { BackupSystem } from '../backup.ts';
import { FaultSystem, type FaultTarget } from '../faults/fault-system.ts';
import { AlertLog } from '../ops/alerts.ts';
import { createSimulation } from '../simulation.ts';
import { TapeDriveFaults } from './drive-faults.ts';
import { LTO_MOUNT_TIMINGS } from './media.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { backupScenario, barcode, jobOf, libraryOf, must, runJob, runUntilHolds, trackRange, writeTracks, type LibraryOptions } from '../testing/backup-fixtures.ts';

const TRACKS = 4000; // 1,000 MiB: a few seconds at LTO-8's 360 MB/s, after a ~25 s mount

interface Rig {
  sim: EngineSimulationHandle;
  alerts: AlertLog;
  fault(drive: number, failed: boolean, libraryId?: string): CommandResult;
  tape: TapeDriveFaults;
}

const nowhere: FaultTarget = { check: () => 'not in this test', setFailed: () => {} };

/** The fixture with P written on TRACKS tracks, and a fault system whose tape target is the simulation's. */
function rig(library: LibraryOptions = { drives: 2 }): Rig {
  const sim = createSimulation(backupScenario({ library }));
  writeTracks(sim, 'P', trackRange(0, TRACKS));
  const backup = (sim as unknown as { backup: BackupSystem }).backup;
  const alerts = new AlertLog(undefined);
  const tape = new TapeDriveFaults({
    libraries: backup.libraries, jobs: backup.jobs, nowUs: () => sim.nowUs(),
    raise: (severity, kind, deviceId, message) => alerts.raise(sim.nowUs(), severity, kind, deviceId, message),
  });
  const fs = new FaultSystem({
    nowUs: () => sim.nowUs(), alerts, fabric: nowhere, disks: nowhere, site: nowhere, tape,
    moves: { start: () => ({ ok: false, message: 'n/a' }), predict: () => ({ error: 'n/a' }) },
    health: (into) => tape.health(into),
    status: () => ({ paths: [], parityGroups: [], moves: [] }),
    report: () => ({ ioErrors: {}, retriedIos: 0, failovers: 0, parityGroups: {}, moves: {}, ackCheck: { ok: true, volumes: 0, acknowledgedWrites: 0, message: '' } }),
  });
  const fault = (drive: number, failed: boolean, libraryId = 'lib1'): CommandResult => {
    const component: FaultComponent = { kind: 'tapeDrive', libraryId, drive };
    return fs.setFault({ type: 'setFault', component, failed });
  };
  return { sim, alerts, fault, tape };
}

const backupP = { type: 'backupJob', job: 'bk', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db' } as const;

/** Runs until job `id` has moved at least `tracks` tracks of its current attempt. */
function runUntilTracks(sim: EngineSimulationHandle, id: string, tracks: number): void {
  runUntilHolds(sim, () => jobOf(sim, id).state === 'transferring' && jobOf(sim, id).tracksDone >= tracks, sim.endUs(), 20_000);
}

describe('tape drive faults › a backup whose drive fails mid-job', () => {
  it('restarts from the start on the other drive, writes an exact image, and takes longer', () => {
    const base = rig();
    must(base.sim, backupP);
    const clean = runJob(base.sim, 'bk');

    const { sim, fault, alerts } = rig();
    must(sim, backupP);
    runUntilTracks(sim, 'bk', TRACKS / 3);
    const failedAtS = sim.nowUs() / 1e6;
    expect(fault(0, true)).toEqual({ ok: true });
    expect(jobOf(sim, 'bk')).toMatchObject({ state: 'mounting', tracksDone: 0, bytesDone: 0, driveErrors: 1 });
    const job = runJob(sim, 'bk');
    const r = sim.report();

    expect(job).toMatchObject({ state: 'done', error: null, driveErrors: 1, tracksPlanned: TRACKS, tracksDone: TRACKS, bytesDone: clean.bytesDone });
    expect(job.cartridges).toEqual([expect.objectContaining({ barcode: barcode(2), driveIndex: 1, count: TRACKS })]);
    expect(job.verification).toMatchObject({ passed: true, mismatches: 0 });
    expect(r.catalog.bk.digest).toBe(r.ldevs.P.contentDigest);
    expect(r.catalog.bk.cartridges).toEqual([barcode(2)]); // the partial first attempt is not catalogued
    // Longer: the lost transfer plus a second robot move and load on drive 1.
    expect(job.endedS! - job.createdS).toBeGreaterThan(clean.endedS! - clean.createdS + 20);
    expect(job.transferStartS!).toBeGreaterThan(failedAtS);
    expect(alerts.list.map((a) => [a.severity, a.kind, a.message])).toEqual([
      ['warning', 'fault', 'drive lib1#0 failed'],
      ['warning', 'fault', `job bk: drive error on drive 0 of lib1; restarted from the start on drive 1; ${barcode(1)} stays in the drive until its repair`],
    ]);
  });

  it('backs up the source as it is at the restart: tracks written since the first start are planned and verified', () => {
    const { sim, fault } = rig();
    must(sim, backupP);
    runUntilTracks(sim, 'bk', TRACKS / 3);
    writeTracks(sim, 'P', [...trackRange(0, 10), ...trackRange(9000, 20)]); // 10 already on tape overwritten, 20 new
    fault(0, true);
    const job = runJob(sim, 'bk');
    expect(job).toMatchObject({ state: 'done', tracksPlanned: TRACKS + 20, tracksDone: TRACKS + 20 });
    expect(job.verification).toMatchObject({ passed: true, mismatches: 0 });
    expect(sim.report().catalog.bk.digest).toBe(sim.report().ldevs.P.contentDigest);
  });

  it('shows the drive failed, idle, with its cartridge stuck in it, until the repair returns the cartridge', () => {
    const { sim, fault } = rig();
    must(sim, backupP);
    runUntilTracks(sim, 'bk', TRACKS / 3);
    fault(0, true);
    runJob(sim, 'bk');
    const lib = libraryOf(sim);
    expect(lib.drives[0]).toMatchObject({ failed: true, state: 'loaded', barcode: barcode(1), jobId: null });
    expect(lib.drives[1]).toMatchObject({ failed: false, state: 'empty' });
    expect(lib.cartridges.find((c) => c.barcode === barcode(1))).toMatchObject({ location: 'drive', driveIndex: 0, scratch: false });
    const busy = lib.drives[0].busyUs;
    sim.runUntil(sim.nowUs() + 30e6);
    expect(libraryOf(sim).drives[0].busyUs).toBe(busy); // a failed drive is not busy
    // A new job is never given the failed drive.
    must(sim, { ...backupP, job: 'bk2' });
    expect(jobOf(sim, 'bk2')).toMatchObject({ state: 'mounting' });
    expect(libraryOf(sim).drives[1].jobId).toBe('bk2');
    expect(fault(0, false)).toEqual({ ok: true });
    expect(libraryOf(sim).drives[0]).toMatchObject({ failed: false, state: 'empty', barcode: null });
    expect(libraryOf(sim).cartridges.find((c) => c.barcode === barcode(1))).toMatchObject({ location: 'slot', driveIndex: null });
  });
});

describe('tape drive faults › a failure while the cartridge is being mounted', () => {
  it('mounts again on the other drive: the lost mount\'s completion does not start the transfer early', () => {
    const { sim, fault } = rig();
    must(sim, backupP);
    sim.runUntil(5e6);
    expect(jobOf(sim, 'bk').state).toBe('mounting');
    fault(0, true);
    const job = runJob(sim, 'bk');
    const t = LTO_MOUNT_TIMINGS;
    expect(job.transferStartS! * 1e6).toBeGreaterThanOrEqual(5e6 + t.robotMoveUs + t.loadUs);
    expect(job).toMatchObject({ state: 'done', driveErrors: 1, tracksDone: TRACKS });
    expect(job.cartridges.map((c) => [c.barcode, c.driveIndex])).toEqual([[barcode(2), 1]]);
    expect(job.verification!.passed).toBe(true);
  });
});

describe('tape drive faults › a one-drive library', () => {
  it('keeps the job queued (not failed) while its only drive is down, and finishes it after the repair', () => {
    const { sim, fault, alerts } = rig({ drives: 1 });
    must(sim, backupP);
    runUntilTracks(sim, 'bk', TRACKS / 2);
    fault(0, true);
    sim.runUntil(sim.nowUs() + 120e6);
    expect(jobOf(sim, 'bk')).toMatchObject({ state: 'queued', error: null, driveErrors: 1, tracksDone: 0 });
    expect(libraryOf(sim).queue).toEqual(['bk']);
    expect(alerts.list[1].message).toBe(`job bk: drive error on drive 0 of lib1; restarted; it waits: no working drive left in lib1; ${barcode(1)} stays in the drive until its repair`);
    const repairUs = sim.nowUs();
    fault(0, false);
    expect(jobOf(sim, 'bk').state).toBe('mounting');
    const job = runJob(sim, 'bk');
    expect(job).toMatchObject({ state: 'done', driveErrors: 1, tracksDone: TRACKS });
    expect(job.transferStartS! * 1e6).toBeGreaterThan(repairUs + 20e6); // robot move + load after the repair
    expect(job.cartridges.map((c) => [c.barcode, c.driveIndex])).toEqual([[barcode(2), 0]]);
    expect(job.verification!.passed).toBe(true);
    expect(sim.report().catalog.bk.digest).toBe(sim.report().ldevs.P.contentDigest);
    expect(alerts.list.map((a) => a.message).slice(2)).toEqual(['drive lib1#0 repaired', 'job bk gets drive 0 of lib1 after the repair']);
  });
});

describe('tape drive faults › restore and unload', () => {
  it('a restore whose cartridge is stuck in the failed drive waits for the repair, then restores the image', () => {
    const { sim, fault, alerts } = rig();
    must(sim, backupP);
    runJob(sim, 'bk');
    const image = sim.report().catalog.bk.digest;
    must(sim, { type: 'restoreJob', job: 'rs', fromJob: 'bk', target: 'R', path: 'lan-free', serverId: 'db' });
    runUntilTracks(sim, 'rs', TRACKS / 3);
    const drive = jobOf(sim, 'rs').cartridges[0].driveIndex;
    fault(drive, true);
    sim.runUntil(sim.nowUs() + 60e6);
    expect(jobOf(sim, 'rs')).toMatchObject({ state: 'queued', driveErrors: 1 }); // a drive is free, but not the cartridge
    expect(libraryOf(sim).drives.filter((d) => !d.failed && d.state === 'empty')).toHaveLength(1);
    expect(alerts.list[1].message).toContain(`restarted; it waits for ${barcode(1)}, stuck in a failed drive`);
    fault(drive, false);
    const rs = runJob(sim, 'rs');
    expect(rs).toMatchObject({ state: 'done', tracksDone: TRACKS });
    expect(rs.verification!.passed).toBe(true);
    expect(sim.report().ldevs.R.contentDigest).toBe(image);
  });

  it('a failure while the tape unloads after the last chunk leaves the job done, catalogued, with the cartridge stuck', () => {
    const { sim, fault } = rig();
    must(sim, backupP);
    runUntilHolds(sim, () => jobOf(sim, 'bk').state === 'unloading', sim.endUs(), 20_000);
    fault(0, true);
    expect(jobOf(sim, 'bk')).toMatchObject({ state: 'done', driveErrors: 1 });
    const endedS = jobOf(sim, 'bk').endedS;
    sim.runUntil(sim.nowUs() + 120e6); // the unload event of the lost attempt changes nothing
    expect(jobOf(sim, 'bk')).toMatchObject({ state: 'done', endedS });
    expect(sim.report().catalog.bk.verification!.passed).toBe(true);
    expect(libraryOf(sim).drives[0]).toMatchObject({ failed: true, barcode: barcode(1) });
  });
});

describe('tape drive faults › requests', () => {
  it('refuses unknown libraries and drives, and accepts repeats as redundant without changing anything', () => {
    const { sim, fault, alerts, tape } = rig();
    expect(fault(0, true, 'nolib')).toEqual({ ok: false, message: 'no tape or DVD library "nolib"' });
    expect(fault(2, true)).toEqual({ ok: false, message: 'lib1 has no drive 2 (drives 0–1)' });
    expect(fault(1, false)).toMatchObject({ ok: true, redundant: true });
    expect(fault(1, true)).toEqual({ ok: true });
    expect(fault(1, true)).toMatchObject({ ok: true, redundant: true });
    expect(libraryOf(sim).drives.map((d) => d.failed)).toEqual([false, true]);
    expect(alerts.list).toHaveLength(1); // only the accepted failure
    const health: Record<string, DeviceHealth> = {};
    tape.health(health);
    expect(health).toEqual({ lib1: 'degraded' });
    fault(0, true);
    tape.health(health);
    expect(health).toEqual({ lib1: 'failed' });
  });

  it('refuses an operator mount of a cartridge stuck in a failed drive', () => {
    const { sim, fault } = rig({ drives: 2 });
    must(sim, { type: 'mountCartridge', libraryId: 'lib1', barcode: barcode(3) });
    fault(0, true);
    expect(sim.apply({ type: 'unmountCartridge', libraryId: 'lib1', barcode: barcode(3) })).toEqual({ ok: false, message: `${barcode(3)} is stuck in failed drive 0 of lib1 until its repair` });
    fault(0, false);
    expect(sim.apply({ type: 'mountCartridge', libraryId: 'lib1', barcode: barcode(3) })).toEqual({ ok: true });
  });
});
