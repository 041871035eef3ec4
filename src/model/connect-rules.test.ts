import { describe, expect, it } from 'vitest';
import { canConnect, linkKind } from './connect-rules.ts';
import { largeFabric, twoSiteTopology } from './test-fixtures.ts';
import type { Topology } from './topology.ts';

const ep = (deviceId: string, portId: string) => ({ deviceId, portId });

function refusal(t: Topology, a: ReturnType<typeof ep>, b: ReturnType<typeof ep>): string {
  const r = canConnect(t, a, b);
  if (r.ok) throw new Error(`expected a refusal, got ok (${r.kind})`);
  return r.reason;
}

describe('connect rules › canConnect', () => {
  it('accepts a free FC port of a switch to a free FC port of an array', () => {
    const t = twoSiteTopology();
    t.devices[6].ports.push({ id: 'CL2-A', kind: 'fc', speedGbps: 8, wwpn: '50:06:0e:80:00:00:01:02' });
    expect(canConnect(t, ep('sw1', 'p5'), ep('a2', 'CL1-A'))).toEqual({ ok: true, kind: 'fc' });
  });

  it('refuses two ports of the same device', () => {
    expect(refusal(twoSiteTopology(), ep('sw1', 'p5'), ep('sw1', 'p4'))).toMatch(/same device \(sw1\)/);
  });

  it('refuses an unknown device or port, naming it', () => {
    const t = twoSiteTopology();
    expect(refusal(t, ep('ghost', 'p0'), ep('sw1', 'p5'))).toBe('unknown device "ghost"');
    expect(refusal(t, ep('sw1', 'p5'), ep('a2', 'nope'))).toBe('device a2 has no port "nope"');
  });

  it('refuses ports of different kinds: "FC port CL1-A cannot connect to LAN port p2"', () => {
    const t = twoSiteTopology();
    t.links = t.links.filter((l) => l.id !== 'f4');
    expect(refusal(t, ep('a1', 'CL1-A'), ep('lan1', 'p2'))).toBe('FC port CL1-A cannot connect to LAN port p2');
  });

  it('refuses a port already cabled by another link', () => {
    expect(refusal(twoSiteTopology(), ep('s1', 'hba0'), ep('sw1', 'p5'))).toBe('port hba0 of s1 is already cabled (link f1)');
  });

  it('lets a link being re-routed ignore its own ends', () => {
    const t = twoSiteTopology();
    expect(canConnect(t, ep('s1', 'hba0'), ep('sw1', 'p5'), { ignoreLinkId: 'f1' })).toEqual({ ok: true, kind: 'fc' });
  });

  it('refuses an FC cable straight between two servers', () => {
    const t = twoSiteTopology();
    t.devices[0].ports.push({ id: 'hba9', kind: 'fc', speedGbps: 8 });
    t.devices[1].ports.push({ id: 'hba9', kind: 'fc', speedGbps: 8 });
    expect(refusal(t, ep('s1', 'hba9'), ep('s2', 'hba9'))).toMatch(/cannot join two servers/);
  });

  describe('WAN cables', () => {
    it('refuses attaching the free end of a WAN link to a device in the site its other end already reaches', () => {
      const t = twoSiteTopology();
      t.links = t.links.filter((l) => l.id !== 'w2');
      t.devices[1].ports.push({ id: 'wan0', kind: 'wan', speedGbps: 10 });
      expect(refusal(t, ep('wan1', 'w1'), ep('s2', 'wan0'))).toMatch(/a WAN link must join two different sites/);
      expect(canConnect(t, ep('wan1', 'w1'), ep('a2', 'wan0'))).toEqual({ ok: true, kind: 'wan' });
    });

    it('refuses a direct WAN-port cable inside one site, accepts one across sites', () => {
      const t = twoSiteTopology();
      t.links = t.links.filter((l) => l.id !== 'w1' && l.id !== 'w2');
      t.devices[1].ports.push({ id: 'wan0', kind: 'wan', speedGbps: 10 });
      expect(refusal(t, ep('a1', 'wan0'), ep('s2', 'wan0'))).toMatch(/both in site main/);
      expect(canConnect(t, ep('a1', 'wan0'), ep('a2', 'wan0')).ok).toBe(true);
    });
  });

  it('stays cheap on 500 devices / 900 links (1000 calls well under a second)', () => {
    const t = largeFabric(400);
    const last = t.devices[t.devices.length - 1];
    let refused = 0;
    const start = performance.now();
    for (let i = 0; i < 1000; i++) if (!canConnect(t, ep(last.id, 'hba0'), ep('sw0', 'p31')).ok) refused++;
    expect(refused).toBe(1000); // hba0 of the last server is already cabled
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('connect rules › linkKind', () => {
  it('is the kind of both ports, or null for a dangling or mixed link', () => {
    const t = twoSiteTopology();
    expect(linkKind(t, t.links[0])).toBe('fc');
    expect(linkKind(t, t.links[5])).toBe('lan');
    expect(linkKind(t, t.links[7])).toBe('wan');
    expect(linkKind(t, { ...t.links[0], a: ep('ghost', 'x') })).toBeNull();
    expect(linkKind(t, { ...t.links[0], a: ep('s1', 'eth0') })).toBeNull();
  });
});
