import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from './api.ts';
import { createSimulation, eventKindName } from './simulation.ts';
import { SanBuilder } from './testing/san-builder.ts';
import { lunTarget, smallSan } from './testing/small-sans.ts';
import type { Scenario } from '../model/scenario.ts';

/** Random writes on ssd0, reads on hdd0 from t = 0; a sequential writer that starts at 1 s. */
function mixedScenario(seed = 3): Scenario {
  const b = smallSan({ cacheGiB: 1 });
  b.workload('h1', { id: 'oltp', rw: 'randrw', rwmixread: 50, iodepth: 4, size: '4g', startAtS: 0, target: lunTarget(0) });
  b.workload('h1', { id: 'scan', rw: 'randread', iodepth: 1, startAtS: 0, target: lunTarget(1) });
  b.workload('h1', { id: 'seq', rw: 'write', bs: '64k', iodepth: 2, target: lunTarget(0) });
  b.at(1, { type: 'startWorkload', serverId: 'h1', workloadId: 'seq' });
  return b.build({ seed, durationS: 10 });
}

const at = (scenario: Scenario, seconds: number, seed?: number) => {
  const sim = createSimulation(scenario, seed === undefined ? {} : { seed });
  sim.runUntil(seconds * 1e6);
  return sim;
};

describe('snapshot › shape', () => {
  it('is plain JSON-serialisable data describing workloads, LDEVs, arrays and recent events', () => {
    const sim = at(mixedScenario(), 2);
    const s = sim.snapshot();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s).toMatchObject({ nowUs: 2e6, endUs: 10e6, eventLogHash: sim.eventLogHash(), events: sim.report().events });
    expect(s.workloads.map((w) => `${w.serverId}/${w.workloadId}`)).toEqual(['h1/oltp', 'h1/scan', 'h1/seq']);
    const [oltp, scan, seq] = s.workloads;
    expect(oltp).toMatchObject({ active: true, outstanding: 4, ldevId: 'ssd0', rejectReason: null, rejectedIos: 0 });
    expect(scan).toMatchObject({ active: true, outstanding: 1, ldevId: 'hdd0' });
    expect(seq).toMatchObject({ active: true, outstanding: 2, ldevId: 'ssd0' });
    const report = sim.report();
    expect(oltp.completedIos + seq.completedIos).toBe(report.ldevs.ssd0.completedIos);
    expect(scan.completedIos).toBe(report.ldevs.hdd0.completedIos);
    expect(Object.keys(s.ldevs)).toEqual(['hdd0', 'ssd0']);
    expect(s.ldevs.hdd0).toEqual({ arrayId: 'arr1', writtenTracks: 0, contentDigest: '00000000', readOnly: false });
    expect(s.ldevs.ssd0.writtenTracks).toBeGreaterThan(100);
    expect(s.ldevs.ssd0.contentDigest).toMatch(/^[0-9a-f]{8}$/);
    expect(s.ldevs.ssd0.contentDigest).toBe(sim.ldevDigest('ssd0').toString(16).padStart(8, '0'));
    const cache = sim.cacheStats('arr1')!;
    expect(s.arrays.arr1).toEqual({
      slots: cache.slots,
      usedSlots: cache.resident,
      dirtySlots: cache.dirty,
      writePendingPct: Math.round((100_000 * cache.writePending) / cache.slots) / 1000,
    });
    expect(s.arrays.arr1.dirtySlots).toBeGreaterThan(0);
    expect(s.arrays.arr1.usedSlots).toBeLessThanOrEqual(s.arrays.arr1.slots);
  });

  it('carries the last 50 event-log records, oldest first, named', () => {
    const sim = createSimulation(mixedScenario());
    expect(sim.snapshot().recentEvents).toEqual([]);
    sim.runUntil(1_500_000);
    const events = sim.snapshot().recentEvents;
    expect(events).toHaveLength(50);
    for (let i = 1; i < events.length; i++) expect(events[i].timeUs).toBeGreaterThanOrEqual(events[i - 1].timeUs);
    expect(events.at(-1)!.timeUs).toBeLessThanOrEqual(1_500_000);
    expect(new Set(events.map((e) => e.kind))).toContain('host-done');
    expect(sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'scan' })).toEqual({ ok: true });
    const after = sim.snapshot();
    expect(after.recentEvents.at(-1)).toEqual({ timeUs: sim.nowUs(), code: 201, a: 1, b: 1, kind: 'action:stopWorkload' });
    expect(after.workloads[1].active).toBe(false);
  });

  it('names every event-log code the engine records', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(eventKindName)).toEqual(['host-done', 'read-return', 'arrival', 'sample', 'timeline', 'start', 'expire', 'copy', 'job', 'runbook', 'policy']);
    expect([100, 101, 102, 103, 104, 105, 106].map(eventKindName)).toEqual([
      'reject:no-route',
      'reject:not-in-host-group',
      'reject:no-lu-path',
      'reject:read-only',
      'reject:queue-full',
      'reject:pair-state',
      'reject:backup-mode-full',
    ]);
    expect([200, 201, 202, 203, 207, 208, 209, 213, 218, 222].map(eventKindName)).toEqual([
      'action:startWorkload',
      'action:stopWorkload',
      'action:setWorkload',
      'action:pairCreate',
      'action:pairResync',
      'action:setReadOnly',
      'action:dbBackupMode',
      'action:backupJob',
      'action:startRunbook',
      'action:runPolicy',
    ]);
    expect([300, 302, 305, 308, 400].map(eventKindName)).toEqual(['pair-state:SMPL', 'pair-state:PAIR', 'pair-state:PSUS', 'pair-state:PSUE', 'pair-reject']);
    expect([11, 107, 108, 109, 223, 224, 225, 226, 311].map(eventKindName)).toEqual(['remote', 'reject:fence', 'reject:site-down', 'reject:zoning', 'action:setWanLink', 'action:siteLoss', 'action:verifyRemote', 'action:setZoning', 'pair-state:SSWS']);
    expect([12, 110, 111, 229, 230].map(eventKindName)).toEqual(['fault', 'reject:no-path', 'reject:ldev-blocked', 'action:setFault', 'action:moveVolume']);
    expect(eventKindName(13)).toBeNull();
    expect(eventKindName(112)).toBeNull();
    expect([227, 228].map(eventKindName)).toEqual(['action:setLuPath', 'action:setHostGroup']);
    expect(eventKindName(231)).toBeNull();
    expect(eventKindName(312)).toBeNull();
  });

  it('reports refused workloads: the reason, the LDEV when known, and the count', () => {
    const b = smallSan({ foreignHostGroup: true });
    b.workload('h1', { id: 'w', rw: 'randread', iodepth: 1, startAtS: 0, target: lunTarget(0) });
    const sim = at(b.build({ durationS: 2 }), 1);
    const s = sim.snapshot();
    expect(s.workloads[0]).toMatchObject({ rejectReason: 'not-in-host-group', completedIos: 0 });
    expect(s.workloads[0].rejectedIos).toBe(sim.report().rejectedIos.total);
    expect(s.workloads[0].rejectedIos).toBeGreaterThan(1000);
    expect(s.recentEvents.some((e) => e.kind === 'reject:not-in-host-group')).toBe(true);

    const ro = smallSan({ readOnlyHdd: true });
    ro.workload('h1', { id: 'w', rw: 'randwrite', iodepth: 1, startAtS: 0, target: lunTarget(1) });
    const rs = at(ro.build({ durationS: 2 }), 1).snapshot();
    expect(rs.ldevs.hdd0).toMatchObject({ readOnly: true, writtenTracks: 0 });
    expect(rs.workloads[0]).toMatchObject({ ldevId: 'hdd0', rejectReason: null, completedIos: 0 });
    expect(rs.workloads[0].rejectedIos).toBeGreaterThan(0);
  });
});

describe('snapshot › a copy', () => {
  it('is frozen and never aliases engine state: mutating it changes nothing', () => {
    const sim = at(mixedScenario(), 2);
    const s = sim.snapshot();
    const json = JSON.stringify(s);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.workloads[0])).toBe(true);
    expect(Object.isFrozen(s.ldevs.ssd0)).toBe(true);
    expect(Object.isFrozen(s.recentEvents)).toBe(true);
    const copy = structuredClone(s) as EngineSnapshot & { nowUs: number; workloads: unknown[] };
    expect(() => {
      (s.workloads[0] as { completedIos: number }).completedIos = -1;
    }).toThrow(TypeError);
    expect(() => {
      (s.ldevs as Record<string, unknown>).ssd0 = null;
    }).toThrow(TypeError);
    copy.workloads.length = 0; // a clone is not frozen; changing it changes nothing either
    copy.nowUs = 0;
    expect(JSON.stringify(s)).toBe(json);
    expect(JSON.stringify(sim.snapshot())).toBe(json); // the engine did not move either
  });

  it('a later snapshot differs after more events; the earlier one stays as it was', () => {
    const sim = at(mixedScenario(), 2);
    const before = sim.snapshot();
    const json = JSON.stringify(before);
    sim.runUntil(3e6);
    const after = sim.snapshot();
    expect(JSON.stringify(before)).toBe(json);
    expect(after.nowUs).toBe(3e6);
    expect(after.events).toBeGreaterThan(before.events);
    expect(after.eventLogHash).not.toBe(before.eventLogHash);
    expect(after.workloads[0].completedIos).toBeGreaterThan(before.workloads[0].completedIos);
    expect(after.recentEvents).not.toEqual(before.recentEvents);
  });

  it('written tracks grow with writes and stay put without them', () => {
    const sim = createSimulation(mixedScenario());
    const tracks = [0, 1, 2, 3].map((s) => {
      if (s > 0) sim.runUntil(s * 1e6);
      return sim.snapshot().ldevs.ssd0.writtenTracks;
    });
    expect(tracks[0]).toBe(0); // nothing has run: not even the writes issued at t = 0
    expect(tracks[1]).toBeGreaterThan(0);
    expect(tracks[2]).toBeGreaterThan(tracks[1]);
    expect(tracks[3]).toBeGreaterThan(tracks[2]);
    sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'oltp' });
    sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'seq' });
    sim.runUntil(3.1e6); // the I/Os in flight at the stop complete
    const stopped = sim.snapshot().ldevs.ssd0;
    sim.runUntil(5e6);
    expect(sim.snapshot().ldevs.ssd0).toEqual(stopped);
    expect(sim.snapshot().ldevs.hdd0.writtenTracks).toBe(0); // reads write nothing
  });
});

describe('snapshot › determinism and content', () => {
  it('the same seed gives deep-equal snapshots, whole or in slices; another seed does not', () => {
    const a = at(mixedScenario(), 4).snapshot();
    const b = at(mixedScenario(), 4).snapshot();
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const sliced = createSimulation(mixedScenario());
    for (let i = 1; i <= 400; i++) sliced.runUntil(i * 10_000);
    expect(sliced.snapshot()).toEqual(a);
    const other = at(mixedScenario(), 4, 99).snapshot();
    expect(other.eventLogHash).not.toBe(a.eventLogHash);
    expect(other.ldevs.ssd0.contentDigest).not.toBe(a.ldevs.ssd0.contentDigest);
  });

  /**
   * Two identical SSD parity groups with one LDEV each (`vol-a`, `vol-b`); LUN 0 maps to `lun0`
   * and LUN 1 to the other. A writer on LUN 0 (and optionally one on LUN 1) writes the same
   * I/Os in the same order whichever volume LUN 0 is.
   */
  function twinVolumes(lun0: 'vol-a' | 'vol-b', opts: { seed?: number; bs?: string; both?: boolean } = {}): Scenario {
    const b = new SanBuilder('twins');
    b.server('h1').fcSwitch('sw1', { ports: 4 });
    b.array('arr1', { ports: 1, cacheGiB: 1 });
    b.parityGroup('arr1', 'pg-a', 'ssd').parityGroup('arr1', 'pg-b', 'ssd');
    b.ldev('arr1', 'vol-a', 'pg-a', 16).ldev('arr1', 'vol-b', 'pg-b', 16);
    b.connect('h1/hba0', 'sw1').connect('sw1', 'arr1/fc0');
    const lun1 = lun0 === 'vol-a' ? 'vol-b' : 'vol-a';
    b.hostGroup('arr1', 'hg1', 'fc0', { servers: ['h1'] }).luPath('arr1', 'fc0', 'hg1', 0, lun0).luPath('arr1', 'fc0', 'hg1', 1, lun1);
    b.workload('h1', { id: 'w0', rw: 'randwrite', bs: opts.bs ?? '16k', iodepth: 2, size: '2g', startAtS: 0, target: lunTarget(0) });
    if (opts.both) b.workload('h1', { id: 'w1', rw: 'randwrite', bs: opts.bs ?? '16k', iodepth: 2, size: '2g', startAtS: 0, target: lunTarget(1) });
    return b.build({ seed: opts.seed ?? 5, durationS: 2 });
  }

  it('content digests of two LDEVs written identically are equal, and differ otherwise', () => {
    const onA = at(twinVolumes('vol-a'), 2).snapshot();
    const onB = at(twinVolumes('vol-b'), 2).snapshot();
    expect(onA.ldevs['vol-a'].writtenTracks).toBeGreaterThan(1000);
    expect(onB.ldevs['vol-b']).toEqual(onA.ldevs['vol-a']); // same tracks, same writes, same order
    expect(onA.ldevs['vol-b'].contentDigest).toBe('00000000');
    expect(onA.ldevs['vol-a'].contentDigest).not.toBe(onA.ldevs['vol-b'].contentDigest);
    // Other writes (another seed: other blocks; another block size: other offsets) → other content.
    const seed = at(twinVolumes('vol-a', { seed: 6 }), 2).snapshot().ldevs['vol-a'];
    expect(seed.contentDigest).not.toBe(onA.ldevs['vol-a'].contentDigest);
    const bs = at(twinVolumes('vol-a', { bs: '8k' }), 2).snapshot().ldevs['vol-a'];
    expect(bs.contentDigest).not.toBe(onA.ldevs['vol-a'].contentDigest);
    // Two writers on two volumes at once: different writers → different content.
    const both = at(twinVolumes('vol-a', { both: true }), 2).snapshot();
    expect(both.ldevs['vol-b'].writtenTracks).toBeGreaterThan(1000);
    expect(both.ldevs['vol-a'].contentDigest).not.toBe(both.ldevs['vol-b'].contentDigest);
  });
});
