import { describe, expect, it } from 'vitest';
import { CompileError, compileScenario } from './compile.ts';
import { createSimulation } from './simulation.ts';
import { smallSan, lunTarget } from './testing/small-sans.ts';
import type { Scenario } from '../model/scenario.ts';
import type { DiskArray, Server } from '../model/topology.ts';

function compileError(mutate: (s: Scenario) => void): CompileError {
  const s = smallSan().workload('h1', { id: 'w', rw: 'randread', target: lunTarget(0) }).build();
  mutate(s);
  try {
    createSimulation(s);
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  throw new Error('expected a CompileError');
}

const arr = (s: Scenario): DiskArray => s.topology.devices.find((d) => d.id === 'arr1') as DiskArray;
const host = (s: Scenario): Server => s.topology.devices.find((d) => d.id === 'h1') as Server;

describe('compile › errors name the device and the field', () => {
  it('an LDEV on a missing parity group', () => {
    const e = compileError((s) => (arr(s).ldevs[1].parityGroupId = 'nope'));
    expect([e.deviceId, e.field]).toEqual(['arr1', 'ldevs[1].parityGroupId']);
    expect(e.message).toContain('nope');
  });

  it('a workload aimed at a port the array does not have', () => {
    const e = compileError((s) => (host(s).workloads[0].target.portId = 'CL9-Z'));
    expect([e.deviceId, e.field]).toEqual(['h1', 'workloads[0].target.portId']);
  });

  it('a workload aimed at a missing array', () => {
    const e = compileError((s) => (host(s).workloads[0].target.arrayId = 'ghost'));
    expect([e.deviceId, e.field]).toEqual(['h1', 'workloads[0].target.arrayId']);
  });

  it('an LU path to a missing LDEV', () => {
    const e = compileError((s) => (arr(s).luPaths[0].ldevId = 'gone'));
    expect([e.deviceId, e.field]).toEqual(['arr1', 'luPaths[0].ldevId']);
  });

  it('a link to a port its device does not have', () => {
    const e = compileError((s) => (s.topology.links[0].b.portId = 'p99'));
    expect([e.deviceId, e.field]).toEqual(['l1', 'b.portId']);
  });

  it('a timeline action on an unknown workload', () => {
    const e = compileError((s) => s.timeline.push({ atS: 1, action: { type: 'startWorkload', serverId: 'h1', workloadId: 'zz' } }));
    expect([e.deviceId, e.field]).toEqual(['h1', 'timeline[0].action.workloadId']);
  });

  it('a duplicate LDEV id', () => {
    const e = compileError((s) => {
      arr(s).ldevs[1].id = 'ssd0';
      arr(s).luPaths.pop();
    });
    expect([e.deviceId, e.field]).toEqual(['arr1', 'ldevs[1].id']);
  });
});

describe('compile › runtime model', () => {
  it('indexes LDEVs and links sorted by id and sizes the cache in tracks', () => {
    const m = compileScenario(smallSan({ cacheGiB: 2 }).build(), 1);
    expect(m.ldevs.map((l) => l.id)).toEqual(['hdd0', 'ssd0']);
    expect(m.links.map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(m.arrays[0].cacheSlots).toBe((2 * 1024 * 1024) / 256);
    expect(m.ldevs[0].trackCount).toBe((64 * 1024 * 1024) / 256);
    expect(m.links[0].bytesPerUs).toBe(800); // 8 GFC
  });
});
