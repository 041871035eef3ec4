import { describe, expect, it } from 'vitest';
import { CopyGroup } from '../model/topology.ts';
import { formatHorcm, horcmToCopyGroups, parseHorcm, type HorcmConf } from './horcm.ts';
import { ldevNumber } from './horcm-groups.ts';
import { TOPOLOGY } from './test-topology.ts';

/** The P-VOL instance of a two-instance ShadowImage setup on one host. */
const HORCM0 = `# horcm0.conf - production volumes (P-VOL side)
HORCM_MON
#ip_address   service   poll(10ms)   timeout(10ms)
localhost     horcm0    1000         3000

HORCM_CMD
#dev_name               dev_name     dev_name
\\\\.\\CMD-64001:/dev/sd

HORCM_DEV
#dev_group   dev_name   port#     TargetID   LU#   MU#
VG01         dev1       CL1-A-0   0          0     0   # CL1-A host group 0
VG01         dev2       CL1-A     0          1     0   # LU 1 is in one host group only

HORCM_LDEV
#dev_group   dev_name   Serial#   CU:LDEV(LDEV#)   MU#
SNAP1        gen0       64001     db-p             h0
SNAP1        gen1       64001     db-p             1

HORCM_INST
#dev_group   ip_address   service
VG01         localhost    horcm1
SNAP1        localhost    horcm1
`;

/** Its S-VOL partner. */
const HORCM1 = `HORCM_MON
localhost     horcm1    1000         3000

HORCM_CMD
\\\\.\\CMD-64001:/dev/sd

HORCM_DEV
VG01         dev1       CL2-A     0          0     0
VG01         dev2       cl2-a     0          1
SNAP1        gen0       CL1-A-1   0          0     0

HORCM_INST
VG01         localhost    horcm0
`;

/** The fixture without arr2, whose port CL1-A would make every CL1-A line ambiguous. */
const ONE_ARRAY = { ...TOPOLOGY, devices: TOPOLOGY.devices.filter((d) => d.id !== 'arr2') };

function parsed(text: string): HorcmConf {
  const r = parseHorcm(text);
  expect(r.errors).toEqual([]);
  return r.conf;
}

describe('cci › horcm.conf › parse', () => {
  it('reads every section of a two-instance setup', () => {
    const c = parsed(HORCM0);
    expect(c.mon).toEqual({ line: 4, host: 'localhost', service: 'horcm0', pollMs10: 1000, timeoutMs10: 3000 });
    expect(c.commandDevices).toEqual(['\\\\.\\CMD-64001:/dev/sd']);
    expect(c.devs).toEqual([
      { line: 12, group: 'VG01', device: 'dev1', port: 'CL1-A-0', targetId: 0, lun: 0, mu: 0 },
      { line: 13, group: 'VG01', device: 'dev2', port: 'CL1-A', targetId: 0, lun: 1, mu: 0 },
    ]);
    expect(c.ldevs).toEqual([
      { line: 17, group: 'SNAP1', device: 'gen0', serial: 64001, ldev: 'db-p', mu: 0 },
      { line: 18, group: 'SNAP1', device: 'gen1', serial: 64001, ldev: 'db-p', mu: 1 },
    ]);
    expect(c.insts).toEqual([
      { line: 22, group: 'VG01', host: 'localhost', service: 'horcm1' },
      { line: 23, group: 'SNAP1', host: 'localhost', service: 'horcm1' },
    ]);
    expect(parsed(HORCM1).devs[1]).toMatchObject({ port: 'cl2-a', mu: null });
  });

  it('reports every bad line with its number, section and field, keeping the good lines', () => {
    const text = [
      'HORCM_DEV', // 1
      'VG01 dev1 CL1-A 0 0', // 2 ok
      'VG01 dev2 CL1-A 0 x', // 3
      'VG01 dev3 CL1-A', // 4
      'VG01 dev1 CL1-A 0 1', // 5 duplicate
      'VG01 dev4 CL1-A 0 3 h', // 6
      'VG01 dev5 CL1-A 0 4000', // 7
      'HORCM_LDEV', // 8
      'VG01 dev6 S64001 db-p', // 9
      'VG01 dev/7 64001 db-p', // 10
      'HORCM_BOGUS', // 11
      'HORCM_INST', // 12
      'VG01 localhost', // 13
      'HORCM_MON extra', // 14
    ].join('\n');
    const r = parseHorcm(text);
    expect(r.errors).toEqual([
      { line: 3, message: 'line 3: HORCM_DEV: LU# "x" is not a number' },
      { line: 4, message: 'line 4: HORCM_DEV: expected dev_group dev_name port# TargetID LU# [MU#], got 3 fields' },
      { line: 5, message: 'line 5: HORCM_DEV: VG01 dev1 is already defined on line 2' },
      { line: 6, message: 'line 6: HORCM_DEV: MU# "h" is not a number (0, 1, … or h0, h1, …)' },
      { line: 7, message: 'line 7: HORCM_DEV: LU# 4000 is out of range (0-2047)' },
      { line: 9, message: 'line 9: HORCM_LDEV: Serial# "S64001" is not a number' },
      { line: 10, message: 'line 10: HORCM_LDEV: dev_name "dev/7" is not a valid name (letters, digits and - _ . : only)' },
      { line: 11, message: 'line 11: unknown section HORCM_BOGUS' },
      { line: 13, message: 'line 13: HORCM_INST: expected dev_group ip_address service, got 2 fields' },
      { line: 14, message: 'line 14: HORCM_MON must stand alone on its line' },
    ]);
    expect(r.conf.devs.map((d) => d.device)).toEqual(['dev1']);
  });

  it('rejects text before the first section and ignores the sections SANdbox has no use for', () => {
    expect(parseHorcm('VG01 dev1 CL1-A 0 0').errors[0].message).toBe(
      'line 1: "VG01" comes before any section (HORCM_MON, HORCM_CMD, HORCM_DEV, HORCM_LDEV, HORCM_INST)',
    );
    expect(parseHorcm('HORCM_ALLOW_INST\nanything 1 2 3 4 5 6 7\nHORCM_DEV\nG d CL1-A 0 0\n')).toMatchObject({ errors: [], conf: { devs: [{ line: 4 }] } });
  });
});

describe('cci › horcm.conf › copy groups', () => {
  it('resolves ports, LUNs, host group numbers, serials and LDEV numbers into copy groups', () => {
    const local = horcmToCopyGroups(parsed(HORCM0), parsed(HORCM1), ONE_ARRAY, 'local');
    expect(local.errors.map((e) => e.message)).toEqual(['P side line 18: SNAP1 gen1 is not in the S-side file (a local pair needs an S-VOL)']);
    expect(local.groups[0]).toEqual({
      id: 'VG01',
      kind: 'local',
      recordPositions: true,
      devices: [
        { name: 'dev1', pvol: 'db-p', svol: 'db-s', mu: 0 },
        { name: 'dev2', pvol: 'log-p', svol: 'log-s', mu: 0 },
      ],
    });
    // SNAP1 is in the same files: as a local group, gen1 lacks its S-VOL.
    expect(local.groups[1].devices).toEqual([{ name: 'gen0', pvol: 'db-p', svol: '00:1A', mu: 0 }]);
  });

  it('snapshot groups may lack S-VOLs and get the only pool of the P-VOL array', () => {
    const snap = horcmToCopyGroups(parsed(HORCM0), parsed(HORCM1), ONE_ARRAY, 'snapshot');
    expect(snap.errors).toEqual([]);
    const g = snap.groups.find((x) => x.id === 'SNAP1')!;
    expect(g).toEqual({
      id: 'SNAP1',
      kind: 'snapshot',
      recordPositions: true,
      poolId: 'pool0',
      devices: [
        { name: 'gen0', pvol: 'db-p', svol: '00:1A', mu: 0 },
        { name: 'gen1', pvol: 'db-p', mu: 1 },
      ],
    });
    for (const group of snap.groups) expect(CopyGroup.safeParse(group).success).toBe(true);
    const noS = horcmToCopyGroups(parsed(HORCM0), null, ONE_ARRAY, 'snapshot', { poolId: 'pool0' });
    expect(noS.errors).toEqual([]);
    expect(noS.groups.find((x) => x.id === 'SNAP1')!.devices.every((d) => d.svol === undefined)).toBe(true);
  });

  it('host-mirror groups carry the server and the recording mode', () => {
    const r = horcmToCopyGroups(parsed(HORCM0), parsed(HORCM1), ONE_ARRAY, 'host-mirror', { serverId: 'db-server', recordPositions: false });
    expect(r.groups[0]).toMatchObject({ id: 'VG01', kind: 'host-mirror', serverId: 'db-server', recordPositions: false });
  });

  it('names the side, line and cause of every volume it cannot resolve', () => {
    const p = parsed(`HORCM_DEV
G1 a CL1-A 0 0
G1 b CL9-Z 0 0
G1 c CL2-A 0 7
G1 d CL1-A 0 5
HORCM_LDEV
G1 e 64009 db-p
G1 f 64001 nope
G1 g 64002 r-1
`);
    const s = parsed(`HORCM_DEV
G1 b CL2-A 0 0
G1 g CL2-A 0 9
G1 z CL2-A 0 0
`);
    const r = horcmToCopyGroups(p, s, TOPOLOGY, 'local');
    expect(r.errors.map((e) => e.message)).toEqual([
      'P side line 2: G1 a: port# "CL1-A" is on arrays arr1, arr2: use HORCM_LDEV (Serial# and LDEV#) to say which',
      'P side line 3: G1 b: port# "CL9-Z": no array has this port',
      'P side line 4: G1 c: no LU path at port# CL2-A LU# 7 on array arr1',
      'P side line 5: G1 d: port# "CL1-A" is on arrays arr1, arr2: use HORCM_LDEV (Serial# and LDEV#) to say which',
      'P side line 7: G1 e: Serial# 64009 matches no array (64001 arr1, 64002 arr2)',
      'P side line 8: G1 f: LDEV# "nope" is not on array arr1 (Serial# 64001)',
      'S side line 3: G1 g: no LU path at port# CL2-A LU# 9 on array arr1',
      'S side line 4: G1 z is not in the P-side file',
    ]);
    expect(r.groups).toEqual([]);
  });

  it('a port with several host groups at one LUN needs the host group number', () => {
    const p = parsed('HORCM_LDEV\nG1 a 64001 db-p\n');
    const s = parsed('HORCM_DEV\nG1 a CL1-A 0 0\n');
    expect(horcmToCopyGroups(p, s, ONE_ARRAY, 'local').errors.map((e) => e.message)).toEqual([
      'S side line 2: G1 a: port# CL1-A LU# 0 leads to LDEVs db-p, 00:1A (one per host group): write the port as CL1-A-<host group number>',
    ]);
  });

  it('local groups need an S side, and each device its partner', () => {
    expect(horcmToCopyGroups(parsed(HORCM0), null, TOPOLOGY, 'local').errors).toEqual([
      { message: 'local groups need the S-side horcm.conf too (it names the S-VOLs)' },
    ]);
    const r = horcmToCopyGroups(parsed(HORCM0), parsed(HORCM1), ONE_ARRAY, 'host-mirror');
    expect(r.errors).toEqual([{ line: 18, message: 'P side line 18: SNAP1 gen1 is not in the S-side file (a host-mirror pair needs an S-VOL)' }]);
  });

  it('LDEV numbers: CU:LDEV and 0x are hex, plain digits decimal', () => {
    expect(ldevNumber('00:1A')).toBe(26);
    expect(ldevNumber('01:00')).toBe(256);
    expect(ldevNumber('0x1a')).toBe(26);
    expect(ldevNumber('26')).toBe(26);
    expect(ldevNumber('db-p')).toBeNull();
    const r = horcmToCopyGroups(parsed('HORCM_LDEV\nS x 64001 26\nS y 64001 0x1A\n'), null, TOPOLOGY, 'snapshot');
    expect(r.groups[0].devices.map((d) => d.pvol)).toEqual(['00:1A', '00:1A']);
  });
});

describe('cci › horcm.conf › export', () => {
  it('writes two files that read back into the same groups', () => {
    const groups = TOPOLOGY.copyGroups;
    const out = formatHorcm(groups, TOPOLOGY);
    expect(out.pSide).toBe(
      [
        'HORCM_MON',
        '#ip_address  service  poll(10ms)  timeout(10ms)',
        'localhost    horcm0   1000        3000',
        '',
        'HORCM_CMD',
        '#dev_name',
        '\\\\.\\CMD-64001:/dev/sd',
        '',
        'HORCM_DEV',
        '#dev_group  dev_name  port#    TargetID  LU#  MU#',
        'VG01        dev1      CL1-A-0  0         0    0',
        'VG01        dev2      CL1-A-0  0         1    0',
        'SNAP1       gen0      CL1-A-0  0         0    0',
        'SNAP1       gen1      CL1-A-0  0         0    1',
        '',
        'HORCM_INST',
        '#dev_group  ip_address  service',
        'VG01        localhost   horcm1',
        'SNAP1       localhost   horcm1',
        '',
      ].join('\n'),
    );
    const p = parsed(out.pSide);
    const s = parsed(out.sSide);
    expect(s.devs.map((d) => `${d.group} ${d.device} ${d.port} ${d.lun}`)).toEqual(['VG01 dev1 CL2-A-0 0', 'VG01 dev2 CL2-A-0 1', 'SNAP1 gen0 CL1-A-1 0']);
    const back = (kind: 'local' | 'snapshot') => horcmToCopyGroups(p, s, ONE_ARRAY, kind);
    expect(back('local').groups[0]).toEqual(groups[0]);
    expect(back('snapshot').groups[1]).toEqual(groups[1]);
  });

  it('falls back to HORCM_LDEV for an LDEV without an LU path', () => {
    const arr1 = TOPOLOGY.devices.find((d) => d.id === 'arr1')!;
    const topology = { ...TOPOLOGY, devices: [{ ...arr1, luPaths: [] }] as typeof TOPOLOGY.devices };
    const out = formatHorcm([TOPOLOGY.copyGroups[0]], topology);
    expect(out.pSide).toContain('HORCM_LDEV\n#dev_group  dev_name  Serial#  CU:LDEV(LDEV#)  MU#\nVG01        dev1      64001    db-p            0\n');
    expect(out.pSide).not.toContain('HORCM_DEV');
    const r = horcmToCopyGroups(parsed(out.pSide), parsed(out.sSide), topology, 'local');
    expect(r).toEqual({ groups: [TOPOLOGY.copyGroups[0]], errors: [] });
  });
});
