/**
 * The sim slice: indexing a scenario, the bounded series ring, live values, stale-frame
 * rejection, the default chart selection, the pairs and pools of each batch, the backup and
 * remote-copy statuses shared structurally between batches, and the remote series rings.
 */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { PairStatus, ReplicationStatus, TelemetryFrame } from '../../engine/api.ts';
import type { Scenario } from '../../model/scenario.ts';
import type { HostStatus } from '../../worker/engine-api.ts';
import { backupStatus, job, onlineRunbook, step } from '../backup/backup-fixtures.ts';
import { asyncGroup, outage, remoteStatus, verification } from '../remote/remote-fixtures.ts';
import { latestKeyed, readKeyed, readTimes } from './remote-series.ts';
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
        hostGroups: [{ id: 'hg', name: 'hg', portId: 'cl1', wwpns: ['50:00:00:00:00:00:00:01'] }],
        luPaths: [
          { portId: 'cl1', hostGroupId: 'hg', lun: 0, ldevId: 'p' },
          { portId: 'cl1', hostGroupId: 'hg', lun: 1, ldevId: 's' },
        ],
      },
      {
        kind: 'server',
        id: 'db',
        name: 'DB',
        ports: [{ id: 'hba0', kind: 'fc', speedGbps: 8, wwpn: '50:00:00:00:00:00:00:01' }],
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
    remoteKeys: [],
    remoteLagS: new Float64Array(0),
    remoteLagWrites: new Float64Array(0),
    remoteJournalPct: new Float64Array(0),
    wanIds: [],
    wanThroughputMBps: new Float64Array(0),
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
    s.getState().simActions.simTelemetry({ frame: frame(0, 700), status: status(1, 700), replication: null, backup: null, remote: null });
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
    s.getState().simActions.simTelemetry({ frame: f, status: status(1, 3), replication: null, backup: null, remote: null });
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
    for (let i = 0; i < 13; i++) s.getState().simActions.simTelemetry({ frame: frame(i * 50, 50), status: status(1, (i + 1) * 50), replication: null, backup: null, remote: null });
    const p = readSeries(s.getState().sim.series, 'p');
    expect(p.t.length).toBe(600);
    expect(p.t.every((t, i) => i === 0 || t === p.t[i - 1] + 1)).toBe(true);
    expect(p.t.at(-1)).toBe(650);
  });

  it('drops frames of an earlier generation and clears output on a new one', () => {
    const s = store();
    s.getState().simActions.simLoading(scenario);
    s.getState().simActions.simTelemetry({ frame: frame(0, 5), status: status(2, 5), replication: null, backup: null, remote: null });
    const before = s.getState().sim;
    s.getState().simActions.simTelemetry({ frame: frame(5, 5), status: status(1, 10), replication: null, backup: null, remote: null });
    expect(s.getState().sim).toBe(before);
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(3, 0), runState: 'ready' }, replication: null, backup: null, remote: null });
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
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: replication(pair('d1', { state: 'COPY', copyPct: 40 })), backup: null, remote: null });
    expect(s.getState().sim.replication?.pairs[0]).toMatchObject({ key: 'G/d1', state: 'COPY', copyPct: 40 });
    s.getState().simActions.simTelemetry({ frame: null, status: status(0, 9), replication: replication(pair('d1', { state: 'PSUE' })), backup: null, remote: null });
    expect(s.getState().sim.replication?.pairs[0].state).toBe('COPY'); // stale generation dropped
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(2, 0), runState: 'ready' }, replication: null, backup: null, remote: null });
    expect(s.getState().sim.replication).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(2, 1), replication: replication(pair('d1')), backup: null, remote: null });
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.replication).toBeNull();
  });

  it('keeps the identity of unchanged pairs, and of the whole status when nothing changed', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: replication(pair('d1'), pair('d2')), backup: null, remote: null });
    const first = s.getState().sim.replication!;
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: replication(pair('d1'), pair('d2', { dirtyTracks: 7 })), backup: null, remote: null });
    const second = s.getState().sim.replication!;
    expect(second).not.toBe(first);
    expect(second.pairs[0]).toBe(first.pairs[0]);
    expect(second.pairs[1]).not.toBe(first.pairs[1]);
    expect(second.pairs[1].dirtyTracks).toBe(7);
    expect(second.pools).toBe(first.pools);
    const before = s.getState().sim;
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: replication(pair('d1'), pair('d2', { dirtyTracks: 7 })), backup: null, remote: null });
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
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: null, backup: backupStatus(), remote: null });
    expect(s.getState().sim.backup?.jobs.map((j) => j.id)).toEqual(['bk0', 'bk1', 'bk2']);
    s.getState().simActions.simTelemetry({ frame: null, status: status(0, 9), replication: null, backup: backupStatus({ jobs: [] }), remote: null });
    expect(s.getState().sim.backup?.jobs).toHaveLength(3); // stale generation dropped
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(2, 0), runState: 'ready' }, replication: null, backup: null, remote: null });
    expect(s.getState().sim.backup).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(2, 1), replication: null, backup: backupStatus(), remote: null });
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.backup).toBeNull();
  });

  it('keeps the identity of every unchanged job, library and runbook, and of the whole status when nothing changed', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: null, backup: backupStatus(), remote: null });
    const first = s.getState().sim.backup!;
    const moved = backupStatus();
    moved.jobs[1] = job({ id: 'bk1', bytesDone: 3e9 });
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: null, backup: moved, remote: null });
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
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: null, backup: again, remote: null });
    expect(s.getState().sim).toBe(sim); // same status, same backup: no new state at all
  });
});

describe('sim slice › remote copy', () => {
  it('keeps the remote status of the newest batch and clears it on a load and on a new generation', () => {
    const s = store();
    expect(s.getState().sim.remote).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: null, backup: null, remote: remoteStatus() });
    expect(s.getState().sim.remote?.groups.map((g) => g.key)).toEqual(['ctg-0', 'sync:TC-ERP']);
    s.getState().simActions.simTelemetry({ frame: null, status: status(0, 9), replication: null, backup: null, remote: outage() });
    expect(s.getState().sim.remote?.wanLinks[0].up).toBe(true); // stale generation dropped
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(2, 0), runState: 'ready' }, replication: null, backup: null, remote: null });
    expect(s.getState().sim.remote).toBeNull();
    s.getState().simActions.simTelemetry({ frame: null, status: status(2, 1), replication: null, backup: null, remote: remoteStatus() });
    s.getState().simActions.simLoading(scenario);
    expect(s.getState().sim.remote).toBeNull();
  });

  it('keeps the identity of every unchanged link, group and verification, and of the whole status when nothing changed', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 1), replication: null, backup: null, remote: remoteStatus() });
    const first = s.getState().sim.remote!;
    const next = remoteStatus({ groups: [asyncGroup({ lastSeq: 12_500, lagWrites: 510 }), remoteStatus().groups[1]], verifications: [verification()] });
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: null, backup: null, remote: next });
    const second = s.getState().sim.remote!;
    expect(second).not.toBe(first);
    expect(second.wanLinks).toBe(first.wanLinks);
    expect(second.groups[0]).not.toBe(first.groups[0]);
    expect(second.groups[0].lagWrites).toBe(510);
    expect(second.groups[0].journals).toBe(first.groups[0].journals);
    expect(second.groups[1]).toBe(first.groups[1]);
    expect(second.verifications).toHaveLength(1);
    const sim = s.getState().sim;
    const again = remoteStatus({ groups: [asyncGroup({ lastSeq: 12_500, lagWrites: 510 }), remoteStatus().groups[1]], verifications: [verification()] });
    s.getState().simActions.simTelemetry({ frame: null, status: status(1, 2), replication: null, backup: null, remote: again });
    expect(s.getState().sim).toBe(sim);
  });
});

/** A frame of `rows` samples with remote columns for `keys` (lag = key index × 10 + t) and WAN `wan`. */
function remoteFrame(fromS: number, rows: number, keys: string[], wan: string[] = ['wan1']): TelemetryFrame {
  const base = frame(fromS, rows);
  const col = (n: number, f: (t: number, c: number) => number) => {
    const a = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++) for (let c = 0; c < n; c++) a[r * n + c] = f(fromS + r + 1, c);
    return a;
  };
  return {
    ...base,
    remoteKeys: keys,
    remoteLagS: col(keys.length, (t, c) => c * 10 + t),
    remoteLagWrites: col(keys.length, (t, c) => (c + 1) * 100 * t),
    remoteJournalPct: col(keys.length, (t) => Math.min(100, t)),
    wanIds: wan,
    wanThroughputMBps: col(wan.length, (t) => (t % 2 === 0 ? 50 : 0)),
  };
}

describe('sim slice › remote series', () => {
  it('keeps each group’s lag and journal use and each link’s MB/s from the frames, aligned in time', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: remoteFrame(0, 5, ['ctg-0', 'sync:TC']), status: status(1, 5), replication: null, backup: null, remote: null });
    const { groups, wan } = s.getState().sim.remoteSeries;
    expect(Array.from(readTimes(groups))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(readKeyed(groups, 'sync:TC', 'lagS'))).toEqual([11, 12, 13, 14, 15]);
    expect(Array.from(readKeyed(groups, 'ctg-0', 'lagWrites'))).toEqual([100, 200, 300, 400, 500]);
    expect(latestKeyed(groups, 'ctg-0', 'journalPct')).toBe(5);
    expect(Array.from(readKeyed(wan, 'wan1', 'throughputMBps'))).toEqual([0, 50, 0, 50, 0]);
  });

  it('keeps the last 600 samples, and a group created mid-run starts with a gap while the others keep their history', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: remoteFrame(0, 650, ['ctg-0']), status: status(1, 650), replication: null, backup: null, remote: null });
    s.getState().simActions.simTelemetry({ frame: remoteFrame(650, 2, ['ctg-0', 'ctg-1']), status: status(1, 652), replication: null, backup: null, remote: null });
    const { groups } = s.getState().sim.remoteSeries;
    const t = readTimes(groups);
    expect(t.length).toBe(600);
    expect(t[0]).toBe(53);
    expect(t.at(-1)).toBe(652);
    const old = readKeyed(groups, 'ctg-0', 'lagS');
    expect(old[0]).toBe(53);
    expect(old.at(-1)).toBe(652);
    const fresh = readKeyed(groups, 'ctg-1', 'lagS');
    expect(Number.isNaN(fresh[0])).toBe(true);
    expect(Array.from(fresh.slice(-2))).toEqual([661, 662]);
  });

  it('a frame without remote columns leaves the rings as they were; a new generation clears them', () => {
    const s = store();
    s.getState().simActions.simTelemetry({ frame: remoteFrame(0, 3, ['ctg-0']), status: status(1, 3), replication: null, backup: null, remote: null });
    const before = s.getState().sim.remoteSeries;
    s.getState().simActions.simTelemetry({ frame: frame(3, 2), status: status(1, 5), replication: null, backup: null, remote: null });
    expect(s.getState().sim.remoteSeries).toBe(before);
    expect(s.getState().sim.series.length).toBe(5);
    s.getState().simActions.simTelemetry({ frame: null, status: { ...status(2, 0), runState: 'ready' }, replication: null, backup: null, remote: null });
    expect(s.getState().sim.remoteSeries.groups.length).toBe(0);
    expect(s.getState().sim.remoteSeries.groups.keys).toEqual([]);
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
