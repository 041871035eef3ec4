/**
 * EngineHost: owns one Simulation inside the worker and drives it in wall-clock time.
 *
 * Owns the timing loop (play at ×N of wall time or as fast as possible, in slices that yield
 * between them), batching of telemetry into ~4 Hz transferable frames, and the cost accounting
 * of that telemetry. Wall time and timers are injected (`now`, `schedule`) so tests drive the
 * loop with a fake clock; the engine itself never sees wall time.
 *
 *   idle ──load──▶ ready ──play──▶ playing ──pause──▶ paused ──play──▶ playing
 *                    ▲                │  end of scenario                 │
 *                    └────reset───────┴────────▶ finished ◀──────────────┘
 *
 * Invariants: at most one tick is scheduled at a time (`tickToken`); a tick of an earlier
 * play/load is ignored; every state change that moves the clock ends with a flush, so
 * subscribers always see the final samples and status. An accepted command flushes too, so a
 * pair command given while paused shows its new state at once (and so does a "verify remote"
 * given while paused). Every batch carries the pairs and pools (`replication`), the libraries,
 * jobs, catalog, runbooks and schedule (`backup`), the WAN links and remote groups with
 * their verifications (`remote`), and the faults, alerts, paths, parity groups and volume moves
 * (`faults`) as of its status.
 */
import type {
  BackupStatus,
  CommandResult,
  EngineCommand,
  EngineSnapshot,
  FaultStatus,
  MovePrediction,
  PairBitmap,
  RemoteStatus,
  RemoteVerification,
  ReplicationStatus,
  Report,
  Simulation,
  TelemetryFrame,
} from '../engine/api.ts';
import type { Scenario } from '../model/scenario.ts';
import type {
  BenchRunResult,
  EngineApi,
  HostRunState,
  HostStats,
  HostStatus,
  LoadResult,
  Speed,
  TelemetrySink,
  TelemetryMessage,
} from './engine-api.ts';

export type CreateSimulation = (scenario: Scenario, opts?: { seed?: number }) => Simulation;

export interface HostDeps {
  createSimulation: CreateSimulation;
  /** Wall-clock milliseconds (performance.now in the worker). */
  now(): number;
  /** Run `fn` after `ms` wall milliseconds (setTimeout in the worker). */
  schedule(fn: () => void, ms: number): void;
}

/** Wall budget of one slice of simulation before yielding to the message loop. */
export const SLICE_MS = 15;
/** Telemetry batches per wall second (~4 Hz). */
export const FLUSH_INTERVAL_MS = 250;
/** Tick period while playing at a finite speed (smooth clock, idle CPU otherwise). */
export const PACED_TICK_MS = 20;
/** Events per runUntil call inside a slice; the slice checks the wall clock between calls. */
export const EVENTS_PER_CHUNK = 2000;
/** If a paced run falls this far (wall ms) behind, re-anchor rather than sprint to catch up. */
const MAX_LAG_MS = 500;

const US_PER_S = 1_000_000;
const BENCH_SLICE_US = 100_000;

export class EngineHost implements EngineApi {
  private sim: Simulation | null = null;
  private scenario: Scenario | null = null;
  private seed: number | undefined;
  private runState: HostRunState = 'idle';
  private speed: Speed = 1;
  private generation = 0;
  private tickToken = 0;
  private anchorWallMs = 0;
  private anchorSimUs = 0;
  private lastFlushMs = 0;
  /** The next event-log entry to send, and whether the next batch starts the list afresh (a load or reset). */
  private journalNext = 1;
  private journalReset = true;
  private sinks = new Map<number, TelemetrySink>();
  private nextListenerId = 1;
  private counters: HostStats = { telemetryMs: 0, busyMs: 0, frames: 0 };

  constructor(private readonly deps: HostDeps) {}

  load(scenario: Scenario, seed?: number): LoadResult {
    this.stopLoop();
    this.generation++;
    try {
      this.sim = this.deps.createSimulation(scenario, seed === undefined ? undefined : { seed });
      this.journalNext = 1;
      this.journalReset = true;
      this.scenario = scenario;
      this.seed = seed;
      this.runState = 'ready';
      this.flush();
      return { ok: true };
    } catch (err) {
      this.sim = null;
      this.scenario = null;
      this.runState = 'error';
      this.flush();
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  reset(): void {
    if (!this.scenario) return;
    this.load(this.scenario, this.seed);
  }

  apply(cmd: EngineCommand): CommandResult {
    if (!this.sim) return { ok: false, message: 'no scenario is loaded' };
    const result = this.sim.apply(cmd);
    // While playing the next tick flushes within FLUSH_INTERVAL_MS anyway.
    if (result.ok && this.runState !== 'playing') this.flush();
    return result;
  }

  play(speed: Speed): void {
    if (!this.sim || this.runState === 'finished' || this.runState === 'error') return;
    this.speed = speed;
    this.runState = 'playing';
    this.anchorWallMs = this.deps.now();
    this.anchorSimUs = this.sim.nowUs();
    this.lastFlushMs = this.anchorWallMs;
    const token = ++this.tickToken;
    this.deps.schedule(() => this.tick(token), 0);
    this.flush();
  }

  pause(): void {
    if (this.runState !== 'playing') return;
    this.stopLoop();
    this.runState = 'paused';
    this.flush();
  }

  step(seconds = 1): void {
    const sim = this.sim;
    if (!sim || this.runState === 'finished' || this.runState === 'error') return;
    this.stopLoop();
    this.busy(() => sim.runUntil(Math.min(sim.nowUs() + Math.round(seconds * US_PER_S), sim.endUs())));
    this.settle('paused');
  }

  runUntil(seconds: number): Report {
    const sim = this.requireSim();
    this.stopLoop();
    this.busy(() => sim.runUntil(Math.min(Math.round(seconds * US_PER_S), sim.endUs())));
    this.settle('paused');
    return sim.report();
  }

  runToNextAction(limitS: number): boolean {
    const sim = this.requireSim();
    this.stopLoop();
    let ran = false;
    this.busy(() => {
      ran = sim.runToNextAction(Math.min(Math.round(limitS * US_PER_S), sim.endUs()));
    });
    this.settle('paused');
    return ran;
  }

  report(): Report {
    return this.requireSim().report();
  }

  /** The loaded simulation's snapshot as of now (does not move the clock or the run state). */
  snapshot(): EngineSnapshot {
    return this.requireSim().snapshot();
  }

  status(): HostStatus {
    const sim = this.sim;
    return {
      runState: this.runState,
      nowUs: sim ? sim.nowUs() : 0,
      endUs: sim ? sim.endUs() : 0,
      generation: this.generation,
    };
  }

  replication(): ReplicationStatus | null {
    return this.sim ? this.sim.replicationStatus() : null;
  }

  backup(): BackupStatus | null {
    return this.sim ? this.sim.backupStatus() : null;
  }

  remote(): RemoteStatus | null {
    return this.sim ? this.sim.remoteStatus() : null;
  }

  verifyRemote(group: string): RemoteVerification | null {
    if (!this.sim) return null;
    const verification = this.sim.verifyRemote(group);
    // Like an accepted command: a paused run shows the new verification at once.
    if (verification && this.runState !== 'playing') this.flush();
    return verification;
  }

  faults(): FaultStatus | null {
    return this.sim ? this.sim.faultStatus() : null;
  }

  predictMove(ldevId: string, parityGroupId: string): MovePrediction | { error: string } | null {
    return this.sim ? this.sim.predictMove(ldevId, parityGroupId) : null;
  }

  pairBitmap(key: string, cells: number): PairBitmap | null {
    return this.sim ? this.sim.pairBitmap(key, cells) : null;
  }

  subscribe(sink: TelemetrySink): number {
    const id = this.nextListenerId++;
    this.sinks.set(id, sink);
    return id;
  }

  unsubscribe(id: number): void {
    this.sinks.delete(id);
  }

  stats(): HostStats {
    return { ...this.counters };
  }

  resetStats(): void {
    this.counters = { telemetryMs: 0, busyMs: 0, frames: 0 };
  }

  bench(scenario: Scenario, simSeconds: number): BenchRunResult {
    const sim = this.deps.createSimulation(scenario);
    const endUs = Math.min(Math.round(simSeconds * US_PER_S), sim.endUs());
    const t0 = this.deps.now();
    let events = 0;
    // Slices of 100 ms simulated, as bench/node-sim.ts runs it, so the figures compare.
    for (let t = BENCH_SLICE_US; t < endUs + BENCH_SLICE_US; t += BENCH_SLICE_US) events += sim.runUntil(Math.min(t, endUs));
    const wallMs = this.deps.now() - t0;
    const report = sim.report();
    let completedIos = 0;
    for (const ldev of Object.values(report.ldevs)) completedIos += ldev.completedIos;
    return { completedIos, events, wallMs, simSeconds: sim.nowUs() / US_PER_S };
  }

  // ------------------------------------------------------------------ the timing loop

  /** One slice: advance toward the target time for at most SLICE_MS, flush at ~4 Hz, re-arm. */
  private tick(token: number): void {
    const sim = this.sim;
    if (token !== this.tickToken || !sim || this.runState !== 'playing') return;
    const start = this.deps.now();
    const targetUs = this.targetUs(sim, start);
    const deadline = start + SLICE_MS;
    while (sim.nowUs() < targetUs) {
      const before = sim.nowUs();
      const ran = sim.runUntil(targetUs, EVENTS_PER_CHUNK);
      if (this.deps.now() >= deadline || (ran === 0 && sim.nowUs() === before)) break;
    }
    const end = this.deps.now();
    this.counters.busyMs += end - start;
    if (sim.nowUs() >= sim.endUs()) {
      this.settle('finished');
      return;
    }
    if (this.speed !== 'max' && end - this.anchorWallMs > 0) this.reanchorIfLagging(sim, end);
    if (end - this.lastFlushMs >= FLUSH_INTERVAL_MS) this.flush();
    this.deps.schedule(() => this.tick(token), this.speed === 'max' ? 0 : PACED_TICK_MS);
  }

  private targetUs(sim: Simulation, wallMs: number): number {
    if (this.speed === 'max') return sim.endUs();
    const target = this.anchorSimUs + Math.floor((wallMs - this.anchorWallMs) * this.speed * 1000);
    return Math.min(target, sim.endUs());
  }

  /** A paced run that cannot keep up slows down instead of sprinting later (no spiral). */
  private reanchorIfLagging(sim: Simulation, wallMs: number): void {
    const speed = this.speed as number;
    const lagMs = (this.targetUs(sim, wallMs) - sim.nowUs()) / 1000 / speed;
    if (lagMs > MAX_LAG_MS) {
      this.anchorWallMs = wallMs;
      this.anchorSimUs = sim.nowUs();
    }
  }

  private stopLoop(): void {
    this.tickToken++;
  }

  /** Pause or finish after a synchronous advance, then flush. */
  private settle(next: 'paused' | 'finished'): void {
    const sim = this.sim;
    this.stopLoop();
    this.runState = sim && sim.nowUs() >= sim.endUs() ? 'finished' : next;
    this.flush();
  }

  private busy(fn: () => void): void {
    const t0 = this.deps.now();
    fn();
    this.counters.busyMs += this.deps.now() - t0;
  }

  private requireSim(): Simulation {
    if (!this.sim) throw new Error('no scenario is loaded');
    return this.sim;
  }

  // ------------------------------------------------------------------ telemetry

  /** Drain the samples since the last flush and post one batch to every subscriber. */
  private flush(): void {
    const t0 = this.deps.now();
    this.lastFlushMs = t0;
    const frame = this.sim ? this.sim.drainTelemetry() : null;
    const replication = this.sim ? this.sim.replicationStatus() : null;
    const backup = this.sim ? this.sim.backupStatus() : null;
    const remote = this.sim ? this.sim.remoteStatus() : null;
    const faults = this.sim ? this.sim.faultStatus() : null;
    const j = this.sim ? this.sim.journal(this.journalNext) : { entries: [], next: this.journalNext };
    this.journalNext = j.next;
    const message: TelemetryMessage = { frame, status: this.status(), replication, backup, remote, faults, journal: j.entries, journalReset: this.journalReset, triggers: this.sim ? this.sim.firedTriggers() : [] };
    this.journalReset = false;
    const buffers = frame ? frameBuffers(frame) : [];
    for (const sink of this.sinks.values()) {
      // Transfer only to a single sink: a transferred buffer is detached after one post.
      sink.postMessage(message, this.sinks.size === 1 ? buffers : []);
    }
    if (frame) this.counters.frames++;
    const spent = this.deps.now() - t0;
    this.counters.telemetryMs += spent;
    this.counters.busyMs += spent;
  }
}

/** The distinct ArrayBuffers behind a frame's typed arrays (a buffer may back several views). */
export function frameBuffers(frame: TelemetryFrame): ArrayBuffer[] {
  const views = [
    frame.timesS,
    frame.readIops,
    frame.writeIops,
    frame.cacheHitPct,
    frame.responseMsMean,
    frame.linkUtilPct,
    frame.rejected,
    frame.remoteLagS,
    frame.remoteLagWrites,
    frame.remoteJournalPct,
    frame.wanThroughputMBps,
  ];
  const set = new Set<ArrayBuffer>();
  for (const v of views) if (v && v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) set.add(v.buffer);
  return [...set];
}
