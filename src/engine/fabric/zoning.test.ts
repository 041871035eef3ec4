/**
 * Zoning in the engine: a workload the fabric's effective zoning keeps from its array port is
 * refused with `zoning` (after `no-route`, before the host group); `setZoning` at run time
 * (cfgenable / cfgdisable) opens or closes it at once; WWPN, domain,port and alias members; the
 * default zone when no configuration is effective; the principal switch's database applies.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../model/scenario.ts';
import type { Zoning } from '../../model/topology.ts';
import { createSimulation } from '../simulation.ts';
import { SanBuilder } from '../testing/san-builder.ts';

const S = 1_000_000;

function san(zoning: Zoning | undefined): Scenario {
  const b = new SanBuilder('zoning');
  b.server('h1').server('h2').fcSwitch('sw1', { ports: 8, domainId: 1 }).array('a1', { ports: 1 }).parityGroup('a1', 'pg1', 'ssd');
  b.ldev('a1', 'L1', 'pg1', 1).ldev('a1', 'L2', 'pg1', 1);
  b.connect('h1/hba0', 'sw1').connect('h2/hba0', 'sw1').connect('sw1', 'a1/fc0');
  b.hostGroup('a1', 'hg1', 'fc0', { servers: ['h1', 'h2'] });
  b.luPath('a1', 'fc0', 'hg1', 0, 'L1').luPath('a1', 'fc0', 'hg1', 1, 'L2');
  b.workload('h1', { id: 'w1', rw: 'randwrite', rate_iops: 100, startAtS: 0, target: { arrayId: 'a1', portId: 'fc0', lun: 0 } });
  b.workload('h2', { id: 'w2', rw: 'randwrite', rate_iops: 100, startAtS: 0, target: { arrayId: 'a1', portId: 'fc0', lun: 1 } });
  const s = b.build({ durationS: 10 });
  if (zoning === undefined) return s;
  return { ...s, topology: { ...s.topology, devices: s.topology.devices.map((d) => (d.kind === 'fcSwitch' ? { ...d, zoning } : d)) } };
}

const wwpn = (s: Scenario, device: string) => s.topology.devices.find((d) => d.id === device)!.ports.find((p) => p.kind === 'fc')!.wwpn!;

function rejectReason(s: ReturnType<typeof createSimulation>, workloadId: string): string | null {
  return s.snapshot().workloads.find((w) => w.workloadId === workloadId)!.rejectReason;
}

describe('engine › zoning', () => {
  it('no zoning database: everything reaches its LU', () => {
    const sim = createSimulation(san(undefined));
    sim.runUntil(2 * S);
    expect(rejectReason(sim, 'w1')).toBeNull();
    expect(sim.report().rejectedIos.byReason.zoning).toBe(0);
  });

  it('an effective configuration lets only zoned pairs through; the other workload is refused with `zoning`', () => {
    const base = san(undefined);
    const zoning: Zoning = {
      aliases: [{ name: 'array_fc0', members: [wwpn(base, 'a1')] }],
      zones: [{ name: 'z_h1', members: [wwpn(base, 'h1'), 'array_fc0'] }],
      cfgs: [{ name: 'prod', members: ['z_h1'] }],
      effectiveCfg: 'prod',
      defaultZone: 'allaccess',
    };
    const sim = createSimulation(san(zoning));
    sim.runUntil(2 * S);
    expect(rejectReason(sim, 'w1')).toBeNull();
    expect(rejectReason(sim, 'w2')).toBe('zoning');
    const r = sim.report();
    expect(r.rejectedIos.byReason.zoning).toBeGreaterThan(150);
    expect(r.ldevs.L1.writeIops).toBeGreaterThan(80);
    expect(r.ldevs.L2.writeIops).toBe(0);
  });

  it('a domain,port member matches the device cabled to that switch port', () => {
    const base = san(undefined);
    // h2 is cabled to port 1 of domain 1 (SanBuilder connects in order: h1 p0, h2 p1, a1 p2).
    const zoning: Zoning = { aliases: [], zones: [{ name: 'z_h2', members: ['1,1', '1,2'] }], cfgs: [{ name: 'c', members: ['z_h2'] }], effectiveCfg: 'c', defaultZone: 'allaccess' };
    const sim = createSimulation(san(zoning));
    sim.runUntil(1 * S);
    expect(rejectReason(sim, 'w2')).toBeNull();
    expect(rejectReason(sim, 'w1')).toBe('zoning');
    expect(base.topology.links.map((l) => `${l.a.deviceId}>${l.b.portId}`)).toContain('h2>p1');
  });

  it('setZoning at run time: cfgdisable with a noaccess default zone closes every path at once; cfgenable opens the zoned one again', () => {
    const base = san(undefined);
    const enabled: Zoning = { aliases: [], zones: [{ name: 'z', members: [wwpn(base, 'h1'), wwpn(base, 'h2'), wwpn(base, 'a1')] }], cfgs: [{ name: 'c', members: ['z'] }], effectiveCfg: 'c', defaultZone: 'noaccess' };
    const sim = createSimulation(san(enabled));
    sim.runUntil(2 * S);
    expect(rejectReason(sim, 'w1')).toBeNull();
    const { effectiveCfg: _, ...disabled } = enabled;
    expect(sim.apply({ type: 'setZoning', switchId: 'sw1', zoning: disabled }).ok).toBe(true);
    expect(rejectReason(sim, 'w1')).toBe('zoning');
    expect(rejectReason(sim, 'w2')).toBe('zoning');
    const before = sim.report().ldevs.L1.completedIos;
    sim.runUntil(4 * S);
    expect(sim.report().ldevs.L1.completedIos - before).toBeLessThan(5); // only what was in flight
    expect(sim.apply({ type: 'setZoning', switchId: 'sw1', zoning: enabled }).ok).toBe(true);
    expect(rejectReason(sim, 'w1')).toBeNull();
    sim.runUntil(6 * S);
    expect(sim.report().ldevs.L1.completedIos - before).toBeGreaterThan(150);
    expect(sim.apply({ type: 'setZoning', switchId: 'nope', zoning: enabled })).toMatchObject({ ok: false });
  });

  it('zoning is checked after the route and before the host group', () => {
    const base = san(undefined);
    const zoning: Zoning = { aliases: [], zones: [], cfgs: [], defaultZone: 'noaccess' };
    const s = san(zoning);
    // h2 removed from the host group: still reported as `zoning`, the earlier rule.
    const devices = s.topology.devices.map((d) => (d.kind === 'array' ? { ...d, hostGroups: d.hostGroups.map((g) => ({ ...g, wwpns: g.wwpns.filter((w) => w !== wwpn(base, 'h2')) })) } : d));
    const sim = createSimulation({ ...s, topology: { ...s.topology, devices } });
    sim.runUntil(1 * S);
    expect(rejectReason(sim, 'w2')).toBe('zoning');
  });
});
