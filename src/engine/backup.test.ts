/**
 * The backup system as the report shows it (backup.ts): which links and servers each data path
 * of Fig. 8 loads — byte for byte — and determinism of a whole backup scenario (database backup
 * mode, a host-mirror split, a LAN-free backup in a runbook, the SAN manager's scheduled job),
 * run twice and run in slices.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario.ts';
import { createSimulation } from './simulation.ts';
import { backupScenario, must, runJob, TRACK_BYTES, trackRange, writeTracks } from './testing/backup-fixtures.ts';

const LINKS = ['fc-arr0', 'fc-arr1', 'fc-bk', 'fc-db', 'fc-lib0', 'lan-bk', 'lan-db'];
const TRACKS = 1_000;
const N = TRACKS * TRACK_BYTES;

function pathRun(path: 'lan' | 'lan-free' | 'server-less') {
  const sim = createSimulation(backupScenario({}));
  writeTracks(sim, 'P', trackRange(0, TRACKS));
  must(sim, { type: 'backupJob', job: 'bk', source: 'P', libraryId: 'lib1', path, ...(path === 'server-less' ? {} : { serverId: 'db' }), ...(path === 'lan' ? { backupServerId: 'bk' } : {}) });
  const job = runJob(sim, 'bk');
  const r = sim.report();
  const bytes = Object.fromEntries(LINKS.map((id) => [id, r.links[id].bytes]));
  return { job, r, bytes };
}

describe('backup › data paths (Fig. 8)', () => {
  it('LAN-based: array → db → LAN → bk → library; both servers and both LAN links carry every byte', () => {
    const { job, r, bytes } = pathRun('lan');
    expect(job.bytesDone).toBe(N);
    expect(job.servers).toEqual(['db', 'bk']);
    expect(job.links).toEqual(['fc-arr0', 'fc-db', 'lan-db', 'lan-bk', 'fc-bk', 'fc-lib0']);
    expect(bytes).toEqual({ 'fc-arr0': N, 'fc-arr1': 0, 'fc-bk': N, 'fc-db': N, 'fc-lib0': N, 'lan-bk': N, 'lan-db': N });
    expect(r.servers).toEqual({ bk: { jobMB: N / 1e6 }, db: { jobMB: N / 1e6 } });
    expect(r.links['lan-db'].utilizationPct).toBeGreaterThan(0);
  });

  it('LAN-free: the reading server\'s HBA link carries every byte in both directions, the LAN nothing', () => {
    const { job, r, bytes } = pathRun('lan-free');
    expect(job.servers).toEqual(['db']);
    expect(job.links).toEqual(['fc-arr0', 'fc-db', 'fc-db', 'fc-lib0']);
    expect(bytes).toEqual({ 'fc-arr0': N, 'fc-arr1': 0, 'fc-bk': 0, 'fc-db': 2 * N, 'fc-lib0': N, 'lan-bk': 0, 'lan-db': 0 });
    // Twice the bytes but the busier direction is as busy as the one-way array link: N each way.
    expect(r.links['fc-db'].utilizationPct).toBeCloseTo(r.links['fc-arr0'].utilizationPct, 2);
    expect(r.servers).toEqual({ db: { jobMB: N / 1e6 } });
  });

  it('server-less: the array writes the library itself; no server and no host link is loaded', () => {
    const { job, r, bytes } = pathRun('server-less');
    expect(job.servers).toEqual([]);
    expect(job.links).toEqual(['fc-arr0', 'fc-lib0']);
    expect(bytes).toEqual({ 'fc-arr0': N, 'fc-arr1': 0, 'fc-bk': 0, 'fc-db': 0, 'fc-lib0': N, 'lan-bk': 0, 'lan-db': 0 });
    expect(r.servers).toEqual({});
    expect(job.verification!.passed).toBe(true);
  });

  it('refuses a path that does not exist, naming what is missing', () => {
    const sim = createSimulation(backupScenario({}));
    const lan = sim.apply({ type: 'backupJob', job: 'x', source: 'P', libraryId: 'lib1', path: 'lan', serverId: 'db' });
    expect(lan).toMatchObject({ ok: false, message: expect.stringMatching(/backupServerId/) });
    const free = sim.apply({ type: 'backupJob', job: 'y', source: 'P', libraryId: 'lib1', path: 'lan-free' });
    expect(free).toMatchObject({ ok: false, message: expect.stringMatching(/serverId/) });
  });
});

// ---------------------------------------------------------------- determinism

/** Online backup with host mirroring, a scheduled SAN-manager job, a workload throughout. */
function onlineBackup(): Scenario {
  return backupScenario({
    pair: 'host-mirror',
    workload: { rw: 'randrw', rwmixread: 50, rate_iops: 400, size: '256m', startAtS: 0 },
    durationS: 240,
    clockStart: '23:59',
    timeline: [
      { atS: 0, action: { type: 'pairCreate', group: 'G', pace: 15, split: false } },
      { atS: 5, action: { type: 'startRunbook', runbook: 'online' } },
    ],
    runbooks: [{
      id: 'online',
      name: 'online backup',
      steps: [
        { n: 403, title: 'backup mode on', action: { type: 'dbBackupMode', serverId: 'db', on: true }, durationS: 1 },
        { n: 404, title: 'split', action: { type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' }, until: { kind: 'pairState', group: 'G', states: ['PSUS'] } },
        { n: 405, title: 'backup mode off', action: { type: 'dbBackupMode', serverId: 'db', on: false } },
        { n: 407, title: 'mount', action: { type: 'mountVolume', serverId: 'bk', ldevId: 'S', readOnly: true }, durationS: 0.5 },
        { n: 409, title: 'backup', action: { type: 'backupJob', job: 'bk', source: 'S', libraryId: 'lib1', path: 'lan-free', serverId: 'bk' }, until: { kind: 'jobDone', job: 'bk' } },
        { n: 411, title: 'unmount', action: { type: 'unmountVolume', serverId: 'bk', ldevId: 'S' } },
        { n: 413, title: 'resync', action: { type: 'pairResync', group: 'G', restore: false, pace: 15 }, until: { kind: 'pairState', group: 'G', states: ['PAIR'] } },
      ],
    }],
    library: { drives: 2 },
    backup: { freeVolumes: [], policies: [{ id: 'nightly', tenant: 'Company A', ldevId: 'T', method: 'direct', windowStart: '00:00', windowHours: 1, libraryId: 'lib1', path: 'server-less' }] },
  });
}

describe('backup › determinism', () => {
  it('gives the same event-log hash and report when run twice, and when run in 2,400 slices', () => {
    const whole = createSimulation(onlineBackup());
    whole.runUntil(whole.endUs());
    const again = createSimulation(onlineBackup());
    again.runUntil(again.endUs());
    const sliced = createSimulation(onlineBackup());
    for (let i = 1; i <= 2_400; i++) sliced.runUntil(i * 100_000);
    const r = whole.report();
    expect(r.runbooks.online.state).toBe('done');
    expect(r.jobs.bk.verification!.passed).toBe(true);
    expect(r.jobs.bk.tracksDone).toBeGreaterThan(0);
    expect(r.schedule['nightly-1']).toMatchObject({ state: 'done', actualStartS: 60 });
    expect(again.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(again.report())).toBe(JSON.stringify(r));
    expect(sliced.nowUs()).toBe(whole.endUs());
    expect(sliced.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(sliced.report())).toBe(JSON.stringify(r));
    expect(JSON.stringify(sliced.backupStatus())).toBe(JSON.stringify(whole.backupStatus()));
  });

  it('reads of the status and report change nothing (a run polled every 10 ms equals one left alone)', () => {
    const quiet = createSimulation(onlineBackup());
    quiet.runUntil(60e6);
    const polled = createSimulation(onlineBackup());
    for (let t = 10_000; t <= 60e6; t += 10_000) {
      polled.runUntil(t);
      if (t % 1_000_000 === 0) polled.report();
      polled.backupStatus();
    }
    expect(polled.eventLogHash()).toBe(quiet.eventLogHash());
  });
});
