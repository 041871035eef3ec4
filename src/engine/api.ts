/**
 * The engine's public contract: what the CLI, the worker and tests program against.
 *
 * The engine is deterministic and pure: a Simulation is built from a Scenario document and a
 * seed, advances only through these calls, and never reads wall-clock time or unseeded
 * randomness. Same scenario + seed → same report and same event-log hash, in Node and in a
 * Web Worker.
 *
 * Time: integer microseconds of simulated time (`…Us`). Reports speak seconds and milliseconds.
 */
import type { Action, Expectation, Scenario } from '../model/scenario.ts';

/** A command applied to a running simulation (plain data; the UI never mutates engine state). */
export type EngineCommand = Action;

export interface CommandResult {
  ok: boolean;
  /** Why a command was rejected, naming the device or field at fault. */
  message?: string;
}

/** Why the fabric or the array refused an I/O. Stable strings: reports and tests use them. */
export type RejectReason =
  | 'no-route' // no physical path from any HBA of the host to the array port
  | 'not-in-host-group' // the initiator WWPN is not in the port's host group for that LUN
  | 'no-lu-path' // no LU path at that (port, LUN)
  | 'read-only' // write to an LDEV with the read-only attribute
  | 'queue-full'; // an open-loop (rate_iops) workload already had its limit of I/Os outstanding

export const REJECT_REASONS: readonly RejectReason[] = ['no-route', 'not-in-host-group', 'no-lu-path', 'read-only', 'queue-full'];

export interface LdevReport {
  arrayId: string;
  name: string;
  /** Mean over the whole run (completed I/Os / simulated seconds). */
  readIops: number;
  writeIops: number;
  readMBps: number;
  writeMBps: number;
  /** Read cache hits / reads, percent (0 when there were no reads). */
  cacheHitPct: number;
  /**
   * Writes accepted into tracks that were already write pending (dirty, destage not yet run),
   * percent of accepted writes: they cost the back end nothing (0 without writes).
   */
  writesMergedPct: number;
  /** Writes written through because the array was at its write-pending limit, percent (0 without writes). */
  writesThrottledPct: number;
  responseMsMean: number;
  responseMsP99: number;
  completedIos: number;
  rejectedIos: number;
  /** Summary of the per-second series. */
  series: { samples: number; peakTotalIops: number; minTotalIops: number };
}

export interface LinkReport {
  kind: 'fc' | 'lan' | 'wan';
  /** Mean utilisation of the busier direction over the run, percent. */
  utilizationPct: number;
  peakUtilizationPct: number;
  bytes: number;
}

export interface ExpectationResult extends Expectation {
  ok: boolean;
  actual: number | string | boolean | null;
}

export interface Report {
  scenario: string;
  seed: number;
  simSeconds: number;
  eventLogHash: string;
  events: number;
  ldevs: Record<string, LdevReport>;
  links: Record<string, LinkReport>;
  rejectedIos: { total: number; byReason: Record<RejectReason, number> };
  expectations: ExpectationResult[];
}

/**
 * One batch of per-second samples, built for transfer across the worker boundary: every
 * array's buffer is transferable. Row i of each series belongs to `timesS[i]`.
 */
export interface TelemetryFrame {
  /** Simulated second at the end of each sample (1, 2, 3 …). */
  timesS: Float64Array;
  /** LDEV ids, in the column order of the per-LDEV arrays. */
  ldevIds: string[];
  /** Link ids, in the column order of `linkUtilPct`. */
  linkIds: string[];
  /** [sample * ldevCount + ldev] */
  readIops: Float64Array;
  writeIops: Float64Array;
  /**
   * Read cache hits / reads of the sample, percent; NaN when the sample had no reads (no value,
   * not 0 %: charts draw a gap). The report's `cacheHitPct` stays 0 without reads.
   */
  cacheHitPct: Float64Array;
  /**
   * Mean host response time of the I/Os completed in the sample, ms; NaN when none completed
   * (no value, not 0 ms). The report's `responseMsMean` stays 0 without completions.
   */
  responseMsMean: Float64Array;
  /** [sample * linkCount + link] */
  linkUtilPct: Float64Array;
  /** Rejected I/Os in each sample, all reasons. */
  rejected: Float64Array;
}

/**
 * What one engine state looks like from outside, built on demand by `Simulation.snapshot()`:
 * plain JSON-serialisable data (no typed arrays, no undefined), deep-frozen, never aliasing
 * engine state. Key and array orders are the engine's (ids sorted), so the same scenario + seed
 * at the same time gives deep-equal snapshots — and the same `JSON.stringify` — in Node and in
 * the worker.
 */
export interface EngineSnapshot {
  nowUs: number;
  endUs: number;
  /** Records in the event log so far. */
  events: number;
  eventLogHash: string;
  /** Every workload, sorted by server id, then workload id. */
  workloads: readonly WorkloadSnapshot[];
  /** Per LDEV id. */
  ldevs: Readonly<Record<string, LdevSnapshot>>;
  /** Per array id. */
  arrays: Readonly<Record<string, ArraySnapshot>>;
  /** The last SNAPSHOT_RECENT_EVENTS event-log records (fewer early on), oldest first. */
  recentEvents: readonly SnapshotEvent[];
}

/** How many event-log records a snapshot carries. */
export const SNAPSHOT_RECENT_EVENTS = 50;

export interface WorkloadSnapshot {
  serverId: string;
  workloadId: string;
  /** Issuing I/Os now (started and neither stopped nor past its runtime). */
  active: boolean;
  /** I/Os issued and not yet completed at the host (refused ones included until their error returns). */
  outstanding: number;
  /** I/Os completed without error. */
  completedIos: number;
  /** I/Os refused (every reason, `queue-full` and `read-only` included). */
  rejectedIos: number;
  /** The LDEV its target (array, port, LUN) resolves to, or null when none does. */
  ldevId: string | null;
  /** Why every I/O of this workload is refused (fabric or LU access), or null when it has a path. */
  rejectReason: RejectReason | null;
}

export interface LdevSnapshot {
  arrayId: string;
  /** Tracks that hold content (written at least once). */
  writtenTracks: number;
  /**
   * 8 hex chars summarising every written track's content digest: equal volumes (same tracks,
   * same writes in the same order) give equal values, so two LDEVs or replicas can be compared;
   * unequal ones collide with probability ~2^-32. "00000000" for a never-written volume.
   */
  contentDigest: string;
  readOnly: boolean;
}

export interface ArraySnapshot {
  /** Track slots in the array's cache. */
  slots: number;
  /** Slots holding a track. */
  usedSlots: number;
  /** Resident slots whose track is write pending (dirty, its destage not yet run). */
  dirtySlots: number;
  /**
   * Scheduled track destages not yet run (evicted dirty slots included) / slots × 100, rounded to
   * 3 decimals: what the write-pending limit compares — writes are written through at 50.
   */
  writePendingPct: number;
}

/** One event-log record. */
export interface SnapshotEvent {
  timeUs: number;
  code: number;
  a: number;
  b: number;
  /**
   * What the record is, e.g. `host-done`, `sample`, `reject:no-route`, `action:stopWorkload`;
   * null for a code the engine does not name.
   */
  kind: string | null;
}

export interface Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Current simulated time. */
  nowUs(): number;
  /** End of the scenario (durationS) in µs. */
  endUs(): number;
  /** Run events until the clock reaches `us` (clamped to the end) or `maxEvents` have run. Returns events run. */
  runUntil(us: number, maxEvents?: number): number;
  /** Apply a command now, as a timeline action would. */
  apply(cmd: EngineCommand): CommandResult;
  /** The report as of now (simSeconds = now). */
  report(): Report;
  /** Samples completed since the last call, or null if none. */
  drainTelemetry(): TelemetryFrame | null;
  /** Hex digest of the event log so far. */
  eventLogHash(): string;
  /** The state now, as an immutable plain-data copy (built on demand; see EngineSnapshot). */
  snapshot(): EngineSnapshot;
}
