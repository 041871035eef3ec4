/**
 * Hand-made BackupStatus fixtures for the Backup panel's tests (unit and sim-slice tests): a
 * two-drive LTO-8 library mid-backup, a finished job with its verification, a failed one, the
 * online-backup runbook stopped at its split step, and a three-tenant night schedule with one job
 * flagged as missing its window. Tests only: the app never imports this file (it shows what the
 * engine reports, nothing else).
 */
import type {
  BackupStatus,
  CatalogEntry,
  JobStatus,
  LibraryStatus,
  RunbookStatus,
  RunbookStepStatus,
  ScheduledJob,
  Verification,
} from '../../engine/api.ts';

export const PASSED: Verification = {
  passed: true,
  tracksCompared: 20480,
  mismatches: 0,
  firstMismatch: null,
  against: 'db-primary at split of DB/db (28.000 s)',
  line: 'PASS: 20,480 tracks of db-secondary equal db-primary at 28.000 s',
};

export const FAILED: Verification = {
  passed: false,
  tracksCompared: 20480,
  mismatches: 3,
  firstMismatch: 117,
  against: 'db-primary at split of DB/db (28.000 s)',
  line: 'FAIL: 3 of 20,480 tracks differ from db-primary at 28.000 s (first: track 117)',
};

export function job(overrides: Partial<JobStatus> & { id: string }): JobStatus {
  return {
    kind: 'backup',
    state: 'transferring',
    path: 'lan-free',
    source: 'db-secondary',
    target: 'tape1',
    libraryId: 'tape1',
    servers: ['backup-server'],
    links: ['l-bk-sw', 'l-sw-tape'],
    createdS: 30,
    startedS: 30,
    transferStartS: 55,
    transferEndS: null,
    endedS: null,
    tracksPlanned: 20480,
    tracksDone: 8192,
    bytesPlanned: 5_368_709_120,
    bytesDone: 2_147_483_648,
    mbps: 300,
    waitS: 0,
    backhitches: 2,
    driveErrors: 0,
    cartridges: [{ barcode: 'ULT001L8', driveIndex: 0, firstIndex: 0, count: 8192, bytes: 2_147_483_648, startBytes: 0 }],
    verification: null,
    error: null,
    ...overrides,
  };
}

export function library(overrides: Partial<LibraryStatus> = {}): LibraryStatus {
  return {
    id: 'tape1',
    kind: 'tapeLibrary',
    driveGeneration: 'LTO-8',
    drives: [
      { index: 0, state: 'busy', barcode: 'ULT001L8', jobId: 'bk1', bytes: 2_147_483_648, busyUs: 40_000_000, failed: false },
      { index: 1, state: 'empty', barcode: null, jobId: null, bytes: 0, busyUs: 0, failed: false },
    ],
    cartridges: [
      { barcode: 'ULT001L8', media: 'LTO-8', slot: 1, location: 'drive', driveIndex: 0, scratch: false, capacityBytes: 12e12, usedBytes: 2_147_483_648, jobs: ['bk1'] },
      { barcode: 'ULT002L8', media: 'LTO-8', slot: 2, location: 'slot', driveIndex: null, scratch: true, capacityBytes: 12e12, usedBytes: 0, jobs: [] },
      { barcode: 'ULT003L8', media: 'LTO-8', slot: 3, location: 'slot', driveIndex: null, scratch: false, capacityBytes: 12e12, usedBytes: 4e9, jobs: ['bk0'] },
    ],
    queue: ['bk2'],
    robotBusyUs: 20_000_000,
    ...overrides,
  };
}

export function step(n: number, title: string, overrides: Partial<RunbookStepStatus> = {}): RunbookStepStatus {
  return { n, title, actor: null, detail: null, state: 'pending', startedS: null, endedS: null, changes: [], error: null, ...overrides };
}

/** The online backup (Fig. 2) stopped in step mode before 405, with 404's split done. */
export function onlineRunbook(overrides: Partial<RunbookStatus> = {}): RunbookStatus {
  return {
    id: 'online',
    name: 'Online backup (Fig. 2)',
    state: 'paused',
    current: 2,
    stepMode: true,
    pauseBefore: null,
    steps: [
      step(403, 'Database enters backup mode', { actor: 'db-server', state: 'done', startedS: 28, endedS: 28.5, changes: ['db-server backup mode: — → on'] }),
      step(404, 'Mirror split', { actor: 'db-server', state: 'done', startedS: 28.5, endedS: 29, changes: ['pair DB/db: PAIR → PSUS'] }),
      step(405, 'Database leaves backup mode', { actor: 'db-server', state: 'pending' }),
      step(409, 'Copy 151 to tape', { actor: 'backup-server', state: 'pending' }),
    ],
    ...overrides,
  };
}

export function scheduled(overrides: Partial<ScheduledJob> & { jobId: string }): ScheduledJob {
  return {
    policyId: `p-${overrides.jobId}`,
    tenant: 'Company A',
    ldevId: 'web-a',
    libraryId: 'tape1',
    plannedStartS: 7200,
    plannedEndS: 9000,
    plannedDrive: 0,
    windowStartS: 7200,
    windowEndS: 14400,
    missesWindow: false,
    estimatedMBps: 300,
    bytes: 540e9,
    actualStartS: null,
    actualEndS: null,
    actualDrive: null,
    state: 'planned',
    ...overrides,
  };
}

export function catalogEntry(overrides: Partial<CatalogEntry> & { jobId: string }): CatalogEntry {
  return {
    libraryId: 'tape1',
    source: 'db-secondary',
    imageAtS: 28,
    startedS: 30,
    endedS: 75,
    tracks: 20480,
    bytes: 5_368_709_120,
    cartridges: ['ULT003L8'],
    digest: '9f3a00c1',
    verification: PASSED,
    expiresS: 604_800,
    ...overrides,
  };
}

/** Clock 22:00; schedule: A at 00:00 on drive 0 (running), B at 01:00 on drive 1, C misses its window. */
export function backupStatus(overrides: Partial<BackupStatus> = {}): BackupStatus {
  return {
    clockStart: '22:00',
    runbookSchedule: [],
    policies: [],
    libraries: [library()],
    jobs: [
      job({ id: 'bk0', state: 'done', tracksDone: 20480, bytesDone: 5_368_709_120, endedS: 75, verification: PASSED }),
      job({ id: 'bk1' }),
      job({ id: 'bk2', state: 'queued', startedS: null, transferStartS: null, tracksDone: 0, bytesDone: 0, mbps: 0, backhitches: 0, cartridges: [], waitS: 12 }),
    ],
    catalog: [catalogEntry({ jobId: 'bk0' })],
    runbooks: [onlineRunbook()],
    schedule: [
      scheduled({ jobId: 'sA', plannedStartS: 7200, plannedEndS: 9000, actualStartS: 7210, actualEndS: null, actualDrive: 0, state: 'transferring' }),
      scheduled({ jobId: 'sB', tenant: 'Company B', ldevId: 'app-b', plannedStartS: 10800, plannedEndS: 12600, plannedDrive: 1, windowStartS: 10800, windowEndS: 18000 }),
      scheduled({ jobId: 'sC', tenant: 'Company C', ldevId: 'db-c', plannedStartS: 9000, plannedEndS: 16200, windowStartS: 9000, windowEndS: 12600, missesWindow: true }),
    ],
    backupMode: [],
    mounts: [{ serverId: 'backup-server', ldevId: 'db-secondary', readOnly: true }],
    ...overrides,
  };
}
