/**
 * The tape and SAN-manager layouts against golden strings written by hand from the fixture
 * (backup-fixtures.ts) and the layouts in backup-format*.ts headers: mtx status, jobs, one job,
 * catalog, runbooks, policies, schedule, and the wall-clock helpers.
 */
import { describe, expect, it } from 'vitest';
import { backupStatus, BACKUP_TOPOLOGY } from './backup-fixtures.ts';
import { formatPolicies, formatRunbook, formatRunbooks, formatSchedule, windowText } from './backup-format-manager.ts';
import { clockAt, clockAtWithDay, formatCatalog, formatJobDetail, formatJobs, formatMtxStatus, grouped, progressPct } from './backup-format.ts';

const lines = (...ls: string[]) => ls.join('\n') + '\n';
const status = backupStatus();
const job = (id: string) => status.jobs.find((j) => j.id === id)!;

describe('cci › backup format › mtx status', () => {
  it('prints drives, storage elements and import/export elements as mtx does', () => {
    const text = formatMtxStatus({ id: 'lib1', slotCount: 6, ioSlotCount: 1 }, status.libraries[0]);
    expect(text).toBe(
      lines(
        '  Storage Changer lib1:2 Drives, 7 Slots ( 1 Import/Export )',
        'Data Transfer Element 0:Full (Storage Element 3 Loaded):VolumeTag = ULT003L8',
        'Data Transfer Element 1:Empty',
        '      Storage Element 1:Full :VolumeTag=ULT001L8',
        '      Storage Element 2:Full :VolumeTag=ULT002L8',
        '      Storage Element 3:Empty',
        '      Storage Element 4:Empty',
        '      Storage Element 5:Full :VolumeTag=ULT004L8',
        '      Storage Element 6:Empty',
        '      Storage Element 7 IMPORT/EXPORT:Empty',
      ),
    );
  });

  it('a DVD library without import/export slots; a cartridge in the robot is in neither list', () => {
    const dvd = structuredClone(status.libraries[1]);
    expect(formatMtxStatus({ id: 'dvd1', slotCount: 3, ioSlotCount: 0 }, dvd)).toBe(
      lines(
        '  Storage Changer dvd1:1 Drives, 3 Slots ( 0 Import/Export )',
        'Data Transfer Element 0:Empty',
        '      Storage Element 1:Full :VolumeTag=DVD001D1',
        '      Storage Element 2:Empty',
        '      Storage Element 3:Empty',
      ),
    );
    dvd.cartridges[0].location = 'robot';
    dvd.drives[0] = { ...dvd.drives[0], state: 'mounting', barcode: 'DVD001D1' };
    const moving = formatMtxStatus({ id: 'dvd1', slotCount: 3, ioSlotCount: 0 }, dvd).split('\n');
    expect(moving[1]).toBe('Data Transfer Element 0:Empty');
    expect(moving[2]).toBe('      Storage Element 1:Empty');
  });

  it('the topology fixture agrees with the status fixture (slot counts used above)', () => {
    const lib = BACKUP_TOPOLOGY.devices.find((d) => d.id === 'lib1');
    expect(lib).toMatchObject({ slotCount: 6, ioSlotCount: 1, driveCount: 2 });
  });
});

describe('cci › backup format › jobs', () => {
  it('one line per job: progress rounded down, MB/s, cartridges, PASS/FAIL', () => {
    expect(formatJobs(status.jobs)).toBe(
      lines(
        'JOB  KIND     PATH      SOURCE  TARGET  STATE           %   MB/s  CARTRIDGES  VERIFY',
        'bk0  backup   lan-free  db-s    lib1    done          100  143.9  ULT001L8    PASS',
        'bk1  backup   lan-free  db-s    lib1    transferring   42  160.0  ULT003L8    -',
        'rs1  restore  lan       bk0     r-1     failed          0   98.8  -           FAIL',
      ),
    );
  });

  it('a cartridge the job has not written yet says so', () => {
    const mounting = { ...job('bk1'), state: 'mounting' as const, transferStartS: null, tracksDone: 0, cartridges: [{ barcode: 'ULT003L8', driveIndex: 0, firstIndex: 0, count: 0, bytes: 0, startBytes: 0 }] };
    expect(formatJobDetail(mounting).split('\n')[6]).toBe('  cartridge ULT003L8: drive 0, no tracks yet, 0 MB');
  });

  it('a queued job shows no rate; an empty list prints the header only', () => {
    const queued = { ...job('bk1'), state: 'queued' as const, transferStartS: null, tracksDone: 0, mbps: 0, cartridges: [] };
    expect(formatJobs([queued]).split('\n')[1]).toBe('bk1  backup  lan-free  db-s    lib1    queued  0     -  -           -');
    expect(formatJobs([])).toBe('JOB  KIND  PATH  SOURCE  TARGET  STATE  %  MB/s  CARTRIDGES  VERIFY\n');
  });

  it('progress: tracks done over planned, 100 for a done job with nothing to move', () => {
    expect(progressPct(job('bk1'))).toBe(42);
    expect(progressPct({ ...job('bk0'), tracksPlanned: 0, tracksDone: 0 })).toBe(100);
    expect(progressPct({ ...job('bk1'), tracksPlanned: 0, tracksDone: 0 })).toBe(0);
  });

  it('jobs <id>: a running job', () => {
    expect(formatJobDetail(job('bk1'))).toBe(
      lines(
        'job bk1 (backup, lan-free): transferring, 42%',
        '  db-s -> lib1 via backup-server',
        '  links: fc-backup-0, fc-tape-0',
        '  created 61.000 s, started 61.000 s, transfer from 75.000 s',
        '  waited 0.000 s for a drive; 0 backhitches',
        '  8,650 of 20,480 tracks, 2000 of 5000 MB, 160.0 MB/s',
        '  cartridge ULT003L8: drive 0, tracks 0-8649 (8,650), 2000 MB',
        '  verification: -',
      ),
    );
  });

  it('jobs <id>: a failed restore with its verification and error', () => {
    expect(formatJobDetail(job('rs1'))).toBe(
      lines(
        'job rs1 (restore, lan): failed, 0%',
        '  bk0 -> r-1 (library lib1) via db-server -> backup-server',
        '  links: fc-backup-0, fc-tape-0',
        '  created 10.000 s, started 10.000 s, transfer from 25.500 s to 58.000 s, ended 60.250 s',
        '  waited 0.000 s for a drive; 2 backhitches',
        '  100 of 20,480 tracks, 25 of 5000 MB, 98.8 MB/s',
        '  cartridges: none',
        '  verification: FAIL: 3 of 20,480 tracks differ, first at track 17',
        '  error: r-1 is smaller than the image',
      ),
    );
  });
});

describe('cci › backup format › catalog', () => {
  it('one line per image; EXPIRES in wall-clock time with the days after the first', () => {
    expect(formatCatalog(status.catalog, status.clockStart)).toBe(
      lines(
        'JOB  LIBRARY  SOURCE  IMAGE_AT(s)  TRACKS    MB  CARTRIDGES  DIGEST    VERIFY  EXPIRES',
        'bk0  lib1     db-s          8.000  20,480  5000  ULT001L8    9f2c41d0  PASS    22:01+7d',
      ),
    );
  });
});

describe('cci › backup format › runbooks', () => {
  it('runbook list', () => {
    expect(formatRunbooks(status.runbooks)).toBe(
      lines(
        'RUNBOOK  STATE    STEP       MODE  PAUSE_BEFORE  NAME',
        'online   running  405 (3/4)  run   409           Online backup (Fig. 2)',
        'restore  idle     -          step  -             Restore (Fig. 3)',
      ),
    );
  });

  it('runbook show: > marks the current step, a running step lasts until now', () => {
    expect(formatRunbook(status.runbooks[0], 12)).toBe(
      lines(
        'runbook online "Online backup (Fig. 2)": running, step 405 (3/4), step mode off, pause before step 409',
        '   STEP  STATE    START(s)  DUR(s)  ACTOR          TITLE                        CHANGES',
        '    403  done        5.000   0.500  db-server      Database enters backup mode  db-server backup mode on',
        '    404  done        5.500   2.500  arr1           Mirror split                 DB/db PAIR → PSUS',
        '>   405  running     8.000   4.000  db-server      Database leaves backup mode  -',
        '    409  pending         -       -  backup-server  Copy 151 to tape             -',
      ),
    );
  });

  it('a refused step shows why among its changes', () => {
    const r = structuredClone(status.runbooks[0]);
    r.steps[2] = { ...r.steps[2], state: 'failed', endedS: 8, error: 'db-server: no database workload' };
    expect(formatRunbook(r, 12).split('\n')[4]).toMatch(/^> {3}405 {2}failed .* refused: db-server: no database workload$/);
  });
});

describe('cci › backup format › SAN manager', () => {
  it('policy list', () => {
    expect(formatPolicies(BACKUP_TOPOLOGY.backup.policies)).toBe(
      lines(
        'POLICY  TENANT     LDEV  METHOD   FREQ   WINDOW       LIBRARY  PATH      SERVERS        KEEP',
        'pA      Company A  db-p  replica  daily  22:00-00:00  lib1     lan-free  backup-server    7d',
      ),
    );
  });

  it('schedule: planned and window in HH:MM from clockStart, MISSES WINDOW, actual with a changed drive', () => {
    expect(formatSchedule(status.schedule, status.clockStart)).toBe(
      lines(
        'POLICY  TENANT     LDEV  JOB   LIBRARY  DRIVE  PLANNED      WINDOW       EST_MB/s  FLAG           ACTUAL                 STATE',
        'pA      Company A  db-p  pA-1  lib1         0  22:00-22:42  22:00-00:00     160.0  -              22:00-22:41 (drive 1)  done',
        'pB      Company B  r-1   pB-1  lib1         1  01:00-03:30  01:00-03:00     111.1  MISSES WINDOW  -                      planned',
      ),
    );
  });

  it('schedule: a job run now has no planned drive', () => {
    const now = { ...status.schedule[0], plannedDrive: -1, actualDrive: 1 };
    expect(formatSchedule([now], status.clockStart).split('\n')[1]).toMatch(/^pA {6}Company A {2}db-p {2}pA-1 {2}lib1 {9}- {2}22:00-22:42 /);
  });

  it('wall-clock helpers', () => {
    expect(clockAt('22:00', 0)).toBe('22:00');
    expect(clockAt('22:00', 7199.9)).toBe('23:59');
    expect(clockAt('22:00', 7200)).toBe('00:00');
    expect(clockAtWithDay('22:00', 7199)).toBe('23:59');
    expect(clockAtWithDay('22:00', 7200)).toBe('00:00+1d');
    expect(clockAtWithDay('00:00', 3 * 86_400 + 90)).toBe('00:01+3d');
    expect(windowText('23:30', 1.5)).toBe('23:30-01:00');
    expect(grouped(1234567)).toBe('1,234,567');
    expect(grouped(999)).toBe('999');
  });
});
