/**
 * The console against the real engine: a drill as a trainer would type it, through the same
 * context the CLI builds (advance = runUntil, apply, replicationStatus).
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../engine/api.ts';
import { createSimulation } from '../engine/simulation.ts';
import { lunTarget, smallSan } from '../engine/testing/small-sans.ts';
import { simulationContext } from '../cli/cci.ts';
import { runCci, type CciContext } from './execute.ts';

/** small SAN + p (HDD, 1 GiB) → s (SSD) in VG01, a snapshot group SN on pool1, 200 writes/s on p. */
function drillSim(): Simulation {
  const b = smallSan();
  b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1);
  b.luPath('arr1', 'fc0', 'hg1', 2, 'p').luPath('arr1', 'fc0', 'hg1', 3, 's');
  b.pool('arr1', 'pool1', 'pg-ssd', 1);
  b.copyGroup({ id: 'VG01', kind: 'local', devices: [{ name: 'dev1', pvol: 'p', svol: 's' }] });
  b.copyGroup({ id: 'SN', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g0', pvol: 'p', mu: 0 }] });
  b.workload('h1', { id: 'w', target: lunTarget(2), rw: 'randwrite', bs: '64k', rate_iops: 200, startAtS: 0 });
  return createSimulation(b.build({ durationS: 300 }));
}

async function ok(line: string, ctx: CciContext): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return out.stdout;
}

describe('cci › with the engine', () => {
  it('paircreate, pairevtwait -s pair, pairsplit, pairdisplay -fc, resync', async () => {
    const sim = drillSim();
    const ctx = simulationContext(sim);
    await ok('sleep 5', ctx); // the database writes first, so the initial copy has work to do
    expect(ctx.nowS()).toBe(5);
    const created = await runCci('paircreate -g VG01 -vl -c 15', ctx);
    expect(created.actions).toEqual([{ type: 'pairCreate', group: 'VG01', pace: 15, split: false }]);
    expect(sim.replicationStatus().pairs.find((p) => p.key === 'VG01/dev1')!.state).toBe('COPY');
    expect(await ok('pairevtwait -g VG01 -s pair -t 60', ctx)).toBe('');
    expect(ctx.nowS()).toBeGreaterThan(5);
    expect(ctx.nowS()).toBeLessThanOrEqual(65);
    await ok('pairsplit -g VG01', ctx);
    await ok('pairevtwait -g VG01 -s psus -t 60', ctx);
    const table = await ok('pairdisplay -g VG01 -fc', ctx);
    expect(table.split('\n')).toEqual([
      'Group   PairVol(L/R) (Port#,TID, LU-M),Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M',
      'VG01    dev1(L)      (fc0-0, 0,   2-0)64001     p.P-VOL PSUS, 100 s       -',
      'VG01    dev1(R)      (fc0-0, 0,   3-0)64001     s.S-VOL SSUS, 100 p       W',
      '',
    ]);
    const report = sim.report().pairs['VG01/dev1'];
    expect(report.svolDigest).toBe(report.pDigestAtSplit);
    await ok('sleep 2', ctx);
    await ok('pairresync -g VG01 -c 15', ctx);
    expect(await ok('pairvolchk -g VG01 -d dev1', ctx)).toBe('pairvolchk : Volstat is P-VOL.[status = COPY(RS)]\n');
  });

  it('passes the engine rejection through and changes nothing', async () => {
    const sim = drillSim();
    const ctx = simulationContext(sim);
    const out = await runCci('pairsplit -g VG01', ctx);
    expect(out.exitCode).toBe(228);
    expect(out.stderr).toMatch(/^pairsplit: \[EX_INVSTP\] Invalid pair status\n {2}.*SMPL.*\n$/);
    expect(out.actions).toEqual([]);
    expect(sim.replicationStatus().pairs.find((p) => p.key === 'VG01/dev1')!.state).toBe('SMPL');
    expect(sim.report().pairs['VG01/dev1'].rejectedCommands).toBe(1);
  });

  it('snapshots: create, take, list; pool shown by raidcom get pool', async () => {
    const sim = drillSim();
    const ctx = simulationContext(sim);
    await ok('paircreate -g SN -pid pool1', ctx);
    await ok('pairsplit -g SN', ctx);
    await ok('sleep 1', ctx);
    const snaps = (await ok('raidcom get snapshot', ctx)).split('\n');
    expect(snaps[0]).toMatch(/^SnapShot_name\s+Dev_name\s+P\/S\s+STAT/);
    expect(snaps[1]).toMatch(/^SN\s+g0\s+P-VOL\s+PSUS\s+64001\s+p\s+0\s+-\s+pool1\s+\d+$/);
    expect(await ok('raidcom get pool', ctx)).toMatch(/^PID\s+POLS.*\npool1\s+POL[NF]\s+\d+\s+\d+\s+1024\s+80\s+64001\s+pool1\n$/);
  });

  it('pairevtwait times out when the run ends first', async () => {
    const sim = drillSim();
    const ctx = simulationContext(sim);
    await ok('sleep 400', ctx);
    expect(ctx.nowS()).toBe(300);
    const out = await runCci('pairevtwait -g VG01 -s pair -t 30', ctx);
    expect(out.exitCode).toBe(233);
    expect(out.stderr).toContain('the run ended at t=300.000s');
  });
});
