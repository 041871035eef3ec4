/**
 * Test support for the tape and backup commands (imported by backup-*.test.ts only): a small
 * topology with servers, two arrays, a tape and a DVD library, and a hand-built BackupStatus
 * whose every field the tests' golden strings were written from; plus a fake CciContext that
 * serves it and lets a test move cartridges when the clock moves, as the engine would.
 *
 *   arr1 (Seq# 64001)  CL1-A: hg-db "db" = 0, hg-db2 "db2" = 1; CL2-A: hg-bk "backup" = 0
 *                      LDEVs db-p, db-s (copy group DB: dev db, db-p → db-s)
 *   arr2 (Seq# 64002)  CL1-A: hg-r "r" = 0; LDEV r-1
 *   db-server, backup-server (servers); lan1 (a LAN segment, not a server)
 *   lib1  LTO-8, 2 drives, 6 slots + 1 import/export: ULT001L8 @1, ULT002L8 @2, ULT003L8 @3
 *         (in drive 0 for job bk1), ULT004L8 @5
 *   dvd1  DVD-RAM, 1 drive, 3 slots, no import/export: DVD001D1 @1
 *   policy pA: Company A, db-p, 22:00 for 2 h, lib1, lan-free via backup-server
 */
import type { BackupStatus, JobStatus, RunbookStatus } from '../engine/api.ts';
import { Topology } from '../model/topology.ts';
import type { CciContext } from './execute.ts';
import { fakeContext, type FakeContext } from './test-topology.ts';

const place = { siteId: 'main', position: { x: 0, y: 0 } };
const fc = (id: string, wwpn: string) => ({ id, kind: 'fc', speedGbps: 8, wwpn });
const pg = { id: 'pg1', tier: 'ssd', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 1920 };
const ldev = (id: string) => ({ id, name: id, parityGroupId: 'pg1', capacityGiB: 10 });
const server = (id: string, wwpn: string) => ({ id, name: id, kind: 'server', ...place, ports: [fc('hba0', wwpn)], serverClass: 'unix' });

export const BACKUP_TOPOLOGY: Topology = Topology.parse({
  version: 2,
  name: 'backup console test',
  sites: [{ id: 'main', name: 'Main', kind: 'main' }],
  links: [],
  devices: [
    server('db-server', '10:00:00:00:c9:3a:10:01'),
    server('backup-server', '10:00:00:00:c9:3a:20:01'),
    { id: 'lan1', name: 'LAN', kind: 'lanSegment', ...place, ports: [] },
    {
      id: 'arr1',
      name: 'main array',
      kind: 'array',
      ...place,
      ports: [fc('CL1-A', '50:06:0e:80:00:00:00:01'), fc('CL2-A', '50:06:0e:80:00:00:00:02')],
      cacheGiB: 16,
      parityGroups: [pg],
      ldevs: [ldev('db-p'), ldev('db-s')],
      hostGroups: [
        { id: 'hg-db', name: 'db', portId: 'CL1-A', wwpns: ['10:00:00:00:c9:3a:10:01'] },
        { id: 'hg-bk', name: 'backup', portId: 'CL2-A', wwpns: [] },
        { id: 'hg-db2', name: 'db2', portId: 'CL1-A', wwpns: [] },
      ],
      luPaths: [
        { portId: 'CL1-A', hostGroupId: 'hg-db', lun: 0, ldevId: 'db-p' },
        { portId: 'CL2-A', hostGroupId: 'hg-bk', lun: 0, ldevId: 'db-s' },
      ],
    },
    {
      id: 'arr2',
      name: 'remote array',
      kind: 'array',
      ...place,
      ports: [fc('CL1-A', '50:06:0e:80:00:00:00:09')],
      cacheGiB: 16,
      parityGroups: [pg],
      ldevs: [ldev('r-1')],
      hostGroups: [{ id: 'hg-r', name: 'r', portId: 'CL1-A', wwpns: [] }],
      luPaths: [{ portId: 'CL1-A', hostGroupId: 'hg-r', lun: 0, ldevId: 'r-1' }],
    },
    {
      id: 'lib1',
      name: 'tape library',
      kind: 'tapeLibrary',
      ...place,
      ports: [],
      driveGeneration: 'LTO-8',
      driveCount: 2,
      slotCount: 6,
      ioSlotCount: 1,
      cartridges: [
        { barcode: 'ULT001L8', slot: 1, scratch: false },
        { barcode: 'ULT002L8', slot: 2 },
        { barcode: 'ULT003L8', slot: 3 },
        { barcode: 'ULT004L8', slot: 5 },
      ],
    },
    { id: 'dvd1', name: 'DVD library', kind: 'dvdLibrary', ...place, ports: [], driveCount: 1, slotCount: 3, ioSlotCount: 0, cartridges: [{ barcode: 'DVD001D1', slot: 1 }] },
  ],
  copyGroups: [{ id: 'DB', kind: 'local', devices: [{ name: 'db', pvol: 'db-p', svol: 'db-s' }] }],
  backup: {
    freeVolumes: [],
    policies: [
      { id: 'pA', tenant: 'Company A', ldevId: 'db-p', windowStart: '22:00', windowHours: 2, libraryId: 'lib1', path: 'lan-free', serverId: 'backup-server' },
    ],
  },
});

const GB = 1_000_000_000;

function job(id: string, patch: Partial<JobStatus>): JobStatus {
  return {
    id,
    kind: 'backup',
    state: 'done',
    path: 'lan-free',
    source: 'db-s',
    target: 'lib1',
    libraryId: 'lib1',
    servers: ['backup-server'],
    links: ['fc-backup-0', 'fc-tape-0'],
    createdS: 10,
    startedS: 10,
    transferStartS: 25.5,
    transferEndS: 58,
    endedS: 60.25,
    tracksPlanned: 20480,
    tracksDone: 20480,
    bytesPlanned: 5 * GB,
    bytesDone: 5 * GB,
    mbps: 143.884,
    waitS: 0,
    backhitches: 2,
    driveErrors: 0,
    cartridges: [{ barcode: 'ULT001L8', driveIndex: 0, firstIndex: 0, count: 20480, bytes: 5 * GB, startBytes: 0 }],
    verification: {
      passed: true,
      tracksCompared: 20480,
      mismatches: 0,
      firstMismatch: null,
      against: 'db-p at split of DB/db (8.000 s)',
      line: 'PASS: 20,480 tracks of db-s equal db-p at 8.000 s',
    },
    error: null,
    ...patch,
  };
}

function runbook(): RunbookStatus {
  const step = (n: number, title: string, actor: string | null, state: 'pending' | 'running' | 'done', startedS: number | null, endedS: number | null, changes: string[] = []) => ({
    n,
    title,
    actor,
    detail: null,
    state,
    startedS,
    endedS,
    changes,
    error: null,
  });
  return {
    id: 'online',
    name: 'Online backup (Fig. 2)',
    state: 'running',
    current: 2,
    stepMode: false,
    pauseBefore: 409,
    steps: [
      step(403, 'Database enters backup mode', 'db-server', 'done', 5, 5.5, ['db-server backup mode on']),
      step(404, 'Mirror split', 'arr1', 'done', 5.5, 8, ['DB/db PAIR → PSUS']),
      step(405, 'Database leaves backup mode', 'db-server', 'running', 8, null),
      step(409, 'Copy 151 to tape', 'backup-server', 'pending', null, null),
    ],
  };
}

/** The status every golden string in the tests was written from (a night that started at 22:00). */
export function backupStatus(): BackupStatus {
  return {
    clockStart: '22:00',
    runbookSchedule: [],
    policies: BACKUP_TOPOLOGY.backup.policies.map((p) => ({ ...p })),
    libraries: [
      {
        id: 'lib1',
        kind: 'tapeLibrary',
        driveGeneration: 'LTO-8',
        drives: [
          { index: 0, state: 'busy', barcode: 'ULT003L8', jobId: 'bk1', bytes: 2 * GB, busyUs: 20_000_000, failed: false },
          { index: 1, state: 'empty', barcode: null, jobId: null, bytes: 0, busyUs: 0, failed: false },
        ],
        cartridges: [
          { barcode: 'ULT001L8', media: 'LTO-8', slot: 1, location: 'slot', driveIndex: null, scratch: false, capacityBytes: 12_000 * GB, usedBytes: 5 * GB, jobs: ['bk0'] },
          { barcode: 'ULT002L8', media: 'LTO-8', slot: 2, location: 'slot', driveIndex: null, scratch: true, capacityBytes: 12_000 * GB, usedBytes: 0, jobs: [] },
          { barcode: 'ULT003L8', media: 'LTO-8', slot: 3, location: 'drive', driveIndex: 0, scratch: false, capacityBytes: 12_000 * GB, usedBytes: 2 * GB, jobs: ['bk1'] },
          { barcode: 'ULT004L8', media: 'LTO-8', slot: 5, location: 'slot', driveIndex: null, scratch: true, capacityBytes: 12_000 * GB, usedBytes: 0, jobs: [] },
        ],
        queue: [],
        robotBusyUs: 30_000_000,
      },
      {
        id: 'dvd1',
        kind: 'dvdLibrary',
        driveGeneration: null,
        drives: [{ index: 0, state: 'empty', barcode: null, jobId: null, bytes: 0, busyUs: 0, failed: false }],
        cartridges: [{ barcode: 'DVD001D1', media: 'DVD-RAM', slot: 1, location: 'slot', driveIndex: null, scratch: true, capacityBytes: 9_400_000_000, usedBytes: 0, jobs: [] }],
        queue: [],
        robotBusyUs: 0,
      },
    ],
    jobs: [
      job('bk0', {}),
      job('bk1', {
        state: 'transferring',
        createdS: 61,
        startedS: 61,
        transferStartS: 75,
        transferEndS: null,
        endedS: null,
        tracksDone: 8650,
        bytesDone: 2 * GB,
        mbps: 160,
        backhitches: 0,
        cartridges: [{ barcode: 'ULT003L8', driveIndex: 0, firstIndex: 0, count: 8650, bytes: 2 * GB, startBytes: 0 }],
        verification: null,
      }),
      job('rs1', {
        kind: 'restore',
        state: 'failed',
        path: 'lan',
        source: 'bk0',
        target: 'r-1',
        servers: ['db-server', 'backup-server'],
        tracksDone: 100,
        bytesDone: 25_000_000,
        mbps: 98.76,
        cartridges: [],
        verification: { passed: false, tracksCompared: 20480, mismatches: 3, firstMismatch: 17, against: 'catalog bk0', line: 'FAIL: 3 of 20,480 tracks differ, first at track 17' },
        error: 'r-1 is smaller than the image',
      }),
    ],
    catalog: [
      {
        jobId: 'bk0',
        libraryId: 'lib1',
        source: 'db-s',
        imageAtS: 8,
        startedS: 10,
        endedS: 60.25,
        tracks: 20480,
        bytes: 5 * GB,
        cartridges: ['ULT001L8'],
        digest: '9f2c41d0',
        verification: job('bk0', {}).verification,
        expiresS: 7 * 86_400 + 60,
      },
    ],
    runbooks: [runbook(), { id: 'restore', name: 'Restore (Fig. 3)', state: 'idle', current: -1, stepMode: true, pauseBefore: null, steps: [runbook().steps[0]] }],
    schedule: [
      {
        policyId: 'pA',
        tenant: 'Company A',
        ldevId: 'db-p',
        jobId: 'pA-1',
        libraryId: 'lib1',
        plannedStartS: 0,
        plannedEndS: 2520,
        plannedDrive: 0,
        windowStartS: 0,
        windowEndS: 7200,
        missesWindow: false,
        estimatedMBps: 160,
        bytes: 400 * GB,
        actualStartS: 0,
        actualEndS: 2490.5,
        actualDrive: 1,
        state: 'done',
      },
      {
        policyId: 'pB',
        tenant: 'Company B',
        ldevId: 'r-1',
        jobId: 'pB-1',
        libraryId: 'lib1',
        plannedStartS: 10_800,
        plannedEndS: 19_800,
        plannedDrive: 1,
        windowStartS: 10_800,
        windowEndS: 18_000,
        missesWindow: true,
        estimatedMBps: 111.11,
        bytes: 1000 * GB,
        actualStartS: null,
        actualEndS: null,
        actualDrive: null,
        state: 'planned',
      },
    ],
    backupMode: [],
    mounts: [],
  };
}

export interface BackupFakeContext extends FakeContext, CciContext {
  /** What `backup()` returns; tests change it, or `onAdvance` does as the engine would. */
  backupNow: BackupStatus;
  backup(): Promise<BackupStatus>;
}

/** A fake context over BACKUP_TOPOLOGY serving `backupNow` (a fresh `backupStatus()`). */
export function backupContext(patch: Partial<BackupFakeContext> = {}): BackupFakeContext {
  const base = fakeContext({ topology: BACKUP_TOPOLOGY });
  const ctx: BackupFakeContext = Object.assign(base, {
    backupNow: backupStatus(),
    backup: async () => ctx.backupNow,
    ...patch,
  });
  return ctx;
}
