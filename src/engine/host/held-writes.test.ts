/**
 * Database backup mode (JP2002-041345 steps 403 / 405): the held-write journal (held-writes.ts)
 * on its own, then in the simulation (host-control.ts and the I/O path) — writes complete at the
 * host from memory, the volume does not change until backup mode ends, the flush applies them in
 * acceptance order (the volume ends as if they had been written directly), and a host mirror
 * split during backup mode leaves every held write off the S-VOL.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation.ts';
import type { CompletedIo, EngineSimulationHandle } from '../simulation-types.ts';
import { backupScenario, must, pairState, runUntilHolds } from '../testing/backup-fixtures.ts';
import { HeldWrites } from './held-writes.ts';
import { DB_HELD_WRITE_US } from '../constants.ts';

describe('held writes › journal', () => {
  it('drains the selected workloads in acceptance order and keeps the others in theirs, across growth', () => {
    const h = new HeldWrites();
    for (let i = 0; i < 3_000; i++) h.add(i % 3, i * 8, 4096, 100 + i); // 3,000 > the initial 1,024
    expect(h.count).toBe(3_000);
    expect(h.countOf((w) => w === 1)).toBe(1_000);
    const out: number[][] = [];
    h.drain((w) => w !== 2, (w, block, bytes, seq) => out.push([w, block, bytes, seq]));
    expect(out.length).toBe(2_000);
    expect(out.slice(0, 3)).toEqual([[0, 0, 4096, 100], [1, 8, 4096, 101], [0, 24, 4096, 103]]);
    expect(out.every((x, i) => i === 0 || x[3] > out[i - 1][3])).toBe(true);
    expect(h.count).toBe(1_000);
    const rest: number[] = [];
    h.drain(() => true, (w, _b, _n, seq) => rest.push(w === 2 ? seq : -1));
    expect(rest).toEqual(Array.from({ length: 1_000 }, (_, k) => 102 + 3 * k));
    expect(h.count).toBe(0);
    h.drain(() => true, () => expect.unreachable('a drained write is handed out once'));
  });
});

/** db's `oltp` writes P at 500 IOPS from 0 s; backup mode from 1 s to 2 s when `mode`; stopped at 3 s. */
function run(mode: boolean): { sim: EngineSimulationHandle; ios: CompletedIo[]; digests: Record<string, number> } {
  const ios: CompletedIo[] = [];
  const sim = createSimulation(backupScenario({ workload: { startAtS: 0 }, durationS: 10 }), { onComplete: (io) => ios.push(io) });
  const digests: Record<string, number> = {};
  sim.runUntil(1e6);
  if (mode) must(sim, { type: 'dbBackupMode', serverId: 'db', on: true });
  digests.on = sim.ldevDigest('P');
  sim.runUntil(1.5e6);
  digests.mid = sim.ldevDigest('P');
  sim.runUntil(2e6);
  digests.beforeOff = sim.ldevDigest('P');
  if (mode) must(sim, { type: 'dbBackupMode', serverId: 'db', on: false });
  digests.afterOff = sim.ldevDigest('P');
  sim.runUntil(3e6);
  must(sim, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp' });
  sim.runUntil(4e6);
  digests.end = sim.ldevDigest('P');
  return { sim, ios, digests };
}

describe('held writes › database backup mode', () => {
  it('acknowledges writes from memory at once and leaves the volume untouched until the mode ends', () => {
    const { sim, ios, digests } = run(true);
    const during = ios.filter((io) => io.issueUs > 1e6 && io.issueUs < 2e6);
    const before = ios.filter((io) => io.issueUs < 1e6);
    expect(during.length).toBeGreaterThan(400);
    expect(during.every((io) => io.write && !io.rejected && io.doneUs - io.issueUs === DB_HELD_WRITE_US)).toBe(true);
    expect(Math.min(...before.map((io) => io.doneUs - io.issueUs))).toBeGreaterThan(5 * DB_HELD_WRITE_US); // the real path is slower
    expect(digests.mid).toBe(digests.on);
    expect(digests.beforeOff).toBe(digests.on);
    expect(digests.afterOff).not.toBe(digests.on); // applied the instant backup mode ends
    expect(sim.backupStatus().backupMode).toEqual([]);
    expect(sim.report().rejectedIos.total).toBe(0);
  });

  it('reports how many writes it holds while on', () => {
    const sim = createSimulation(backupScenario({ workload: { startAtS: 0 }, durationS: 10 }));
    sim.runUntil(1e6);
    must(sim, { type: 'dbBackupMode', serverId: 'db', on: true });
    sim.runUntil(1.5e6);
    const [held] = sim.backupStatus().backupMode;
    expect(held.serverId).toBe('db');
    expect(held.heldWrites).toBeGreaterThan(200); // 0.5 s at 500 IOPS
    expect(held.heldWrites).toBeLessThan(300);
    expect(sim.apply({ type: 'dbBackupMode', serverId: 'db', on: true })).toEqual({ ok: true, redundant: true });
    expect(sim.apply({ type: 'dbBackupMode', serverId: 'nobody', on: true }).ok).toBe(false);
  });

  it('flushes in acceptance order: the volume ends exactly as if the same writes had gone straight to it', () => {
    const held = run(true);
    const direct = run(false);
    expect(held.digests.afterOff).toBe(direct.digests.beforeOff); // at 2 s: the same writes, the same order
    expect(held.digests.end).toBe(direct.digests.end);
    expect(held.digests.on).toBe(direct.digests.on);
    expect(direct.digests.mid).not.toBe(direct.digests.on); // control: without backup mode P changes meanwhile
  });

  it('keeps every held write off a host mirror\'s S-VOL split during backup mode (step 405: the primary only)', () => {
    const sim = createSimulation(backupScenario({ pair: 'host-mirror', workload: { startAtS: 0 }, durationS: 20 }));
    must(sim, { type: 'pairCreate', group: 'G', pace: 15, split: false });
    sim.runUntil(2e6);
    expect(pairState(sim)).toBe('PAIR');
    expect(sim.ldevDigest('S')).toBe(sim.ldevDigest('P')); // duplexed so far
    must(sim, { type: 'dbBackupMode', serverId: 'db', on: true });
    sim.runUntil(2.5e6);
    must(sim, { type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' });
    runUntilHolds(sim, () => pairState(sim) === 'PSUS', 5e6, 1_000);
    sim.runUntil(3.5e6);
    const atSplit = sim.report().pairs['G/d'].pDigestAtSplit;
    must(sim, { type: 'dbBackupMode', serverId: 'db', on: false });
    sim.runUntil(5e6);
    const r = sim.report();
    expect(r.ldevs.S.contentDigest).toBe(atSplit);
    expect(r.ldevs.P.contentDigest).not.toBe(atSplit);
    expect(r.pairs['G/d'].pDirtyTracks).toBeGreaterThan(0); // the flushed writes are P's differential for the resync
    expect(r.pairs['G/d'].sDirtyTracks).toBe(0);
  });
});
