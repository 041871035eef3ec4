/**
 * Single points of failure: a single switch, HBA or array port every path crosses is named; dual
 * independent fabrics with the LDEV on two ports give no warning; two switches joined by an ISL
 * are one fabric.
 */
import { describe, expect, it } from 'vitest';
import { IssueList } from './design-issue.ts';
import { checkRedundancy } from './design-rules-redundancy.ts';
import { SanBuilder } from '../engine/testing/san-builder.ts';
import type { Topology } from './topology.ts';

function warnings(t: Topology): string[] {
  const issues = new IssueList();
  checkRedundancy(t, issues);
  expect(issues.items.every((i) => i.severity === 'warning')).toBe(true);
  return issues.items.map((i) => i.message);
}

function san(o: { hbas: number; switches: 1 | 2; isl?: boolean; ports: 1 | 2 }): Topology {
  const b = new SanBuilder('redundancy');
  b.server('h1', { hbas: o.hbas }).array('a1', { ports: 2 }).parityGroup('a1', 'pg1', 'ssd').ldev('a1', 'L1', 'pg1', 1);
  b.fcSwitch('swA', { ports: 8, domainId: 1 });
  if (o.switches === 2) b.fcSwitch('swB', { ports: 8, domainId: 2 });
  b.connect('h1/hba0', 'swA').connect('swA', 'a1/fc0');
  if (o.hbas === 2) b.connect('h1/hba1', o.switches === 2 ? 'swB' : 'swA');
  if (o.switches === 2) b.connect('swB', 'a1/fc1');
  else if (o.ports === 2) b.connect('swA', 'a1/fc1');
  if (o.isl) b.connect('swA', 'swB');
  b.hostGroup('a1', 'hg0', 'fc0', { servers: ['h1'] }).luPath('a1', 'fc0', 'hg0', 0, 'L1');
  if (o.ports === 2) b.hostGroup('a1', 'hg1', 'fc1', { servers: ['h1'] }).luPath('a1', 'fc1', 'hg1', 0, 'L1');
  b.workload('h1', { id: 'w', rw: 'randread', iodepth: 1, target: { arrayId: 'a1', portId: 'fc0', lun: 0 } });
  return b.build().topology;
}

describe('design rules › redundancy', () => {
  it('one HBA, one switch, one array port: each is a single point of failure', () => {
    const w = warnings(san({ hbas: 1, switches: 1, ports: 1 }));
    expect(w).toHaveLength(3);
    expect(w.join('\n')).toContain('HBA h1/hba0 is a single point of failure');
    expect(w.join('\n')).toContain('switch swA is a single point of failure');
    expect(w.join('\n')).toContain('array port a1/fc0 is a single point of failure');
  });

  it('dual independent fabrics with the LDEV on two ports: no warning', () => {
    expect(warnings(san({ hbas: 2, switches: 2, ports: 2 }))).toEqual([]);
  });

  it('two switches joined by an ISL are one fabric: no single element fails it all, but the fabric is single', () => {
    const w = warnings(san({ hbas: 2, switches: 2, isl: true, ports: 2 }));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('every path crosses one fabric (swA)');
  });

  it('two HBAs on one switch: the switch is the single point of failure, not the HBAs', () => {
    const w = warnings(san({ hbas: 2, switches: 1, ports: 2 }));
    expect(w).toEqual([expect.stringContaining('switch swA is a single point of failure')]);
  });
});
