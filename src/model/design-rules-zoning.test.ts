import { isRedundancyIssue } from './design-rules-redundancy.ts';
import { describe, expect, it } from 'vitest';
import { checkDesign, type DesignIssue } from './design-rules.ts';
import { twoSiteTopology, WWPN } from './test-fixtures.ts';
import type { DeviceOf, DiskArray, Server, Topology, Zoning } from './topology.ts';

// Fixture: devices[0] s1, [1] s2, [2] sw1 (domain 1), [3] a1. sw1 ports p0..p5 are 1,0 … 1,5.
const sw = (t: Topology) => t.devices[2] as DeviceOf<'fcSwitch'>;
const a1 = (t: Topology) => t.devices[3] as DiskArray;
const srv = (t: Topology, i: number) => t.devices[i] as Server;

/** A clean database: s1's HBAs with CL1-A (by alias), s2 with CL2-A (by domain,port). */
function clean(): Zoning {
  return {
    aliases: [{ name: 'h_s1', members: [WWPN.s1hba0, WWPN.s1hba1] }],
    zones: [
      { name: 'z_s1', members: ['h_s1', WWPN.a1cl1a] },
      { name: 'z_s2', members: ['1,2', '1,4'] },
    ],
    cfgs: [{ name: 'prod', members: ['z_s1', 'z_s2'] }],
    effectiveCfg: 'prod',
    defaultZone: 'noaccess',
  };
}

function zoned(): Topology {
  const t = twoSiteTopology();
  sw(t).zoning = clean();
  return t;
}

const brief = (i: DesignIssue) => ({ severity: i.severity, field: i.field, message: i.message, deviceId: i.deviceId });

interface Case {
  rule: string;
  mutate: (t: Topology) => void;
  expected: { severity: DesignIssue['severity']; field: string; message: RegExp; deviceId: string };
}

const CASES: Case[] = [
  { rule: 'zone member that is no defined alias', mutate: (t) => void (sw(t).zoning!.zones[0].members[0] = 'h_nobody'), expected: { severity: 'error', field: 'devices[2].zoning.zones[0].members[0]', message: /^zone z_s1 of sw1: member "h_nobody" is no alias defined on sw1$/, deviceId: 'sw1' } },
  { rule: 'alias member that is a name', mutate: (t) => void (sw(t).zoning!.aliases[0].members[1] = 'h_other'), expected: { severity: 'error', field: 'devices[2].zoning.aliases[0].members[1]', message: /alias h_s1 of sw1: member "h_other" is a name/, deviceId: 'sw1' } },
  { rule: 'cfg listing an unknown zone', mutate: (t) => void sw(t).zoning!.cfgs[0].members.push('z_gone'), expected: { severity: 'error', field: 'devices[2].zoning.cfgs[0].members[2]', message: /^cfg prod of sw1: zone "z_gone" is not defined on sw1$/, deviceId: 'sw1' } },
  { rule: 'effective cfg naming no cfg', mutate: (t) => void (sw(t).zoning!.effectiveCfg = 'old'), expected: { severity: 'error', field: 'devices[2].zoning.effectiveCfg', message: /effective cfg "old" is not defined \(the default zone noaccess applies instead\)/, deviceId: 'sw1' } },
  { rule: 'one name used by an alias and a zone', mutate: (t) => void (sw(t).zoning!.zones[1].name = 'h_s1'), expected: { severity: 'error', field: 'devices[2].zoning.zones[1].name', message: /the name "h_s1" is already used by aliases\[0\]/, deviceId: 'sw1' } },
  { rule: 'WWPN member of no device', mutate: (t) => void sw(t).zoning!.zones[0].members.push('10:00:00:00:c9:ff:ff:ff'), expected: { severity: 'warning', field: 'devices[2].zoning.zones[0].members[2]', message: /zone z_s1 of sw1: WWPN 10:00:00:00:c9:ff:ff:ff is no port of any device/, deviceId: 'sw1' } },
  { rule: 'domain,port member of no switch', mutate: (t) => void (sw(t).zoning!.zones[1].members[0] = '7,2'), expected: { severity: 'warning', field: 'devices[2].zoning.zones[1].members[0]', message: /no switch of the fabric has domain ID 7/, deviceId: 'sw1' } },
  { rule: 'domain,port member past the switch’s ports', mutate: (t) => void (sw(t).zoning!.zones[1].members[1] = '1,40'), expected: { severity: 'warning', field: 'devices[2].zoning.zones[1].members[1]', message: /switch sw1 \(domain 1\) has no port 40 \(ports 0–5\)/, deviceId: 'sw1' } },
  {
    rule: 'two switches of one fabric with different databases',
    mutate: (t) => {
      t.devices.push({ id: 'sw2', name: 'Edge', kind: 'fcSwitch', siteId: 'main', position: { x: 0, y: 0 }, domainId: 2, ports: [{ id: 'p0', kind: 'fc', speedGbps: 8 }], zoning: { ...clean(), effectiveCfg: undefined } });
      t.links.push({ id: 'isl', a: { deviceId: 'sw1', portId: 'p5' }, b: { deviceId: 'sw2', portId: 'p0' }, lengthM: 10 });
    },
    expected: { severity: 'warning', field: 'devices[7].zoning', message: /^the zoning of sw2 differs from that of sw1, the principal switch of its fabric \(domain 1\); sw1's applies$/, deviceId: 'sw2' },
  },
  {
    rule: 'server reaching an LDEV of another tenant',
    mutate: (t) => {
      srv(t, 0).tenant = 'Company A';
      srv(t, 1).tenant = 'Company B';
      a1(t).ldevs[0].tenant = 'Company A';
      a1(t).hostGroups[0].wwpns.push(WWPN.s2hba0);
      sw(t).zoning!.zones[1].members.push('1,3');
    },
    expected: { severity: 'error', field: 'devices[3].hostGroups[0].wwpns[2]', message: /^server s2 \(tenant Company B\) can reach LU a1 port CL1-A LUN 0 → LDEV l1 of tenant Company A$/, deviceId: 's2' },
  },
  {
    rule: 'workload whose LU zoning refuses',
    mutate: (t) => void (sw(t).zoning!.cfgs[0].members = ['z_s2']),
    expected: { severity: 'warning', field: 'devices[0].workloads[0].target', message: /^workload w1: zoning refuses every I\/O of it to a1 port CL1-A \(hba0: no zone of effective cfg prod/, deviceId: 's1' },
  },
];

describe('design rules › zoning', () => {
  it('finds nothing in the fixture with a clean database (so each case below is caused by its mutation)', () => {
    expect(checkDesign(zoned()).filter((i) => !isRedundancyIssue(i))).toEqual([]);
  });

  for (const c of CASES) {
    it(`reports ${c.rule}`, () => {
      const t = zoned();
      c.mutate(t);
      const found = checkDesign(t).map(brief);
      const match = found.filter((i) => i.field === c.expected.field && c.expected.message.test(i.message));
      expect(match, JSON.stringify(found, null, 1)).toHaveLength(1);
      expect(match[0].severity).toBe(c.expected.severity);
      expect(match[0].deviceId).toBe(c.expected.deviceId);
    });
  }

  it('accepts identical databases on two switches of one fabric, in any member order', () => {
    const t = zoned();
    const copy = clean();
    copy.aliases[0].members.reverse();
    t.devices.push({ id: 'sw2', name: 'Edge', kind: 'fcSwitch', siteId: 'main', position: { x: 0, y: 0 }, domainId: 2, ports: [{ id: 'p0', kind: 'fc', speedGbps: 8 }], zoning: copy });
    t.links.push({ id: 'isl', a: { deviceId: 'sw1', portId: 'p5' }, b: { deviceId: 'sw2', portId: 'p0' }, lengthM: 10 });
    expect(checkDesign(t).filter((i) => !isRedundancyIssue(i))).toEqual([]);
  });

  it('names the other server for an untenanted LDEV shared by two tenants', () => {
    const t = zoned();
    srv(t, 0).tenant = 'A';
    srv(t, 1).tenant = 'B';
    a1(t).hostGroups[0].wwpns.push(WWPN.s2hba0);
    sw(t).zoning!.zones[1].members.push('1,3');
    const messages = checkDesign(t).filter((i) => i.severity === 'error').map((i) => `${i.field}: ${i.message}`);
    expect(messages).toEqual([
      'devices[3].hostGroups[0].wwpns[0]: server s1 (tenant A) can reach LU a1 port CL1-A LUN 0 → LDEV l1, which host group hg1 also opens to s2 of tenant B',
      'devices[3].hostGroups[0].wwpns[2]: server s2 (tenant B) can reach LU a1 port CL1-A LUN 0 → LDEV l1, which host group hg1 also opens to s1 of tenant A',
    ]);
  });
});
