/**
 * Test support for EngineHost (engine-host*.test.ts), not shipped: a manual wall clock with a
 * timer queue, and a deterministic stand-in for the engine — one pair (SMPL until a pairCreate),
 * one tape job and runbook following the clock, and remote copy over WAN link `wan1` (ctg-0 of
 * copy group G: 10 writes per simulated second, the remote 10 behind while the link is up,
 * frozen while it is down) — plus `setup()`, a host over both with its batches collected.
 */
import type {
  BackupStatus,
  EngineSnapshot,
  JobStatus,
  PairBitmap,
  PairStatus,
  RemoteStatus,
  RemoteVerification,
  ReplicationStatus,
  Report,
  RunbookState,
  Simulation,
  TelemetryFrame,
} from '../engine/api.ts';
import type { Scenario } from '../model/scenario.ts';
import { EngineHost } from './engine-host.ts';
import type { TelemetryMessage } from './engine-api.ts';

export const EVENT_PERIOD_US = 10_000; // the fake sim has 100 events per simulated second

/** A manual clock with a timer queue; simulated work advances it through `cost`. */
export class FakeClock {
  nowMs = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  maxSliceMs = 0;
  now = (): number => this.nowMs;
  schedule = (fn: () => void, ms: number): void => {
    this.timers.push({ at: this.nowMs + ms, seq: this.seq++, fn });
  };
  /** Run due timers until `ms` of wall time have passed. */
  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.at);
      const t0 = this.nowMs;
      next.fn();
      this.maxSliceMs = Math.max(this.maxSliceMs, this.nowMs - t0);
    }
    this.nowMs = Math.max(this.nowMs, until);
  }
  pending(): number {
    return this.timers.length;
  }
}

/** The fake's one pair: SMPL until a pairCreate, then PAIR; its copy % follows the clock. */
function fakePair(state: PairStatus['state'], nowUs: number): PairStatus {
  return {
    key: 'G/d1',
    group: 'G',
    device: 'd1',
    kind: 'local',
    mu: 0,
    pvol: 'p',
    svol: 's',
    state,
    svolState: state,
    copyPct: Math.min(100, nowUs / 1e6),
    pace: 3,
    pendingTracks: 0,
    pDirtyTracks: 0,
    sDirtyTracks: 0,
    dirtyTracks: 0,
    trackCount: 64,
    tracksCopied: 0,
    bytesCopied: 0,
    splitAtS: null,
    svolAccess: 'none',
    preservedTracks: 0,
  };
}

/** The fake's one tape job: 1 MB per simulated second, 60 MB planned. */
function fakeJob(nowUs: number): JobStatus {
  const bytesDone = Math.min(60, Math.floor(nowUs / 1e6)) * 1e6;
  return {
    id: 'bk1',
    kind: 'backup',
    state: bytesDone >= 60e6 ? 'done' : 'transferring',
    path: 'lan-free',
    source: 's',
    target: 'tape1',
    libraryId: 'tape1',
    servers: ['backup-server'],
    links: ['l1'],
    createdS: 0,
    startedS: 0,
    transferStartS: 0,
    transferEndS: null,
    endedS: null,
    tracksPlanned: 240,
    tracksDone: bytesDone / 250_000,
    bytesPlanned: 60e6,
    bytesDone,
    mbps: 1,
    waitS: 0,
    backhitches: 0,
    cartridges: [],
    verification: null,
    error: null,
  };
}

/** The fake's backup status: runbook `rb` (idle until startRunbook) and job bk1 following the clock. */
function fakeBackup(nowUs: number, runbook: RunbookState): BackupStatus {
  return {
    clockStart: '22:00',
    policies: [],
    libraries: [],
    jobs: [fakeJob(nowUs)],
    catalog: [],
    runbooks: [{ id: 'rb', name: 'Online backup', state: runbook, current: runbook === 'idle' ? -1 : 0, stepMode: false, pauseBefore: null, steps: [] }],
    schedule: [],
    runbookSchedule: [],
    backupMode: [],
    mounts: [],
  };
}

/**
 * The fake's remote copy: WAN link `wan1` (up until a setWanLink) and group ctg-0 of copy group
 * G. The primary has written 10 writes per simulated second; the remote holds all but the last
 * 10 while the link is up and stays at what it held when the link went down.
 */
function fakeRemote(nowUs: number, wanUp: boolean, frozenAtUs: number, verifications: RemoteVerification[]): RemoteStatus {
  const lastSeq = Math.floor(nowUs / 100_000);
  const appliedSeq = Math.max(0, wanUp ? lastSeq - 10 : Math.floor(frozenAtUs / 100_000) - 10);
  return {
    wanLinks: [
      {
        id: 'wan1',
        name: 'WAN',
        up: wanUp,
        bandwidthMbps: 1000,
        distanceKm: 100,
        oneWayMs: 0.5,
        lossPct: 0,
        jitterMs: 0,
        bytes: appliedSeq * 8192,
        inFlight: wanUp ? 2 : 0,
        retransmits: 0,
        reordered: 0,
        utilizationPct: wanUp ? 5 : 0,
        throughputMBps: wanUp ? 0.08 : 0,
      },
    ],
    groups: [
      {
        key: 'ctg-0',
        mode: 'async',
        copyGroups: ['G'],
        pairs: ['G/d1'],
        state: 'PAIR',
        fence: null,
        wanLinkId: 'wan1',
        lastSeq,
        appliedSeq,
        lagWrites: lastSeq - appliedSeq,
        lagBytes: (lastSeq - appliedSeq) * 8192,
        lagS: lastSeq > appliedSeq ? 1 : 0,
        consistent: true,
        bitmapTracks: 0,
        journals: [],
        suspendedAtS: null,
        suspendReason: null,
        fencedWrites: 0,
      },
    ],
    verifications: [...verifications],
  };
}

/** A deterministic stand-in for the engine: each event costs `eventCostMs` of wall time. */
export function fakeSimulation(scenario: Scenario, clock: FakeClock, eventCostMs: number): Simulation {
  let nowUs = 0;
  let drainedS = 0;
  let events = 0;
  let pairState: PairStatus['state'] = 'SMPL';
  let runbook: RunbookState = 'idle';
  let wanUp = true;
  let frozenAtUs = 0;
  const verifications: RemoteVerification[] = [];
  const endUs = scenario.durationS * 1_000_000;
  return {
    scenario,
    seed: scenario.seed,
    nowUs: () => nowUs,
    endUs: () => endUs,
    runUntil(us, maxEvents = Infinity) {
      const target = Math.min(us, endUs);
      let ran = 0;
      let next = (Math.floor(nowUs / EVENT_PERIOD_US) + 1) * EVENT_PERIOD_US;
      while (next <= target && ran < maxEvents) {
        nowUs = next;
        next += EVENT_PERIOD_US;
        ran++;
      }
      if (ran < maxEvents) nowUs = target;
      events += ran;
      clock.nowMs += ran * eventCostMs;
      return ran;
    },
    apply(cmd) {
      if (cmd.type === 'startRunbook') {
        if (cmd.runbook !== 'rb') return { ok: false, message: `no runbook ${cmd.runbook}` };
        runbook = 'running';
        return { ok: true };
      }
      if (cmd.type === 'setWanLink') {
        if (cmd.wanLinkId !== 'wan1') return { ok: false, message: `no WAN link ${cmd.wanLinkId}` };
        if (wanUp && !cmd.up) frozenAtUs = nowUs;
        wanUp = cmd.up;
        return { ok: true };
      }
      if (cmd.type !== 'pairCreate') return { ok: true };
      if (pairState !== 'SMPL') return { ok: false, code: 'EX_INVSTP', message: 'G/d1 is not SMPL' };
      pairState = 'PAIR';
      return { ok: true };
    },
    replicationStatus: (): ReplicationStatus => ({ pairs: [fakePair(pairState, nowUs)], pools: [] }),
    backupStatus: (): BackupStatus => fakeBackup(nowUs, runbook),
    remoteStatus: (): RemoteStatus => fakeRemote(nowUs, wanUp, frozenAtUs, verifications),
    verifyRemote(group): RemoteVerification | null {
      if (group !== 'G') return null;
      const g = fakeRemote(nowUs, wanUp, frozenAtUs, verifications).groups[0];
      const v: RemoteVerification = {
        group,
        atS: nowUs / 1e6,
        verdict: 'PASS',
        prefix: g.appliedSeq,
        lastSeq: g.lastSeq,
        tracksCompared: 64,
        mismatchedTracks: 0,
        message: `PASS: the remote equals the primary after ${g.appliedSeq} of ${g.lastSeq} writes`,
      };
      verifications.push(v);
      return v;
    },
    pairBitmap(key, cells): PairBitmap | null {
      if (key !== 'G/d1') return null;
      const n = Math.min(cells, 64);
      return { key, state: pairState, trackCount: 64, tracksPerCell: 64 / n, cells: new Uint8Array(n), pendingTracks: 0, dirtyTracks: 0, copiedTracks: 0 };
    },
    report: () => ({ simSeconds: nowUs / 1e6, events }) as unknown as Report,
    drainTelemetry(): TelemetryFrame | null {
      const whole = Math.floor(nowUs / 1_000_000);
      if (whole <= drainedS) return null;
      const n = whole - drainedS;
      const timesS = Float64Array.from({ length: n }, (_, i) => drainedS + i + 1);
      drainedS = whole;
      const col = () => new Float64Array(n);
      return {
        timesS,
        ldevIds: ['v1'],
        linkIds: [],
        readIops: col(),
        writeIops: col(),
        cacheHitPct: col(),
        responseMsMean: col(),
        linkUtilPct: new Float64Array(0),
        rejected: col(),
        remoteKeys: ['ctg-0'],
        remoteLagS: col(),
        remoteLagWrites: col().fill(10),
        remoteJournalPct: col(),
        wanIds: ['wan1'],
        wanThroughputMBps: col(),
      };
    },
    eventLogHash: () => 'fake',
    snapshot: () =>
      ({ nowUs, endUs, events, eventLogHash: 'fake', workloads: [], ldevs: {}, arrays: {}, recentEvents: [], replication: { pairs: [], pools: [] }, backup: fakeBackup(nowUs, runbook), remote: fakeRemote(nowUs, wanUp, frozenAtUs, verifications) }) as EngineSnapshot,
  };
}

export const SCENARIO = { name: 'fake', seed: 7, durationS: 60 } as unknown as Scenario;

export function setup(eventCostMs = 0.001) {
  const clock = new FakeClock();
  const host = new EngineHost({
    createSimulation: (s) => {
      if (s.name === 'broken') throw new Error('device "arr-1" field ldevs[0].parityGroupId: no such parity group');
      return fakeSimulation(s, clock, eventCostMs);
    },
    now: clock.now,
    schedule: clock.schedule,
  });
  const messages: TelemetryMessage[] = [];
  host.subscribe({ postMessage: (m) => messages.push(m) });
  return { clock, host, messages };
}

export const seconds = (host: EngineHost) => host.status().nowUs / 1e6;
