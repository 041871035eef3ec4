import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation.ts';
import { smallSan, lunTarget } from './testing/small-sans.ts';
import type { Scenario } from '../model/scenario.ts';

/** A 120 s run with closed and open loops, zipf, a timeline start/stop and a setWorkload. */
function busyScenario(seed = 7): Scenario {
  const b = smallSan({ cacheGiB: 2 });
  b.workload('h1', { id: 'oltp', rw: 'randrw', rwmixread: 70, iodepth: 4, skew: { kind: 'zipf', theta: 1.0 }, size: '8g', startAtS: 0, target: lunTarget(0) });
  b.workload('h1', { id: 'poisson', rw: 'randread', rate_iops: 150, startAtS: 0, target: lunTarget(1) });
  b.workload('h1', { id: 'seq', rw: 'write', bs: '64k', iodepth: 2, target: lunTarget(1) });
  b.at(20, { type: 'startWorkload', serverId: 'h1', workloadId: 'seq' });
  b.at(60, { type: 'setWorkload', serverId: 'h1', workloadId: 'oltp', changes: { iodepth: 8 } });
  b.at(90, { type: 'stopWorkload', serverId: 'h1', workloadId: 'seq' });
  return b.build({ seed, durationS: 120 });
}

describe('simulation › determinism', () => {
  it('gives the same event-log hash and report for the same seed', () => {
    const a = createSimulation(busyScenario());
    const b = createSimulation(busyScenario());
    a.runUntil(a.endUs());
    b.runUntil(b.endUs());
    expect(a.eventLogHash()).toBe(b.eventLogHash());
    expect(JSON.stringify(a.report())).toBe(JSON.stringify(b.report()));
    expect(a.report().ldevs.ssd0.completedIos).toBeGreaterThan(1000);
  });

  it('gives a different hash for a different seed (option overrides the document)', () => {
    const a = createSimulation(busyScenario(), { seed: 1 });
    const b = createSimulation(busyScenario(), { seed: 2 });
    a.runUntil(10_000_000);
    b.runUntil(10_000_000);
    expect(a.seed).toBe(1);
    expect(a.report().seed).toBe(1);
    expect(a.eventLogHash()).not.toBe(b.eventLogHash());
  });

  it('gives identical reports whether run in one call or in 1,000 slices', () => {
    const whole = createSimulation(busyScenario());
    whole.runUntil(whole.endUs());
    const sliced = createSimulation(busyScenario());
    const end = sliced.endUs();
    for (let i = 1; i <= 1000; i++) sliced.runUntil(Math.round((end * i) / 1000));
    expect(sliced.nowUs()).toBe(end);
    expect(sliced.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(sliced.report())).toBe(JSON.stringify(whole.report()));
  });

  it('resumes after a maxEvents cut without changing the result', () => {
    const whole = createSimulation(busyScenario());
    whole.runUntil(5_000_000);
    const cut = createSimulation(busyScenario());
    let calls = 0;
    while (cut.nowUs() < 5_000_000) {
      expect(cut.runUntil(5_000_000, 997)).toBeLessThanOrEqual(997);
      calls++;
    }
    expect(calls).toBeGreaterThan(10);
    expect(cut.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(cut.report())).toBe(JSON.stringify(whole.report()));
  });

  it('clamps the clock to the end of the scenario', () => {
    const sim = createSimulation(busyScenario());
    sim.runUntil(10 * sim.endUs());
    expect(sim.nowUs()).toBe(sim.endUs());
    expect(sim.report().simSeconds).toBe(120);
  });
});

describe('simulation › closed loop', () => {
  it('obeys Little’s law: IOPS ≈ iodepth / mean response time', () => {
    for (const iodepth of [1, 4, 16]) {
      const b = smallSan();
      b.workload('h1', { id: 'w', rw: 'randread', iodepth, startAtS: 0, target: lunTarget(0) });
      const sim = createSimulation(b.build({ durationS: 5 }));
      sim.runUntil(sim.endUs());
      const l = sim.report().ldevs.ssd0;
      const predicted = iodepth / (l.responseMsMean / 1000);
      expect(l.readIops).toBeGreaterThan(predicted * 0.98);
      expect(l.readIops).toBeLessThan(predicted * 1.02);
    }
  });

  it('serves SSD reads far faster than 15k HDD reads', () => {
    const b = smallSan();
    b.workload('h1', { id: 's', rw: 'randread', iodepth: 1, startAtS: 0, target: lunTarget(0) });
    b.workload('h1', { id: 'h', rw: 'randread', iodepth: 1, startAtS: 0, target: lunTarget(1) });
    const sim = createSimulation(b.build({ durationS: 5 }));
    sim.runUntil(sim.endUs());
    const { ssd0, hdd0 } = sim.report().ldevs;
    expect(ssd0.responseMsMean).toBeLessThan(0.5);
    expect(hdd0.responseMsMean).toBeGreaterThan(5.5); // seek + rotation
    expect(hdd0.responseMsMean).toBeLessThan(6.5);
    expect(ssd0.readIops).toBeGreaterThan(10 * hdd0.readIops);
  });

  it('saturates an HDD group at about 180 IOPS per disk', () => {
    const b = smallSan();
    b.workload('h1', { id: 'h', rw: 'randread', iodepth: 64, startAtS: 0, target: lunTarget(1) });
    const sim = createSimulation(b.build({ durationS: 5 }));
    sim.runUntil(sim.endUs());
    const iops = sim.report().ldevs.hdd0.readIops;
    expect(iops).toBeGreaterThan(8 * 170);
    expect(iops).toBeLessThan(8 * 190);
  });
});

describe('simulation › cache', () => {
  const hitPct = (cacheGiB: number): number => {
    const b = smallSan({ cacheGiB });
    b.workload('h1', { id: 'z', rw: 'randread', iodepth: 8, skew: { kind: 'zipf', theta: 0.9 }, startAtS: 0, target: lunTarget(0) });
    const sim = createSimulation(b.build({ durationS: 5 }));
    sim.runUntil(sim.endUs());
    return sim.report().ldevs.ssd0.cacheHitPct;
  };

  it('hits more often with a larger cache for a zipf workload', () => {
    const [small, medium, large] = [0.25, 2, 16].map(hitPct);
    expect(small).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(small + 5);
    expect(large).toBeGreaterThan(medium + 5);
  });

  it('hits on every 4k sequential read after the first miss of each 256 KiB track', () => {
    const b = smallSan();
    b.workload('h1', { id: 'seq', rw: 'read', bs: '4k', iodepth: 1, startAtS: 0, target: lunTarget(0) });
    const sim = createSimulation(b.build({ durationS: 2 }));
    sim.runUntil(sim.endUs());
    expect(sim.report().ldevs.ssd0.cacheHitPct).toBeCloseTo((100 * 63) / 64, 0);
  });
});

describe('simulation › fabric load', () => {
  const utilisation = (iodepth: number): number => {
    const b = smallSan({ linkGbps: 1 });
    b.workload('h1', { id: 'seq', rw: 'read', bs: '64k', iodepth, startAtS: 0, target: lunTarget(0) });
    const sim = createSimulation(b.build({ durationS: 3 }));
    sim.runUntil(sim.endUs());
    return sim.report().links.l1.utilizationPct;
  };

  it('grows link utilisation with offered load, up to saturation', () => {
    const [one, four, many] = [1, 4, 32].map(utilisation);
    expect(one).toBeGreaterThan(5);
    expect(four).toBeGreaterThan(one * 1.5);
    expect(many).toBeGreaterThan(95);
    expect(many).toBeLessThanOrEqual(100);
  });
});

describe('simulation › timeline', () => {
  it('starts and stops a workload at its simulated times, visible in the series', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randread', iodepth: 2, target: lunTarget(0) });
    b.at(2, { type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    b.at(5, { type: 'stopWorkload', serverId: 'h1', workloadId: 'w' });
    const sim = createSimulation(b.build({ durationS: 8 }));
    sim.runUntil(4_000_000);
    const first = sim.drainTelemetry()!;
    sim.runUntil(sim.endUs());
    const second = sim.drainTelemetry()!;
    expect(sim.drainTelemetry()).toBeNull();
    expect(Array.from(first.timesS)).toEqual([1, 2, 3, 4]);
    expect(Array.from(second.timesS)).toEqual([5, 6, 7, 8]);
    const col = first.ldevIds.indexOf('ssd0');
    const iops = [...first.readIops, ...second.readIops].filter((_, i) => i % first.ldevIds.length === col);
    expect(iops[0]).toBe(0);
    expect(iops[1]).toBe(0);
    expect(iops[2]).toBeGreaterThan(1000);
    expect(iops[4]).toBeGreaterThan(1000);
    expect(iops[5]).toBeLessThanOrEqual(2); // the two in flight at the stop still complete
    expect(iops[6]).toBe(0);
    expect(iops[7]).toBe(0);
  });

  it('applies commands now, like timeline actions', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randread', iodepth: 1, target: lunTarget(0) });
    const sim = createSimulation(b.build({ durationS: 4 }));
    sim.runUntil(1_000_000);
    expect(sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' })).toEqual({ ok: true });
    expect(sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'nope' }).ok).toBe(false);
    sim.runUntil(2_000_000);
    expect(sim.apply({ type: 'setWorkload', serverId: 'h1', workloadId: 'w', changes: { iodepth: 8 } }).ok).toBe(true);
    sim.runUntil(sim.endUs());
    const f = sim.drainTelemetry()!;
    const col = f.ldevIds.indexOf('ssd0');
    const at = (s: number): number => f.readIops[s * f.ldevIds.length + col];
    expect(at(0)).toBe(0);
    expect(at(3)).toBeGreaterThan(3 * at(1));
  });

  it('stops a workload after its runtime', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randread', iodepth: 1, runtime: 2, startAtS: 1, target: lunTarget(0) });
    const sim = createSimulation(b.build({ durationS: 5 }));
    sim.runUntil(sim.endUs());
    const f = sim.drainTelemetry()!;
    const col = f.ldevIds.indexOf('ssd0');
    const iops = Array.from(f.timesS, (_, s) => f.readIops[s * f.ldevIds.length + col]);
    expect(iops[0]).toBe(0);
    expect(iops[1]).toBeGreaterThan(0);
    expect(iops[2]).toBeGreaterThan(0);
    expect(iops[3]).toBeLessThanOrEqual(1); // the one in flight at expiry completes
    expect(iops[4]).toBe(0);
  });
});

describe('simulation › track digests', () => {
  const run = (scenario: Scenario): ReturnType<typeof createSimulation> => {
    const sim = createSimulation(scenario);
    sim.runUntil(sim.endUs());
    return sim;
  };

  it('changes the digest of a written LDEV and leaves a read-only workload’s LDEV blank', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randwrite', iodepth: 1, startAtS: 0, target: lunTarget(0) });
    b.workload('h1', { id: 'r', rw: 'randread', iodepth: 1, startAtS: 0, target: lunTarget(1) });
    const sim = run(b.build({ durationS: 1 }));
    expect(sim.ldevDigest('ssd0')).not.toBe(0);
    expect(sim.ldevDigest('hdd0')).toBe(0);
  });

  it('gives the same digest for the same writes and a different one for another write order', () => {
    const twoWriters = (firstStarter: 'a' | 'b'): Scenario => {
      const b = smallSan();
      // Both write the same single track (size 256k), sequentially, one after the other.
      b.workload('h1', { id: 'a', rw: 'write', bs: '4k', size: '256k', iodepth: 1, runtime: 0.01, target: lunTarget(0) });
      b.workload('h1', { id: 'b', rw: 'write', bs: '4k', size: '256k', iodepth: 1, runtime: 0.01, target: lunTarget(0) });
      b.at(0, { type: 'startWorkload', serverId: 'h1', workloadId: firstStarter });
      b.at(0.5, { type: 'startWorkload', serverId: 'h1', workloadId: firstStarter === 'a' ? 'b' : 'a' });
      return b.build({ durationS: 1 });
    };
    const ab = run(twoWriters('a')).ldevDigest('ssd0');
    expect(run(twoWriters('a')).ldevDigest('ssd0')).toBe(ab);
    expect(run(twoWriters('b')).ldevDigest('ssd0')).not.toBe(ab);
  });
});

describe('simulation › commands', () => {
  it('refuses an invalid setWorkload without changing anything, not even the hash', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randread', iodepth: 1, startAtS: 0, target: lunTarget(0) });
    const sim = createSimulation(b.build({ durationS: 2 }));
    const twin = createSimulation(b.build({ durationS: 2 }));
    sim.runUntil(1_000_000);
    twin.runUntil(1_000_000);
    const r = sim.apply({ type: 'setWorkload', serverId: 'h1', workloadId: 'w', changes: { bs: '4 parsecs' } });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('h1/w');
    sim.runUntil(sim.endUs());
    twin.runUntil(twin.endUs());
    expect(sim.eventLogHash()).toBe(twin.eventLogHash());
  });
});

describe('simulation › completion timing', () => {
  /** Busy mix over slow (1 GFC) links, so a 256 KiB read's return trip spans ~5 ms. */
  function mixedScenario(durationS: number): Scenario {
    const b = smallSan({ linkGbps: 1, cacheGiB: 1 });
    b.workload('h1', { id: 'big', rw: 'randread', bs: '256k', iodepth: 2, startAtS: 0, target: lunTarget(0) });
    b.workload('h1', { id: 'oltp', rw: 'randrw', rwmixread: 60, bs: '8k', iodepth: 4, size: '2g', skew: { kind: 'zipf', theta: 0.9 }, startAtS: 0, target: lunTarget(1) });
    b.workload('h1', { id: 'poisson', rw: 'randwrite', bs: '4k', rate_iops: 300, startAtS: 0, target: lunTarget(0) });
    return b.build({ durationS });
  }

  it('counts each completion in the second in which it completed at the host', () => {
    const seconds = 12;
    const expected = new Map<string, number>(); // `${second}:${ldev}:${r|w}` → count
    const sim = createSimulation(mixedScenario(seconds), {
      onComplete: (io) => {
        if (io.rejected) return;
        const second = Math.ceil(io.doneUs / 1e6); // second s covers (s-1, s]
        const key = `${second}:${io.ldevId}:${io.write ? 'w' : 'r'}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      },
    });
    sim.runUntil(sim.endUs());
    const f = sim.drainTelemetry()!;
    expect(Array.from(f.timesS)).toEqual(Array.from({ length: seconds }, (_, i) => i + 1));
    let compared = 0;
    for (let s = 0; s < seconds; s++) {
      f.ldevIds.forEach((ldev, i) => {
        expect(f.readIops[s * f.ldevIds.length + i]).toBe(expected.get(`${s + 1}:${ldev}:r`) ?? 0);
        expect(f.writeIops[s * f.ldevIds.length + i]).toBe(expected.get(`${s + 1}:${ldev}:w`) ?? 0);
        compared++;
      });
    }
    expect(compared).toBe(2 * seconds);
  });

  it('never processes a completion before the I/O completed at the host, nor a µs after', () => {
    let checked = 0;
    let sim: ReturnType<typeof createSimulation> | null = null;
    sim = createSimulation(mixedScenario(3), {
      onComplete: (io) => {
        const now = sim!.nowUs();
        expect(io.doneUs).toBeLessThanOrEqual(now);
        expect(io.doneUs).toBeGreaterThan(now - 1);
        checked++;
      },
    });
    sim.runUntil(sim.endUs());
    expect(checked).toBeGreaterThan(3_000);
  });

  it('a stopWorkload command at t means the workload issues no I/O after t', () => {
    // 97 stop times spread over a 256 KiB read's cycle (most inside its ~5 ms return trip).
    for (let k = 0; k < 97; k++) {
      const t = 1_000_000 + k * 71;
      const issued: number[] = [];
      const sim = createSimulation(mixedScenario(2), { onComplete: (io) => io.workload === 'h1/big' && issued.push(io.issueUs) });
      sim.runUntil(t);
      expect(sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'big' })).toEqual({ ok: true });
      const before = issued.length;
      sim.runUntil(sim.endUs());
      expect(Math.max(...issued)).toBeLessThanOrEqual(t);
      expect(issued.length - before).toBeLessThanOrEqual(2); // only the two in flight at t complete
    }
  });

  it('a timeline stop or a runtime expiry at a fractional time issues nothing after it', () => {
    const b = smallSan({ linkGbps: 1 });
    b.workload('h1', { id: 'a', rw: 'randread', bs: '256k', iodepth: 3, startAtS: 0, target: lunTarget(0) });
    b.workload('h1', { id: 'b', rw: 'randrw', bs: '128k', iodepth: 2, startAtS: 0, runtime: 0.7777, target: lunTarget(0) });
    b.at(1.234567, { type: 'stopWorkload', serverId: 'h1', workloadId: 'a' });
    const last = new Map<string, number>();
    const sim = createSimulation(b.build({ durationS: 2 }), { onComplete: (io) => last.set(io.workload, Math.max(last.get(io.workload) ?? 0, io.issueUs)) });
    sim.runUntil(sim.endUs());
    expect(last.get('h1/a')).toBeGreaterThan(1_200_000);
    expect(last.get('h1/a')).toBeLessThanOrEqual(1_234_567);
    expect(last.get('h1/b')).toBeGreaterThan(700_000);
    expect(last.get('h1/b')).toBeLessThanOrEqual(777_700);
  });
});

describe('simulation › telemetry samples without a value', () => {
  it('has NaN cache hit % without reads and NaN response time without completions; the report keeps 0', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randwrite', iodepth: 1, startAtS: 0, target: lunTarget(0) }); // ssd0: writes only
    b.workload('h1', { id: 'r', rw: 'randread', iodepth: 1, startAtS: 2, target: lunTarget(1) }); // hdd0: idle, then reads
    const sim = createSimulation(b.build({ durationS: 4 }));
    sim.runUntil(sim.endUs());
    const f = sim.drainTelemetry()!;
    const n = f.ldevIds.length;
    const series = (m: Float64Array, id: string) => Array.from(f.timesS, (_, s) => m[s * n + f.ldevIds.indexOf(id)]);
    expect(series(f.cacheHitPct, 'ssd0').every(Number.isNaN)).toBe(true); // no reads at all
    expect(series(f.responseMsMean, 'ssd0').every((v) => v > 0)).toBe(true);
    const hddHit = series(f.cacheHitPct, 'hdd0');
    const hddMs = series(f.responseMsMean, 'hdd0');
    expect(hddHit.slice(0, 2).every(Number.isNaN)).toBe(true); // idle before 2 s
    expect(hddMs.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(hddHit.slice(2).every(Number.isFinite)).toBe(true);
    expect(hddMs.slice(2).every((v) => v > 1)).toBe(true);
    expect(series(f.readIops, 'hdd0').slice(0, 2)).toEqual([0, 0]); // counts stay 0, not NaN
    const report = sim.report();
    expect(report.ldevs.ssd0.cacheHitPct).toBe(0);
    expect(JSON.stringify(report)).not.toContain('null'); // no NaN leaked into the report
  });
});
