/**
 * Test support for EngineHost (engine-host*.test.ts), not shipped: a manual wall clock with a
 * timer queue, and a deterministic stand-in for the engine — one pair (SMPL until a pairCreate),
 * one tape job and runbook following the clock, and remote copy over WAN link `wan1` (ctg-0 of
 * copy group G: 10 writes per simulated second, the remote 10 behind while the link is up,
 * frozen while it is down) and faults (`fakeFaults`: any component can fail and be repaired, each
 * change raising an alert; LDEV v1 moves from parity group PG-1 to PG-2 at 10 % per simulated
 * second) — plus `setup()`, a host over both with its batches collected.
 */
import type {
  ActiveFault,
  AlertRecord,
  BackupStatus,
  EngineSnapshot,
  FaultStatus,
  MovePrediction,
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
import { componentDevice, componentLabel, type MoveVolume, type SetFault } from '../model/scenario-faults.ts';
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
    driveErrors: 0,
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

/** The fake's fault state: failed components by label, the alerts raised, one move of v1. */
export interface FakeFaultState {
  faults: Map<string, ActiveFault>;
  alerts: AlertRecord[];
  moveStartedUs: number | null;
}

const FAKE_MOVE_US = 10_000_000; // the fake's move of v1 copies for 10 simulated seconds

/** The fake's prediction for moving v1 from PG-1 (60 % busy, v1 is 40 of it) to PG-2 (10 %). */
export function fakePrediction(ldevId: string, groupId: string): MovePrediction | { error: string } {
  if (ldevId !== 'v1') return { error: `no LDEV ${ldevId}` };
  if (groupId !== 'PG-2') return { error: `no parity group ${groupId} in ar1 (or v1 is already there)` };
  return {
    ldevId,
    arrayId: 'ar1',
    fromGroup: 'PG-1',
    toGroup: 'PG-2',
    windowS: 10,
    ldevUtilPct: 40,
    before: { fromUtilPct: 60, toUtilPct: 10 },
    after: { fromUtilPct: 20, toUtilPct: 50 },
  };
}

function fakeAlert(state: FakeFaultState, nowUs: number, a: Pick<AlertRecord, 'severity' | 'kind' | 'deviceId' | 'message'>): void {
  state.alerts.push({ seq: state.alerts.length + 1, timeUs: nowUs, notified: a.severity === 'critical' ? ['storage-admin'] : [], ...a });
}

/** Apply a setFault or moveVolume to the fake's fault state, as the engine answers it. */
export function fakeFaultCommand(state: FakeFaultState, nowUs: number, cmd: SetFault | MoveVolume) {
  if (cmd.type === 'moveVolume') {
    const p = fakePrediction(cmd.ldevId, cmd.parityGroupId);
    if ('error' in p) return { ok: false, message: p.error };
    if (state.moveStartedUs !== null) return { ok: false, message: 'v1 is already moving' };
    state.moveStartedUs = nowUs;
    fakeAlert(state, nowUs, { severity: 'info', kind: 'volume-move', deviceId: 'ar1', message: 'v1: move PG-1 → PG-2 started' });
    return { ok: true };
  }
  const label = componentLabel(cmd.component);
  if (state.faults.has(label) === cmd.failed) return { ok: true, redundant: true };
  const deviceId = componentDevice(cmd.component);
  if (cmd.failed) state.faults.set(label, { component: cmd.component, label, deviceId, sinceUs: nowUs });
  else state.faults.delete(label);
  fakeAlert(state, nowUs, cmd.failed ? { severity: 'critical', kind: 'fault', deviceId, message: `${label} failed` } : { severity: 'info', kind: 'repair', deviceId, message: `${label} repaired` });
  return { ok: true };
}

/** The fake's fault status now: the failed components' devices failed, v1's move following the clock. */
export function fakeFaults(state: FakeFaultState, nowUs: number): FaultStatus {
  const health: FaultStatus['health'] = {};
  for (const f of state.faults.values()) health[f.deviceId] = 'failed';
  const prediction = fakePrediction('v1', 'PG-2') as MovePrediction;
  const started = state.moveStartedUs;
  const copiedPct = started === null ? 0 : Math.min(100, ((nowUs - started) / FAKE_MOVE_US) * 100);
  const done = started !== null && copiedPct >= 100;
  return {
    faults: [...state.faults.values()],
    alerts: [...state.alerts],
    alertCount: state.alerts.length,
    paths: [],
    parityGroups: [
      { arrayId: 'ar1', parityGroupId: 'PG-1', tier: 'hdd15k', raid: 'RAID5', state: 'normal', failedDisks: [], rebuildPct: null, rebuildEndUs: null, utilPct: done ? 21 : 60, meanUtilPct: 50 },
      { arrayId: 'ar1', parityGroupId: 'PG-2', tier: 'ssd', raid: 'RAID5', state: 'normal', failedDisks: [], rebuildPct: null, rebuildEndUs: null, utilPct: done ? 48 : 10, meanUtilPct: 10 },
    ],
    moves:
      started === null
        ? []
        : [
            {
              ldevId: 'v1',
              arrayId: 'ar1',
              fromGroup: 'PG-1',
              toGroup: 'PG-2',
              state: done ? 'done' : 'copying',
              copiedPct,
              startedUs: started,
              switchedUs: done ? started + FAKE_MOVE_US : null,
              automatic: false,
              prediction,
              measured: done ? { fromUtilPct: 21, toUtilPct: 48 } : null,
            },
          ],
    health,
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
  const faultState: FakeFaultState = { faults: new Map(), alerts: [], moveStartedUs: null };
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
      if (cmd.type === 'setFault' || cmd.type === 'moveVolume') return fakeFaultCommand(faultState, nowUs, cmd);
      if (cmd.type !== 'pairCreate') return { ok: true };
      if (pairState !== 'SMPL') return { ok: false, code: 'EX_INVSTP', message: 'G/d1 is not SMPL' };
      pairState = 'PAIR';
      return { ok: true };
    },
    runToNextAction(us) {
      // The next timed entry after now (the fake has no triggers), else to `us`.
      const limit = Math.min(us, endUs);
      const next = scenario.timeline.flatMap((e) => (e.atS === undefined ? [] : [Math.round(e.atS * 1_000_000)])).filter((t) => t > nowUs && t <= limit).sort((a, b) => a - b)[0];
      this.runUntil(next ?? limit);
      return next !== undefined;
    },
    firedTriggers: () => [],
    replicationStatus: (): ReplicationStatus => ({ pairs: [fakePair(pairState, nowUs)], pools: [] }),
    backupStatus: (): BackupStatus => fakeBackup(nowUs, runbook),
    remoteStatus: (): RemoteStatus => fakeRemote(nowUs, wanUp, frozenAtUs, verifications),
    faultStatus: (): FaultStatus => fakeFaults(faultState, nowUs),
    journal: (fromSeq: number) => ({ entries: [], next: fromSeq }),
    predictMove: (ldevId, groupId) => fakePrediction(ldevId, groupId),
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
