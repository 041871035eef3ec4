/**
 * The entry points of a simulation that only read its tables or carry out commands through
 * them: commands, the report, snapshots, telemetry, replication and backup status, and the test
 * probes. EngineSimulation (simulation.ts) extends it and supplies `parts`.
 *
 * Owns nothing: every method delegates to actions.ts, simulation-outputs.ts, probes.ts or
 * inspect.ts with the simulation's bound `parts`.
 */
import { performAction, type ActionParts } from './actions.ts';
import type { BackupStatus, CommandResult, FaultStatus, JournalEntry, MovePrediction, EngineCommand, EngineSnapshot, PairBitmap, RemoteStatus, RemoteVerification, ReplicationStatus, Report, TelemetryFrame } from './api.ts';
import { LOG_ACTION, ACTION_CODES } from './events.ts';
import { cacheStatsOf } from './inspect.ts';
import { hostReadTrack, hostWriteTrack, snapshotTrack, type ProbeParts } from './probes.ts';
import { drainTelemetryOf, ldevDigestOf, pairBitmapOf, parityGroupStatsOf, replicationStatusOf, reportOf, snapshotOf, type OutputParts } from './simulation-outputs.ts';
import type { CacheStats, ParityGroupStats } from './simulation-types.ts';

export abstract class SimulationFacade {
  protected abstract readonly parts: ActionParts & ProbeParts & OutputParts;

  apply(cmd: EngineCommand): CommandResult {
    return performAction(this.parts, cmd, 1);
  }

  report(): Report {
    return reportOf(this.parts);
  }

  snapshot(): EngineSnapshot {
    return snapshotOf(this.parts);
  }

  drainTelemetry(): TelemetryFrame | null {
    return drainTelemetryOf(this.parts);
  }

  eventLogHash(): string {
    return this.parts.log.hash();
  }

  replicationStatus(): ReplicationStatus {
    return replicationStatusOf(this.parts);
  }

  remoteStatus(): RemoteStatus {
    return this.parts.remoteOut.status();
  }

  /** "Verify remote" as a command (recorded in the event log and the report). */
  verifyRemote(group: string): RemoteVerification | null {
    const g = this.parts.remote.groupOfCopyGroup(group);
    if (g < 0) return null;
    this.parts.log.record(this.parts.nowUs(), LOG_ACTION + ACTION_CODES.verifyRemote, g, 1);
    return this.parts.remoteOut.verify(g, group);
  }

  faultStatus(): FaultStatus {
    return this.parts.faults.system.status();
  }

  predictMove(ldevId: string, parityGroupId: string): MovePrediction | { error: string } {
    return this.parts.faults.system.predictMove(ldevId, parityGroupId);
  }

  journal(fromSeq: number, max?: number): { entries: JournalEntry[]; next: number } {
    return this.parts.faults.journal.since(fromSeq, max);
  }

  backupStatus(): BackupStatus {
    return this.parts.backup.status();
  }

  pairBitmap(key: string, cells: number): PairBitmap | null {
    return pairBitmapOf(this.parts, key, cells);
  }

  ldevDigest(ldevId: string): number {
    return ldevDigestOf(this.parts, ldevId);
  }

  parityGroupStats(id: string): ParityGroupStats | null {
    return parityGroupStatsOf(this.parts, id);
  }

  /** Write-pending state of an array's cache now (see `inspect.ts`). */
  cacheStats(arrayId: string): CacheStats | null {
    return cacheStatsOf(this.parts.model, this.parts.arrays, arrayId);
  }

  snapshotTrack(key: string, track: number): number {
    return snapshotTrack(this.parts, key, track);
  }

  hostWriteTrack(ldevId: string, track: number, mirror?: string): string | null {
    return hostWriteTrack(this.parts, ldevId, track, mirror);
  }

  hostReadTrack(ldevId: string, track: number): number | string {
    return hostReadTrack(this.parts, ldevId, track);
  }
}
