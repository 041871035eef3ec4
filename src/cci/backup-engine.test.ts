/**
 * The tape and backup commands against the real engine, through the context the CLI builds, on
 * the built-in scenarios embodiment-1-online-backup.json (its timeline starts runbook
 * online-backup at 20 s, whose step 409 writes job bk-db to tape1), fig19-san-manager.json
 * (three tenants' policies, the night starting at 23:50) and embodiment-3-access-control.json
 * (LUN security). The assertions are about what a trainer reads, not the engine's exact figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulationContext } from '../cli/cci.ts';
import { createSimulation } from '../engine/simulation.ts';
import { parseDocumentText } from '../model/parse.ts';
import { runCci, type CciContext } from './execute.ts';

function builtIn(name: string): CciContext {
  const parsed = parseDocumentText(readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return simulationContext(createSimulation(parsed.scenario));
}

const onlineBackup = (): CciContext => builtIn('embodiment-1-online-backup.json');

async function ok(line: string, ctx: CciContext): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return out.stdout;
}

/** Lets 5 s pass at a time until `line` prints something matching `done` (at most `limitS`). */
async function waitFor(line: string, done: RegExp, ctx: CciContext, limitS: number): Promise<string> {
  const untilS = ctx.nowS() + limitS;
  for (;;) {
    const text = await ok(line, ctx);
    if (done.test(text) || ctx.nowS() >= untilS) return text;
    await ok('sleep 5', ctx);
  }
}

describe('cci › backup › with the engine', () => {
  it('the runbook writes bk-db; jobs, catalog and runbook show tell the story; verification PASS', async () => {
    const ctx = onlineBackup();
    expect(await ok('runbook list', ctx)).toMatch(/^online-backup +idle +- +run /m);
    expect(await ok('jobs', ctx)).toBe('JOB  KIND  PATH  SOURCE  TARGET  STATE  %  MB/s  CARTRIDGES  VERIFY\n');
    const jobs = await waitFor('jobs', /^bk-db .* done +100 /m, ctx, 160);
    expect(jobs).toMatch(/^bk-db +backup +lan-free +db-secondary +tape1 +done +100 +\d+\.\d +SBX\d{3}L8 +PASS$/m);
    expect(await ok('jobs bk-db', ctx)).toMatch(/^ {2}verification: PASS: /m);
    expect(await ok('catalog', ctx)).toMatch(/^bk-db +tape1 +db-secondary +\d+\.\d{3} +[\d,]+ +\d+ +SBX\d{3}L8 +[0-9a-f]+ +PASS/m);
    const runbook = await waitFor('runbook show online-backup', /: done,/, ctx, 120);
    const steps = runbook.split('\n').slice(2, -1);
    expect(steps).toHaveLength(16);
    for (const step of steps) expect(step).toMatch(/^ {3,}4\d\d {2}done /);
    expect(runbook).toMatch(/^ +404 +done .*PSUS/m);
  });

  it('mtx: status, an operator load and unload through the backup manager', async () => {
    const ctx = onlineBackup();
    const before = await ok('mtx -l tape1 status', ctx);
    expect(before.split('\n').slice(0, 4)).toEqual([
      '  Storage Changer tape1:2 Drives, 28 Slots ( 4 Import/Export )',
      'Data Transfer Element 0:Empty',
      'Data Transfer Element 1:Empty',
      '      Storage Element 1:Full :VolumeTag=SBX001L8',
    ]);
    const load = await runCci('mtx -l tape1 load 3', ctx);
    expect(load).toMatchObject({ exitCode: 0, stdout: 'Loading media from Storage Element 3 into drive 0...done\n' });
    expect(load.actions).toEqual([{ type: 'mountCartridge', libraryId: 'tape1', barcode: 'SBX003L8' }]);
    const loaded = await ok('mtx -l tape1 status', ctx);
    expect(loaded).toContain('Data Transfer Element 0:Full (Storage Element 3 Loaded):VolumeTag = SBX003L8\n');
    expect(loaded).toContain('      Storage Element 3:Empty\n');
    expect(await ok('mtx -l tape1 unload 3 0', ctx)).toBe('Unloading drive 0 into Storage Element 3...done\n');
    expect(await ok('mtx -l tape1 status', ctx)).toBe(before);
  });

  it('a restore from the catalog verified PASS; a job id already used is refused before the engine', async () => {
    const ctx = onlineBackup();
    await waitFor('runbook list', /^online-backup +done/m, ctx, 170);
    await ok('pairsplit -g DB', ctx);
    await ok('pairevtwait -g DB -s psus -t 30', ctx);
    expect(await ok('restore bk-db -t db-secondary -j rs1 -s backup-server', ctx)).toBe(
      'job rs1 submitted: restore of bk-db (db-secondary) onto db-secondary (lan-free via backup-server)\n',
    );
    const again = await runCci('backup db-secondary -l tape1 -j rs1 -s backup-server', ctx);
    expect(again.exitCode).toBe(253);
    expect(again.stderr).toContain('-j rs1: a job with this id exists (restore,');
    const detail = await waitFor('jobs rs1', /^job rs1 \(restore, lan-free\): (unloading|done)/, ctx, 60);
    expect(detail).toMatch(/^ {2}verification: PASS: db-secondary equals the catalog of bk-db/m);
  });

  it('vol, db backup-mode and raidcom hba_wwn become actions the engine accepts', async () => {
    const ctx = onlineBackup();
    for (const [line, type] of [
      ['db backup-mode db-server begin', 'dbBackupMode'],
      ['db backup-mode db-server end', 'dbBackupMode'],
      ['raidcom add hba_wwn -port CL2-A-0 -hba_wwn 10:00:00:00:c9:3a:10:02', 'setHostGroupWwpn'],
      ['raidcom delete hba_wwn -port CL2-A-0 -hba_wwn 10:00:00:00:c9:3a:10:02', 'setHostGroupWwpn'],
    ] as const) {
      const out = await runCci(line, ctx);
      expect(out.stderr, line).toBe('');
      expect(out.actions.map((a) => a.type), line).toEqual([type]);
    }
  });

  it('the SAN manager: policy set, policy run, schedule', async () => {
    const ctx = onlineBackup();
    await waitFor('runbook list', /^online-backup +done/m, ctx, 170);
    await ok('policy set pA -t "Company A" -d db-secondary -w 00:01 -h 1 -l tape1 -p lan-free -s backup-server -m direct', ctx);
    await ok('policy run pA', ctx);
    await ok('sleep 1', ctx);
    expect(await ok('schedule', ctx)).toMatch(/^pA +Company A +db-secondary +\S+ +tape1 .* 00:0\d-01:0\d /m);
    expect(await ok('jobs', ctx)).toMatch(/^pA\S* +backup +lan-free +db-secondary +tape1 /m);
  });
});

describe('cci › backup › the SAN manager of fig19-san-manager.json', () => {
  it("policy list shows the design's policies; schedule flags a window the estimate misses, then shows what ran", async () => {
    const ctx = builtIn('fig19-san-manager.json');
    const policies = await ok('policy list', ctx);
    expect(policies).toMatch(/^web-a +Company A +web-data +replica +daily +00:00-01:00 +tape1 +server-less +- +7d$/m);
    expect(policies).toMatch(/^batch-c +Company C +batch-data +direct .* lan +batch-server -> backup-server +7d$/m);
    const planned = await ok('schedule', ctx);
    expect(planned).toMatch(/^batch-c +Company C +batch-data +\S+ +tape1 +\d +00:00-00:0\d +00:00-00:03 +[\d.]+ +MISSES WINDOW +- +planned$/m);
    expect(planned).toMatch(/^web-a +.* 00:00-01:00 +[\d.]+ +- +- +planned$/m);
    await ok('sleep 3600', ctx);
    const ran = await ok('schedule', ctx);
    expect(ran).toMatch(/^web-a +.* 00:00-01:00 +[\d.]+ +- +00:0\d-00:\d\d(?: \(drive \d\))? +done$/m);
    expect(await ok('catalog', ctx)).toMatch(/^web-a\S* +tape1 +\S+ .* PASS +\d\d:\d\d\+\dd$/m);
  });
});

describe('cci › backup › LUN security in embodiment-3-access-control.json', () => {
  it('the backup server reaches db-secondary only once raidcom adds its WWPN to the host group', async () => {
    const ctx = builtIn('embodiment-3-access-control.json');
    await ok('sleep 1', ctx); // the timeline has taken the backup server's WWPN out at 0 s
    const refused = await runCci('vol mount backup-server db-secondary -r', ctx);
    expect(refused.exitCode).toBe(221);
    expect(refused.stderr).toContain('not-in-host-group');
    const added = await runCci('raidcom add hba_wwn -port CL2-A backup-server -hba_wwn 10000000C93A2001', ctx);
    expect(added.actions).toEqual([{ type: 'setHostGroupWwpn', arrayId: 'array1', hostGroupId: 'hg-backup', wwpn: '10:00:00:00:c9:3a:20:01', member: true }]);
    const mounted = await runCci('vol mount backup-server db-secondary -r', ctx);
    expect(mounted).toMatchObject({ exitCode: 0, stderr: '', actions: [{ type: 'mountVolume', serverId: 'backup-server', ldevId: 'db-secondary', readOnly: true }] });
  });
});
