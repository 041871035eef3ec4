import { describe, expect, it } from 'vitest';
import type { DiskArray, HostGroup, LuPath, Topology } from '../model/topology.ts';
import { runCci } from './execute.ts';
import { nextFreeLun } from '../model/factory.ts';
import { completeLunValue } from './raidcom-lun-completion.ts';
import { parseLunLine } from './raidcom-lun-parse.ts';
import { createLunSession } from './raidcom-lun-view.ts';
import { fakeContext, TOPOLOGY, type FakeContext } from './test-topology.ts';

const WWPN = '10:00:00:00:c9:3a:10:01';

/** A running emulation: no design hook, a session of its own. */
function running(patch: Partial<FakeContext> = {}): FakeContext {
  return fakeContext({ lunSecurity: createLunSession(), ...patch });
}

/** Before a run: the design hook writes `design` (and says it did). */
function idle() {
  const box = { design: TOPOLOGY as Topology, writes: 0 };
  const ctx = fakeContext({
    lunSecurity: createLunSession(),
    setDesignLunSecurity: (arrayId: string, hostGroups: HostGroup[], luPaths: LuPath[]) => {
      box.design = { ...box.design, devices: box.design.devices.map((d) => (d.kind === 'array' && d.id === arrayId ? { ...d, hostGroups, luPaths } : d)) };
      box.writes++;
      return true;
    },
  });
  Object.defineProperty(ctx, 'topology', { get: () => box.design });
  return { ctx, box };
}

const arr1 = (t: Topology): DiskArray => t.devices.find((d): d is DiskArray => d.kind === 'array' && d.id === 'arr1')!;

describe('cci › raidcom lun › parse', () => {
  it.each([
    ['raidcom add host_grp -port CL2-A -host_grp_name rep -Iarr1', { kind: 'addHostGroup', place: { port: 'CL2-A', hostGroup: 'rep', array: 'arr1' }, name: 'rep' }],
    ['raidcom delete host_grp -port CL1-A db', { kind: 'deleteHostGroup', place: { port: 'CL1-A', hostGroup: 'db', array: null } }],
    ['raidcom add lun -port CL1-A-1 -ldev_id db-s', { kind: 'addLun', place: { port: 'CL1-A-1', hostGroup: null, array: null }, ldevId: 'db-s', lun: null }],
    ['raidcom add lun -port CL1-A -host_grp_name db -ldev_id db-s -lun_id 7', { kind: 'addLun', place: { port: 'CL1-A', hostGroup: 'db', array: null }, ldevId: 'db-s', lun: 7 }],
    ['raidcom delete lun -port CL1-A-0 -ldev_id log-p', { kind: 'deleteLun', place: { port: 'CL1-A-0', hostGroup: null, array: null }, lun: null, ldevId: 'log-p' }],
    ['raidcom get lun -port CL1-A-0 -h', { kind: 'help', topic: 'raidcom get lun' }],
  ])('%s', (line, command) => {
    expect(parseLunLine(line)).toEqual({ ok: true, command });
  });

  it('leaves other raidcom lines to the other parsers', () => {
    expect(parseLunLine('raidcom get pool')).toBeNull();
    expect(parseLunLine(`raidcom add hba_wwn -port CL1-A-0 -hba_wwn ${WWPN}`)).toBeNull();
  });

  it.each([
    ['raidcom add host_grp -port CL2-A', 'EX_REQARG', '-host_grp_name <name> is required'],
    ['raidcom add lun -port CL1-A-0', 'EX_REQARG', '-ldev_id <ldev> is required'],
    ['raidcom add lun -port CL1-A-0 -ldev_id db-s -lun_id 2048', 'EX_INVARG', '-lun_id: "2048" is not a LUN 0-2047'],
    ['raidcom delete lun -port CL1-A-0', 'EX_REQARG', '-lun_id <lun> or -ldev_id <ldev> is required'],
    ['raidcom delete lun -port CL1-A-0 -lun_id 1 -ldev_id db-p', 'EX_CMDERR', '-lun_id and -ldev_id cannot be used together'],
    ['raidcom get lun -port CL1-A db -host_grp_name db2', 'EX_CMDERR', 'the host group is given twice'],
    ['raidcom get lun', 'EX_REQARG', '-port <port>-<gid> is required'],
    ['raidcom get lun -port CL1-A-0 -fx', 'EX_UNWOPT', 'unknown option -fx'],
  ])('%s → %s', (line, code, detail) => {
    const r = parseLunLine(line);
    expect(r).toMatchObject({ ok: false, name: 'raidcom', failure: { code } });
    expect(r?.ok === false && r.failure.detail).toContain(detail);
  });
});

describe('cci › raidcom lun › next free LUN', () => {
  it('is the lowest LUN the host group does not use, per host group', () => {
    const a = arr1(TOPOLOGY);
    expect(nextFreeLun(a, 'hg-db')).toBe(2);
    expect(nextFreeLun({ ...a, luPaths: a.luPaths.filter((p) => p.lun !== 0) }, 'hg-db')).toBe(0);
    expect(nextFreeLun(a, 'hg-new')).toBe(0);
    const full = Array.from({ length: 2048 }, (_, lun) => ({ portId: 'CL1-A', hostGroupId: 'hg-db', lun, ldevId: 'db-p' }));
    expect(nextFreeLun({ ...a, luPaths: full }, 'hg-db')).toBeNull();
  });
});

describe('cci › raidcom lun › formats', () => {
  it('get host_grp, hba_wwn and lun print CCI’s layouts', async () => {
    const ctx = running();
    expect((await runCci('raidcom get host_grp -port CL1-A -Iarr1', ctx)).stdout).toBe(
      'PORT   GID  GROUP_NAME                       Serial# HMD          HMO_BITs\n' +
        'CL1-A    0  db                                 64001 LINUX/IRIX\n' +
        'CL1-A    1  db2                                64001 LINUX/IRIX\n',
    );
    expect((await runCci('raidcom get lun -port CL1-A -host_grp_name db -Iarr1', ctx)).stdout).toBe(
      'PORT   GID  HMD            LUN  NUM     LDEV  CM    Serial#  HMO_BITs\n' +
        'CL1-A    0  LINUX/IRIX       0    1     db-p   -      64001\n' +
        'CL1-A    0  LINUX/IRIX       1    1    log-p   -      64001\n',
    );
    expect((await runCci('raidcom get hba_wwn -port CL2-A-0', ctx)).stdout).toBe('PORT   GID  GROUP_NAME                       HWWN             Serial# NICK_NAME\n');
    await runCci(`raidcom add hba_wwn -port CL2-A-0 -hba_wwn ${WWPN}`, ctx);
    expect((await runCci('raidcom get hba_wwn -port CL2-A-0', ctx)).stdout).toBe(
      'PORT   GID  GROUP_NAME                       HWWN             Serial# NICK_NAME\n' + 'CL2-A    0  backup                           10000000c93a1001   64001 -\n',
    );
  });
});

describe('cci › raidcom lun › during a run', () => {
  it('add host_grp, add lun (next free LUN) and delete lun send actions, and get shows them', async () => {
    const ctx = running();
    const hg = await runCci('raidcom add host_grp -port CL2-A -host_grp_name rep', ctx);
    expect(hg).toMatchObject({ exitCode: 0, stdout: 'raidcom: Host group ID 1(0x1) will be used for adding.\n', actions: [{ type: 'setHostGroup', arrayId: 'arr1', hostGroupId: 'rep', portId: 'CL2-A', present: true }] });
    const lun = await runCci('raidcom add lun -port CL2-A rep -ldev_id db-s', ctx);
    expect(lun).toMatchObject({ exitCode: 0, stdout: 'raidcom: LUN 0(0x0) will be used for adding.\n', actions: [{ type: 'setLuPath', arrayId: 'arr1', portId: 'CL2-A', hostGroupId: 'rep', lun: 0, ldevId: 'db-s' }] });
    expect((await runCci('raidcom add lun -port CL2-A-1 -ldev_id log-s', ctx)).stdout).toBe('raidcom: LUN 1(0x1) will be used for adding.\n');
    expect((await runCci('raidcom get lun -port CL2-A-1', ctx)).stdout).toContain('CL2-A    1  LINUX/IRIX       1    1    log-s');
    const del = await runCci('raidcom delete lun -port CL2-A-1 -ldev_id db-s', ctx);
    expect(del.actions).toEqual([{ type: 'setLuPath', arrayId: 'arr1', portId: 'CL2-A', hostGroupId: 'rep', lun: 0 }]);
    expect((await runCci('raidcom get lun -port CL2-A-1', ctx)).stdout.split('\n')).toHaveLength(3); // header, LUN 1, ''
    expect(ctx.topology).toBe(TOPOLOGY); // the design is untouched
  });

  it('delete host_grp drops the group and its LU paths from what get prints', async () => {
    const ctx = running();
    const out = await runCci('raidcom delete host_grp -port CL1-A -host_grp_name db2 -Iarr1', ctx);
    expect(out.actions).toEqual([{ type: 'setHostGroup', arrayId: 'arr1', hostGroupId: 'hg-db2', portId: 'CL1-A', present: false }]);
    expect((await runCci('raidcom get host_grp -port CL1-A -Iarr1', ctx)).stdout).not.toContain('db2');
  });

  it('an engine refusal keeps its code and records nothing', async () => {
    const ctx = running({ verdict: () => ({ ok: false, code: 'EX_CMDRJE', message: 'refused' }) });
    const out = await runCci('raidcom add lun -port CL2-A-0 -ldev_id db-p', ctx);
    expect(out).toMatchObject({ exitCode: 221, actions: [] });
    expect((await runCci('raidcom get lun -port CL2-A-0', ctx)).stdout).not.toContain('db-p');
  });

  it('a design change or a restarted clock drops the overlay', async () => {
    const ctx = running();
    await runCci('raidcom add lun -port CL2-A-0 -ldev_id db-p', ctx);
    expect((await runCci('raidcom get lun -port CL2-A-0', ctx)).stdout).toContain('db-p');
    ctx.now = 0;
    expect((await runCci('raidcom get lun -port CL2-A-0', ctx)).stdout).not.toContain('db-p');
  });
});

describe('cci › raidcom lun › before a run', () => {
  it('writes the design and records no action', async () => {
    const { ctx, box } = idle();
    const out = await runCci('raidcom add host_grp -port CL2-A-1 -host_grp_name rep', ctx);
    expect(out).toMatchObject({ exitCode: 0, stdout: '', actions: [] });
    expect(ctx.applied).toEqual([]);
    expect(arr1(box.design).hostGroups.at(-1)).toEqual({ id: 'rep', name: 'rep', portId: 'CL2-A', wwpns: [] });
    await runCci('raidcom add lun -port CL2-A rep -ldev_id db-s -lun_id 5', ctx);
    expect(arr1(box.design).luPaths.at(-1)).toEqual({ portId: 'CL2-A', hostGroupId: 'rep', lun: 5, ldevId: 'db-s' });
    await runCci('raidcom delete host_grp -port CL2-A-1', ctx);
    expect(arr1(box.design).hostGroups.map((h) => h.id)).not.toContain('rep');
    expect(arr1(box.design).luPaths.some((p) => p.hostGroupId === 'rep')).toBe(false);
    expect(box.writes).toBe(3);
  });
});

describe('cci › raidcom lun › errors change nothing', () => {
  it.each([
    ['raidcom add host_grp -port CL1-A -host_grp_name x', 'EX_INVARG', 253, '-port CL1-A is on arrays arr1, arr2: say which with -I<array> (e.g. -Iarr1)'],
    ['raidcom add host_grp -port CL9-Z -host_grp_name x', 'EX_ENOOBJ', 205, '-port CL9-Z: no such port (arr1: CL1-A, CL2-A; arr2: CL1-A)'],
    ['raidcom add host_grp -port CL2-A-5 -host_grp_name x', 'EX_INVARG', 253, 'the next GID on CL2-A is 1'],
    ['raidcom add host_grp -port CL2-A -host_grp_name backup', 'EX_CMDRJE', 221, 'host group "backup" already exists on arr1 (CL2-A-0 (backup))'],
    ['raidcom add host_grp -port CL2-A -host_grp_name hg-db', 'EX_CMDRJE', 221, 'already exists on arr1 (CL1-A-0 (db))'],
    ['raidcom add host_grp -port CL2-A -host_grp_name "a b"', 'EX_INVARG', 253, 'SANdbox host group names use letters'],
    ['raidcom add lun -port CL2-A-0 -ldev_id r-1', 'EX_ENOOBJ', 205, '-ldev_id: no LDEV "r-1" on arr1'],
    ['raidcom add lun -port CL2-A-0 -ldev_id db-p -lun_id 1', 'EX_CMDRJE', 221, 'LUN 1 of CL2-A-0 (backup) is already defined (LDEV log-s)'],
    ['raidcom add lun -port CL2-A-0 -ldev_id db-s', 'EX_CMDRJE', 221, 'LDEV db-s is already mapped in CL2-A-0 (backup) at LUN 0'],
    ['raidcom add lun -port CL2-A-7 -ldev_id db-s', 'EX_ENOOBJ', 205, '-port CL2-A-7: no such host group'],
    ['raidcom delete lun -port CL2-A-0 -lun_id 9', 'EX_ENOOBJ', 205, 'CL2-A-0 (backup) has no LUN 9'],
    ['raidcom delete lun -port CL2-A-0 -ldev_id db-p', 'EX_ENOOBJ', 205, 'has no an LU path to LDEV db-p'],
    ['raidcom get hba_wwn -port CL1-A-0', 'EX_INVARG', 253, 'is on arrays arr1, arr2'],
  ])('%s → %s', async (line, code, exitCode, detail) => {
    const ctx = running();
    const out = await runCci(line, ctx);
    expect(out).toMatchObject({ exitCode, stdout: '', actions: [] });
    expect(out.stderr).toContain(`raidcom: [${code}]`);
    expect(out.stderr).toContain(detail);
    expect(ctx.applied).toEqual([]);
  });
});

describe('cci › raidcom lun › completion', () => {
  it('offers ports, host groups, LDEVs and the next free LUN', () => {
    const at = (line: string) => completeLunValue(line, line.length, TOPOLOGY);
    expect(at('raidcom add host_grp -port CL2')?.text).toBe('raidcom add host_grp -port CL2-A ');
    expect(at('raidcom add lun -port CL1-A-')?.candidates).toEqual(['CL1-A-0', 'CL1-A-1']);
    expect(at('raidcom add lun -port CL2-A-0 -ldev_id r')).toMatchObject({ candidates: [], text: 'raidcom add lun -port CL2-A-0 -ldev_id r' });
    expect(at('raidcom add lun -port CL1-A-0 -ldev_id db-s -lun_id ')?.text).toBe('raidcom add lun -port CL1-A-0 -ldev_id db-s -lun_id 2 ');
    expect(at('raidcom get lun -port CL1-A -host_grp_name d')?.candidates).toEqual(['db', 'db2']);
    expect(at('raidcom get pool -x ')).toBeNull();
  });
});
