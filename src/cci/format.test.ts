import { describe, expect, it } from 'vitest';
import { runCci } from './execute.ts';
import { fakeContext, pair, POOL } from './test-topology.ts';
import { FIRST_SERIAL, luAddressOf, serialOf } from './topology-view.ts';
import { TOPOLOGY } from './test-topology.ts';
import type { DiskArray } from '../model/topology.ts';

async function print(line: string, ctx = fakeContext()): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  expect(out.actions).toEqual([]);
  return out.stdout;
}

describe('cci › topology view', () => {
  it('numbers arrays 64001… by id and addresses an LDEV by its first LU path (port, then LUN)', () => {
    expect(serialOf(TOPOLOGY, 'arr1')).toBe(FIRST_SERIAL);
    expect(serialOf(TOPOLOGY, 'arr2')).toBe(64002);
    expect(serialOf(TOPOLOGY, 'nope')).toBeNull();
    const arr1 = TOPOLOGY.devices.find((d) => d.id === 'arr1') as DiskArray;
    expect(luAddressOf(arr1, 'log-s')).toEqual({ port: 'CL2-A-0', lun: 1 });
    expect(luAddressOf(arr1, '00:1A')).toEqual({ port: 'CL1-A-1', lun: 0 });
    expect(luAddressOf(arr1, 'db-x')).toBeNull();
  });
});

describe('cci › pairdisplay', () => {
  it('prints two lines per pair with Seq# of the partner on the P-VOL line', async () => {
    expect(await print('pairdisplay -g VG01')).toBe(
      [
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M',
        'VG01    dev1(L)      (CL1-A-0, 0,   0-0)64001  db-p.P-VOL PAIR, 64001 db-s    -',
        'VG01    dev1(R)      (CL2-A-0, 0,   0-0)64001  db-s.S-VOL PAIR, ----- db-p    -',
        'VG01    dev2(L)      (CL1-A-0, 0,   1-0)64001 log-p.P-VOL COPY, 64001 log-s   -',
        'VG01    dev2(R)      (CL2-A-0, 0,   1-0)64001 log-s.S-VOL COPY, ----- log-p   -',
        '',
      ].join('\n'),
    );
  });

  it('-fc shows the copy % rounded down; -d picks one device', async () => {
    expect(await print('pairdisplay -g VG01 -d dev2 -fc')).toBe(
      [
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M',
        'VG01    dev2(L)      (CL1-A-0, 0,   1-0)64001 log-p.P-VOL COPY,  42 log-s   -',
        'VG01    dev2(R)      (CL2-A-0, 0,   1-0)64001 log-s.S-VOL COPY,  42 log-p   -',
        '',
      ].join('\n'),
    );
  });

  it('snapshots: the S-VOL line shows SSUS and W when split; SMPL and a missing S-VOL print dashes', async () => {
    expect(await print('pairdisplay -g SNAP1 -fc')).toBe(
      [
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M',
        'SNAP1   gen0(L)      (CL1-A-0, 0,   0-0)64001  db-p.P-VOL PSUS, 100 00:1A   -',
        'SNAP1   gen0(R)      (CL1-A-1, 0,   0-0)64001 00:1A.S-VOL SSUS, 100 db-p    W',
        'SNAP1   gen1(L)      (CL1-A-0, 0,   0-1)64001  db-p.SMPL  ----,   - ----    -',
        'SNAP1   gen1(R)      (-      , 0,     -)-----     -.SMPL  ----,   - ----    -',
        '',
      ].join('\n'),
    );
  });

  it('-l prints the local (L) lines only; widths grow with long states', async () => {
    const ctx = fakeContext();
    ctx.current = { pairs: [pair('VG01', 'dev1', 'db-p', 'db-s', { state: 'COPY(RS-R)', svolState: 'COPY(RS-R)', copyPct: 7.9 })], pools: [] };
    expect(await print('pairdisplay -g VG01 -l', ctx)).toBe(
      [
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M',
        'VG01    dev1(L)      (CL1-A-0, 0,   0-0)64001  db-p.P-VOL COPY(RS-R), 64001 db-s    -',
        'VG01    dev2(L)      (CL1-A-0, 0,   1-0)64001 log-p.SMPL  ----,       ----- ----    -',
        '',
      ].join('\n'),
    );
  });
});

describe('cci › pairvolchk', () => {
  it('prints the P-VOL status, or the S-VOL status with -s / -c', async () => {
    expect(await print('pairvolchk -g VG01 -d dev1')).toBe('pairvolchk : Volstat is P-VOL.[status = PAIR]\n');
    expect(await print('pairvolchk -g SNAP1 -d gen0 -s')).toBe('pairvolchk : Volstat is S-VOL.[status = SSUS]\n');
    expect(await print('pairvolchk -g SNAP1 -d gen1 -c')).toBe('pairvolchk : Volstat is SMPL.\n');
  });

  it('a whole group answers when its pairs agree, else EX_ENQVOL', async () => {
    const out = await runCci('pairvolchk -g VG01', fakeContext());
    expect(out).toMatchObject({ exitCode: 236, stdout: '' });
    expect(out.stderr).toBe('pairvolchk: [EX_ENQVOL] Unmatched volume status within the group\n  VG01/dev1 PAIR, VG01/dev2 COPY (use -d <device>)\n');
    const ctx = fakeContext();
    ctx.current = { pairs: ctx.current.pairs.map((p) => ({ ...p, state: 'PSUS', svolState: 'SSUS' })), pools: [] };
    expect(await print('pairvolchk -g VG01', ctx)).toBe('pairvolchk : Volstat is P-VOL.[status = PSUS]\n');
  });
});

describe('cci › raidcom get', () => {
  it('pool: state POLN/POLF/POLS, use, available and total MB from the array track size', async () => {
    const ctx = fakeContext();
    ctx.current = { pairs: [], pools: [POOL, { ...POOL, key: 'arr1/p2', poolId: 'p2', name: 'full one', usedTracks: POOL.capacityTracks, usedPct: 100, state: 'full' }] };
    expect(await print('raidcom get pool', ctx)).toBe(
      [
        'PID    POLS  U(%)  AV_CAP(MB)  TP_CAP(MB)  W(%)  Seq#   POOL_NAME',
        'pool0  POLN    12       57671       65536    80  64001  ti-pool',
        'p2     POLS   100           0       65536    80  64001  full one',
        '',
      ].join('\n'),
    );
  });

  it('snapshot: every snapshot pair, or those of one group', async () => {
    const all = await print('raidcom get snapshot');
    expect(all).toBe(
      [
        'SnapShot_name  Dev_name  P/S    STAT  Serial#  LDEV#  MU#  S-LDEV#  PID    PRSV(TRK)',
        'SNAP1          gen0      P-VOL  PSUS  64001    db-p     0  00:1A    pool0       1234',
        'SNAP1          gen1      P-VOL  SMPL  64001    db-p     1  -        pool0          0',
        '',
      ].join('\n'),
    );
    expect(await print('raidcom get snapshot -snapshotgroup SNAP1')).toBe(all);
    const bad = await runCci('raidcom get snapshot -snapshotgroup NOPE', fakeContext());
    expect(bad.exitCode).toBe(239);
  });
});
