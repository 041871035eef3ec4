/**
 * Small topologies built in code for the model's tests (and for anyone who needs a valid design
 * to start from). `twoSiteTopology()` is rule-clean: `checkDesign` returns no issue for it, so a
 * test that mutates one field and sees an issue knows that field caused it.
 *
 *   s1 (hba0, hba1) ─┐                 ┌─ a1 CL1-A  (hg1: s1 → LUN 0 = l1)
 *   s2 (hba0) ───────┴── sw1 (p0..p5) ─┴─ a1 CL2-A  (hg2: s2 → LUN 0 = l2)
 *   s1, s2 eth0 ── lan1          a1 wan0 ── wan1 ── a2 wan0 (site remote)
 */
import { Topology, type Port } from './topology.ts';

const fc = (id: string, wwpn?: string): Port => ({ id, kind: 'fc', speedGbps: 8, ...(wwpn ? { wwpn } : {}) });
const lan = (id: string): Port => ({ id, kind: 'lan', speedGbps: 1 });
const wan = (id: string): Port => ({ id, kind: 'wan', speedGbps: 10 });
const at = (x: number, y: number) => ({ x, y });
const link = (id: string, a: string, ap: string, b: string, bp: string) => ({ id, a: { deviceId: a, portId: ap }, b: { deviceId: b, portId: bp } });

export const WWPN = {
  s1hba0: '10:00:00:00:c9:00:00:01',
  s1hba1: '10:00:00:00:c9:00:00:02',
  s2hba0: '10:00:00:00:c9:00:00:03',
  a1cl1a: '50:06:0e:80:00:00:00:01',
  a1cl2a: '50:06:0e:80:00:00:00:02',
  a2cl1a: '50:06:0e:80:00:00:01:01',
} as const;

/** A fresh, rule-clean two-site topology (see the header diagram). Safe to mutate. */
export function twoSiteTopology(): Topology {
  return Topology.parse({
    version: 2,
    name: 'fixture',
    sites: [
      { id: 'main', name: 'Main', kind: 'main' },
      { id: 'remote', name: 'Remote', kind: 'remote' },
    ],
    devices: [
      { id: 's1', name: 'Server 1', kind: 'server', siteId: 'main', position: at(0, 0), serverClass: 'unix', ports: [fc('hba0', WWPN.s1hba0), fc('hba1', WWPN.s1hba1), lan('eth0')],
        workloads: [{ id: 'w1', name: 'oltp', target: { arrayId: 'a1', portId: 'CL1-A', lun: 0 }, rw: 'randrw', iodepth: 8 }] },
      { id: 's2', name: 'Server 2', kind: 'server', siteId: 'main', position: at(200, 0), serverClass: 'pc', ports: [fc('hba0', WWPN.s2hba0), lan('eth0')] },
      { id: 'sw1', name: 'Switch', kind: 'fcSwitch', siteId: 'main', position: at(100, 200), domainId: 1, ports: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((p) => fc(p)) },
      { id: 'a1', name: 'Array 1', kind: 'array', siteId: 'main', position: at(100, 400), cacheGiB: 16, ports: [fc('CL1-A', WWPN.a1cl1a), fc('CL2-A', WWPN.a1cl2a), wan('wan0')],
        parityGroups: [{ id: '1-1', tier: 'hdd15k', raid: 'RAID5', diskCount: 4, diskCapacityGiB: 100 }],
        ldevs: [{ id: 'l1', name: 'L1', parityGroupId: '1-1', capacityGiB: 100 }, { id: 'l2', name: 'L2', parityGroupId: '1-1', capacityGiB: 50 }],
        hostGroups: [{ id: 'hg1', name: 's1', portId: 'CL1-A', wwpns: [WWPN.s1hba0, WWPN.s1hba1] }, { id: 'hg2', name: 's2', portId: 'CL2-A', wwpns: [WWPN.s2hba0] }],
        luPaths: [{ portId: 'CL1-A', hostGroupId: 'hg1', lun: 0, ldevId: 'l1' }, { portId: 'CL2-A', hostGroupId: 'hg2', lun: 0, ldevId: 'l2' }] },
      { id: 'lan1', name: 'LAN', kind: 'lanSegment', siteId: 'main', position: at(100, -200), ports: [lan('p0'), lan('p1'), lan('p2')] },
      { id: 'wan1', name: 'WAN', kind: 'wanLink', siteId: 'main', position: at(300, 400), bandwidthMbps: 1000, distanceKm: 100, ports: [wan('w0'), wan('w1')] },
      { id: 'a2', name: 'Array 2', kind: 'array', siteId: 'remote', position: at(500, 400), cacheGiB: 16, ports: [fc('CL1-A', WWPN.a2cl1a), wan('wan0')] },
    ],
    links: [
      link('f1', 's1', 'hba0', 'sw1', 'p0'),
      link('f2', 's1', 'hba1', 'sw1', 'p1'),
      link('f3', 's2', 'hba0', 'sw1', 'p2'),
      link('f4', 'a1', 'CL1-A', 'sw1', 'p3'),
      link('f5', 'a1', 'CL2-A', 'sw1', 'p4'),
      link('e1', 's1', 'eth0', 'lan1', 'p0'),
      link('e2', 's2', 'eth0', 'lan1', 'p1'),
      link('w1', 'a1', 'wan0', 'wan1', 'w0'),
      link('w2', 'wan1', 'w1', 'a2', 'wan0'),
    ],
  });
}

/**
 * A large fabric for speed checks: `servers` servers with two HBAs each, eight per 32-port switch,
 * switches chained by ISLs, one array per switch. 400 servers → 500 devices and ~900 links.
 */
export function largeFabric(servers: number): Topology {
  const devices: unknown[] = [];
  const links: unknown[] = [];
  const switchCount = Math.ceil(servers / 8);
  for (let s = 0; s < switchCount; s++) {
    devices.push({ id: `sw${s}`, name: `sw${s}`, kind: 'fcSwitch', siteId: 'main', position: at(s * 50, 0), domainId: (s % 239) + 1, ports: Array.from({ length: 32 }, (_, p) => fc(`p${p}`)) });
    devices.push({ id: `ar${s}`, name: `ar${s}`, kind: 'array', siteId: 'main', position: at(s * 50, 100), cacheGiB: 8, ports: [fc('CL1-A')] });
    links.push(link(`ar${s}`, `ar${s}`, 'CL1-A', `sw${s}`, 'p16'));
    if (s > 0) links.push(link(`isl${s}`, `sw${s - 1}`, 'p17', `sw${s}`, 'p18'));
  }
  for (let i = 0; i < servers; i++) {
    devices.push({ id: `srv${i}`, name: `srv${i}`, kind: 'server', siteId: 'main', position: at(i * 10, -100), serverClass: 'pc', ports: [fc('hba0'), fc('hba1')] });
    const sw = `sw${Math.floor(i / 8)}`;
    links.push(link(`h${i}a`, `srv${i}`, 'hba0', sw, `p${(i % 8) * 2}`));
    links.push(link(`h${i}b`, `srv${i}`, 'hba1', sw, `p${(i % 8) * 2 + 1}`));
  }
  return Topology.parse({ version: 2, name: 'large', sites: [{ id: 'main', name: 'Main', kind: 'main' }], devices, links });
}
