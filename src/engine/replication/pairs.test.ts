/**
 * Pair semantics end to end through the simulation: create → PAIR, update copy lag, steady
 * and quick split, differential resync of the union, PSUE full copy, restore, delete,
 * acceptance rules, host mirror duplexing, cascades, snapshots and pools.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import { createSimulation } from '../simulation.ts';
import { smallSan, lunTarget } from '../testing/small-sans.ts';

const US = 1_000_000;

/** small SAN + LDEVs p/s/t on the HDD group (1 GiB = 4096 tracks), a local group G (p→s) and a cascade C (s→t). */
function san(opts: { writes?: number; iodepth?: number } = {}) {
  const b = smallSan();
  b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1).ldev('arr1', 't', 'pg-ssd', 1).ldev('arr1', 'small', 'pg-ssd', 0.5);
  b.luPath('arr1', 'fc0', 'hg1', 2, 'p').luPath('arr1', 'fc0', 'hg1', 3, 's').luPath('arr1', 'fc0', 'hg1', 4, 't');
  b.pool('arr1', 'pool1', 'pg-ssd', 0.25);
  b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd1', pvol: 'p', svol: 's' }] });
  b.copyGroup({ id: 'C', kind: 'local', devices: [{ name: 'd1', pvol: 's', svol: 't' }] });
  b.copyGroup({ id: 'BAD', kind: 'local', devices: [{ name: 'd1', pvol: 'p', svol: 'small' }] });
  b.copyGroup({ id: 'SN', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g0', pvol: 'p', mu: 0 }, { name: 'g1', pvol: 'p', mu: 1 }] });
  b.workload('h1', { id: 'w', target: lunTarget(2), rw: 'randwrite', bs: '64k', iodepth: opts.iodepth ?? 4 } as never);
  b.workload('h1', { id: 'sw', target: lunTarget(3), rw: 'randwrite', bs: '64k', iodepth: 2 } as never);
  return b.build({ durationS: 600 });
}

function run(actions: [number, Action][], until: number) {
  const sim = createSimulation(san());
  for (const [atS, a] of actions) {
    sim.runUntil(atS * US);
    const r = sim.apply(a);
    if (!r.ok) throw new Error(`${a.type} at ${atS}: ${r.code} ${r.message}`);
  }
  sim.runUntil(until * US);
  return sim;
}

const pair = (sim: ReturnType<typeof createSimulation>, key = 'G/d1') => sim.replicationStatus().pairs.find((p) => p.key === key)!;

describe('local pairs', () => {
  it('creates (empty volumes → PAIR at once), copies updates, splits with S = P at split time, resyncs the union', () => {
    const start: Action = { type: 'startWorkload', serverId: 'h1', workloadId: 'w' };
    const sim = run([[0, { type: 'pairCreate', group: 'G', pace: 3, split: false }], [0, start]], 5);
    expect(pair(sim).state).toBe('PAIR');
    expect(sim.apply({ type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' }).ok).toBe(true);
    const atSplit = sim.report().pairs['G/d1'].pDigestAtSplit;
    expect(['COPY(SP)', 'PSUS']).toContain(pair(sim).state);
    sim.runUntil(20 * US);
    expect(pair(sim).state).toBe('PSUS');
    const r = sim.report().pairs['G/d1'];
    expect(r.svolDigest).toBe(atSplit);
    expect(sim.report().ldevs.p.contentDigest).not.toBe(atSplit); // P moved on
    const dirty = pair(sim).dirtyTracks;
    expect(dirty).toBeGreaterThan(0);
    expect(sim.apply({ type: 'pairResync', group: 'G', restore: false }).ok).toBe(true);
    expect(pair(sim).state).toBe('COPY(RS)');
    sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(200 * US);
    expect(pair(sim).state).toBe('PAIR');
    const rs = sim.report().pairs['G/d1'].copies.find((c) => c.reason === 'resync-union')!;
    expect(rs.tracksPlanned).toBe(dirty);
    sim.runUntil(210 * US);
    expect(sim.report().ldevs.s.contentDigest).toBe(sim.report().ldevs.p.contentDigest);
  });

  it('rejects what the state does not allow, changing nothing; redundant commands succeed', () => {
    const sim = createSimulation(san());
    const split = sim.apply({ type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' });
    expect(split).toMatchObject({ ok: false, code: 'EX_INVSTP' });
    expect(sim.apply({ type: 'pairCreate', group: 'BAD', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_ENQSIZ' });
    expect(sim.apply({ type: 'pairCreate', group: 'NOPE', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_ENOGRP' });
    expect(sim.apply({ type: 'pairCreate', group: 'G', device: 'x', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_ENODEV' });
    expect(sim.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false }).ok).toBe(true);
    expect(sim.apply({ type: 'pairResync', group: 'G', restore: false })).toMatchObject({ ok: true, redundant: true });
    expect(pair(sim).state).toBe('PAIR');
    expect(sim.report().pairs['G/d1'].rejectedCommands).toBe(1);
  });

  it('quick split: S usable at once, each track copied at most once, S = P as of the split', () => {
    const sim = createSimulation(san({ iodepth: 8 }));
    sim.apply({ type: 'pairCreate', group: 'G', pace: 1, split: false });
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(3 * US);
    sim.apply({ type: 'pairSplit', group: 'G', mode: 'quick', access: 'rw' });
    const atSplit = sim.report().pairs['G/d1'].pDigestAtSplit;
    const pendingAtSplit = pair(sim).pendingTracks;
    expect(pair(sim).state).toBe(pendingAtSplit > 0 ? 'PSUS(SP)' : 'PSUS');
    sim.runUntil(60 * US);
    expect(pair(sim).state).toBe('PSUS');
    const drain = sim.report().pairs['G/d1'].copies.at(-1)!;
    expect(drain.reason).toBe('split-drain');
    expect(drain.tracks).toBe(pendingAtSplit);
    expect(sim.report().pairs['G/d1'].svolDigest).toBe(atSplit);
  });

  it('refuses host writes to a paired S-VOL and reads during a steady split', () => {
    const sim = createSimulation(san());
    sim.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false });
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'sw' });
    sim.runUntil(1 * US);
    expect(sim.report().rejectedIos.byReason['pair-state']).toBeGreaterThan(0);
  });

  it('PSUE then resync is a full copy; delete returns to SMPL', () => {
    const sim = run([[0, { type: 'pairCreate', group: 'G', pace: 15, split: false }], [0, { type: 'startWorkload', serverId: 'h1', workloadId: 'w' }]], 5);
    sim.apply({ type: 'pairSuspend', group: 'G' });
    expect(pair(sim).state).toBe('PSUE');
    sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(6 * US);
    sim.apply({ type: 'pairResync', group: 'G', restore: false });
    const op = sim.report().pairs['G/d1'].copies.at(-1)!;
    expect(op.reason).toBe('full-psue');
    expect(op.tracksPlanned).toBe(sim.report().ldevs.p.writtenTracks);
    sim.runUntil(300 * US);
    expect(pair(sim).state).toBe('PAIR');
    expect(sim.report().ldevs.s.contentDigest).toBe(sim.report().ldevs.p.contentDigest);
    sim.apply({ type: 'pairDelete', group: 'G' });
    expect(pair(sim).state).toBe('SMPL');
  });
});

describe('snapshots', () => {
  it('keeps the image at its creation, copies each track once per generation, and shares pool space', () => {
    const sim = createSimulation(san());
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(2 * US);
    sim.apply({ type: 'pairCreate', group: 'SN', pace: 3, split: false });
    sim.apply({ type: 'pairSplit', group: 'SN', device: 'g0', mode: 'steady', access: 'rw' });
    const image0 = sim.report().ldevs.p.contentDigest;
    sim.runUntil(3 * US);
    const g0 = pair(sim, 'SN/g0');
    expect(g0.state === 'PSUS' || g0.state === 'PFUS' || g0.state === 'PSUE').toBe(true);
    if (g0.state !== 'PSUE') expect(sim.report().pairs['SN/g0'].svolDigest).toBe(image0);
    const pool = sim.replicationStatus().pools[0];
    expect(pool.usedTracks).toBe(g0.preservedTracks);
  });
});

describe('host mirror (the data mirror program of JP2002-041345)', () => {
  function mirrorSan(recordPositions: boolean) {
    const b = smallSan();
    b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1);
    b.luPath('arr1', 'fc0', 'hg1', 2, 'p').luPath('arr1', 'fc0', 'hg1', 3, 's');
    b.copyGroup({ id: 'M', kind: 'host-mirror', serverId: 'h1', recordPositions, devices: [{ name: 'db', pvol: 'p', svol: 's' }] });
    b.workload('h1', { id: 'w', target: lunTarget(2), rw: 'randwrite', bs: '8k', iodepth: 4 } as never);
    return createSimulation(b.build({ durationS: 600 }));
  }

  it('duplexes every write: in PAIR the S-VOL equals the P-VOL with no copy', () => {
    const sim = mirrorSan(true);
    sim.apply({ type: 'pairCreate', group: 'M', pace: 3, split: false });
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(3 * US);
    sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(4 * US);
    const r = sim.report();
    expect(r.ldevs.p.writeIops).toBeGreaterThan(0);
    expect(r.ldevs.s.writeIops).toBe(r.ldevs.p.writeIops); // the mirrored leg counts on the S-VOL
    expect(r.ldevs.s.contentDigest).toBe(r.ldevs.p.contentDigest);
    expect(r.pairs['M/db'].tracksCopied).toBe(0);
  });

  it('splits at once; resync copies the recorded positions, or everything when none are recorded', () => {
    for (const record of [true, false]) {
      const sim = mirrorSan(record);
      sim.apply({ type: 'pairCreate', group: 'M', pace: 15, split: false });
      sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
      sim.runUntil(2 * US);
      sim.apply({ type: 'pairSplit', group: 'M', mode: 'steady', access: 'rw' });
      expect(sim.replicationStatus().pairs[0].state).toBe('PSUS');
      sim.runUntil(3 * US);
      sim.apply({ type: 'stopWorkload', serverId: 'h1', workloadId: 'w' });
      sim.runUntil(4 * US);
      const dirty = sim.replicationStatus().pairs[0].dirtyTracks;
      sim.apply({ type: 'pairResync', group: 'M', restore: false });
      const op = sim.report().pairs['M/db'].copies.at(-1)!;
      expect(op.reason).toBe(record ? 'resync-union' : 'full-no-positions');
      expect(op.tracksPlanned).toBe(record ? dirty : sim.report().ldevs.p.writtenTracks);
      sim.runUntil(200 * US);
      expect(sim.replicationStatus().pairs[0].state).toBe('PAIR');
      expect(sim.report().ldevs.s.contentDigest).toBe(sim.report().ldevs.p.contentDigest);
      expect(sim.report().links.l1.bytes).toBeGreaterThan(0); // the copy crossed the server's links
    }
  });
});

describe('copy work competes with host I/O', () => {
  /** P (HDD, 4096 tracks all written) → S (SSD); random reads on P while the initial copy runs at `pace`. */
  function initialCopy(pace: number) {
    const b = smallSan();
    b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1);
    b.luPath('arr1', 'fc0', 'hg1', 2, 'p');
    b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd', pvol: 'p', svol: 's' }] });
    b.workload('h1', { id: 'r', target: lunTarget(2), rw: 'randread', bs: '8k', rate_iops: 200 } as never);
    const sim = createSimulation(b.build({ durationS: 600 }));
    for (let t = 0; t < 4096; t++) sim.hostWriteTrack('p', t);
    sim.apply({ type: 'pairCreate', group: 'G', pace, split: false });
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'r' });
    sim.runUntil(5 * US);
    return { sim, report: sim.report(), status: sim.replicationStatus().pairs[0] };
  }

  it('a faster copy pace copies more and costs host reads more response time', () => {
    const slow = initialCopy(1);
    const fast = initialCopy(15);
    expect(slow.status.state).toBe('COPY');
    expect(fast.status.tracksCopied).toBeGreaterThan(2 * slow.status.tracksCopied);
    expect(fast.report.ldevs.p.responseMsMean).toBeGreaterThan(1.2 * slow.report.ldevs.p.responseMsMean);
  });

  it('the host sees a fast copy: reads on a volume being copied at pace 15 are slower than without a copy', () => {
    const b = smallSan();
    b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1);
    b.luPath('arr1', 'fc0', 'hg1', 2, 'p');
    b.workload('h1', { id: 'r', target: lunTarget(2), rw: 'randread', bs: '8k', rate_iops: 200 } as never);
    const quiet = createSimulation(b.build({ durationS: 600 }));
    for (let t = 0; t < 4096; t++) quiet.hostWriteTrack('p', t);
    quiet.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'r' });
    quiet.runUntil(5 * US);
    expect(initialCopy(15).report.ldevs.p.responseMsMean).toBeGreaterThan(1.3 * quiet.report().ldevs.p.responseMsMean);
  });
});

describe('copy passes', () => {
  it('an initial copy is one pass: it reaches PAIR under heavy writes; re-written tracks go to the update copy', () => {
    const b = smallSan();
    b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1);
    b.luPath('arr1', 'fc0', 'hg1', 2, 'p');
    b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd', pvol: 'p', svol: 's' }] });
    b.workload('h1', { id: 'w', target: lunTarget(2), rw: 'randwrite', bs: '8k', iodepth: 8 } as never);
    const sim = createSimulation(b.build({ durationS: 600 }));
    for (let t = 0; t < 4096; t++) sim.hostWriteTrack('p', t);
    sim.apply({ type: 'pairCreate', group: 'G', pace: 15, split: false });
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(120 * US);
    const r = sim.report().pairs['G/d'];
    expect(r.state).toBe('PAIR');
    const initial = r.copies.find((c) => c.reason === 'initial')!;
    expect(initial.tracks).toBe(initial.tracksPlanned);
    expect(initial.tracks).toBeLessThanOrEqual(4096);
    expect(r.copies.some((c) => c.reason === 'update')).toBe(true);
  });

  it('a split accepted during the initial copy drains it at once (COPY(SP)) and gives the image at acceptance', () => {
    const sim = createSimulation(san());
    for (let t = 0; t < 4096; t++) sim.hostWriteTrack('p', t);
    sim.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false });
    sim.runUntil(1 * US);
    expect(pair(sim).state).toBe('COPY');
    expect(sim.apply({ type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' }).ok).toBe(true);
    const atSplit = sim.report().pairs['G/d1'].pDigestAtSplit;
    expect(pair(sim).state).toBe('COPY(SP)');
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(400 * US);
    const r = sim.report().pairs['G/d1'];
    expect(r.state).toBe('PSUS');
    expect(r.svolDigest).toBe(atSplit);
    expect(r.copies.map((c) => c.reason)).toEqual(['initial']);
  });

  it('paircreate -split makes the S-VOL the image as of creation', () => {
    const sim = createSimulation(san());
    for (let t = 0; t < 100; t++) sim.hostWriteTrack('p', t);
    const before = sim.report().ldevs.p.contentDigest;
    sim.apply({ type: 'pairCreate', group: 'G', pace: 15, split: true });
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'w' });
    sim.runUntil(30 * US);
    expect(pair(sim).state).toBe('PSUS');
    expect(sim.report().ldevs.s.contentDigest).toBe(before);
  });
});

describe('snapshot image reads', () => {
  /** P-VOL p (HDD, 4096 tracks written) with a snapshot presented on v; the pool is on SSD. */
  function readsOfImage(overwriteAfterSnapshot: boolean): number {
    const b = smallSan();
    b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 'v', 'pg-hdd', 1);
    b.luPath('arr1', 'fc0', 'hg1', 5, 'v');
    b.pool('arr1', 'pool1', 'pg-ssd', 2);
    b.copyGroup({ id: 'S', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g', pvol: 'p', svol: 'v' }] });
    b.workload('h1', { id: 'r', target: lunTarget(5), rw: 'randread', bs: '256k', iodepth: 1 } as never);
    const sim = createSimulation(b.build({ durationS: 60 }));
    for (let t = 0; t < 4096; t++) sim.hostWriteTrack('p', t);
    sim.apply({ type: 'pairCreate', group: 'S', pace: 3, split: false });
    sim.apply({ type: 'pairSplit', group: 'S', mode: 'steady', access: 'rw' });
    if (overwriteAfterSnapshot) for (let t = 0; t < 4096; t++) sim.hostWriteTrack('p', t);
    sim.runUntil(6 * US); // the copy-on-write reads and the pool's destages are done before the reads start
    sim.apply({ type: 'startWorkload', serverId: 'h1', workloadId: 'r' });
    sim.runUntil(8 * US);
    return sim.report().ldevs.v.responseMsMean;
  }

  it('an unpreserved track is read from the P-VOL (HDD), a preserved one from the pool (SSD)', () => {
    expect(readsOfImage(false)).toBeGreaterThan(4);
    expect(readsOfImage(true)).toBeLessThan(2);
  });
});
