/**
 * LUN security changed during a run (`raidcom add|delete lun`, `raidcom add|delete host_grp`):
 * a workload refused for a missing LU path or host group reaches its LDEV once it is mapped,
 * and is refused again when it is removed; bad references are refused and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation.ts';
import { SanBuilder } from '../testing/san-builder.ts';

const S = 1_000_000;

function sim() {
  const b = new SanBuilder('lun');
  b.server('h1').fcSwitch('sw1', { ports: 4 }).array('a1', { ports: 2 }).parityGroup('a1', 'pg1', 'ssd');
  b.ldev('a1', 'L1', 'pg1', 1).ldev('a1', 'L2', 'pg1', 1);
  b.connect('h1/hba0', 'sw1').connect('sw1', 'a1/fc0').connect('sw1', 'a1/fc1');
  b.hostGroup('a1', 'hg1', 'fc0', { servers: ['h1'] });
  b.luPath('a1', 'fc0', 'hg1', 0, 'L1');
  b.workload('h1', { id: 'w0', rw: 'randwrite', rate_iops: 100, startAtS: 0, target: { arrayId: 'a1', portId: 'fc0', lun: 0 } });
  b.workload('h1', { id: 'w5', rw: 'randwrite', rate_iops: 100, startAtS: 0, target: { arrayId: 'a1', portId: 'fc0', lun: 5 } });
  b.workload('h1', { id: 'wfc1', rw: 'randwrite', rate_iops: 100, startAtS: 0, target: { arrayId: 'a1', portId: 'fc1', lun: 0 } });
  return createSimulation(b.build({ durationS: 10 }));
}

const reason = (s: ReturnType<typeof sim>, id: string) => s.snapshot().workloads.find((w) => w.workloadId === id)!.rejectReason;

describe('engine › LUN security at run time', () => {
  it('raidcom add lun maps an LDEV at once; delete lun unmaps it', () => {
    const s = sim();
    s.runUntil(1 * S);
    expect(reason(s, 'w5')).toBe('no-lu-path');
    expect(s.apply({ type: 'setLuPath', arrayId: 'a1', portId: 'fc0', hostGroupId: 'hg1', lun: 5, ldevId: 'L2' }).ok).toBe(true);
    expect(reason(s, 'w5')).toBeNull();
    s.runUntil(3 * S);
    expect(s.report().ldevs.L2.writeIops).toBeGreaterThan(30);
    expect(s.apply({ type: 'setLuPath', arrayId: 'a1', portId: 'fc0', hostGroupId: 'hg1', lun: 5 }).ok).toBe(true);
    expect(reason(s, 'w5')).toBe('no-lu-path');
    expect(s.apply({ type: 'setLuPath', arrayId: 'a1', portId: 'fc0', hostGroupId: 'hg1', lun: 5 })).toMatchObject({ ok: false });
  });

  it('raidcom add host_grp on another port, add hba_wwn and add lun open a second path; delete host_grp closes it', () => {
    const s = sim();
    s.runUntil(1 * S);
    expect(reason(s, 'wfc1')).toBe('not-in-host-group');
    const wwpn = s.scenario.topology.devices.find((d) => d.id === 'h1')!.ports.find((p) => p.kind === 'fc')!.wwpn!;
    expect(s.apply({ type: 'setHostGroup', arrayId: 'a1', hostGroupId: 'hg2', portId: 'fc1', present: true }).ok).toBe(true);
    expect(s.apply({ type: 'setHostGroupWwpn', arrayId: 'a1', hostGroupId: 'hg2', wwpn, member: true }).ok).toBe(true);
    expect(reason(s, 'wfc1')).toBe('no-lu-path');
    expect(s.apply({ type: 'setLuPath', arrayId: 'a1', portId: 'fc1', hostGroupId: 'hg2', lun: 0, ldevId: 'L1' }).ok).toBe(true);
    expect(reason(s, 'wfc1')).toBeNull();
    expect(s.apply({ type: 'setHostGroup', arrayId: 'a1', hostGroupId: 'hg2', portId: 'fc1', present: false }).ok).toBe(true);
    expect(reason(s, 'wfc1')).toBe('not-in-host-group');
    // Refusals name what is wrong and change nothing.
    expect(s.apply({ type: 'setLuPath', arrayId: 'a1', portId: 'fc1', hostGroupId: 'hg1', lun: 1, ldevId: 'L2' }).message).toContain('is on port fc0');
    expect(s.apply({ type: 'setLuPath', arrayId: 'a1', portId: 'fc0', hostGroupId: 'hg1', lun: 1, ldevId: 'NOPE' }).message).toContain('no LDEV');
    expect(s.apply({ type: 'setHostGroup', arrayId: 'a1', hostGroupId: 'hg1', portId: 'fc1', present: true }).message).toContain('already exists on port fc0');
    expect(reason(s, 'w0')).toBeNull();
  });
});
