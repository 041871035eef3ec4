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
  cacheHitPct: Float64Array;
  responseMsMean: Float64Array;
  /** [sample * linkCount + link] */
  linkUtilPct: Float64Array;
  /** Rejected I/Os in each sample, all reasons. */
  rejected: Float64Array;
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
}
