/**
 * The tape, backup, runbook and SAN-manager command lines: which scenario Action each one
 * becomes, and that every malformed line or bad name gets a message naming the argument, a
 * non-zero exit and never reaches the engine (through runCci, on the fake context of
 * backup-fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../model/scenario.ts';
import { backupContext } from './backup-fixtures.ts';
import { parseBackupLine } from './backup-parse.ts';
import { runCci } from './execute.ts';

async function run(line: string) {
  const ctx = backupContext();
  const out = await runCci(line, ctx);
  return { ...out, applied: ctx.applied, advances: ctx.advances };
}

const WWPN = '10:00:00:00:c9:3a:20:01';

describe('cci › backup parse › lines become actions', () => {
  it.each<[string, Action]>([
    ['backup db-s -l lib1 -j bk9 -s backup-server', { type: 'backupJob', job: 'bk9', source: 'db-s', libraryId: 'lib1', path: 'lan-free', serverId: 'backup-server' }],
    [
      'backup db-s -l lib1 -j bk9 -p lan -s db-server -b backup-server -c ult002l8 ULT004L8 -v DB/db',
      {
        type: 'backupJob',
        job: 'bk9',
        source: 'db-s',
        libraryId: 'lib1',
        path: 'lan',
        serverId: 'db-server',
        backupServerId: 'backup-server',
        cartridges: ['ULT002L8', 'ULT004L8'],
        verifyAgainst: { group: 'DB', device: 'db' },
      },
    ],
    ['BACKUP db-p -p server-less -j bk9 -l lib1 -v DB', { type: 'backupJob', job: 'bk9', source: 'db-p', libraryId: 'lib1', path: 'server-less', verifyAgainst: { group: 'DB' } }],
    ['restore bk0 -t r-1 -j rs9 -s db-server', { type: 'restoreJob', job: 'rs9', fromJob: 'bk0', target: 'r-1', path: 'lan-free', serverId: 'db-server' }],
    ['vol mount backup-server db-s -r', { type: 'mountVolume', serverId: 'backup-server', ldevId: 'db-s', readOnly: true }],
    ['vol mount db-server db-p', { type: 'mountVolume', serverId: 'db-server', ldevId: 'db-p', readOnly: false }],
    ['vol unmount backup-server db-s', { type: 'unmountVolume', serverId: 'backup-server', ldevId: 'db-s' }],
    ['db backup-mode db-server begin', { type: 'dbBackupMode', serverId: 'db-server', on: true }],
    ['db backup-mode db-server END', { type: 'dbBackupMode', serverId: 'db-server', on: false }],
    [`raidcom add hba_wwn -port CL2-A-0 -hba_wwn ${WWPN}`, { type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-bk', wwpn: WWPN, member: true }],
    ['raidcom delete hba_wwn -port CL2-A backup -hba_wwn 10000000C93A2001', { type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-bk', wwpn: WWPN, member: false }],
    [`raidcom add hba_wwn -port CL1-A-1 -hba_wwn ${WWPN}`, { type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-db2', wwpn: WWPN, member: true }],
    [`raidcom add hba_wwn -port cl1-a-db2 -hba_wwn ${WWPN}`, { type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-db2', wwpn: WWPN, member: true }],
    [`raidcom add hba_wwn -port CL1-A-hg-db -hba_wwn ${WWPN} -Iarr1`, { type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-db', wwpn: WWPN, member: true }],
    [`raidcom add hba_wwn -port CL1-A-0 -hba_wwn ${WWPN} -Iarr2`, { type: 'setHostGroupWwpn', arrayId: 'arr2', hostGroupId: 'hg-r', wwpn: WWPN, member: true }],
    [`raidcom add hba_wwn -I64002 -port CL1-A -hba_wwn ${WWPN}`, { type: 'setHostGroupWwpn', arrayId: 'arr2', hostGroupId: 'hg-r', wwpn: WWPN, member: true }],
    ['runbook start online', { type: 'startRunbook', runbook: 'online' }],
    ['runbook pause online', { type: 'pauseRunbook', runbook: 'online' }],
    ['runbook pause online --before 409', { type: 'pauseRunbook', runbook: 'online', beforeStep: 409 }],
    ['runbook resume online', { type: 'resumeRunbook', runbook: 'online', oneStep: false }],
    ['Runbook STEP online', { type: 'resumeRunbook', runbook: 'online', oneStep: true }],
    ['policy run pA', { type: 'runPolicy', policyId: 'pA' }],
    [
      'policy set pD -t T -d db-p -w 23:00 -h 1 -l lib1',
      {
        type: 'setPolicy',
        policy: { id: 'pD', tenant: 'T', ldevId: 'db-p', method: 'replica', frequency: 'daily', weekday: 0, windowStart: '23:00', windowHours: 1, libraryId: 'lib1', path: 'server-less', retentionDays: 7 },
      },
    ],
    [
      'policy set pD -t T -d db-p -w 23:00 -h 1 -l lib1 -g 400 -f weekly -D Tuesday',
      {
        type: 'setPolicy',
        policy: {
          id: 'pD',
          tenant: 'T',
          ldevId: 'db-p',
          method: 'replica',
          frequency: 'weekly',
          weekday: 2,
          windowStart: '23:00',
          windowHours: 1,
          libraryId: 'lib1',
          path: 'server-less',
          retentionDays: 7,
          dataGiB: 400,
        },
      },
    ],
    [
      'policy set pC -t "Company C" -d db-p -w 1:30 -h 2.5 -l lib1 -p lan -s db-server -b backup-server -r 14 -f weekly -D sat -m direct',
      {
        type: 'setPolicy',
        policy: {
          id: 'pC',
          tenant: 'Company C',
          ldevId: 'db-p',
          method: 'direct',
          frequency: 'weekly',
          weekday: 6,
          windowStart: '01:30',
          windowHours: 2.5,
          libraryId: 'lib1',
          path: 'lan',
          serverId: 'db-server',
          backupServerId: 'backup-server',
          retentionDays: 14,
        },
      },
    ],
  ])('%s', async (line, action) => {
    const out = await run(line);
    expect(out.stderr).toBe('');
    expect(out).toMatchObject({ exitCode: 0, actions: [action] });
    expect(out.applied).toEqual([action]);
  });

  it('backup and restore say what was submitted', async () => {
    expect((await run('backup db-s -l lib1 -j bk9 -s backup-server')).stdout).toBe('job bk9 submitted: backup of db-s to lib1 (lan-free via backup-server)\n');
    expect((await run('restore bk0 -t r-1 -j rs9 -p lan -s db-server -b backup-server')).stdout).toBe(
      'job rs9 submitted: restore of bk0 (db-s) onto r-1 (lan via db-server -> backup-server)\n',
    );
  });

  it('leaves every other line to the pair-command parser', () => {
    for (const line of ['pairsplit -g VG01', 'raidcom get pool', 'raidcom add lun -port CL1-A-0', '', '# backup db-s', 'sleep 1']) {
      expect(parseBackupLine(line), line).toBeNull();
    }
  });
});

describe('cci › backup parse › bad lines never reach the engine', () => {
  it.each([
    // mtx
    ['mtx', 'EX_REQARG', 254, '-l <library> is required first'],
    ['mtx -l', 'EX_REQARG', 254, '-l needs a library id'],
    ['mtx -l lib1', 'EX_REQARG', 254, 'mtx needs one of: status, load, unload'],
    ['mtx -l lib1 inventory', 'EX_CMDERR', 1, 'unknown mtx command "inventory" (commands: status, load, unload)'],
    ['mtx -l lib1 load', 'EX_REQARG', 254, 'mtx load needs <slot>'],
    ['mtx -l lib1 load x', 'EX_INVARG', 253, '<slot>: "x" is not an integer'],
    ['mtx -l lib1 load 2 x', 'EX_INVARG', 253, '<drive>: "x" is not an integer 0-63'],
    ['mtx -l lib1 status extra', 'EX_CMDERR', 1, 'unexpected argument "extra"'],
    ['mtx -l lib1 load 2 1 7', 'EX_CMDERR', 1, 'unexpected argument "7"'],
    ['mtx -l lib9 status', 'EX_ENOOBJ', 205, 'no library "lib9" (libraries: lib1, dvd1)'],
    ['mtx -l arr1 status', 'EX_ENOOBJ', 205, 'arr1 is an array, not a library'],
    // backup
    ['backup', 'EX_REQARG', 254, '<ldev> is required'],
    ['backup -l lib1 -j bk9', 'EX_REQARG', 254, '<ldev> is required'],
    ['backup db-s -j bk9 -s backup-server', 'EX_REQARG', 254, '-l <library> is required'],
    ['backup db-s -l lib1 -s backup-server', 'EX_REQARG', 254, '-j <job> is required'],
    ['backup db-s -l lib1 -j bk9', 'EX_REQARG', 254, '-p lan-free needs -s <server>'],
    ['backup db-s -l lib1 -j bk9 -p tape', 'EX_INVARG', 253, '-p: "tape" is not lan, lan-free or server-less'],
    ['backup db-s -l lib1 -j bk9 -p lan -s db-server', 'EX_REQARG', 254, '-p lan needs -b <backup-server>'],
    ['backup db-s -l lib1 -j bk9 -s db-server -b backup-server', 'EX_CMDERR', 1, '-b is for -p lan'],
    ['backup db-s -l lib1 -j bk9 -p server-less -s db-server', 'EX_CMDERR', 1, '-s cannot be used with -p server-less'],
    ["backup db-s -l lib1 -j 'bad id' -s backup-server", 'EX_INVARG', 253, '-j: "bad id" is not an id'],
    ['backup db-s -l lib1 -j bk9 -s backup-server -v DB/db/x', 'EX_INVARG', 253, '-v: "DB/db/x" is not <group> or <group>/<device>'],
    ['backup db-s -l lib1 -j bk9 -s backup-server -x', 'EX_UNWOPT', 252, 'unknown option -x'],
    ['backup db-s db-p -l lib1 -j bk9 -s backup-server', 'EX_CMDERR', 1, 'unexpected argument "db-p"'],
    ['backup nope -l lib1 -j bk9 -s backup-server', 'EX_ENOOBJ', 205, '<ldev>: no LDEV "nope" in this topology'],
    ['backup db-s -l lib1 -j bk1 -s backup-server', 'EX_INVARG', 253, '-j bk1: a job with this id exists (backup, transferring)'],
    ['backup db-s -l lib1 -j bk9 -s lan1', 'EX_ENOOBJ', 205, '-s: lan1 is a lanSegment, not a server (servers: db-server, backup-server)'],
    ['backup db-s -l lib1 -j bk9 -p lan -s db-server -b nobody', 'EX_ENOOBJ', 205, '-b: no server "nobody"'],
    ['backup db-s -l lib1 -j bk9 -s backup-server -c ULT009L8', 'EX_ENOOBJ', 205, '-c: no cartridge "ULT009L8" in lib1 (cartridges: ULT001L8, ULT002L8, ULT003L8, ULT004L8)'],
    ['backup db-s -l lib1 -j bk9 -s backup-server -c ULT002L8 ult002l8', 'EX_CMDERR', 1, '-c: ULT002L8 is given twice'],
    ['backup db-s -l lib1 -j bk9 -s backup-server -v XX', 'EX_ENOGRP', 239, '-v: no group "XX" (groups: DB)'],
    ['backup db-s -l lib1 -j bk9 -s backup-server -v DB/zz', 'EX_ENODEV', 246, '-v: group DB has no device "zz" (devices: db)'],
    // restore, jobs, catalog
    ['restore bk9 -t r-1 -j rs9 -s db-server', 'EX_ENOOBJ', 205, 'no backup "bk9" in the catalog (catalog: bk0)'],
    ['restore bk0 -j rs9 -s db-server', 'EX_REQARG', 254, '-t <ldev> is required'],
    ['restore bk0 -t r-1 -j rs1 -s db-server', 'EX_INVARG', 253, '-j rs1: a job with this id exists (restore, failed)'],
    ['restore bk0 -t zz -j rs9 -s db-server', 'EX_ENOOBJ', 205, '-t: no LDEV "zz"'],
    ['jobs zz', 'EX_ENOOBJ', 205, 'no job "zz" (jobs: bk0, bk1, rs1)'],
    ['jobs bk0 bk1', 'EX_CMDERR', 1, 'unexpected argument "bk1"'],
    ['catalog x', 'EX_CMDERR', 1, 'unexpected argument "x"'],
    // vol, db
    ['vol attach backup-server db-s', 'EX_CMDERR', 1, 'unknown vol command "attach" (commands: mount, unmount)'],
    ['vol mount backup-server', 'EX_REQARG', 254, '<ldev> is required'],
    ['vol mount nobody db-s', 'EX_ENOOBJ', 205, '<server>: no server "nobody"'],
    ['vol mount backup-server zz', 'EX_ENOOBJ', 205, '<ldev>: no LDEV "zz"'],
    ['vol mount backup-server db-s -w', 'EX_UNWOPT', 252, 'unknown option -w'],
    ['vol unmount backup-server db-s -r', 'EX_CMDERR', 1, 'unexpected argument "-r"'],
    ['db backup-mode db-server on', 'EX_INVARG', 253, 'backup-mode: "on" is not begin or end'],
    ['db backup-mode db-server', 'EX_REQARG', 254, 'begin|end is required'],
    ['db freeze db-server begin', 'EX_CMDERR', 1, 'unknown db command "freeze" (commands: backup-mode)'],
    ['db backup-mode arr1 begin', 'EX_ENOOBJ', 205, '<server>: arr1 is an array, not a server'],
    // raidcom hba_wwn
    [`raidcom add hba_wwn -port CL1-A-0 -hba_wwn ${WWPN}`, 'EX_INVARG', 253, '-port CL1-A-0 is on arrays arr1, arr2: say which with -I<array> (e.g. -Iarr1)'],
    [`raidcom add hba_wwn -port CL1-A-0 -hba_wwn ${WWPN} -IH0`, 'EX_INVARG', 253, 'is on arrays arr1, arr2'],
    [
      `raidcom add hba_wwn -port CL9-Z-0 -hba_wwn ${WWPN}`,
      'EX_ENOOBJ',
      205,
      '-port CL9-Z-0: no such host group (arr1: CL1-A-0 (db), CL2-A-0 (backup), CL1-A-1 (db2); arr2: CL1-A-0 (r))',
    ],
    [`raidcom add hba_wwn -port CL2-A-0 -hba_wwn ${WWPN} -Iarr9`, 'EX_ENOOBJ', 205, '-Iarr9: no array "arr9" (arrays: arr1, arr2)'],
    ['raidcom add hba_wwn -port CL2-A-0 -hba_wwn xyz', 'EX_INVARG', 253, '-hba_wwn: "xyz" is not a WWPN'],
    ['raidcom add hba_wwn -port CL2-A-0 -hba_wwn 10:00:00:00:c9:3a:20', 'EX_INVARG', 253, 'is not a WWPN'],
    [`raidcom add hba_wwn -hba_wwn ${WWPN}`, 'EX_REQARG', 254, '-port <port>-<host group> is required'],
    ['raidcom add hba_wwn -port CL2-A-0', 'EX_REQARG', 254, '-hba_wwn <wwpn> is required'],
    [`raidcom add hba_wwn -port CL2-A-0 -hba_wwn ${WWPN} -Iarr1 -Iarr2`, 'EX_CMDERR', 1, '-I is given twice'],
    ['raidcom get ldev', 'EX_CMDERR', 1, 'unknown raidcom action "get ldev" (known: get pool, get snapshot, modify ldev, add hba_wwn, delete hba_wwn, get journal, add host_grp, delete host_grp, add lun, delete lun, get host_grp, get hba_wwn, get lun)'],
    ['raidcom add lun -port CL1-A-0', 'EX_REQARG', 254, '-ldev_id <ldev> is required'],
    // runbook
    ['runbook go online', 'EX_CMDERR', 1, 'unknown runbook command "go" (commands: list, show, start, pause, resume, step)'],
    ['runbook start', 'EX_REQARG', 254, '<runbook> is required'],
    ['runbook start zz', 'EX_ENOOBJ', 205, 'no runbook "zz" (runbooks: online, restore)'],
    ['runbook pause online --before 999', 'EX_INVARG', 253, '--before 999: runbook online has no such step (steps 403, 404, 405, 409)'],
    ['runbook pause online --before 404', 'EX_INVARG', 253, '--before 404: step 404 of online has already started (done)'],
    ['runbook pause online --before x', 'EX_INVARG', 253, '--before: "x" is not an integer'],
    ['runbook pause online --after 404', 'EX_CMDERR', 1, 'unexpected argument "--after"'],
    ['runbook show online extra', 'EX_CMDERR', 1, 'unexpected argument "extra"'],
    ['runbook list all', 'EX_CMDERR', 1, 'unexpected argument "all"'],
    // policy, schedule
    ['policy set pX -d db-p -w 23:00 -h 1 -l lib1', 'EX_REQARG', 254, '-t <tenant> is required'],
    ['policy set -t T -d db-p -w 23:00 -h 1 -l lib1', 'EX_REQARG', 254, '<policy> is required'],
    ['policy set pX -t T -d db-p -w 25:00 -h 1 -l lib1', 'EX_INVARG', 253, '-w: "25:00" is not a time of day HH:MM'],
    ['policy set pX -t T -d db-p -w 23:00 -h 0 -l lib1', 'EX_INVARG', 253, '-h: "0" is not a number above 0 and at most 24'],
    ['policy set pX -t T -d db-p -w 23:00 -h 30 -l lib1', 'EX_INVARG', 253, '-h: "30" is not a number above 0 and at most 24'],
    ['policy set pX -t T -d db-p -w 23:00 -h -l lib1', 'EX_REQARG', 254, '-h needs a window length in hours'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -r 0', 'EX_INVARG', 253, '-r: "0" is not an integer 1-3650'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -f monthly', 'EX_INVARG', 253, '-f: "monthly" is not daily or weekly'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -D sat', 'EX_CMDERR', 1, '-D is for -f weekly'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -f weekly -D 9', 'EX_INVARG', 253, '-D: "9" is not an integer 0-6'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -m mirror', 'EX_INVARG', 253, '-m: "mirror" is not replica or direct'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -g lots', 'EX_INVARG', 253, '-g: "lots" is not a number above 0'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -p lan-free', 'EX_REQARG', 254, '-p lan-free needs -s <server>'],
    ['policy set pX -t T -d nope -w 23:00 -h 1 -l lib1', 'EX_ENOOBJ', 205, '-d: no LDEV "nope"'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l db-server', 'EX_ENOOBJ', 205, 'db-server is a server, not a library (libraries: lib1, dvd1)'],
    ['policy set pX -t T -d db-p -w 23:00 -h 1 -l lib1 -p lan-free -s nobody', 'EX_ENOOBJ', 205, '-s: no server "nobody"'],
    ['policy delete pA', 'EX_CMDERR', 1, 'unknown policy command "delete" (commands: list, set, run)'],
    ['policy run', 'EX_REQARG', 254, '<policy> is required'],
    ['schedule now', 'EX_CMDERR', 1, 'unexpected argument "now"'],
  ])('%s → %s', async (line, code, exitCode, text) => {
    const out = await run(line);
    expect(out.stderr).toContain(`[${code}]`);
    expect(out.stderr).toContain(text);
    expect(out.exitCode).toBe(exitCode);
    expect(out.stdout).toBe('');
    expect(out.actions).toEqual([]);
    expect(out.applied).toEqual([]);
    expect(out.advances).toEqual([]);
  });

  it('prints errors as the pair commands do: the command, the code, the sentence, the detail', async () => {
    const out = await run('backup db-s -l lib1 -j bk9 -p tape');
    expect(out.stderr).toBe('backup: [EX_INVARG] Invalid argument\n  -p: "tape" is not lan, lan-free or server-less\n');
  });
});

describe('cci › backup parse › help', () => {
  it('-h prints the usage (policy set keeps -h for hours: --help there)', async () => {
    expect((await run('mtx -h')).stdout).toMatch(/^usage: mtx -l <library> status \| load <slot>/);
    expect((await run('backup db-s -h')).stdout).toMatch(/^usage: backup <ldev> -l <library> -j <job>/);
    expect((await run('vol mount -h')).stdout).toMatch(/^usage: vol mount <server> <ldev> \[-r\]\n/);
    expect((await run('policy set --help')).stdout).toMatch(/^usage: policy set <policy> -t <tenant>/);
    expect((await run('raidcom add hba_wwn -h')).stdout).toMatch(/^usage: raidcom add hba_wwn -port/);
    const runbook = await run('runbook');
    expect(runbook.stdout.match(/^usage: runbook /gm)).toHaveLength(6);
    expect(runbook.applied).toEqual([]);
  });
});
