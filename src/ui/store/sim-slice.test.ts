/**
 * The sim slice: indexing a scenario, the bounded series ring, live values, stale-frame
 * rejection, the default chart selection, the pairs and pools of each batch, and the backup
 * status shared structurally between batches.
 */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { PairStatus, ReplicationStatus, TelemetryFrame } from '../../engine/api.ts';
import type { Scenario } from '../../model/scenario.ts';
import type { HostStatus } from '../../worker/engine-api.ts';
import { backupStatus, job, onlineRunbook, step } from '../backup/backup-fixtures.ts';
import {
  SERIES_CAPACITY,
  createSimSlice,
  indexScenario,
  latestValue,
  mergeReplication,
  readSeries,
  shareStructure,
  type SimSlice,
} from './sim-slice.ts';

const scenario = {
  topology: {
    devices: [
      {
        kind: 'array',
        id: 'arr',
        name: 'Array A',
        ldevs: [
          { id: 'p', name: 'db-primary' },
          { id: 's', name: 'db-secondary' },
          { id: 'idle', name: 'spare' },
        ],
        luPaths: [
          { portId: 'cl1', hostGroupId: 'hg', lun: 0, ldevId: 'p' },
          { portId: 'cl1', hostGroupId: 'hg', lun: 1, ldevId: 's' },
        ],
      },
      {
        kind: 'server',
        id: 'db',
        name: 'DB',
        workloads: [{ id: 'w', target: { arrayId: 'arr', portId: 'cl1', lun: 0 } }],
      },
    ],
    copyGroups: [],
  },
  timeline: [],
  runbooks: [],
} as unknown as Scenario;

function frame(fromS: number, rows: number, ldevIds = ['p', 's', 'idle']): TelemetryFrame {
  const n = ldevIds.length;
  const col = (f: (t: number, c: number) => number) => {
    const a = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++) for (let c = 0; c < n; c++) a[r * n + c] = f(fromS + r + 1, c);
    return a;
  };
  return {
    timesS: Float64Array.from({ length: rows }, (_, r) => fromS + r + 1),
    ldevIds,
    linkIds: ['l1'],
    readIops: col((t, c) => (c === 0 ? 100 + t : 0)),
    writeIops: col((t, c) => (c === 0 ? 10 : 0)),
    cacheHitPct: col(() => 50),
    responseMsMean: col(() => 0.5),
    linkUtilPct: Float64Array.from({ length: rows }, () => 12),
    rejected: new Float64Array(rows),
  };
}

const status = (generation: number, nowS: number): HostStatus => ({
  runState: 'playing',
  nowUs: nowS * 1e6,
  endUs: 3600e6,
  generation,
});

function store() {
  return create<SimSlice>()((...a) => createSimSlice(...a));
}

describe('sim slice › index', () => {
  it('maps LDEVs to their array and to the servers whose workloads drive them', () => {
    const index = indexScenario(scenario);
    expect(index.volumes.map((v) => v.id)).toEqual(['p', 's', 'idle']);
    expect(index.ldevsWithIo).toEqual(['p']);
    expect(index.ldevDevices.p).toEqual(['arr', 'db']);
    expect(index.ldevDevices.s).toEqual(['arr']);
  });
});

describe('sim slice › index › volumes without a workload', () => {
  it('counts as busy the volumes a pair copies to and a job reads, from the timeline or a runbook step', () => {
    const paired = { ...scenario, topology: { ...scenario.topology, copyGroups: [{ id: 'G', devices: [{ name: 'd', pvol: 'p', svol: 's' }] }] } } as unknown as Scenario;
    expect(indexScenario(paired).ldevsWithIo).toEqual(['p', 's']);
    const job = { type: 'backupJob', job: 'bk', source: 'idle', libraryId: 't' };
    const inRunbook = { ...scenario, runbooks: [{ id: 'rb', steps: [{ n: 1, action: job }, { n: 2 }] }] } as unknown as Scenario;
    expect(indexScenario(inRunbook).ldevsWithIo).toEqual(['p', 'idle']);
    const inTimeline = { ...scenario, timeline: [{ atS: 1, action: { ...job, source: 'nope' } }] } as unknown as Scenario;
    expect(indexScenario(inTimeline).ldevsWithIo).toEqual(['p']); // an unknown LDEV is not a volume
  });
});

describe('sim slice › telemetry', () => {
  it('appends samples, keeps the last 600, and computes live values', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.selectedLdevIds).toEqual(['p']);
    s.getState().simActions.simTelemetry({ frame: frame(0, 700), status: status(1, 700), replication: null, backup: null });
    const sim = s.getState().sim;
    expect(sim.series.length).toBe(SERIES_CAPACITY);
    const p = readSeries(sim.series, 'p');
    expect(p.t[0]).toBe(101);
    expect(p.t.at(-1)).toBe(700);
    expect(p.readIops.at(-1)).toBe(800);
    expect(latestValue(sim.series, 'p', 'writeIops')).toBe(10);
    expect(sim.live.deviceIops).toEqual({ arr: 810, db: 810 });
    expect(sim.live.linkUtilPct).toEqual({ l1: 12 });
    expect(sim.nowS).toBe(700);
  });

  it('keeps samples without a value (NaN) as NaN in the series and as null for the latest value', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    const f = frame(0, 3);
    // 's' is idle: no reads, no completions; 'p' has reads in every second but the last has no hits data.
    for (let r = 0; r < 3; r++) {
      f.cacheHitPct[r * 3 + 1] = NaN;
      f.responseMsMean[r * 3 + 1] = NaN;
    }
    f.cacheHitPct[2 * 3 + 0] = NaN;
    s.getState().simActions.simTelemetry({ frame: f, status: status(1, 3), replication: null, backup: null });
    const sim = s.getState().sim;
    const idle = readSeries(sim.series, 's');
    expect(Array.from(idle.cacheHitPct).every(Number.isNaN)).toBe(true);
    expect(Array.from(idle.responseMsMean).every(Number.isNaN)).toBe(true);
    expect(Array.from(idle.readIops)).toEqual([0, 0, 0]);
    expect(latestValue(sim.series, 's', 'cacheHitPct')).toBeNull();
    expect(latestValue(sim.series, 's', 'responseMsMean')).toBeNull();
    expect(latestValue(sim.series, 's', 'readIops')).toBe(0);
    expect(latestValue(sim.series, 'p', 'cacheHitPct')).toBeNull();
    expect(latestValue(sim.series, 'p', 'responseMsMean')).toBe(0.5);
    expect(Array.from(readSeries(sim.series, 'p').cacheHitPct).slice(0, 2)).toEqual([50, 50]);
    expect(sim.live.deviceIops).toEqual({ arr: 113, db: 113 }); // IOPS sums never see NaN
  });

  it('wraps the ring across frames in time order', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    for (let i = 0; i < 13; i++) s.getState().simActions.simTelemetry({ frame: frame(i * 50, 50), status: status(1, (i + 1) * 50), replication: null, backup: null });
    const p = readSeries(s.getState().sim.series, 'p');
    expect(p.t.length).toBe(600);
    expect(p.t.every((t, i) => i === 0 || t === p.t[i - 1] + 1)).toBe(true);
    expect(p.t.at(-1)).toBe(650);
  });

  it('drops frames of an earlier generation and clears output on a new one', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    s.getState().simActions.simTelemetry({ frame: frame(0, 5), status: status(2, 5), replication: null, backup: null });
    const before = s.getState().sim;
    s.getState().simActions.simTelemetry({ frame: frame(5, 5), status: status(1, 10), replication: null, backup: null });
    expect(s.getState().sim).toBe(before);
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(3, 0), runState: 'ready' }, replication: null, backup: null });
    expect(s.getState().sim.series.length).toBe(0);
    expect(s.getState().sim.runState).toBe('ready');
  });

  it('does not publish a new state for an unchanged status', () => {
    const s = store();
    s.getState().simActions.simStatus(status(1, 3));
    const before = s.getState().sim;
    s.getState().simActions.simStatus(status(1, 3));
    expect(s.getState().sim).toBe(before);
  });

  it('keeps a user selection across reloads when the volumes still exist', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    s.getState().simActions.toggleLdev('s');
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.selectedLdevIds).toEqual(['p', 's']);
  });
});

function pair(device: string, patch: Partial<PairStatus> = {}): PairStatus {
  return {
    key: `G/${device}`,
    group: 'G',
    device,
    kind: 'local',
    mu: 0,
    pvol: 'p',
    svol: 's',
    state: 'PAIR',
    svolState: 'PAIR',
    copyPct: 100,
    pace: 3,
    pendingTracks: 0,
    pDirtyTracks: 0,
    sDirtyTracks: 0,
    dirtyTracks: 0,
    trackCount: 800,
    tracksCopied: 800,
    bytesCopied: 800 * 262_144,
    splitAtS: null,
    svolAccess: 'none',
    preservedTracks: 0,
    ...patch,
  };
}

const replication = (...pairs: PairStatus[]): ReplicationStatus => ({
  pairs,
  pools: [{ key: 'arr/pool-1', arrayId: 'arr', poolId: 'pool-1', name: 'Pool', capacityTracks: 100, usedTracks: 5, usedPct: 5, warningPct: 80, state: 'normal' }],
});

describe('sim slice › replication', () => {
  it('keeps the pairs and pools of the newest batch and clears them on a load and on a new generation', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.replication).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: replication(pair('d1', { state: 'COPY', copyPct: 40 })), backup: null });
    expect(s.getState().sim.replication?.pairs[0]).toMatchObject({ key: 'G/d1', state: 'COPY', copyPct: 40 });
    s.getState().simActions.simTelemetry({ frame: null, status: status(0, 9), replication: replication(pair('d1', { state: 'PSUE' })), backup: null });
    expect(s.getState().sim.replication?.pairs[0].state).toBe('COPY'); // stale generation dropped
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(2, 0), runState: 'ready' }, replication: null, backup: null });
    expect(s.getState().sim.replication).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(2, 1), replication: replication(pair('d1')), backup: null });
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.replication).toBeNull();
  });

  it('keeps the identity of unchanged pairs, and of the whole status when nothing changed', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: replication(pair('d1'), pair('d2')), backup: null });
    const first = s.getState().sim.replication!;
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: replication(pair('d1'), pair('d2', { dirtyTracks: 7 })), backup: null });
    const second = s.getState().sim.replication!;
    expect(second).not.toBe(first);
    expect(second.pairs[0]).toBe(first.pairs[0]);
    expect(second.pairs[1]).not.toBe(first.pairs[1]);
    expect(second.pairs[1].dirtyTracks).toBe(7);
    expect(second.pools).toBe(first.pools);
    const before = s.getState().sim;
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: replication(pair('d1'), pair('d2', { dirtyTracks: 7 })), backup: null });
    expect(s.getState().sim).toBe(before);
  });

  it('merges by key and position: a pair that appears or moves is a new object', () => {
    const a = replication(pair('d1'), pair('d2'));
    const b = replication(pair('d0'), pair('d1'), pair('d2'));
    const merged = mergeReplication(a, b)!;
    expect(merged.pairs.map((p) => p.key)).toEqual(['G/d0', 'G/d1', 'G/d2']);
    expect(merged.pairs[1]).not.toBe(a.pairs[0]);
    expect(mergeReplication(a, null)).toBeNull();
    expect(mergeReplication(null, b)).toBe(b);
  });
});

describe('sim slice › backup', () => {
  it('keeps the backup status of the newest batch and clears it on a load and on a new generation', () => {
    const s = store();
    expect(s.getState().sim.backup).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: null, backup: backupStatus() });
    expect(s.getState().sim.backup?.jobs.map((j) => j.id)).toEqual(['bk0', 'bk1', 'bk2']);
    s.getState().simActions.simTelemetry({ frame: null, status: status(0, 9), replication: null, backup: backupStatus({ jobs: [] }) });
    expect(s.getState().sim.backup?.jobs).toHaveLength(3); // stale generation dropped
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(2, 0), runState: 'ready' }, replication: null, backup: null });
    expect(s.getState().sim.backup).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(2, 1), replication: null, backup: backupStatus() });
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.backup).toBeNull();
  });

  it('keeps the identity of every unchanged job, library and runbook, and of the whole status when nothing changed', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: null, backup: backupStatus() });
    const first = s.getState().sim.backup!;
    const moved = backupStatus();
    moved.jobs[1] = job({ id: 'bk1', bytesDone: 3e9 });
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: null, backup: moved });
    const second = s.getState().sim.backup!;
    expect(second).not.toBe(first);
    expect(second.jobs[0]).toBe(first.jobs[0]);
    expect(second.jobs[1]).not.toBe(first.jobs[1]);
    expect(second.jobs[1].bytesDone).toBe(3e9);
    expect(second.jobs[1].cartridges).toBe(first.jobs[1].cartridges);
    expect(second.libraries).toBe(first.libraries);
    expect(second.runbooks).toBe(first.runbooks);
    const sim = s.getState().sim;
    const again = backupStatus();
    again.jobs[1] = job({ id: 'bk1', bytesDone: 3e9 });
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: null, backup: again });
    expect(s.getState().sim).toBe(sim); // same status, same backup: no new state at all
  });
});

describe('sim slice › shareStructure', () => {
  it('reuses equal parts by position and key, and returns the new value where anything differs', () => {
    const a = onlineRunbook();
    const b = onlineRunbook({ current: 3, steps: [...onlineRunbook().steps.slice(0, 3), step(409, 'Copy 151 to tape', { state: 'running', startedS: 40 })] });
    const shared = shareStructure(a, b);
    expect(shared).toEqual(b);
    expect(shared.steps[0]).toBe(a.steps[0]);
    expect(shared.steps[3]).not.toBe(a.steps[3]);
    expect(shareStructure(a, onlineRunbook())).toBe(a);
  });

  it('treats a missing key, a longer list and null as changes', () => {
    const a = { x: [1, 2], y: { z: 1 } as { z: number } | null };
    expect(shareStructure(a, { x: [1, 2, 3], y: a.y }).x).toEqual([1, 2, 3]);
    expect(shareStructure(a, { x: [1, 2], y: null }).y).toBeNull();
    const fewer = shareStructure<Record<string, unknown>>({ p: 1, q: 2 }, { p: 1 });
    expect(fewer).toEqual({ p: 1 });
  });
});
