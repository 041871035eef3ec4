/**
 * The typed contract between the UI and the engine worker (types only: the UI imports this
 * file without pulling engine code into the main bundle).
 *
 * One `EngineApi` per worker, exposed with comlink by `engine.worker.ts` and implemented by
 * `EngineHost`. Every argument and result is plain, structured-cloneable data. Telemetry goes
 * the other way as `TelemetryMessage`s on a dedicated MessagePort, batched ~4 per second, with
 * every typed array transferred (never one message per I/O).
 */
import type {
  BackupStatus,
  CommandResult,
  EngineCommand,
  EngineSnapshot,
  FaultStatus,
  FiredTrigger,
  JournalEntry,
  MovePrediction,
  PairBitmap,
  RemoteStatus,
  RemoteVerification,
  ReplicationStatus,
  Report,
  TelemetryFrame,
} from '../engine/api.ts';
import type { Scenario } from '../model/scenario.ts';

/** Playback speed: a multiple of real time, or 'max' for as fast as possible. */
export type Speed = 1 | 10 | 100 | 1000 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 100, 1000, 'max'];

/** idle: nothing loaded; ready: loaded at t=0; finished: reached the scenario's end. */
export type HostRunState = 'idle' | 'ready' | 'playing' | 'paused' | 'finished' | 'error';

export interface LoadResult {
  ok: boolean;
  /** Why the scenario could not be compiled, naming the device and field at fault. */
  message?: string;
}

export interface HostStatus {
  runState: HostRunState;
  nowUs: number;
  endUs: number;
  /** Increments on every load and reset, so a late frame of an earlier run can be dropped. */
  generation: number;
}

/** One batch pushed to subscribers: the samples since the last batch (or null) and the status. */
export interface TelemetryMessage {
  frame: TelemetryFrame | null;
  status: HostStatus;
  /** Pairs and pools as of `status.nowUs` (null when nothing is loaded). */
  replication: ReplicationStatus | null;
  /** Libraries, jobs, catalog, runbooks and schedule as of `status.nowUs` (null when nothing is loaded). */
  backup: BackupStatus | null;
  /** WAN links, remote groups and verifications as of `status.nowUs` (null when nothing is loaded). */
  remote: RemoteStatus | null;
  /**
   * Active faults, alerts, multipath, parity-group health and volume moves as of
   * `status.nowUs` (null when nothing is loaded). EngineHost always sends it; optional so a
   * hand-made message (tests, the charts bench) may leave it out.
   */
  faults?: FaultStatus | null;
  /**
   * Event-log entries recorded since the previous batch (actions, pair states, refused I/O, jobs,
   * alerts), oldest first; `journalReset` is true on the first batch of a load or reset (the
   * receiver starts its list afresh). Optional as `faults`.
   */
  journal?: JournalEntry[];
  journalReset?: boolean;
  /** Timeline entries waiting on an event that have fired so far (scenario index, run time); optional like `faults`. */
  triggers?: readonly FiredTrigger[];
}

/**
 * Where telemetry batches go: a MessagePort handed over by the UI (raw postMessage, typed
 * arrays transferred — no comlink round trip per batch), or any object with the same method.
 */
export interface TelemetrySink {
  postMessage(message: TelemetryMessage, transfer: ArrayBuffer[]): void;
}

/** Cost of telemetry inside the worker: wall ms in drain + post, wall ms busy in total. */
export interface HostStats {
  telemetryMs: number;
  busyMs: number;
  frames: number;
}

/** A timed run of a scenario inside the worker, for the browser bench. */
export interface BenchRunResult {
  completedIos: number;
  events: number;
  wallMs: number;
  simSeconds: number;
}

export interface EngineApi {
  /** Compile and load a scenario (stops any run). A compile error names the device and field. */
  load(scenario: Scenario, seed?: number): LoadResult;
  apply(cmd: EngineCommand): CommandResult;
  /** Advance simulated time at speed × wall time ('max': as fast as possible, in slices). */
  play(speed: Speed): void;
  pause(): void;
  /** Advance `seconds` simulated seconds (default 1) and pause. */
  step(seconds?: number): void;
  /** Run to simulated second `seconds` (clamped to the end), pause, and report. */
  runUntil(seconds: number): Report;
  /**
   * Run until the next timeline entry (at a time, or after an event) has been carried out — or
   * to second `limitS` when none is — and pause. Returns whether an entry ran.
   */
  runToNextAction(limitS: number): boolean;
  report(): Report;
  /** The engine's state now (workloads, LDEV contents, caches, recent events) as plain data. */
  snapshot(): EngineSnapshot;
  status(): HostStatus;
  /** Pairs and pools now. */
  replication(): ReplicationStatus | null;
  /** Libraries, jobs, catalog, runbooks and the SAN manager's schedule now. */
  backup(): BackupStatus | null;
  /** WAN links, remote groups (lag, journals, state) and every "verify remote" so far. */
  remote(): RemoteStatus | null;
  /**
   * "Verify remote" for the remote group of copy group `group` now: which prefix of the
   * primary's writes the remote image equals (recorded in the report; the next batch carries it).
   * Null when nothing is loaded or the group is not a remote copy group.
   */
  verifyRemote(group: string): RemoteVerification | null;
  /** Active faults, alerts, paths, parity groups and volume moves now (the Monitor tab's data). */
  faults(): FaultStatus | null;
  /**
   * What moving `ldevId` to parity group `parityGroupId` would do to the utilisation of both
   * groups, from the load measured just before now; `{ error }` when the move is not possible;
   * null when nothing is loaded.
   */
  predictMove(ldevId: string, parityGroupId: string): MovePrediction | { error: string } | null;
  /** A pair's tracks folded into at most `cells` cells (the bitmap view), or null. */
  pairBitmap(key: string, cells: number): PairBitmap | null;
  /** Send telemetry batches to `sink` (a transferred MessagePort); returns an id for `unsubscribe`. */
  subscribe(sink: TelemetrySink): number;
  unsubscribe(id: number): void;
  /** Back to t=0 with the same scenario and seed. */
  reset(): void;
  stats(): HostStats;
  resetStats(): void;
  /** Compile and run a scenario to `simSeconds` in a throw-away simulation, timed in the worker. */
  bench(scenario: Scenario, simSeconds: number): BenchRunResult;
}
