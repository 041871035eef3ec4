/**
 * EngineHost under a fake wall clock and a fake simulation: the timing loop (paced and 'max'),
 * slicing, telemetry batching, state transitions and cost accounting, without a worker.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  BackupStatus,
  EngineSnapshot,
  JobStatus,
  PairBitmap,
  PairStatus,
  ReplicationStatus,
  Report,
  RunbookState,
  Simulation,
  TelemetryFrame,
} from '../engine/api.ts';
import { createSimulation } from '../engine/simulation.ts';
import { lunTarget, smallSan } from '../engine/testing/small-sans.ts';
import { parseDocumentText } from '../model/parse.ts';
import type { Scenario } from '../model/scenario.ts';
import { EngineHost, FLUSH_INTERVAL_MS, SLICE_MS, frameBuffers } from './engine-host.ts';
import type { TelemetryMessage } from './engine-api.ts';

const EVENT_PERIOD_US = 10_000; // the fake sim has 100 events per simulated second

/** A manual clock with a timer queue; simulated work advances it through `cost`. */
class FakeClock {
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
    backupMode: [],
    mounts: [],
  };
}

/** A deterministic stand-in for the engine: each event costs `eventCostMs` of wall time. */
function fakeSimulation(scenario: Scenario, clock: FakeClock, eventCostMs: number): Simulation {
  let nowUs = 0;
  let drainedS = 0;
  let events = 0;
  let pairState: PairStatus['state'] = 'SMPL';
  let runbook: RunbookState = 'idle';
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
      if (cmd.type !== 'pairCreate') return { ok: true };
      if (pairState !== 'SMPL') return { ok: false, code: 'EX_INVSTP', message: 'G/d1 is not SMPL' };
      pairState = 'PAIR';
      return { ok: true };
    },
    replicationStatus: (): ReplicationStatus => ({ pairs: [fakePair(pairState, nowUs)], pools: [] }),
    backupStatus: (): BackupStatus => fakeBackup(nowUs, runbook),
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
      };
    },
    eventLogHash: () => 'fake',
    snapshot: () =>
      ({ nowUs, endUs, events, eventLogHash: 'fake', workloads: [], ldevs: {}, arrays: {}, recentEvents: [], replication: { pairs: [], pools: [] }, backup: fakeBackup(nowUs, runbook) }) as EngineSnapshot,
  };
}

const SCENARIO = { name: 'fake', seed: 7, durationS: 60 } as unknown as Scenario;

function setup(eventCostMs = 0.001) {
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

const seconds = (host: EngineHost) => host.status().nowUs / 1e6;

describe('engine host › load', () => {
  it('is ready at t=0 after a load and reports compile errors by device and field', () => {
    const { host } = setup();
    expect(host.load(SCENARIO)).toEqual({ ok: true });
    expect(host.status()).toMatchObject({ runState: 'ready', nowUs: 0, endUs: 60e6 });
    const bad = host.load({ ...SCENARIO, name: 'broken' });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('arr-1');
    expect(host.status().runState).toBe('error');
  });
});

describe('engine host › play', () => {
  it('advances simulated time at speed × wall time, batching telemetry at ~4 Hz', () => {
    const { clock, host, messages } = setup();
    host.load(SCENARIO);
    messages.length = 0;
    host.play(10);
    clock.advance(1000);
    expect(seconds(host)).toBeGreaterThan(9.5);
    expect(seconds(host)).toBeLessThanOrEqual(10);
    const batches = messages.filter((m) => m.status.runState === 'playing').length;
    expect(batches).toBeGreaterThanOrEqual(1000 / FLUSH_INTERVAL_MS - 1);
    expect(batches).toBeLessThanOrEqual(1000 / FLUSH_INTERVAL_MS + 2);
    host.pause(); // flushes the rest: every completed simulated second arrives exactly once
    const samples = messages.reduce((n, m) => n + (m.frame ? m.frame.timesS.length : 0), 0);
    expect(samples).toBe(Math.floor(seconds(host)));
  });

  it("at 'max' runs in slices of about SLICE_MS and yields between them", () => {
    const { clock, host, messages } = setup(0.05); // 2,000 events per slice cost 100 ms
    host.load(SCENARIO);
    host.play('max');
    clock.advance(50);
    expect(seconds(host)).toBeGreaterThan(0);
    expect(seconds(host)).toBeLessThan(60);
    expect(clock.maxSliceMs).toBeLessThanOrEqual(SLICE_MS + 2000 * 0.05);
    clock.advance(60_000);
    expect(host.status().runState).toBe('finished');
    expect(seconds(host)).toBe(60);
    expect(messages.at(-1)?.status.runState).toBe('finished');
    expect(clock.pending()).toBe(0);
  });

  it('keeps slices short when events are cheap', () => {
    const { clock, host } = setup(0.004);
    host.load(SCENARIO);
    host.play('max');
    clock.advance(1000);
    expect(clock.maxSliceMs).toBeLessThanOrEqual(SLICE_MS + 2000 * 0.004);
  });

  it('slows down instead of sprinting when a paced run cannot keep up', () => {
    const { clock, host } = setup(0.5); // 100 events per sim second cost 50 ms wall
    host.load(SCENARIO);
    host.play(1000);
    clock.advance(2000);
    const t = seconds(host);
    expect(t).toBeGreaterThan(5);
    expect(t).toBeLessThan(60);
  });
});

describe('engine host › pause, step, runUntil, reset', () => {
  it('pause stops the clock and leaves no live timer', () => {
    const { clock, host } = setup();
    host.load(SCENARIO);
    host.play(1);
    clock.advance(2000);
    host.pause();
    const t = seconds(host);
    clock.advance(5000);
    expect(seconds(host)).toBe(t);
    expect(host.status().runState).toBe('paused');
  });

  it('step advances exactly one simulated second; runUntil runs to N and reports', () => {
    const { host, messages } = setup();
    host.load(SCENARIO);
    host.step();
    expect(seconds(host)).toBe(1);
    host.step();
    expect(seconds(host)).toBe(2);
    expect(messages.at(-1)?.frame?.timesS[0]).toBe(2);
    const report = host.runUntil(30);
    expect(report.simSeconds).toBe(30);
    expect(host.status().runState).toBe('paused');
    expect(host.runUntil(999).simSeconds).toBe(60);
    expect(host.status().runState).toBe('finished');
  });

  it('a second play does not start a second loop', () => {
    const { clock, host } = setup();
    host.load(SCENARIO);
    host.play(1);
    host.play(1);
    clock.advance(1000);
    expect(seconds(host)).toBeLessThanOrEqual(1);
    expect(clock.pending()).toBe(1);
  });

  it('reset goes back to t=0 and bumps the generation', () => {
    const { host } = setup();
    host.load(SCENARIO);
    const g = host.status().generation;
    host.runUntil(10);
    host.reset();
    expect(host.status()).toMatchObject({ runState: 'ready', nowUs: 0, generation: g + 1 });
  });
});

describe('engine host › snapshot', () => {
  it('returns the loaded simulation’s snapshot as of now, without moving the clock or the state', () => {
    const { host, messages } = setup();
    expect(() => host.snapshot()).toThrow(/no scenario/);
    host.load(SCENARIO);
    expect(host.snapshot()).toMatchObject({ nowUs: 0, endUs: 60e6, events: 0 });
    host.runUntil(3);
    const sent = messages.length;
    expect(host.snapshot()).toMatchObject({ nowUs: 3e6, events: 300 });
    expect(host.status()).toMatchObject({ runState: 'paused', nowUs: 3e6 });
    expect(messages.length).toBe(sent); // no flush, no telemetry
  });

  it('with the real engine equals a direct run’s snapshot at the same time', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randrw', iodepth: 2, startAtS: 0, target: lunTarget(0) });
    const scenario = b.build({ durationS: 10 });
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.load(scenario);
    host.runUntil(2);
    const direct = createSimulation(scenario);
    direct.runUntil(2_000_000);
    const snap = host.snapshot();
    expect(snap).toEqual(direct.snapshot());
    expect(snap.workloads[0]).toMatchObject({ serverId: 'h1', workloadId: 'w', active: true, ldevId: 'ssd0' });
    expect(snap.workloads[0].completedIos).toBeGreaterThan(0);
  });
});

describe('engine host › replication', () => {
  it('sends the pairs and pools with every batch (null when nothing is loaded)', () => {
    const { clock, host, messages } = setup();
    host.load({ ...SCENARIO, name: 'broken' });
    expect(messages.at(-1)?.replication).toBeNull();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(1000);
    host.pause();
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages.slice(1)) expect(m.replication?.pairs[0].copyPct).toBe(Math.min(100, m.status.nowUs / 1e6));
  });

  it('answers replication() and pairBitmap() from the loaded simulation', () => {
    const { host } = setup();
    expect(host.replication()).toBeNull();
    expect(host.pairBitmap('G/d1', 16)).toBeNull();
    host.load(SCENARIO);
    expect(host.replication()?.pairs.map((p) => p.state)).toEqual(['SMPL']);
    expect(host.pairBitmap('G/d1', 16)).toMatchObject({ key: 'G/d1', tracksPerCell: 4 });
    expect(host.pairBitmap('nope', 16)).toBeNull();
  });

  it('with the real engine: a pair created through the host shows in the next batch and in its bitmap', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randwrite', rate_iops: 50, size: '64m', startAtS: 0, target: lunTarget(0) });
    b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd1', pvol: 'ssd0', svol: 'hdd0' }] });
    const messages: TelemetryMessage[] = [];
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.subscribe({ postMessage: (m) => messages.push(m) });
    host.load(b.build({ durationS: 30 }));
    expect(messages.at(-1)?.replication?.pairs.map((p) => [p.key, p.state])).toEqual([['G/d1', 'SMPL']]);
    host.runUntil(2);
    expect(host.apply({ type: 'pairCreate', group: 'G', device: 'd1', pace: 15, split: false })).toEqual({ ok: true });
    expect(messages.at(-1)?.replication?.pairs[0].state).toBe('COPY');
    host.runUntil(20);
    expect(host.replication()?.pairs[0].state).toBe('PAIR');
    const bitmap = host.pairBitmap('G/d1', 256)!;
    expect(bitmap.cells.length).toBeLessThanOrEqual(256);
    expect(bitmap.tracksPerCell * bitmap.cells.length).toBeGreaterThanOrEqual(bitmap.trackCount);
    expect(Array.from(bitmap.cells).some((c) => c !== 0)).toBe(true);
  });

  it('flushes after an accepted command while paused, so the new state shows at once', () => {
    const { host, messages } = setup();
    host.load(SCENARIO);
    host.runUntil(2);
    const sent = messages.length;
    expect(host.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false })).toEqual({ ok: true });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)?.replication?.pairs[0].state).toBe('PAIR');
    const rejected = host.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false });
    expect(rejected).toMatchObject({ ok: false, code: 'EX_INVSTP' });
    expect(messages.length).toBe(sent + 1); // a rejected command changed nothing: no batch
  });
});

describe('engine host › backup', () => {
  it('sends the libraries, jobs and runbooks with every batch, as of its status (null when nothing is loaded)', () => {
    const { clock, host, messages } = setup();
    host.load({ ...SCENARIO, name: 'broken' });
    expect(messages.at(-1)?.backup).toBeNull();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(2000);
    host.pause();
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages.slice(1)) expect(m.backup?.jobs[0].bytesDone).toBe(Math.min(60, Math.floor(m.status.nowUs / 1e6)) * 1e6);
    expect(messages.at(-1)?.backup?.jobs[0].bytesDone).toBeGreaterThan(0);
  });

  it('answers backup() from the loaded simulation, and a runbook started while paused shows in the next batch', () => {
    const { host, messages } = setup();
    expect(host.backup()).toBeNull();
    host.load(SCENARIO);
    expect(host.backup()?.runbooks.map((r) => [r.id, r.state])).toEqual([['rb', 'idle']]);
    host.runUntil(3);
    const sent = messages.length;
    expect(host.apply({ type: 'startRunbook', runbook: 'rb' })).toEqual({ ok: true });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)?.backup?.runbooks[0].state).toBe('running');
    expect(host.snapshot().backup.runbooks[0].state).toBe('running');
    expect(host.apply({ type: 'startRunbook', runbook: 'nope' })).toMatchObject({ ok: false });
    expect(messages.length).toBe(sent + 1);
  });
});

describe('engine host › backup with the real engine', () => {
  it('the demo’s runbook is idle in the first batch, runs once the timeline starts it, and each batch equals backup()', () => {
    const parsed = parseDocumentText(readFileSync(new URL('../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
    const start = parsed.scenario.timeline.find((e) => e.action.type === 'startRunbook');
    expect(start).toBeDefined();
    const messages: TelemetryMessage[] = [];
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.subscribe({ postMessage: (m) => messages.push(m) });
    host.load(parsed.scenario);
    const first = messages.at(-1)!.backup!;
    expect(first.runbooks.map((r) => r.state)).toEqual(['idle']);
    expect(first.libraries.length).toBeGreaterThan(0);
    host.runUntil(start!.atS + 2);
    const later = messages.at(-1)!.backup!;
    expect(['running', 'waiting']).toContain(later.runbooks[0].state);
    expect(later.runbooks[0].steps[0].state).toBe('done');
    expect(later).toEqual(host.backup());
  });
});

describe('engine host › telemetry cost', () => {
  it('accounts drain + post inside busy time and counts frames', () => {
    const { clock, host } = setup();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(3000);
    const stats = host.stats();
    expect(stats.frames).toBeGreaterThan(5);
    expect(stats.busyMs).toBeGreaterThan(0);
    expect(stats.telemetryMs).toBeLessThanOrEqual(stats.busyMs);
  });

  it('lists each buffer behind a frame once, so it can be transferred', () => {
    const buffer = new ArrayBuffer(64);
    const a = new Float64Array(buffer, 0, 4);
    const b = new Float64Array(buffer, 32, 4);
    const frame = { timesS: a, readIops: b, writeIops: a, cacheHitPct: a, responseMsMean: a, linkUtilPct: a, rejected: a };
    expect(frameBuffers(frame as unknown as TelemetryFrame)).toEqual([buffer]);
  });
});
