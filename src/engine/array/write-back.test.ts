/**
 * Write-back coalescing, destage in idle time and the write-pending limit, end to end through
 * the simulation (small SAN: ssd0 on an 8-disk SSD RAID5 group, hdd0 on an 8-disk 15k RAID5
 * group, one array).
 */
import { describe, expect, it } from 'vitest';
import { RAID_WRITE_PENALTY, TIER_MODELS, WRITE_BEHIND_DELAY_US, WRITE_PENDING_LIMIT } from '../constants.ts';
import { createSimulation, type EngineSimulationHandle } from '../simulation.ts';
import { lunTarget, smallSan, type SmallSanOptions } from '../testing/small-sans.ts';
import type { Workload } from '../../model/topology.ts';

type Spec = Partial<Omit<Workload, 'target'>> & Pick<Workload, 'id' | 'rw'> & { lun: number };

function run(workloads: Spec[], durationS: number, opts: SmallSanOptions = {}): EngineSimulationHandle {
  const b = smallSan(opts);
  for (const { lun, ...w } of workloads) b.workload('h1', { startAtS: 0, ...w, target: lunTarget(lun) });
  const sim = createSimulation(b.build({ durationS }));
  sim.runUntil(sim.endUs());
  return sim;
}

/** Destages of a group: charged plus still queued (every scheduled one is charged eventually). */
function destages(sim: EngineSimulationHandle, group: 'pg-ssd' | 'pg-hdd'): number {
  const s = sim.parityGroupStats(`arr1/${group}`)!;
  return s.destages + s.pendingDestages;
}

const writesOf = (sim: EngineSimulationHandle, ldev: string): number => {
  const l = sim.report().ldevs[ldev];
  return Math.round(l.writeIops * sim.report().simSeconds);
};

describe('write-back › coalescing', () => {
  it('rewriting one hot track costs about one destage per write-behind window, not one per write', () => {
    const seconds = 10;
    const sim = run([{ id: 'hot', rw: 'randwrite', bs: '4k', size: '4k', iodepth: 1, lun: 1 }], seconds);
    const writes = writesOf(sim, 'hdd0');
    expect(writes).toBeGreaterThan(10_000); // acknowledged from cache, ~0.2 ms each
    const windows = (seconds * 1_000_000) / WRITE_BEHIND_DELAY_US;
    const d = destages(sim, 'pg-hdd');
    expect(d).toBeGreaterThanOrEqual(windows - 1);
    expect(d).toBeLessThanOrEqual(windows + 1);
    expect(sim.report().ldevs.hdd0.writesMergedPct).toBeGreaterThan(99.8);
  });

  it('random writes over a huge LDEV still cost one destage each', () => {
    // 64 GiB LDEV = 262,144 tracks: 3,000 random writes almost never meet a dirty track.
    const sim = run([{ id: 'spread', rw: 'randwrite', bs: '4k', rate_iops: 300, lun: 0 }], 10);
    const writes = writesOf(sim, 'ssd0');
    expect(writes).toBeGreaterThan(2500);
    const d = destages(sim, 'pg-ssd');
    expect(d).toBeGreaterThan(writes * 0.99);
    expect(d).toBeLessThanOrEqual(writes);
    expect(sim.report().ldevs.ssd0.writesMergedPct).toBeLessThan(1);
  });

  it('merges a Zipf-skewed write load, far more than a uniform one over the same set', () => {
    // 16 GiB = 65,536 tracks, 2,000 writes/s: a uniform track is rewritten within its ~1 s dirty
    // window ~3 % of the time; Zipf(1.1) concentrates writes on few hot tracks (scattered over the set).
    const spec = { rw: 'randwrite', bs: '8k', size: '16g', rate_iops: 2000, lun: 0 } as const;
    const zipf = run([{ id: 'z', ...spec, skew: { kind: 'zipf', theta: 1.1 } }], 5);
    const uniform = run([{ id: 'u', ...spec }], 5);
    const z = zipf.report().ldevs.ssd0.writesMergedPct;
    const u = uniform.report().ldevs.ssd0.writesMergedPct;
    expect(z).toBeGreaterThan(40);
    expect(u).toBeGreaterThan(1);
    expect(u).toBeLessThan(6);
    expect(z).toBeGreaterThan(8 * u);
    expect(destages(zipf, 'pg-ssd')).toBeLessThan(0.6 * writesOf(zipf, 'ssd0'));
    expect(destages(uniform, 'pg-ssd')).toBeGreaterThan(0.94 * writesOf(uniform, 'ssd0'));
  });

  it('charges each destage no earlier than its due time', () => {
    // Writes to new tracks ~10 times a second on idle disks: a write's destage is due 1 s after
    // its acceptance and runs at the first touch of the group after that (the next write).
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'write', bs: '256k', rate_iops: 10, startAtS: 0, target: lunTarget(1) });
    const issued: number[] = [];
    const sim = createSimulation(b.build({ durationS: 5 }), { onComplete: (io) => issued.push(io.issueUs) });
    sim.runUntil(900_000);
    expect(sim.parityGroupStats('arr1/pg-hdd')!.destages).toBe(0);
    expect(sim.parityGroupStats('arr1/pg-hdd')!.pendingDestages).toBeGreaterThan(3);
    sim.runUntil(sim.endUs());
    const s = sim.parityGroupStats('arr1/pg-hdd')!;
    // The last touch is the last write; everything accepted 1 s (+ the 0.2 ms path) before it ran.
    const lastUs = issued[issued.length - 1];
    const dueByLast = issued.filter((t) => t + WRITE_BEHIND_DELAY_US + 300 <= lastUs).length;
    const notDueByLast = issued.filter((t) => t + WRITE_BEHIND_DELAY_US > lastUs).length;
    expect(s.destages).toBeGreaterThanOrEqual(dueByLast);
    expect(s.destages).toBeLessThanOrEqual(issued.length - notDueByLast);
    expect(s.destages + s.pendingDestages).toBe(issued.length);
  });
});

describe('write-back › destage in idle time', () => {
  it('a backlog of queued destages does not make reads wait for it', () => {
    // 1 s of random writes to hdd0 at cache speed queues thousands of destages (many seconds of
    // disk time); the reads that follow wait at most for one destage already in progress on a
    // disk (a RAID5 read-modify-write: 2 operations on each of its 2 disks), not for the backlog.
    const b = smallSan();
    b.workload('h1', { id: 'burst', rw: 'randwrite', bs: '4k', iodepth: 8, runtime: 1, startAtS: 0, target: lunTarget(1) });
    b.workload('h1', { id: 'reader', rw: 'randread', bs: '4k', iodepth: 1, startAtS: 2, target: lunTarget(1) });
    const readUs: number[] = [];
    const sim = createSimulation(b.build({ durationS: 6 }), { onComplete: (io) => io.write || readUs.push(io.doneUs - io.issueUs) });
    sim.runUntil(sim.endUs());
    const pg = sim.parityGroupStats('arr1/pg-hdd')!;
    expect(pg.destages).toBeGreaterThan(1000); // destages did run meanwhile, in the disks' idle time
    expect(pg.pendingDestages).toBeGreaterThan(1000); // and a backlog remains
    const missUs = TIER_MODELS.hdd15k.positioningUs + 4096 / TIER_MODELS.hdd15k.mediaBytesPerUs;
    const destagePerDiskUs = (RAID_WRITE_PENALTY.RAID5 * missUs) / 2;
    expect(readUs.length).toBeGreaterThan(200);
    expect(Math.max(...readUs)).toBeLessThan(missUs + destagePerDiskUs + 1000);
    expect(readUs.reduce((a, x) => a + x, 0) / readUs.length).toBeLessThan(missUs + destagePerDiskUs);
  });

  it('destages run at the group’s back-end rate when it has nothing else to do', () => {
    const sim = run([{ id: 'w', rw: 'randwrite', bs: '4k', iodepth: 8, lun: 1 }], 10, { cacheGiB: 64 });
    const perDiskUs = (RAID_WRITE_PENALTY.RAID5 * (TIER_MODELS.hdd15k.positioningUs + 4096 / TIER_MODELS.hdd15k.mediaBytesPerUs)) / 2;
    const capacityPerS = (8 / 2) * (1_000_000 / perDiskUs); // 4 pairs of disks
    const ran = sim.parityGroupStats('arr1/pg-hdd')!.destages;
    // Nothing is due in the first second; afterwards the disks destage continuously.
    expect(ran).toBeGreaterThan(0.85 * capacityPerS * 9);
    expect(ran).toBeLessThan(1.02 * capacityPerS * 9);
  });
});

describe('write-back › write-pending limit', () => {
  const cacheGiB = 1 / 4; // 1,024 slots → limit 512 pending destages

  it('throttles writes to back-end speed once the array’s write pending reaches the limit', () => {
    const b = smallSan({ cacheGiB });
    b.workload('h1', { id: 'w', rw: 'randwrite', bs: '4k', iodepth: 8, startAtS: 0, target: lunTarget(1) });
    const sim = createSimulation(b.build({ durationS: 20 }));
    const limit = Math.floor(1024 * WRITE_PENDING_LIMIT);
    let maxPending = 0;
    for (let t = 1; t <= 20; t++) {
      sim.runUntil(t * 1_000_000);
      const c = sim.cacheStats('arr1')!;
      expect(c.writePendingLimit).toBe(limit);
      maxPending = Math.max(maxPending, c.writePending);
      expect(c.writePending).toBeLessThanOrEqual(limit);
    }
    expect(maxPending).toBe(limit);
    const l = sim.report().ldevs.hdd0;
    expect(l.writesThrottledPct).toBeGreaterThan(80);
    // 8 disks × ~180 ops/s ÷ 4 ops per RAID5 small write ≈ 360 writes/s, shared with the idle-time destages.
    expect(l.writeIops).toBeGreaterThan(200);
    expect(l.writeIops).toBeLessThan(500);
    expect(l.responseMsMean).toBeGreaterThan(10);
  });

  it('does not throttle when the back end keeps up', () => {
    const sim = run([{ id: 'w', rw: 'randwrite', bs: '4k', rate_iops: 200, lun: 1 }], 20, { cacheGiB });
    const l = sim.report().ldevs.hdd0;
    expect(l.writesThrottledPct).toBe(0);
    expect(l.responseMsP99).toBeLessThan(0.3); // all acknowledged from cache
  });

  it('gives identical reports whether run in one call or in 1,000 slices (limit reached, merges, reads)', () => {
    const scenario = (): ReturnType<ReturnType<typeof smallSan>['build']> => {
      const b = smallSan({ cacheGiB });
      b.workload('h1', { id: 'w', rw: 'randrw', rwmixread: 50, bs: '4k', iodepth: 8, size: '1g', skew: { kind: 'zipf', theta: 0.8 }, startAtS: 0, target: lunTarget(1) });
      b.workload('h1', { id: 's', rw: 'write', bs: '64k', iodepth: 2, startAtS: 1, target: lunTarget(0) });
      return b.build({ durationS: 8 });
    };
    const whole = createSimulation(scenario());
    whole.runUntil(whole.endUs());
    const sliced = createSimulation(scenario());
    const end = sliced.endUs();
    for (let i = 1; i <= 1000; i++) sliced.runUntil(Math.round((end * i) / 1000));
    expect(whole.report().ldevs.hdd0.writesThrottledPct).toBeGreaterThan(0);
    expect(whole.report().ldevs.hdd0.writesMergedPct).toBeGreaterThan(0);
    expect(sliced.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(sliced.report())).toBe(JSON.stringify(whole.report()));
    expect(sliced.parityGroupStats('arr1/pg-hdd')).toEqual(whole.parityGroupStats('arr1/pg-hdd'));
  });
});
