/**
 * The `window.sandbox` automation API, as types only: importable by Playwright specs, the
 * browser bench and user scripts without pulling in the app. Documented in docs/automation.md.
 */
import type {
  AlertRecord,
  BackupStatus,
  CommandResult,
  EngineSnapshot,
  FaultStatus,
  MovePrediction,
  PairBitmap,
  RemoteStatus,
  RemoteVerification,
  ReplicationStatus,
  Report,
} from '../../engine/api.ts';
import type { Action, Scenario } from '../../model/scenario.ts';
import type { FaultComponent } from '../../model/scenario-faults.ts';
import type { CciOutput } from '../../cci/execute.ts';
import type { BenchRunResult, HostStats } from '../../worker/engine-api.ts';
import type { RunState, Speed } from '../store/sim-types.ts';
import type { ActivityGrade } from '../activity/grade.ts';

export type {
  ActivityGrade,
  Action,
  AlertRecord,
  FaultStatus,
  MovePrediction,
  BackupStatus,
  CciOutput,
  CommandResult,
  EngineSnapshot,
  PairBitmap,
  RemoteStatus,
  RemoteVerification,
  ReplicationStatus,
  Report,
  Scenario,
  Speed,
  RunState,
};

/** One problem in a document: field path, line/column when the input was text, and a message. */
export interface SandboxError {
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export interface LoadScenarioResult {
  /** True when the document is valid and the engine compiled it. */
  ok: boolean;
  /** Why not: schema errors (canvas untouched) or the engine's compile error (path ''). */
  errors?: SandboxError[];
}

/** An alert as the Monitor tab lists it: the engine's record and whether the user acknowledged it. */
export interface SandboxAlert extends AlertRecord {
  acknowledged: boolean;
}

export interface SandboxStatus {
  runState: RunState;
  nowS: number;
  endS: number;
}

/** Timing helpers used by `bench/browser.ts` (stable, but not meant for scenario scripts). */
export interface SandboxBench {
  /** Compile and run a document to `simSeconds` in a throw-away simulation inside the worker. */
  runScenario(doc: unknown, simSeconds: number): Promise<BenchRunResult>;
  /** Play the loaded scenario at 'max' for `wallMs` and return the worker's cost counters. */
  telemetryShare(wallMs: number): Promise<HostStats>;
  /** Feed the charts synthetic telemetry (`volumes` × 600 points at `hz`) for `durationMs`. */
  charts(options: { volumes: number; hz: number; durationMs: number }): Promise<ChartsBenchResult>;
  /** Count animation frames for `durationMs` (run while something animates the page). */
  countFrames(durationMs: number): Promise<{ frames: number; fps: number; maxFrameMs: number }>;
}

export interface ChartsBenchResult {
  updates: number;
  /** Longest main-thread task seen (long-task observer, or the longest update). */
  maxTaskMs: number;
  meanUpdateMs: number;
  longTasks: number;
}

export interface SandboxApi {
  /** Validate a scenario (or bare topology) document and load it into the canvas and the worker. */
  loadScenario(doc: unknown): Promise<LoadScenarioResult>;
  /** Pause and run to simulated second `seconds` (clamped to the scenario's end); the report. */
  runUntil(seconds: number): Promise<Report>;
  /** Play at `speed` (default: the speed selected in the UI). */
  play(speed?: Speed): Promise<void>;
  pause(): Promise<void>;
  /** Advance `seconds` simulated seconds (default 1) and pause. */
  step(seconds?: number): Promise<void>;
  /** Back to 00:00 with the same document and seed. */
  reset(): Promise<void>;
  /** The report as of the current simulated time (same shape as the CLI's). */
  report(): Promise<Report>;
  /**
   * The engine's state as of the current simulated time: workloads, LDEV contents, caches and
   * the last 50 event-log records (same object as Node's `createSimulation(…).snapshot()`).
   */
  snapshot(): Promise<EngineSnapshot>;
  /**
   * Apply an action to the running emulation now, as a timeline action would (workload and
   * pair commands, the read-only attribute). A refused command says why (`message`, and for
   * pair commands CCI's `code`) and changes nothing.
   */
  apply(action: Action): Promise<CommandResult>;
  /** Every pair and snapshot pool now. */
  replication(): Promise<ReplicationStatus>;
  /**
   * Tape and backup now: libraries (drives, cartridges, request queue), jobs (progress, path,
   * verification), the catalog, runbooks (state, current step, each step's changes) and the SAN
   * manager's schedule — what the Backup tab shows.
   */
  backup(): Promise<BackupStatus>;
  /**
   * Remote copy now — what the Remote tab shows: WAN links (up, MB/s, batches in flight,
   * retransmits), remote groups (state, `lastSeq` / `appliedSeq`, lag as writes, bytes and
   * seconds, bitmap tracks, journals with use % and PFUL / full state, suspension) and every
   * "verify remote" so far.
   */
  remote(): Promise<RemoteStatus>;
  /**
   * "Verify remote" for the remote group of copy group `group`, now: PASS with the prefix n of
   * the primary's N writes the remote equals, INCONSISTENT while a resync copies, FAIL with the
   * tracks that differ. Recorded in the report (`remote.verifications`) and shown on the Remote
   * tab. Null when `group` is not a remote copy group of the loaded scenario.
   */
  verifyRemote(group: string): Promise<RemoteVerification | null>;
  /**
   * Run one CCI command line as the console does (docs/console.md): `exitCode`, `stdout`,
   * `stderr`, and the scenario `actions` an accepted command corresponds to. A command that
   * lets time pass (`pairevtwait`, `sleep`) steps a paused run and waits on a playing one.
   * Not shown in the console's transcript.
   */
  cci(line: string): Promise<CciOutput>;
  /** A pair's tracks folded into at most `cells` cells (what the bitmap view draws), or null. */
  pairBitmap(key: string, cells?: number): Promise<PairBitmap | null>;
  /**
   * Faults and their consequences now — what the Monitor tab shows (docs/monitoring.md): active
   * faults, the newest alerts, every workload's paths, parity groups (state, rebuild %, busy %),
   * volume moves (progress, prediction, measurement) and the health of every device and cable
   * that is not OK.
   */
  faults(): Promise<FaultStatus>;
  /**
   * The alerts of this run, oldest first (the engine keeps the newest 500), each with whether it
   * was acknowledged on the Monitor tab (acknowledgements belong to the page, not the engine).
   */
  alerts(): Promise<SandboxAlert[]>;
  /**
   * What moving LDEV `ldevId` to parity group `parityGroupId` would do to both groups'
   * utilisation, from the load measured just before now (changes nothing); `{ error }` when the
   * move is not possible.
   */
  predictMove(ldevId: string, parityGroupId: string): Promise<MovePrediction | { error: string }>;
  /**
   * Start moving LDEV `ldevId` to parity group `parityGroupId` of its array, as the action
   * `moveVolume` does: a background copy while hosts keep using it, then a switch-over.
   */
  moveVolume(ldevId: string, parityGroupId: string): Promise<CommandResult>;
  /**
   * Fail (`failed: true`) or repair (`false`) one component now, as the action `setFault` and the
   * canvas's right-click menu do: a cable `{ kind: 'link', linkId }`, a port (a server's HBA, a
   * switch or array port) `{ kind: 'port', deviceId, portId }`, a whole switch, hub or bridge
   * `{ kind: 'device', deviceId }`, an array controller `{ kind: 'controller', arrayId,
   * controller }` (1-based: CL1, CL2), a parity-group disk `{ kind: 'disk', arrayId,
   * parityGroupId, disk }` (0-based) or a library drive `{ kind: 'tapeDrive', libraryId, drive }`
   * (0-based). Failing a failed component or repairing a working one is `redundant`; an unknown
   * one is refused with a message naming it. The active faults are in `faults().faults`.
   */
  fault(component: FaultComponent, failed: boolean): Promise<CommandResult>;
  /**
   * The player's "Next action ⏭" (docs/player.md): pause and run until the next timeline entry
   * has been carried out — the first marker not yet reached, or an entry waiting on an event if
   * that event comes first — paused there with every event at that instant processed, and return
   * that time; null (nothing run) when no marker is left and nothing waits. A fresh or reset run
   * has not reached the actions at 0 s, so the first call stops at 0 s when there are some.
   */
  stepToNextAction(): Promise<{ atS: number } | null>;
  /**
   * Grade the loaded scenario's activity now, from a fresh report (docs/activities.md): per task
   * `status` (passed, failed, not-yet) with each check's `actual` value and `why` it fails, and
   * `percent` complete (tasks passed / tasks). Null when the scenario has no activity.
   */
  activity(): Promise<ActivityGrade | null>;
  /** The document on the canvas (a copy). */
  exportScenario(): Scenario;
  status(): Promise<SandboxStatus>;
  bench: SandboxBench;
}

declare global {
  interface Window {
    sandbox: SandboxApi;
  }
}
