import { describe, expect, it } from 'vitest';
import { pathLabel, reachReport, type ServerReach } from './reach.ts';
import { twoSiteTopology, WWPN } from './test-fixtures.ts';
import type { DeviceOf, DiskArray, Server, Topology, Zoning } from './topology.ts';

// Fixture switch ports (domain 1): p0 = s1/hba0, p1 = s1/hba1, p2 = s2/hba0, p3 = a1/CL1-A, p4 = a1/CL2-A.
const sw = (t: Topology) => t.devices[2] as DeviceOf<'fcSwitch'>;
const a1 = (t: Topology) => t.devices[3] as DiskArray;
const srv = (t: Topology, id: string) => t.devices.find((d) => d.id === id) as Server;
const of = (t: Topology, id: string): ServerReach => reachReport(t).servers.find((s) => s.serverId === id)!;
const zoning = (z: Partial<Zoning>): Zoning => ({ aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess', ...z });
const reachedLdevs = (s: ServerReach) => s.reached.map((r) => r.ldevId);
const refusal = (s: ServerReach, ldevId: string) => s.refused.find((r) => r.ldevId === ldevId);

describe('reach › without zoning', () => {
  it('lists each server, sorted, with the LUs its host groups admit, reached over every HBA', () => {
    const report = reachReport(twoSiteTopology());
    expect(report.servers.map((s) => s.serverId)).toEqual(['s1', 's2']);
    const s1 = report.servers[0];
    expect(s1.reached).toHaveLength(1);
    expect(s1.reached[0]).toMatchObject({ arrayId: 'a1', portId: 'CL1-A', lun: 0, hostGroupId: 'hg1', ldevId: 'l1' });
    expect(s1.reached[0].paths.map((p) => [p.hbaPortId, p.zoneReason, p.hops.join(' ')])).toEqual([
      ['hba0', 'no zoning', 's1/hba0 sw1/p0 sw1/p3 a1/CL1-A'],
      ['hba1', 'no zoning', 's1/hba1 sw1/p1 sw1/p3 a1/CL1-A'],
    ]);
    expect(report.crossTenant).toEqual([]);
  });

  it('refuses another host group’s LU with not-in-host-group', () => {
    const s1 = of(twoSiteTopology(), 's1');
    expect(refusal(s1, 'l2')).toMatchObject({ rule: 'not-in-host-group', portId: 'CL2-A', hostGroupId: 'hg2' });
  });

  it('refuses with no-route when no cable reaches the array port', () => {
    const t = twoSiteTopology();
    t.links = t.links.filter((l) => l.id !== 'f4');
    const s1 = of(t, 's1');
    expect(reachedLdevs(s1)).toEqual([]);
    expect(refusal(s1, 'l1')).toMatchObject({ rule: 'no-route' });
  });

  it('refuses a workload target with no LU path at its LUN with no-lu-path', () => {
    const t = twoSiteTopology();
    srv(t, 's1').workloads[0].target.lun = 7;
    expect(of(t, 's1').refused.find((r) => r.lun === 7)).toMatchObject({ rule: 'no-lu-path', ldevId: null, hostGroupId: null });
  });
});

describe('reach › with zoning', () => {
  it('a WWPN zone lets only its HBA through and names the zone', () => {
    const t = twoSiteTopology();
    sw(t).zoning = zoning({ zones: [{ name: 'z_s1', members: [WWPN.s1hba0, WWPN.a1cl1a] }], cfgs: [{ name: 'prod', members: ['z_s1'] }], effectiveCfg: 'prod' });
    const s1 = of(t, 's1');
    expect(s1.reached[0].paths.map((p) => [p.hbaPortId, p.zones, p.zoneReason])).toEqual([['hba0', ['z_s1'], 'prod: z_s1']]);
    const s2 = of(t, 's2');
    expect(reachedLdevs(s2)).toEqual([]);
    expect(refusal(s2, 'l2')).toMatchObject({ rule: 'zoning' });
    expect(refusal(s2, 'l2')!.detail).toMatch(/no zone of effective cfg prod \(on sw1\) holds both/);
  });

  it('a domain,port zone matches the devices cabled to those switch ports', () => {
    const t = twoSiteTopology();
    sw(t).zoning = zoning({ zones: [{ name: 'z_s2', members: ['1,2', '01,4'] }], cfgs: [{ name: 'prod', members: ['z_s2'] }], effectiveCfg: 'prod' });
    expect(of(t, 's2').reached.map((r) => [r.ldevId, r.paths[0].zones])).toEqual([['l2', ['z_s2']]]);
    expect(refusal(of(t, 's1'), 'l1')).toMatchObject({ rule: 'zoning' });
  });

  it('an alias member expands to the alias’s WWPNs', () => {
    const t = twoSiteTopology();
    sw(t).zoning = zoning({
      aliases: [{ name: 'h_s1', members: [WWPN.s1hba0, WWPN.s1hba1.toUpperCase()] }],
      zones: [{ name: 'z_s1', members: ['h_s1', WWPN.a1cl1a] }],
      cfgs: [{ name: 'prod', members: ['z_s1'] }],
      effectiveCfg: 'prod',
    });
    expect(of(t, 's1').reached[0].paths.map((p) => p.hbaPortId)).toEqual(['hba0', 'hba1']);
  });

  it('with no effective cfg the default zone decides: allaccess lets through, noaccess refuses', () => {
    const t = twoSiteTopology();
    sw(t).zoning = zoning({ defaultZone: 'allaccess' });
    expect(of(t, 's1').reached[0].paths[0].zoneReason).toBe('default zone allaccess');
    sw(t).zoning = zoning({ defaultZone: 'noaccess', cfgs: [{ name: 'prod', members: ['z'] }], zones: [{ name: 'z', members: [WWPN.s1hba0, WWPN.a1cl1a] }] });
    const s1 = of(t, 's1');
    expect(reachedLdevs(s1)).toEqual([]);
    expect(refusal(s1, 'l1')).toMatchObject({ rule: 'zoning' });
    expect(refusal(s1, 'l1')!.detail).toMatch(/no effective cfg on sw1 and the default zone is noaccess/);
  });

  it('zoning is checked before the host group: a zoned-out HBA outside the host group reports zoning', () => {
    const t = twoSiteTopology();
    sw(t).zoning = zoning({ zones: [{ name: 'z', members: [WWPN.s1hba0, WWPN.a1cl1a] }], cfgs: [{ name: 'c', members: ['z'] }], effectiveCfg: 'c' });
    expect(refusal(of(t, 's2'), 'l1')).toMatchObject({ rule: 'zoning' });
    expect(refusal(of(t, 's1'), 'l2')).toMatchObject({ rule: 'zoning' }); // s1 is zoned to CL1-A only
  });

  it('the principal switch’s database applies to the whole fabric', () => {
    const t = twoSiteTopology();
    t.devices.push({ id: 'sw0', name: 'Core', kind: 'fcSwitch', siteId: 'main', position: { x: 0, y: 0 }, domainId: 9, ports: [{ id: 'p0', kind: 'fc', speedGbps: 8 }],
      zoning: zoning({ defaultZone: 'noaccess' }) });
    t.links.push({ id: 'isl', a: { deviceId: 'sw0', portId: 'p0' }, b: { deviceId: 'sw1', portId: 'p5' }, lengthM: 10 });
    expect(refusal(of(t, 's1'), 'l1')).toMatchObject({ rule: 'zoning' }); // sw0 alone holds a database
    sw(t).zoning = zoning({ defaultZone: 'allaccess' }); // sw1 has the lower domain ID: it is the principal now
    expect(reachedLdevs(of(t, 's1'))).toEqual(['l1']);
  });
});

describe('reach › cross-tenant', () => {
  function tenants(): Topology {
    const t = twoSiteTopology();
    srv(t, 's1').tenant = 'A';
    srv(t, 's2').tenant = 'B';
    a1(t).ldevs[0].tenant = 'A';
    a1(t).ldevs[1].tenant = 'B';
    return t;
  }

  it('flags nothing when each tenant reaches only its own LDEVs', () => {
    expect(reachReport(tenants()).crossTenant).toEqual([]);
  });

  it('flags a server that reaches an LDEV of another tenant', () => {
    const t = tenants();
    const hg1 = a1(t).hostGroups[0];
    hg1.wwpns.push(WWPN.s2hba0);
    const flags = reachReport(t).crossTenant;
    expect(flags.map((f) => [f.serverId, f.serverTenant, f.kind, f.lu.ldevId, f.otherTenant, f.wwpn])).toEqual([['s2', 'B', 'ldev', 'l1', 'A', WWPN.s2hba0]]);
  });

  it('flags an untenanted LDEV whose host group admits servers of two tenants, for both servers', () => {
    const t = tenants();
    delete a1(t).ldevs[0].tenant;
    a1(t).hostGroups[0].wwpns.push(WWPN.s2hba0);
    const flags = reachReport(t).crossTenant;
    expect(flags.map((f) => [f.serverId, f.kind, f.lu.ldevId, f.otherServerId, f.otherTenant])).toEqual([
      ['s1', 'host-group', 'l1', 's2', 'B'],
      ['s2', 'host-group', 'l1', 's1', 'A'],
    ]);
  });

  it('does not flag another tenant’s host-group entry that zoning keeps out', () => {
    const t = tenants();
    a1(t).hostGroups[0].wwpns.push(WWPN.s2hba0);
    sw(t).zoning = zoning({
      zones: [{ name: 'z_a', members: ['1,0', '1,1', '1,3'] }, { name: 'z_b', members: ['1,2', '1,4'] }],
      cfgs: [{ name: 'tenants', members: ['z_a', 'z_b'] }],
      effectiveCfg: 'tenants',
    });
    const report = reachReport(t);
    expect(report.crossTenant).toEqual([]);
    expect(refusal(report.servers[1], 'l1')).toMatchObject({ rule: 'zoning' });
  });
});

describe('reach › path label', () => {
  it('reads HBA, the devices crossed once each, then the array port', () => {
    expect(pathLabel(['s1/hba0', 'sw1/p0', 'sw1/p3', 'sw2/p1', 'sw2/p2', 'a1/CL1-A'])).toBe('hba0 → sw1 → sw2 → CL1-A');
    expect(pathLabel(['s1/hba0', 'a1/CL1-A'])).toBe('hba0 → CL1-A');
  });
});
