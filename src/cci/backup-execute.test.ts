/**
 * Running the tape and SAN-manager commands on the fake context (backup-fixtures.ts): what the
 * read-only commands print, mtx load / unload waiting in simulated time for the robot, the
 * engine's verdicts passed through, and a context without backup status.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BackupStatus, CartridgeStatus } from '../engine/api.ts';
import { BACKUP_COMMANDS } from './backup-commands.ts';
import { backupContext, backupStatus, BACKUP_TOPOLOGY, type BackupFakeContext } from './backup-fixtures.ts';
import { formatPolicies, formatRunbook, formatRunbooks, formatSchedule } from './backup-format-manager.ts';
import { formatCatalog, formatJobDetail, formatJobs, formatMtxStatus } from './backup-format.ts';
import { MTX_WAIT_S } from './backup-mtx.ts';
import { CCI_COMMANDS, runCci } from './execute.ts';
import { fakeContext } from './test-topology.ts';

async function ok(line: string, ctx: BackupFakeContext = backupContext()): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  expect(out.actions, line).toEqual([]);
  return out.stdout;
}

describe('cci › backup execute › read-only commands print the status', () => {
  it('mtx status, jobs, jobs <id>, catalog', async () => {
    const s = backupStatus();
    expect(await ok('mtx -l lib1 status')).toBe(formatMtxStatus({ id: 'lib1', slotCount: 6, ioSlotCount: 1 }, s.libraries[0]));
    expect(await ok('mtx -f dvd1 status')).toMatch(/^ {2}Storage Changer dvd1:1 Drives, 3 Slots \( 0 Import\/Export \)\n/);
    expect(await ok('jobs')).toBe(formatJobs(s.jobs));
    expect(await ok('jobs bk1')).toBe(formatJobDetail(s.jobs[1]));
    expect(await ok('catalog')).toBe(formatCatalog(s.catalog, '22:00'));
  });

  it('runbook list, runbook show (durations up to the console clock), policy list, schedule', async () => {
    const s = backupStatus();
    const ctx = backupContext();
    ctx.now = 9.25;
    expect(await ok('runbook list', ctx)).toBe(formatRunbooks(s.runbooks));
    const shown = await ok('runbook show online', ctx);
    expect(shown).toBe(formatRunbook(s.runbooks[0], 9.25));
    expect(shown).toContain('>   405  running     8.000   1.250');
    expect(await ok('policy list')).toBe(formatPolicies(BACKUP_TOPOLOGY.backup.policies));
    expect(await ok('schedule')).toBe(formatSchedule(s.schedule, '22:00'));
  });

  it("policy list shows the engine's policies when its status carries them (policy set shows at once)", async () => {
    const ctx = backupContext();
    const live = { ...BACKUP_TOPOLOGY.backup.policies[0], id: 'pZ', tenant: 'Company Z', dataGiB: 40 };
    Object.assign(ctx.backupNow, { policies: [live] });
    expect(await ok('policy list', ctx)).toBe(formatPolicies([live]));
    expect(await ok('policy list', ctx)).toMatch(/^pZ +Company Z /m);
  });

  it('reads the status through ctx.backup, not a stale copy', async () => {
    const ctx = backupContext();
    ctx.backupNow = { ...ctx.backupNow, jobs: [] };
    expect(await ok('jobs', ctx)).toBe('JOB  KIND  PATH  SOURCE  TARGET  STATE  %  MB/s  CARTRIDGES  VERIFY\n');
  });

  it('a context without backup status: EX_CMDRJE, nothing applied', async () => {
    const ctx = fakeContext({ topology: BACKUP_TOPOLOGY });
    for (const line of ['jobs', 'mtx -l lib1 status', 'runbook start online', 'backup db-s -l lib1 -j bk9 -s backup-server']) {
      const out = await runCci(line, ctx);
      expect(out.exitCode, line).toBe(221);
      expect(out.stderr, line).toContain('this console cannot read the backup status');
    }
    expect(ctx.applied).toEqual([]);
  });
});

/** Moves a cartridge as the engine would: `steps` clock moves later it is where `to` says. */
function moveAfter(ctx: BackupFakeContext, barcode: string, steps: number, to: Partial<CartridgeStatus>): void {
  let moves = 0;
  ctx.onAdvance = () => {
    moves++;
    const lib = ctx.backupNow.libraries[0];
    const cart = lib.cartridges.find((c) => c.barcode === barcode)!;
    Object.assign(cart, moves < steps ? { location: 'robot', driveIndex: null } : to);
  };
}

/** lib1 with ULT004L8 (slot 5) loaded in drive 1 by an operator, no job. */
function withOperatorTape(): BackupStatus {
  const s = backupStatus();
  const lib = s.libraries[0];
  lib.drives[1] = { ...lib.drives[1], state: 'loaded', barcode: 'ULT004L8', jobId: 'operator:ULT004L8' };
  Object.assign(lib.cartridges[3], { location: 'drive', driveIndex: 1 });
  return s;
}

describe('cci › backup execute › mtx load and unload wait for the robot', () => {
  it('load: mounts through the backup manager on the lowest empty drive, returns once loaded', async () => {
    const ctx = backupContext();
    moveAfter(ctx, 'ULT002L8', 3, { location: 'drive', driveIndex: 1 });
    const out = await runCci('mtx -l lib1 load 2', ctx);
    expect(out).toMatchObject({ exitCode: 0, stderr: '', stdout: 'Loading media from Storage Element 2 into drive 1...done\n' });
    expect(out.actions).toEqual([{ type: 'mountCartridge', libraryId: 'lib1', barcode: 'ULT002L8' }]);
    expect(ctx.applied).toEqual(out.actions);
    expect(ctx.advances).toEqual([1, 1, 1]);
  });

  it('load naming the drive the manager picks is fine; naming another is refused', async () => {
    const named = backupContext();
    moveAfter(named, 'ULT004L8', 1, { location: 'drive', driveIndex: 1 });
    expect((await runCci('mtx -l lib1 load 5 1', named)).stdout).toBe('Loading media from Storage Element 5 into drive 1...done\n');
    const ctx = backupContext();
    ctx.backupNow.libraries[0].drives[0] = { index: 0, state: 'empty', barcode: null, jobId: null, bytes: 0, busyUs: 0, failed: false };
    ctx.backupNow.libraries[0].cartridges[2] = { ...ctx.backupNow.libraries[0].cartridges[2], location: 'slot', driveIndex: null };
    const out = await runCci('mtx -l lib1 load 2 1', ctx);
    expect(out.exitCode).toBe(253);
    expect(out.stderr).toContain('<drive> 1: the backup manager mounts on the lowest empty drive, 0 (omit <drive> or give 0)');
    expect(ctx.applied).toEqual([]);
  });

  it.each([
    ['mtx -l lib1 load 4', 221, 'Storage Element 4 is Empty'],
    ['mtx -l lib1 load 3', 221, 'Storage Element 3 is Empty (ULT003L8 is in drive 0)'],
    ['mtx -l lib1 load 9', 253, '<slot> 9: lib1 has storage elements 1-7'],
    ['mtx -l lib1 load 7', 221, 'Storage Element 7 is Empty'],
    ['mtx -l lib1 load 2 0', 221, 'Drive 0 Full (Storage Element 3 Loaded)'],
    ['mtx -l lib1 load 2 5', 253, '<drive> 5: lib1 has drives 0-1'],
    ['mtx -l lib1 unload', 221, 'drive 0 is held by job bk1: unload it when the job is done'],
    ['mtx -l lib1 unload 2 1', 221, 'Data Transfer Element 1 is Empty'],
    ['mtx -l dvd1 unload 1 1', 253, '<drive> 1: dvd1 has drive 0'],
  ])('%s → exit %i', async (line, exitCode, detail) => {
    const ctx = backupContext();
    const out = await runCci(line, ctx);
    expect(out.exitCode).toBe(exitCode);
    expect(out.stderr).toMatch(/^mtx: \[EX_\w+\] /);
    expect(out.stderr).toContain(detail);
    expect(ctx.applied).toEqual([]);
    expect(ctx.advances).toEqual([]);
  });

  it('load with every drive full says what each holds', async () => {
    const ctx = backupContext({ backupNow: withOperatorTape() });
    const out = await runCci('mtx -l lib1 load 2', ctx);
    expect(out.exitCode).toBe(221);
    expect(out.stderr).toContain('no empty drive in lib1: Drive 0 Full (Storage Element 3 Loaded); Drive 1 Full (Storage Element 5 Loaded)');
  });

  it('unload: back to its own slot; another slot is refused', async () => {
    const ctx = backupContext({ backupNow: withOperatorTape() });
    moveAfter(ctx, 'ULT004L8', 2, { location: 'slot', driveIndex: null });
    const out = await runCci('mtx -l lib1 unload 5 1', ctx);
    expect(out).toMatchObject({ exitCode: 0, stdout: 'Unloading drive 1 into Storage Element 5...done\n' });
    expect(out.actions).toEqual([{ type: 'unmountCartridge', libraryId: 'lib1', barcode: 'ULT004L8' }]);
    const other = backupContext({ backupNow: withOperatorTape() });
    const refused = await runCci('mtx -l lib1 unload 2 1', other);
    expect(refused.exitCode).toBe(253);
    expect(refused.stderr).toContain('<slot> 2: ULT004L8 goes back to its own Storage Element 5');
    expect(other.applied).toEqual([]);
  });

  it('gives up after MTX_WAIT_S simulated seconds with EX_EWSTOT, the mount still applied', async () => {
    const ctx = backupContext();
    ctx.endS = 100_000;
    const out = await runCci('mtx -l lib1 load 2', ctx);
    expect(out.exitCode).toBe(233);
    expect(out.stdout).toBe('Loading media from Storage Element 2 into drive 1...\n');
    expect(out.stderr).toBe(`mtx: [EX_EWSTOT] Timeout waiting for specified status\n  ULT002L8 is still in the slot after ${MTX_WAIT_S} s\n`);
    expect(out.actions).toEqual([{ type: 'mountCartridge', libraryId: 'lib1', barcode: 'ULT002L8' }]);
    expect(ctx.advances).toHaveLength(MTX_WAIT_S);
  });

  it('stops at once when the run has ended', async () => {
    const ctx = backupContext();
    ctx.endS = ctx.now;
    const out = await runCci('mtx -l lib1 load 2', ctx);
    expect(out.exitCode).toBe(233);
    expect(out.stderr).toContain('ULT002L8 is still in the slot; the run ended at t=10.000s');
    expect(ctx.advances).toEqual([1]);
  });

  it('an engine refusal of the mount: its message, no wait', async () => {
    const ctx = backupContext({ verdict: () => ({ ok: false, message: 'lib1: the robot is out of order' }) });
    const out = await runCci('mtx -l lib1 load 2', ctx);
    expect(out).toMatchObject({ exitCode: 221, stdout: '', actions: [] });
    expect(out.stderr).toBe('mtx: [EX_CMDRJE] An order to the control/command device was rejected\n  lib1: the robot is out of order\n');
    expect(ctx.advances).toEqual([]);
  });
});

describe('cci › backup execute › engine verdicts', () => {
  it('a refusal keeps the engine code and message, and records nothing', async () => {
    const ctx = backupContext({ verdict: () => ({ ok: false, code: 'EX_INVVOL', message: 'db-s is paired: split it first' }) });
    const out = await runCci('vol mount backup-server db-s -r', ctx);
    expect(out).toMatchObject({ exitCode: 222, stdout: '', actions: [] });
    expect(out.stderr).toBe('vol: [EX_INVVOL] Invalid volume status\n  db-s is paired: split it first\n');
  });

  it('a redundant command exits 0 with a note and records nothing', async () => {
    const ctx = backupContext({ verdict: () => ({ ok: true, redundant: true, message: 'nothing to do: db-server is already in backup mode' }) });
    const out = await runCci('db backup-mode db-server begin', ctx);
    expect(out).toMatchObject({ exitCode: 0, stdout: 'db: nothing to do: db-server is already in backup mode\n', actions: [] });
  });

  it('policy run leaves an unknown id to the SAN manager, which names it', async () => {
    const ctx = backupContext({ verdict: () => ({ ok: false, message: 'no policy "pZ"' }) });
    const out = await runCci('policy run pZ', ctx);
    expect(out.exitCode).toBe(221);
    expect(out.stderr).toContain('no policy "pZ"');
    expect(ctx.applied).toEqual([{ type: 'runPolicy', policyId: 'pZ' }]);
  });
});

describe('cci › backup execute › help', () => {
  it('help lists the new commands; help raidcom shows the hba_wwn forms', async () => {
    const all = await ok('help');
    for (const name of ['mtx', 'backup', 'restore', 'jobs', 'catalog', 'vol mount', 'db backup-mode', 'runbook step', 'policy set', 'schedule', 'raidcom add hba_wwn']) {
      expect(all).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    }
    expect((await ok('help raidcom')).match(/^usage: raidcom (add|delete) hba_wwn/gm)).toHaveLength(2);
    expect(CCI_COMMANDS.map((c) => c.name).slice(-2)).toEqual(['sleep', 'help']);
  });

  it('docs/console.md gives every usage line as help does', () => {
    const docs = readFileSync(new URL('../../docs/console.md', import.meta.url), 'utf8');
    for (const c of BACKUP_COMMANDS) expect(docs, c.name).toContain(`\n${c.usage}\n`);
  });
});
