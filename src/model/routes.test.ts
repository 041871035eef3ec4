import { describe, expect, it } from 'vitest';
import { fcReachableArrayPorts, hostCanReachArrayPort } from './routes.ts';
import { largeFabric, twoSiteTopology } from './test-fixtures.ts';
import type { Topology } from './topology.ts';

const link = (id: string, a: string, ap: string, b: string, bp: string) => ({ id, a: { deviceId: a, portId: ap }, b: { deviceId: b, portId: bp }, lengthM: 10 });

describe('routes › fcReachableArrayPorts', () => {
  it('reaches every array port cabled to the same switch', () => {
    expect([...fcReachableArrayPorts(twoSiteTopology(), 's1')].sort()).toEqual(['a1/CL1-A', 'a1/CL2-A']);
  });

  it('is empty when the HBAs are not cabled, and for an unknown server', () => {
    const t = twoSiteTopology();
    t.links = t.links.filter((l) => l.a.deviceId !== 's1');
    expect(fcReachableArrayPorts(t, 's1').size).toBe(0);
    expect(fcReachableArrayPorts(t, 'ghost').size).toBe(0);
  });

  it('crosses switch → hub → bridge chains', () => {
    const t = twoSiteTopology();
    const fc = (id: string) => ({ id, kind: 'fc' as const, speedGbps: 8 });
    t.devices.push({ id: 'hub1', name: 'hub', kind: 'fcHub', siteId: 'main', position: { x: 0, y: 0 }, ports: [fc('h0'), fc('h1')] });
    t.devices.push({ id: 'br1', name: 'bridge', kind: 'bridge', siteId: 'main', position: { x: 0, y: 0 }, ports: [fc('b0'), fc('b1')] });
    t.devices[6].ports.push(fc('CL2-A'));
    t.links.push(link('x1', 'sw1', 'p5', 'hub1', 'h0'), link('x2', 'hub1', 'h1', 'br1', 'b0'), link('x3', 'br1', 'b1', 'a2', 'CL2-A'));
    expect(fcReachableArrayPorts(t, 's2').has('a2/CL2-A')).toBe(true);
  });

  it('never forwards through a server or an array', () => {
    const t: Topology = twoSiteTopology();
    const fc = (id: string) => ({ id, kind: 'fc' as const, speedGbps: 8 });
    // s2 → (its own) hba0 → sw1; a1 gets a third port cabled to a2: a1 must not relay to a2.
    t.devices[3].ports.push(fc('CL3-A'));
    t.links.push(link('x1', 'a1', 'CL3-A', 'a2', 'CL1-A'));
    expect(fcReachableArrayPorts(t, 's2').has('a2/CL1-A')).toBe(false);
    // s3 hangs off s1's spare FC port: s1 must not relay to the switch.
    t.devices[0].ports.push(fc('hba2'));
    t.devices.push({ id: 's3', name: 's3', kind: 'server', siteId: 'main', position: { x: 0, y: 0 }, serverClass: 'pc', roles: [], workloads: [], ports: [fc('hba0')] });
    t.links.push(link('x2', 's3', 'hba0', 's1', 'hba2'));
    expect(fcReachableArrayPorts(t, 's3').size).toBe(0);
  });

  it('ignores LAN and WAN cables', () => {
    const t = twoSiteTopology();
    // a2 is only reachable over the WAN circuit from a1, which is not an FC path.
    expect(fcReachableArrayPorts(t, 's1').has('a2/CL1-A')).toBe(false);
  });

  it('answers for 500 devices / 900 links in well under a second', () => {
    const t = largeFabric(400);
    const start = performance.now();
    const reach = fcReachableArrayPorts(t, 'srv0');
    expect(reach.size).toBe(50); // the ISL chain joins every switch
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('routes › hostCanReachArrayPort', () => {
  it('is true over the switch and false after the array cable is removed', () => {
    const t = twoSiteTopology();
    expect(hostCanReachArrayPort(t, 's1', 'a1', 'CL2-A')).toBe(true);
    t.links = t.links.filter((l) => l.id !== 'f5');
    expect(hostCanReachArrayPort(t, 's1', 'a1', 'CL2-A')).toBe(false);
  });
});
