/**
 * Types around `createSimulation`: its options, the completion observer for tests and tracing,
 * and the inspection results (cache, parity groups) beyond the `Simulation` contract.
 */
import type { Simulation } from './api.ts';

/** A completed I/O, as reported to `SimulationOptions.onComplete` (tests, tracing). */
export interface CompletedIo {
  /** `serverId/workloadId`. */
  workload: string;
  /** The LDEV, or null for an I/O refused before reaching one. */
  ldevId: string | null;
  issueUs: number;
  /** When the I/O completed at the host (fractional µs). */
  doneUs: number;
  write: boolean;
  rejected: boolean;
  hit: boolean;
}
export type CompletionObserver = (io: CompletedIo) => void;

export interface ParityGroupStats {
  /** Destages scheduled so far (each charges the RAID penalty when due). */
  destages: number;
  /** Scheduled destages not yet charged to the disks. */
  pendingDestages: number;
  /** Disk-busy µs scheduled so far (reads and destages). */
  busyUs: number;
}

export interface CacheStats {
  slots: number;
  resident: number;
  /** Slots whose track is write pending (dirty, its destage not yet run). */
  dirty: number;
  /** Scheduled track destages not yet run (includes those of evicted dirty slots). */
  writePending: number;
  writePendingLimit: number;
  hits: number;
  misses: number;
  evictions: number;
}

export interface SimulationOptions {
  /** Overrides `scenario.seed`. */
  seed?: number;
  /**
   * Called at every I/O completion (rejected ones included), in processing order. For tests
   * and tracing: it allocates one object per I/O, so leave it unset for real runs.
   */
  onComplete?: CompletionObserver;
}

/** Engine simulation with test/verifier extras beyond the `Simulation` contract. */
export type EngineSimulationHandle = Simulation & {
  ldevDigest(ldevId: string): number;
  /** A snapshot pair's image of one track. */
  snapshotTrack(key: string, track: number): number;
  /** Model-based tests: a whole-track host write now (no timing); the reject reason or null. */
  hostWriteTrack(ldevId: string, track: number, mirror?: string): string | null;
  /** Model-based tests: what a host reads from a track now (digest), or the reject reason. */
  hostReadTrack(ldevId: string, track: number): number | string;
  parityGroupStats(id: string): ParityGroupStats | null;
  cacheStats(arrayId: string): CacheStats | null;
};
