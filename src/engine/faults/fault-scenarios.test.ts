/**
 * What each fault does to a running emulation, end to end through `setFault`, and the
 * acknowledged-write check after every one: disk failures (degraded service, rebuild, blocked
 * group, PSUE, the surviving copy), a host-mirror leg's path, alerts and thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import { createSimulation, type EngineSimulationHandle } from '../simulation.ts';
import { lunTarget, smallSan } from '../testing/small-sans.ts';

const US = 1_000_000;
const disk = (n: number, failed = true, parityGroupId = 'pg-hdd'): Action => ({ type: 'setFault', component: { kind: 'disk', arrayId: 'arr1', parityGroupId, disk: n }, failed });

/** Mean host response (ms) per second of `ldevId`. */
function responsePerSecond(sim: EngineSimulationHandle, ldevId: string): number[] {
  const f = sim.drainTelemetry()!;
  const l = f.ldevIds.indexOf(ldevId);
  const n = f.ldevIds.length;
  return Array.from(f.timesS, (_, s) => f.responseMsMean[s * n + l]);
}

function diskSan(opts: { mirror?: boolean; monitoring?: boolean } = {}) {
  const b = smallSan({ ldevGiB: 8 });
  // smaller disks so a rebuild ends within the run
  const scenario = b;
  scenario.workload('h1', { id: 'w', target: lunTarget(1), rw: 'randrw', rwmixread: 70, bs: '8k', rate_iops: 600, startAtS: 0 } as never);
  if (opts.mirror) {
    scenario.ldev('arr1', 'm0', 'pg-ssd', 8).luPath('arr1', 'fc0', 'hg1', 2, 'm0');
    scenario.copyGroup({ id: 'M', kind: 'host-mirror', serverId: 'h1', devices: [{ name: 'db', pvol: 'hdd0', svol: 'm0' }] });
  }
  return scenario;
}

function build(b: ReturnType<typeof diskSan>, timeline: [number, Action][], durationS: number, diskGiB = 4): EngineSimulationHandle {
  for (const [t, a] of timeline) b.at(t, a);
  const s = b.build({ seed: 3, durationS });
  for (const d of s.topology.devices) if (d.kind === 'array') for (const pg of d.parityGroups) pg.diskCapacityGiB = diskGiB;
  return createSimulation(s);
}

describe('a disk failure in a RAID-5 group', () => {
  it('rebuilds onto a spare with alerts, the group is slower while it does, then normal again', () => {
    const sim = build(diskSan(), [[5, disk(2)]], 120);
    sim.runUntil(6 * US);
    const during = sim.faultStatus().parityGroups.find((g) => g.parityGroupId === 'pg-hdd')!;
    expect(during.state).toBe('rebuilding');
    expect(during.failedDisks).toEqual([2]);
    expect(during.rebuildPct).toBeGreaterThan(0);
    sim.runUntil(sim.endUs());
    const after = sim.faultStatus().parityGroups.find((g) => g.parityGroupId === 'pg-hdd')!;
    expect(after.state).toBe('normal');
    const r = sim.report();
    expect(r.faults.parityGroups['arr1/pg-hdd']).toMatchObject({ state: 'normal', rebuilds: 1 });
    const kinds = sim.faultStatus().alerts.map((a) => a.kind);
    expect(kinds.slice(0, 3)).toEqual(['fault', 'rebuild', 'rebuild']);
    expect(r.rejectedIos.total).toBe(0);
    expect(r.faults.ackCheck.ok).toBe(true);
    const resp = responsePerSecond(sim, 'hdd0');
    const before = resp.slice(1, 5).reduce((x, y) => x + y, 0) / 4;
    const rebuilding = resp.slice(7, 11).reduce((x, y) => x + y, 0) / 4;
    expect(rebuilding).toBeGreaterThan(before * 1.2);
  });

  it('a second failure before the rebuild ends blocks the group: I/O refused, the mirror suspended, the surviving copy holds every acknowledged write', () => {
    const sim = build(diskSan({ mirror: true }), [[0, { type: 'pairCreate', group: 'M', pace: 3, split: false }], [4, disk(1)], [6, disk(5)]], 12, 64);
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(sim.faultStatus().parityGroups.find((g) => g.parityGroupId === 'pg-hdd')!.state).toBe('blocked');
    expect(r.rejectedIos.byReason['ldev-blocked']).toBeGreaterThan(0);
    expect(r.pairs['M/db'].state).toBe('PSUE');
    const alerts = sim.faultStatus().alerts;
    expect(alerts.some((a) => a.kind === 'pair-suspended' && a.severity === 'critical' && /blocked parity group/.test(a.message))).toBe(true);
    expect(sim.faultStatus().health.arr1).toBe('failed');
    // hdd0 is lost with its group; m0 (SSD) survives and must hold every write the host saw acknowledged
    expect(r.faults.ackCheck).toMatchObject({ ok: true, volumes: 1 });
    expect(r.faults.ackCheck.acknowledgedWrites).toBeGreaterThan(100);
  });

  it('refuses an unknown group or disk', () => {
    const sim = build(diskSan(), [], 2);
    sim.runUntil(US);
    expect(sim.apply({ type: 'setFault', component: { kind: 'disk', arrayId: 'arr1', parityGroupId: 'nope', disk: 0 }, failed: true }).ok).toBe(false);
    expect(sim.apply(disk(8)).ok).toBe(false);
    expect(sim.apply(disk(7)).ok).toBe(true);
  });
});

describe('a host mirror whose second leg loses its path', () => {
  it('suspends the mirror (PSUE) and the host goes on writing the P-VOL', () => {
    const b = diskSan({ mirror: true });
    // the leg reaches m0 over the same single path: cut it and both legs lose it; here only the leg matters, so fail the LU's port for the leg
    const sim = build(b, [[0, { type: 'pairCreate', group: 'M', pace: 3, split: false }], [3, { type: 'setFault', component: { kind: 'link', linkId: 'l2' }, failed: true }]], 10, 64);
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(r.pairs['M/db'].state).toBe('PSUE');
    expect(sim.faultStatus().alerts.some((a) => a.kind === 'pair-suspended' && /lost its path/.test(a.message))).toBe(true);
    expect(r.faults.ioErrors.h1).toBeGreaterThan(0); // one HBA, one path: the host itself has no path left either
    expect(r.faults.ackCheck.ok).toBe(true);
  });
});

describe('thresholds on the monitoring console', () => {
  it('raises one alert per excursion above the response-time limit, paging the roles whose rules match', () => {
    const b = diskSan();
    b.at(0, { type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    const s = b.build({ seed: 3, durationS: 8 });
    s.topology.devices.push({
      id: 'svp', name: 'console', kind: 'console', siteId: 'main', position: { x: 0, y: 0 }, ports: [],
      monitoring: { parityGroupUtilPct: 99, responseMs: 0.5, rules: [{ id: 'r1', role: 'storage-admin', minSeverity: 'warning' }, { id: 'r2', role: 'tenant-a', minSeverity: 'critical' }] },
    });
    const sim = createSimulation(s);
    sim.runUntil(sim.endUs());
    const t = sim.faultStatus().alerts.filter((a) => a.kind === 'threshold');
    expect(t.length).toBe(1); // above the limit from the first second on: raised once
    expect(t[0]).toMatchObject({ severity: 'warning', deviceId: 'arr1', notified: ['storage-admin'], timeUs: US });
    expect(t[0].message).toMatch(/LDEV hdd0: response .* ms \(limit 0.5 ms\)/);
  });
});

describe('a tape drive failing during a backup, through setFault', () => {
  it('the job restarts on the other drive and its verification passes; the library shows degraded; alerts say so', async () => {
    const { backupScenario, jobOf, runJob, runUntilHolds, trackRange, writeTracks } = await import('../testing/backup-fixtures.ts');
    const sim = createSimulation(backupScenario({ durationS: 900, library: { drives: 2 } }));
    writeTracks(sim, 'P', trackRange(0, 3000));
    expect(sim.apply({ type: 'backupJob', job: 'bk', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db' }).ok).toBe(true);
    runUntilHolds(sim, () => jobOf(sim, 'bk').state === 'transferring' && jobOf(sim, 'bk').tracksDone >= 1000, sim.endUs(), 20_000);
    const drive = jobOf(sim, 'bk').cartridges[0].driveIndex;
    expect(sim.apply({ type: 'setFault', component: { kind: 'tapeDrive', libraryId: 'lib1', drive }, failed: true })).toEqual({ ok: true });
    expect(sim.faultStatus().health.lib1).toBe('degraded');
    expect(sim.faultStatus().faults.map((f) => f.label)).toEqual([`drive lib1#${drive}`]);
    const done = runJob(sim, 'bk');
    expect(done).toMatchObject({ state: 'done', driveErrors: 1 });
    expect(done.cartridges[0].driveIndex).not.toBe(drive);
    expect(done.verification).toMatchObject({ passed: true, mismatches: 0 });
    const messages = sim.faultStatus().alerts.map((a) => a.message);
    expect(messages[0]).toBe(`drive lib1#${drive} failed`);
    expect(messages[1]).toMatch(/^job bk: drive error on drive \d of lib1; restarted from the start on drive \d/);
  });
});

describe('a whole site lost, then restored', () => {
  it('stops its servers, fails its arrays and WAN link; the repair brings them back, the pair stays suspended until resync', async () => {
    const { remoteScenario } = await import('../testing/remote-fixtures.ts');
    const s = remoteScenario({ mode: 'async', workload: { rw: 'randwrite', bs: '8k', rate_iops: 500, startAtS: 0 }, durationS: 30 });
    const sim = createSimulation(s);
    sim.runUntil(5 * US);
    expect(sim.apply({ type: 'siteLoss', siteId: 'main' })).toEqual({ ok: true });
    sim.runUntil(8 * US);
    let st = sim.faultStatus();
    expect(st.faults.map((f) => f.label)).toEqual(['site main']);
    expect(st.health).toMatchObject({ arrM: 'failed', db: 'failed' });
    expect(sim.remoteStatus().wanLinks.every((w) => !w.up)).toBe(true);
    expect(sim.snapshot().workloads.find((w) => w.serverId === 'db')!.active).toBe(false);
    // a second loss is redundant; the repair is a setFault on the site
    expect(sim.apply({ type: 'siteLoss', siteId: 'main' })).toMatchObject({ ok: true, redundant: true });
    expect(sim.apply({ type: 'setFault', component: { kind: 'site', siteId: 'main' }, failed: false })).toEqual({ ok: true });
    st = sim.faultStatus();
    expect(st.faults).toEqual([]);
    expect(st.health.arrM).toBeUndefined();
    expect(sim.remoteStatus().wanLinks.every((w) => w.up)).toBe(true);
    // the server is restarted by hand; its writes are accepted again
    expect(sim.apply({ type: 'startWorkload', serverId: 'db', workloadId: 'oltp' }).ok).toBe(true);
    const before = sim.report().ldevs.P0.completedIos;
    sim.runUntil(12 * US);
    const r = sim.report();
    expect(r.ldevs.P0.completedIos).toBeGreaterThan(before + 1000);
    expect(r.rejectedIos.byReason['site-down']).toBe(0);
    expect(sim.faultStatus().alerts.map((a) => [a.kind, a.deviceId])).toEqual(expect.arrayContaining([['fault', 'main'], ['repair', 'main']]));
    expect(sim.apply({ type: 'setFault', component: { kind: 'site', siteId: 'nowhere' }, failed: true })).toMatchObject({ ok: false, message: 'no site "nowhere"' });
  });

  it('refuses every I/O to a lost site\'s arrays (site-down) from a server at another site, until the site is back', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', target: lunTarget(0), rw: 'randrw', bs: '8k', iodepth: 2, startAtS: 0 } as never);
    const s = b.build({ seed: 5, durationS: 10 });
    s.topology.sites.push({ id: 'dr', name: 'Other site', kind: 'remote' });
    for (const d of s.topology.devices) if (d.id === 'h1' || d.id === 'sw1') d.siteId = 'dr';
    const sim = createSimulation(s);
    sim.runUntil(2 * US);
    expect(sim.apply({ type: 'siteLoss', siteId: 'main' }).ok).toBe(true);
    sim.runUntil(4 * US);
    expect(sim.snapshot().workloads.find((w) => w.serverId === 'h1')!.active).toBe(true);
    const refused = sim.report().rejectedIos.byReason['site-down'];
    expect(refused).toBeGreaterThan(1000);
    expect(sim.apply({ type: 'setFault', component: { kind: 'site', siteId: 'main' }, failed: false }).ok).toBe(true);
    const done = sim.report().ldevs.ssd0.completedIos;
    sim.runUntil(6 * US);
    expect(sim.report().rejectedIos.byReason['site-down']).toBe(refused);
    expect(sim.report().ldevs.ssd0.completedIos).toBeGreaterThan(done + 1000);
  });
});
