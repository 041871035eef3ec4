import { isRedundancyIssue } from './design-rules-redundancy.ts';
import { describe, expect, it } from 'vitest';
import { checkDesign, compareFieldPaths, parityGroupUsableGiB, type DesignIssue } from './design-rules.ts';
import { twoSiteTopology, WWPN } from './test-fixtures.ts';
import type { DiskArray, Server, Topology } from './topology.ts';

const server = (t: Topology, i: number) => t.devices[i] as Server;
const array = (t: Topology, i: number) => t.devices[i] as DiskArray;
const fcPort = (id: string, wwpn?: string) => ({ id, kind: 'fc' as const, speedGbps: 8, ...(wwpn ? { wwpn } : {}) });

interface Case {
  rule: string;
  mutate: (t: Topology) => void;
  expected: { severity: DesignIssue['severity']; field: string; message: RegExp; deviceId?: string };
}

/** One case per rule: one mutation of the rule-clean fixture and the issue it must raise. */
const CASES: Case[] = [
  { rule: 'dangling link: unknown device', mutate: (t) => void (t.links[0].a.deviceId = 'ghost'), expected: { severity: 'error', field: 'links[0].a.deviceId', message: /unknown device "ghost"/ } },
  { rule: 'dangling link: unknown port', mutate: (t) => void (t.links[0].b.portId = 'p99'), expected: { severity: 'error', field: 'links[0].b.portId', message: /sw1 has no port "p99"/ } },
  { rule: 'port used by two links', mutate: (t) => void t.links.push({ id: 'dup', a: { deviceId: 'sw1', portId: 'p5' }, b: { deviceId: 's1', portId: 'hba0' }, lengthM: 1 }), expected: { severity: 'error', field: 'links[9].b.portId', message: /port hba0 of s1 is already cabled by link f1/ } },
  { rule: 'link between ports of different kinds', mutate: (t) => void (t.links[6].b = { deviceId: 'sw1', portId: 'p5' }), expected: { severity: 'error', field: 'links[6].b.portId', message: /LAN port eth0 cannot connect to FC port p5/ } },
  { rule: 'FC cable between two servers', mutate: (t) => { t.devices[0].ports.push(fcPort('hba9')); t.devices[1].ports.push(fcPort('hba9')); t.links.push({ id: 'ss', a: { deviceId: 's1', portId: 'hba9' }, b: { deviceId: 's2', portId: 'hba9' }, lengthM: 1 }); }, expected: { severity: 'error', field: 'links[9].b.portId', message: /cannot join two servers/ } },
  { rule: 'WAN link device joining one site', mutate: (t) => void (t.devices[6].siteId = 'main'), expected: { severity: 'error', field: 'links[8]', message: /WAN link wan1 must join two different sites: a1 and a2 are both in site main/, deviceId: 'wan1' } },
  { rule: 'direct WAN cable inside one site', mutate: (t) => { t.devices[6].siteId = 'main'; t.links.splice(7, 2, { id: 'wd', a: { deviceId: 'a1', portId: 'wan0' }, b: { deviceId: 'a2', portId: 'wan0' }, lengthM: 1 }); }, expected: { severity: 'error', field: 'links[7]', message: /must join two different sites/ } },
  { rule: 'duplicate device id', mutate: (t) => void (t.devices[4].id = 's1'), expected: { severity: 'error', field: 'devices[4].id', message: /duplicate device id "s1"/ } },
  { rule: 'duplicate port id within a device', mutate: (t) => void t.devices[2].ports.push(fcPort('p0')), expected: { severity: 'error', field: 'devices[2].ports[6].id', message: /duplicate port \(in sw1\) id "p0"/ } },
  { rule: 'duplicate link id', mutate: (t) => void (t.links[3].id = 'f1'), expected: { severity: 'error', field: 'links[3].id', message: /duplicate link id "f1"/ } },
  { rule: 'duplicate site id', mutate: (t) => void t.sites.push({ id: 'main', name: 'again', kind: 'main' }), expected: { severity: 'error', field: 'sites[2].id', message: /duplicate site id/ } },
  { rule: 'duplicate workload id within a server', mutate: (t) => void server(t, 0).workloads.push({ ...server(t, 0).workloads[0] }), expected: { severity: 'error', field: 'devices[0].workloads[1].id', message: /duplicate workload/ } },
  { rule: 'duplicate LDEV id across the document', mutate: (t) => { array(t, 6).parityGroups.push({ id: '1-1', tier: 'ssd', raid: 'RAID1', diskCount: 2, diskCapacityGiB: 100 }); array(t, 6).ldevs.push({ id: 'l1', name: 'x', parityGroupId: '1-1', capacityGiB: 10, readOnly: false, cacheResident: false }); }, expected: { severity: 'error', field: 'devices[6].ldevs[0].id', message: /duplicate LDEV id "l1" \(also in a1\)/ } },
  { rule: 'duplicate host group id within an array', mutate: (t) => void (array(t, 3).hostGroups[1].id = 'hg1'), expected: { severity: 'error', field: 'devices[3].hostGroups[1].id', message: /duplicate host group id "hg1" in array a1/ } },
  { rule: 'duplicate journal id within an array', mutate: (t) => void (array(t, 3).journals = [{ id: 4, capacityMiB: 64, overflowWatchS: 60 }, { id: 4, capacityMiB: 32, overflowWatchS: 60 }]), expected: { severity: 'error', field: 'devices[3].journals[1].id', message: /journal ID 4 is used twice in array a1/ } },
  { rule: 'duplicate parity group id within an array', mutate: (t) => void array(t, 3).parityGroups.push({ ...array(t, 3).parityGroups[0] }), expected: { severity: 'error', field: 'devices[3].parityGroups[1].id', message: /duplicate parity group id "1-1"/ } },
  { rule: 'duplicate WWPN', mutate: (t) => void (t.devices[1].ports[0].wwpn = WWPN.s1hba0), expected: { severity: 'error', field: 'devices[1].ports[0].wwpn', message: /already used by s1\/hba0/ } },
  { rule: 'unknown site', mutate: (t) => void (t.devices[4].siteId = 'mars'), expected: { severity: 'error', field: 'devices[4].siteId', message: /site "mars" does not exist/ } },
  { rule: 'LU path to a missing LDEV', mutate: (t) => void (array(t, 3).luPaths[0].ldevId = 'l9'), expected: { severity: 'error', field: 'devices[3].luPaths[0].ldevId', message: /LDEV "l9" does not exist in array a1/ } },
  { rule: 'LU path to a missing host group', mutate: (t) => void (array(t, 3).luPaths[0].hostGroupId = 'hg9'), expected: { severity: 'error', field: 'devices[3].luPaths[0].hostGroupId', message: /host group "hg9" does not exist/ } },
  { rule: 'LU path to a missing port', mutate: (t) => void (array(t, 3).luPaths[0].portId = 'CL9-Z'), expected: { severity: 'error', field: 'devices[3].luPaths[0].portId', message: /no port "CL9-Z"/ } },
  { rule: 'host group on a missing port', mutate: (t) => void (array(t, 3).hostGroups[1].portId = 'CL9-Z'), expected: { severity: 'error', field: 'devices[3].hostGroups[1].portId', message: /no port "CL9-Z"/ } },
  { rule: 'host group on a non-FC port', mutate: (t) => void (array(t, 3).hostGroups[1].portId = 'wan0'), expected: { severity: 'error', field: 'devices[3].hostGroups[1].portId', message: /WAN port; host groups live on FC ports/ } },
  { rule: 'LU path whose host group is on another port', mutate: (t) => void (array(t, 3).luPaths[1].hostGroupId = 'hg1'), expected: { severity: 'error', field: 'devices[3].luPaths[1].hostGroupId', message: /on port CL2-A uses host group hg1, which is on port CL1-A/ } },
  { rule: 'duplicate LUN in one host group', mutate: (t) => void array(t, 3).luPaths.push({ portId: 'CL1-A', hostGroupId: 'hg1', lun: 0, ldevId: 'l2' }), expected: { severity: 'error', field: 'devices[3].luPaths[2].lun', message: /LUN 0 is mapped twice in host group hg1/ } },
  { rule: 'LDEV on a missing parity group', mutate: (t) => void (array(t, 3).ldevs[1].parityGroupId = '9-9'), expected: { severity: 'error', field: 'devices[3].ldevs[1].parityGroupId', message: /parity group "9-9" does not exist/ } },
  { rule: 'LDEV larger than the free space of its parity group', mutate: (t) => void array(t, 3).ldevs.push({ id: 'l3', name: 'big', parityGroupId: '1-1', capacityGiB: 200, readOnly: false, cacheResident: false }), expected: { severity: 'error', field: 'devices[3].ldevs[2].capacityGiB', message: /LDEV l3 \(200 GiB\) does not fit in parity group 1-1: 150 GiB free of 300 GiB usable/ } },
  { rule: 'parity group with too few disks for its RAID level', mutate: (t) => void (array(t, 3).parityGroups[0] = { ...array(t, 3).parityGroups[0], raid: 'RAID6', diskCount: 3 }), expected: { severity: 'error', field: 'devices[3].parityGroups[0].diskCount', message: /RAID6 needs at least 4 disks/ } },
  { rule: 'host group WWPN of no HBA', mutate: (t) => void array(t, 3).hostGroups[1].wwpns.push('10:00:00:00:c9:ff:ff:ff'), expected: { severity: 'warning', field: 'devices[3].hostGroups[1].wwpns[1]', message: /belongs to no server HBA/ } },
  { rule: 'FC port of a server without WWPN', mutate: (t) => void t.devices[1].ports.push(fcPort('hba1')), expected: { severity: 'warning', field: 'devices[1].ports[2].wwpn', message: /FC port hba1 of s2 has no WWPN/ } },
  { rule: 'server with LUs but no FC path to the array port', mutate: (t) => void (t.links = t.links.filter((l) => l.id !== 'f3')), expected: { severity: 'error', field: 'devices[3].hostGroups[1].wwpns[0]', message: /server s2 has LUs in host group hg2 but no FC cable path reaches a1 port CL2-A/, deviceId: 's2' } },
  { rule: 'server losing one of two paths', mutate: (t) => void (t.links = t.links.filter((l) => l.id !== 'f2')), expected: { severity: 'warning', field: 'devices[3].hostGroups[0].wwpns[1]', message: /path redundancy lost/, deviceId: 's1' } },
  { rule: 'workload on an unknown array', mutate: (t) => void (server(t, 0).workloads[0].target.arrayId = 'a9'), expected: { severity: 'error', field: 'devices[0].workloads[0].target.arrayId', message: /workload w1: target LU unavailable: no array "a9"/ } },
  { rule: 'workload on a missing array port', mutate: (t) => void (server(t, 0).workloads[0].target.portId = 'CL9-Z'), expected: { severity: 'error', field: 'devices[0].workloads[0].target.portId', message: /has no port "CL9-Z"/ } },
  { rule: 'workload on a port whose host groups do not list the server', mutate: (t) => void (server(t, 0).workloads[0].target.portId = 'CL2-A'), expected: { severity: 'error', field: 'devices[0].workloads[0].target.portId', message: /no host group on a1 port CL2-A lists a WWPN of s1/ } },
  { rule: 'workload on a LUN that is not mapped', mutate: (t) => void (server(t, 0).workloads[0].target.lun = 7), expected: { severity: 'error', field: 'devices[0].workloads[0].target.lun', message: /no LU at a1 port CL1-A LUN 7 for s1/ } },
  { rule: 'workload whose LU is not reachable', mutate: (t) => void (t.links = t.links.filter((l) => l.id !== 'f4')), expected: { severity: 'error', field: 'devices[0].workloads[0].target', message: /s1 has no FC cable path to a1 port CL1-A/ } },
];

describe('design rules › checkDesign', () => {
  it('finds nothing in the rule-clean fixture (so each case below is caused by its mutation)', () => {
    expect(checkDesign(twoSiteTopology()).filter((i) => !isRedundancyIssue(i))).toEqual([]);
  });

  describe.each(CASES)('$rule', ({ mutate, expected }) => {
    it(`reports ${expected.severity} at ${expected.field}`, () => {
      const t = twoSiteTopology();
      mutate(t);
      const issues = checkDesign(t);
      const hit = issues.find((i) => i.field === expected.field && expected.message.test(i.message));
      expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
      expect(hit?.severity).toBe(expected.severity);
      if (expected.deviceId) expect(hit?.deviceId).toBe(expected.deviceId);
    });
  });

  it('accepts a workload with neither iodepth nor rate_iops (default iodepth 1)', () => {
    const t = twoSiteTopology();
    delete server(t, 0).workloads[0].iodepth;
    expect(checkDesign(t).filter((i) => !isRedundancyIssue(i))).toEqual([]);
  });

  it('sorts errors before warnings, then by field path with numeric indexes', () => {
    const t = twoSiteTopology();
    for (let i = 0; i < 11; i++) t.devices.push({ id: `c${i}`, name: 'c', kind: 'client', siteId: i === 10 || i === 2 ? 'mars' : 'main', position: { x: 0, y: 0 }, ports: [] });
    t.devices[1].ports.push(fcPort('hba1')); // a warning
    const issues = checkDesign(t);
    expect(issues.filter((i) => !isRedundancyIssue(i)).map((i) => `${i.severity} ${i.field}`)).toEqual(['error devices[9].siteId', 'error devices[17].siteId', 'warning devices[1].ports[2].wwpn']);
    // The redundancy warnings sort with the other warnings by field path.
    const warnings = issues.filter((i) => i.severity === 'warning').map((i) => i.field);
    expect(warnings).toEqual([...warnings].sort((a, b) => compareFieldPaths(a, b)));
    expect(checkDesign(t)).toEqual(issues);
  });
});

describe('design rules › parity group usable capacity', () => {
  it.each([
    ['RAID1', 4, 200, 400],
    ['RAID5', 8, 600, 4200],
    ['RAID6', 8, 600, 3600],
  ] as const)('%s with %i disks of %i GiB gives %i GiB', (raid, n, perDisk, usable) => {
    expect(parityGroupUsableGiB({ id: 'x', tier: 'ssd', raid, diskCount: n, diskCapacityGiB: perDisk })).toBe(usable);
  });
});

describe('design rules › compareFieldPaths', () => {
  it('compares indexes as numbers', () => {
    expect(compareFieldPaths('devices[9].id', 'devices[10].id')).toBeLessThan(0);
    expect(compareFieldPaths('links[2].a', 'links[2].b')).toBeLessThan(0);
    expect(compareFieldPaths('x', 'x')).toBe(0);
  });
});
