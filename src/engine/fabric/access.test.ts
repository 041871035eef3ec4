import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation.ts';
import { compileScenario } from '../compile.ts';
import { FcGraph } from './fc-graph.ts';
import { resolveFcPath } from './path-resolver.ts';
import { SanBuilder } from '../testing/san-builder.ts';
import { smallSan, lunTarget, type SmallSanOptions } from '../testing/small-sans.ts';

function runSmall(opts: SmallSanOptions, lun = 0, rw: 'randread' | 'randrw' = 'randread') {
  const b = smallSan(opts);
  b.workload('h1', { id: 'w', rw, iodepth: 4, startAtS: 0, target: lunTarget(lun) });
  const sim = createSimulation(b.build({ durationS: 1 }));
  sim.runUntil(sim.endUs());
  return sim.report();
}

describe('fabric › path resolution', () => {
  it('routes host → switch → array port over the two cables', () => {
    const model = compileScenario(smallSan().workload('h1', { id: 'w', rw: 'randread', target: lunTarget(0) }).build(), 1);
    const w = model.workloads[0];
    expect(w.reject).toBeNull();
    expect(w.hops.map((h) => model.links[h.linkIndex].id)).toEqual(['l1', 'l2']);
    expect(w.transitUs).toBe(1); // one switch hop
    expect(model.ldevs[w.ldevIndex].id).toBe('ssd0');
  });

  it('prefers the faster of two paths (weighted by latency), then the lower link id', () => {
    // h ─ hub2 ─┬─ slow (1 GFC hub) ─┬─ core ─ a/fc0
    //           └─ fast (8 GFC)    ─┘
    const b = new SanBuilder();
    b.server('h', { hbas: 1, speedGbps: 8 }).fcHub('hub2', { speedGbps: 8 }).fcHub('slow', { speedGbps: 1 });
    b.fcSwitch('fast', { speedGbps: 8 }).fcSwitch('core', { speedGbps: 8 }).array('a', { ports: 1, speedGbps: 8 });
    b.connect('h/hba0', 'hub2').connect('hub2', 'slow').connect('slow', 'core').connect('hub2', 'fast').connect('fast', 'core').connect('core', 'a/fc0');
    const s = b.build();
    const graph = new FcGraph(s.topology, s.topology.links);
    const path = resolveFcPath(graph, 'h', 'hba0', 'a', 'fc0')!;
    expect(path.hops.map((h) => graph.links[h.linkIndex].id)).toEqual(['l1', 'l4', 'l5', 'l6']);
    expect(path.transitUs).toBe(2 + 1 + 1); // hub2, fast, core
    // Equal-cost branches: the one explored first (lower link id out of the fork) wins.
    const even = new SanBuilder();
    even.server('h', { hbas: 1 }).fcSwitch('core').fcSwitch('x').fcSwitch('y').fcSwitch('edge').array('a', { ports: 1 });
    even.connect('h/hba0', 'core').connect('core', 'y').connect('core', 'x').connect('y', 'edge').connect('x', 'edge').connect('edge', 'a/fc0');
    const e = even.build();
    const g2 = new FcGraph(e.topology, e.topology.links);
    expect(resolveFcPath(g2, 'h', 'hba0', 'a', 'fc0')!.hops.map((h) => g2.links[h.linkIndex].id)).toEqual(['l1', 'l2', 'l4', 'l6']);
  });

  it('never forwards through a server or another array', () => {
    const b = new SanBuilder();
    b.server('h', { hbas: 1 }).server('middle', { hbas: 2 }).array('a', { ports: 1 });
    b.connect('h/hba0', 'middle/hba0').connect('middle/hba1', 'a/fc0');
    const s = b.build();
    const graph = new FcGraph(s.topology, s.topology.links);
    expect(resolveFcPath(graph, 'h', 'hba0', 'a', 'fc0')).toBeNull();
  });
});

describe('fabric › rejected I/O', () => {
  it('rejects every I/O with no-route when the host is not cabled', () => {
    const r = runSmall({ unplugged: true });
    expect(r.rejectedIos.byReason['no-route']).toBeGreaterThan(0);
    expect(r.rejectedIos.total).toBe(r.rejectedIos.byReason['no-route']);
    expect(r.ldevs.ssd0.rejectedIos).toBe(r.rejectedIos.total); // the LDEV is known from the host group
    expect(r.ldevs.ssd0.completedIos).toBe(0);
    // closed loop of 4 with a 100 µs error round trip: about 40,000 per second, not a spin
    expect(r.rejectedIos.total).toBeGreaterThan(39_000);
    expect(r.rejectedIos.total).toBeLessThan(41_000);
  });

  it('rejects with not-in-host-group when the WWPN is not admitted on the port', () => {
    const r = runSmall({ foreignHostGroup: true });
    expect(r.rejectedIos.byReason['not-in-host-group']).toBe(r.rejectedIos.total);
    expect(r.rejectedIos.total).toBeGreaterThan(0);
    expect(r.ldevs.ssd0.rejectedIos).toBe(0); // the host never reached an LDEV
  });

  it('rejects with no-lu-path when no LU is mapped at that LUN', () => {
    const r = runSmall({}, 7);
    expect(r.rejectedIos.byReason['no-lu-path']).toBe(r.rejectedIos.total);
    expect(r.rejectedIos.total).toBeGreaterThan(0);
  });

  it('rejects and counts writes to a read-only LDEV, serving its reads', () => {
    const r = runSmall({ readOnlyHdd: true }, 1, 'randrw');
    const hdd = r.ldevs.hdd0;
    expect(r.rejectedIos.byReason['read-only']).toBe(r.rejectedIos.total);
    expect(hdd.rejectedIos).toBe(r.rejectedIos.total);
    expect(hdd.rejectedIos).toBeGreaterThan(0);
    expect(hdd.readIops).toBeGreaterThan(0);
    expect(hdd.writeIops).toBe(0);
  });

  it('rejects open-loop arrivals beyond the outstanding limit with queue-full', () => {
    const b = smallSan();
    b.workload('h1', { id: 'flood', rw: 'randread', rate_iops: 20_000, startAtS: 0, target: lunTarget(1) });
    const sim = createSimulation(b.build({ durationS: 2 }));
    sim.runUntil(sim.endUs());
    const r = sim.report();
    expect(r.rejectedIos.byReason['queue-full']).toBeGreaterThan(10_000);
    expect(r.ldevs.hdd0.readIops).toBeGreaterThan(1000);
  });

  it('accepts everything on a healthy path', () => {
    const r = runSmall({});
    expect(r.rejectedIos.total).toBe(0);
    expect(r.ldevs.ssd0.completedIos).toBeGreaterThan(0);
  });
});
