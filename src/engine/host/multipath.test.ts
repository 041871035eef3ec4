/**
 * Multipath and fabric faults end to end: a server with two HBAs on two fabrics to two
 * controllers of one array, the LU mapped on both ports.
 *
 *   h1/hba0 ── l1 ── swA ── l2 ── arr1/CL1-A
 *   h1/hba1 ── l3 ── swB ── l4 ── arr1/CL2-A
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import type { FaultComponent } from '../../model/scenario-faults.ts';
import type { Multipath } from '../../model/topology-monitoring.ts';
import { createSimulation } from '../simulation.ts';
import { SanBuilder } from '../testing/san-builder.ts';
import type { EngineSimulationHandle } from '../simulation.ts';

const US = 1_000_000;

function dualFabric(opts: { multipath?: Partial<Multipath>; hbas?: number; timeline?: { atS: number; action: Action }[]; durationS?: number } = {}): EngineSimulationHandle {
  const b = new SanBuilder('dual fabric');
  const hbas = opts.hbas ?? 2;
  b.server('h1', { hbas, multipath: opts.multipath ? { policy: 'active-standby', failoverS: 5, checkIntervalS: 5, ...opts.multipath } : undefined });
  b.fcSwitch('swA', { ports: 4, domainId: 1 }).fcSwitch('swB', { ports: 4, domainId: 2 });
  b.array('arr1', { portIds: ['CL1-A', 'CL2-A'], cacheGiB: 4 });
  b.parityGroup('arr1', 'pg1', 'hdd15k', 'RAID5', 8).ldev('arr1', 'd0', 'pg1', 64);
  b.connect('h1/hba0', 'swA').connect('swA', 'arr1/CL1-A');
  if (hbas > 1) b.connect('h1/hba1', 'swB');
  b.connect('swB', 'arr1/CL2-A');
  b.hostGroup('arr1', 'hgA', 'CL1-A', { servers: ['h1'] }).hostGroup('arr1', 'hgB', 'CL2-A', { servers: ['h1'] });
  b.luPath('arr1', 'CL1-A', 'hgA', 0, 'd0').luPath('arr1', 'CL2-A', 'hgB', 3, 'd0');
  b.workload('h1', { id: 'oltp', rw: 'randrw', rwmixread: 70, bs: '8k', iodepth: 8, startAtS: 0, target: { arrayId: 'arr1', portId: 'CL1-A', lun: 0 } });
  for (const t of opts.timeline ?? []) b.at(t.atS, t.action);
  return createSimulation(b.build({ seed: 7, durationS: opts.durationS ?? 20 }));
}

const fault = (atS: number, component: FaultComponent, failed = true): { atS: number; action: Action } => ({ atS, action: { type: 'setFault', component, failed } });
const cut = (atS: number, linkId: string, failed = true): { atS: number; action: Action } => fault(atS, { kind: 'link', linkId }, failed);

/** Completed I/Os per simulated second (all LDEVs). */
function iopsPerSecond(sim: EngineSimulationHandle): number[] {
  const f = sim.drainTelemetry()!;
  const n = f.ldevIds.length;
  return Array.from(f.timesS, (_, s) => {
    let sum = 0;
    for (let l = 0; l < n; l++) sum += f.readIops[s * n + l] + f.writeIops[s * n + l];
    return sum;
  });
}

describe('multipath: paths of a workload', () => {
  it('finds both paths to the LU (the other port maps it at another LUN) and, active-standby, uses only the first', () => {
    const sim = dualFabric({ durationS: 3 });
    sim.runUntil(sim.endUs());
    const [w] = sim.faultStatus().paths;
    expect(w.policy).toBe('active-standby');
    expect(w.paths.map((p) => [p.hbaPortId, p.arrayPortId, p.lun, p.state])).toEqual([
      ['hba0', 'CL1-A', 0, 'active'],
      ['hba1', 'CL2-A', 3, 'standby'],
    ]);
    expect(w.paths[0].ios).toBeGreaterThan(1000);
    expect(w.paths[1].ios).toBe(0);
  });

  it('round-robin spreads I/Os evenly over both paths', () => {
    const sim = dualFabric({ multipath: { policy: 'round-robin' }, durationS: 3 });
    sim.runUntil(sim.endUs());
    const [w] = sim.faultStatus().paths;
    expect(w.paths.map((p) => p.state)).toEqual(['active', 'active']);
    const [a, b] = w.paths.map((p) => p.ios);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    expect(a).toBeGreaterThan(1000);
  });
});

describe('multipath: a link cut during the run', () => {
  const run = (multipath?: Partial<Multipath>) => {
    const sim = dualFabric({ multipath, timeline: [cut(4, 'l2')], durationS: 16 });
    sim.runUntil(sim.endUs());
    return sim;
  };

  it('stalls the I/O on the failed path for the failover time, then moves it to the survivor, losing nothing', () => {
    const sim = run();
    const iops = iopsPerSecond(sim);
    // seconds 1-4 normal; the cut at 4 s: I/Os wait until 9 s (failoverS 5); from 10 s on the survivor
    expect(Math.min(...iops.slice(0, 4))).toBeGreaterThan(1000);
    for (const s of [5, 6, 7, 8]) expect(iops[s]).toBe(0);
    expect(Math.min(...iops.slice(10))).toBeGreaterThan(1000);
    const r = sim.report();
    expect(r.rejectedIos.total).toBe(0);
    expect(r.faults.failovers).toBe(1);
    expect(r.faults.retriedIos).toBe(8); // the iodepth: every outstanding I/O was on the failed path
    expect(r.faults.ackCheck.ok).toBe(true);
    expect(r.faults.ackCheck.acknowledgedWrites).toBeGreaterThan(1000);
    const [w] = sim.faultStatus().paths;
    expect(w.paths.map((p) => p.state)).toEqual(['failed', 'active']);
  });

  it('raises the fault, then the failover, with times and devices', () => {
    const sim = run();
    const alerts = sim.faultStatus().alerts.map((a) => [a.timeUs, a.severity, a.kind, a.deviceId]);
    expect(alerts).toEqual([
      [4 * US, 'critical', 'fault', 'l2'],
      [9 * US, 'warning', 'path-failover', 'h1'],
    ]);
    expect(sim.faultStatus().health).toEqual({ l2: 'failed', h1: 'degraded' });
  });

  it('with round-robin, the survivor keeps serving during the failover time (only I/Os sent to the failed path wait)', () => {
    const sim = run({ policy: 'round-robin' });
    const iops = iopsPerSecond(sim);
    expect(sim.report().rejectedIos.total).toBe(0);
    expect(sim.report().faults.ackCheck.ok).toBe(true);
    // every I/O alternates paths: the queue piles up on the failed one, so the dip is deep but the run recovers
    expect(Math.min(...iops.slice(10))).toBeGreaterThan(1000);
  });

  it('a repaired path is taken back at the next path check (active-standby fails back to it)', () => {
    const sim = dualFabric({ timeline: [cut(4, 'l2'), cut(11, 'l2', false)], durationS: 20 });
    sim.runUntil(sim.endUs());
    const st = sim.faultStatus();
    expect(st.paths[0].paths.map((p) => p.state)).toEqual(['active', 'standby']);
    expect(st.faults).toEqual([]);
    expect(st.alerts.map((a) => [a.timeUs / US, a.kind])).toEqual([
      [4, 'fault'],
      [9, 'path-failover'],
      [11, 'repair'],
      [16, 'repair'],
    ]);
    expect(sim.report().faults.ackCheck.ok).toBe(true);
  });

  it('is deterministic, however the run is sliced', () => {
    const a = dualFabric({ timeline: [cut(4, 'l2'), cut(11, 'l2', false)] });
    a.runUntil(a.endUs());
    const b = dualFabric({ timeline: [cut(4, 'l2'), cut(11, 'l2', false)] });
    for (let t = 0; t < b.endUs(); t += 333_333) b.runUntil(t);
    b.runUntil(b.endUs());
    expect(b.eventLogHash()).toBe(a.eventLogHash());
    expect(JSON.stringify(b.report())).toBe(JSON.stringify(a.report()));
  });
});

describe('multipath: every fabric fault moves the I/O the same way', () => {
  const cases: [string, FaultComponent][] = [
    ['an HBA', { kind: 'port', deviceId: 'h1', portId: 'hba0' }],
    ['a switch', { kind: 'device', deviceId: 'swA' }],
    ['an array port', { kind: 'port', deviceId: 'arr1', portId: 'CL1-A' }],
    ['an array controller', { kind: 'controller', arrayId: 'arr1', controller: 1 }],
    ['the host-side link', { kind: 'link', linkId: 'l1' }],
  ];
  for (const [what, component] of cases) {
    it(`${what} failing`, () => {
      const sim = dualFabric({ timeline: [fault(2, component)], durationS: 10 });
      sim.runUntil(sim.endUs());
      const r = sim.report();
      expect(r.rejectedIos.total).toBe(0);
      expect(r.faults.failovers).toBe(1);
      expect(sim.faultStatus().paths[0].paths.map((p) => p.state)).toEqual(['failed', 'active']);
      expect(r.faults.ackCheck.ok).toBe(true);
    });
  }
});

describe('multipath: no path left', () => {
  it('a single-HBA host gets counted I/O errors after the failover time, and resumes after repair and the path check', () => {
    const sim = dualFabric({ hbas: 1, timeline: [cut(2, 'l1'), cut(10, 'l1', false)], durationS: 20 });
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(r.rejectedIos.byReason['no-path']).toBeGreaterThan(0);
    expect(r.faults.ioErrors.h1).toBe(r.rejectedIos.byReason['no-path']);
    const kinds = sim.faultStatus().alerts.map((a) => [a.timeUs / US, a.severity, a.kind]);
    expect(kinds).toEqual([
      [2, 'critical', 'fault'],
      [7, 'critical', 'path-lost'],
      [10, 'info', 'repair'],
      [15, 'info', 'repair'],
    ]);
    const iops = iopsPerSecond(sim);
    expect(Math.min(...iops.slice(16))).toBeGreaterThan(1000);
    expect(r.faults.ackCheck.ok).toBe(true);
  });

  it('refuses an unknown component and accepts a repeated one as redundant', () => {
    const sim = dualFabric({ durationS: 2 });
    sim.runUntil(US);
    expect(sim.apply({ type: 'setFault', component: { kind: 'link', linkId: 'nope' }, failed: true })).toMatchObject({ ok: false, message: 'no link "nope"' });
    expect(sim.apply({ type: 'setFault', component: { kind: 'device', deviceId: 'arr1' }, failed: true }).ok).toBe(false);
    expect(sim.apply({ type: 'setFault', component: { kind: 'controller', arrayId: 'arr1', controller: 3 }, failed: true })).toMatchObject({ ok: false, message: 'arr1 has no ports on controller CL3' });
    expect(sim.apply({ type: 'setFault', component: { kind: 'link', linkId: 'l2' }, failed: false })).toMatchObject({ ok: true, redundant: true });
    expect(sim.apply({ type: 'setFault', component: { kind: 'link', linkId: 'l2' }, failed: true })).toEqual({ ok: true });
    expect(sim.apply({ type: 'setFault', component: { kind: 'link', linkId: 'l2' }, failed: true })).toMatchObject({ ok: true, redundant: true });
    expect(sim.faultStatus().faults.map((f) => f.label)).toEqual(['link l2']);
  });
});

describe('fabric re-routing (FSPF)', () => {
  it('a cut inter-switch link with another route: the path stays in service, I/Os in flight are retried after the failover time', () => {
    const b = new SanBuilder('meshed fabric');
    b.server('h1', { hbas: 1 }).fcSwitch('s1', { ports: 4 }).fcSwitch('s2', { ports: 4, domainId: 2 }).fcSwitch('s3', { ports: 4, domainId: 3 });
    b.array('arr1', { portIds: ['CL1-A'] }).parityGroup('arr1', 'pg1', 'ssd', 'RAID5', 8).ldev('arr1', 'd0', 'pg1', 64);
    b.connect('h1/hba0', 's1').connect('s1', 's2').connect('s2', 'arr1/CL1-A').connect('s1', 's3').connect('s3', 's2');
    b.hostGroup('arr1', 'hg', 'CL1-A', { servers: ['h1'] }).luPath('arr1', 'CL1-A', 'hg', 0, 'd0');
    b.workload('h1', { id: 'w', rw: 'randread', bs: '8k', iodepth: 4, startAtS: 0, target: { arrayId: 'arr1', portId: 'CL1-A', lun: 0 } });
    b.at(2, { type: 'setFault', component: { kind: 'link', linkId: 'l2' }, failed: true });
    const sim = createSimulation(b.build({ seed: 1, durationS: 10 }));
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(r.rejectedIos.total).toBe(0);
    expect(r.faults.failovers).toBe(0);
    expect(r.faults.retriedIos).toBe(4);
    expect(sim.faultStatus().paths[0].paths[0].state).toBe('active');
    expect(r.links.l4.bytes).toBeGreaterThan(0); // the detour s1 → s3 → s2 carries the I/O now
  });
});

describe('a hub failing', () => {
  it('takes down every path through it: a host behind a single hub gets I/O errors until it is repaired', () => {
    const b = new SanBuilder('hub loop');
    b.server('h1', { hbas: 1 }).fcHub('hub1', { ports: 4, speedGbps: 2 });
    b.array('arr1', { portIds: ['CL1-A'], speedGbps: 2 }).parityGroup('arr1', 'pg1', 'hdd15k', 'RAID5', 8).ldev('arr1', 'd0', 'pg1', 16);
    b.connect('h1/hba0', 'hub1').connect('hub1', 'arr1/CL1-A');
    b.hostGroup('arr1', 'hg', 'CL1-A', { servers: ['h1'] }).luPath('arr1', 'CL1-A', 'hg', 0, 'd0');
    b.workload('h1', { id: 'w', rw: 'randread', bs: '8k', iodepth: 4, startAtS: 0, target: { arrayId: 'arr1', portId: 'CL1-A', lun: 0 } });
    b.at(2, { type: 'setFault', component: { kind: 'device', deviceId: 'hub1' }, failed: true });
    b.at(8, { type: 'setFault', component: { kind: 'device', deviceId: 'hub1' }, failed: false });
    const sim = createSimulation(b.build({ seed: 2, durationS: 16 }));
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(r.faults.ioErrors.h1).toBeGreaterThan(0);
    expect(sim.faultStatus().alerts.map((a) => [a.timeUs / US, a.kind, a.deviceId])).toEqual([
      [2, 'fault', 'hub1'],
      [7, 'path-lost', 'h1'],
      [8, 'repair', 'hub1'],
      [13, 'repair', 'h1'],
    ]);
    expect(Math.min(...iopsPerSecond(sim).slice(14))).toBeGreaterThan(100);
    expect(r.faults.ackCheck.ok).toBe(true);
  });
});
