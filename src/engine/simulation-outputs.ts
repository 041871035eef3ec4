/**
 * What a running simulation shows, built on demand from its run-time tables: the run report,
 * the state snapshot, the telemetry frame of the samples since the last drain, a pair's bitmap
 * view, an LDEV's content digest and a parity group's back-end counters.
 *
 * Owns: the assembly of those outputs from `OutputParts`, the simulation's tables (shared with
 * it, never copied).
 *
 * Invariants: building an output changes nothing the run depends on, so any of them may be
 * asked for any number of times at any instant without changing the run or its event-log hash
 * (draining telemetry consumes the samples it returns, nothing else). They allocate, and are
 * never on the I/O path.
 *
 * Does not handle: the report's shape and rounding (report.ts), the snapshot and cache views
 * (inspect.ts), pair and pool outputs (replication/pair-outputs.ts), the samples themselves
 * (metrics/collector.ts).
 */
import type { Scenario } from '../model/scenario.ts';
import type { EngineSnapshot, PairBitmap, ReplicationStatus, Report, TelemetryFrame } from './api.ts';
import type { DiskArrays } from './array/array.ts';
import type { CompiledModel } from './compile.ts';
import type { LinkTimelines } from './fabric/link-timelines.ts';
import type { Workloads } from './host/workload.ts';
import { buildSnapshot } from './inspect.ts';
import type { EventLog } from './kernel/event-log.ts';
import type { MetricsCollector } from './metrics/collector.ts';
import type { BackupSystem } from './backup.ts';
import type { Replication } from './replication/pairs.ts';
import type { RemoteCopy } from './remote/remote-copy.ts';
import type { RemoteOutputs } from './remote/remote-outputs.ts';
import type { FaultRuntime } from './faults/fault-runtime.ts';
import { buildReport, round } from './report.ts';
import type { ParityGroupStats } from './simulation-types.ts';

/** What the outputs read of a simulation (its tables, shared; bound once). */
export interface OutputParts {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly model: CompiledModel;
  readonly links: LinkTimelines;
  readonly arrays: DiskArrays;
  readonly wl: Workloads;
  readonly metrics: MetricsCollector;
  readonly repl: Replication;
  readonly log: EventLog;
  readonly backup: BackupSystem;
  readonly remote: RemoteCopy;
  readonly remoteOut: RemoteOutputs;
  readonly faults: FaultRuntime;
  /** Per workload: LDEV index and reject reason code (-1: none) as access is now. */
  readonly wlLdev: Int32Array;
  readonly wlReject: Int8Array;
  nowUs(): number;
  /** The report's `timeline` as of now (ops/timeline-triggers.ts). */
  timelineReport(): Report['timeline'];
}

/** The report as of now (simSeconds = now). */
export function reportOf(p: OutputParts): Report {
  const m = p.model;
  return buildReport({
    scenario: p.scenario,
    seed: p.seed,
    nowUs: p.nowUs(),
    eventLogHash: p.log.hash(),
    events: p.log.count,
    ldevs: m.ldevs.map((l) => ({ id: l.id, name: l.name, arrayId: m.arrays[l.arrayIndex].id })),
    links: p.links,
    metrics: p.metrics,
    writeBack: { accepted: p.arrays.acceptedWrites, merged: p.arrays.mergedWrites, throttled: p.arrays.throttledWrites },
    content: m.ldevs.map((_, i) => ({ digest: p.repl.contentDigest(i), writtenTracks: p.arrays.digests[i].writtenCount })),
    pairs: withRemotePairs(p, p.repl.pairReports(round)),
    pools: p.repl.poolReports(),
    backup: p.backup.report(),
    remote: p.remoteOut.report(),
    faults: p.faults.system.report(),
    timeline: p.timelineReport(),
  });
}

/** Remote pairs' statuses and reports gain their remote columns (`pairdisplay -fe`). */
export function withRemotePairs<T extends { remote?: unknown }>(p: OutputParts, byKey: Record<string, T>): Record<string, T> {
  p.model.replication.pairs.forEach((pair, i) => {
    const row = byKey[pair.key];
    if (pair.remote !== null && row) row.remote = p.remoteOut.pairInfo(i);
  });
  return byKey;
}

/** Pairs and pools now, remote pairs with their remote columns. */
export function replicationStatusOf(p: OutputParts): ReplicationStatus {
  const status = p.repl.status();
  const byKey = new Map(status.pairs.map((s) => [s.key, s]));
  p.model.replication.pairs.forEach((pair, i) => {
    const row = byKey.get(pair.key);
    if (pair.remote !== null && row) row.remote = p.remoteOut.pairInfo(i);
  });
  return status;
}

/** The state now, as an immutable plain-data copy (see inspect.ts). */
export function snapshotOf(p: OutputParts): EngineSnapshot {
  return buildSnapshot({
    model: p.model, workloads: p.wl, arrays: p.arrays, log: p.log, replication: p.repl, nowUs: p.nowUs(),
    backup: p.backup.status(), remote: p.remoteOut.status(), wlLdev: p.wlLdev, wlReject: p.wlReject,
  });
}

/** Samples completed since the last call, or null if none. */
export function drainTelemetryOf(p: OutputParts): TelemetryFrame | null {
  const frame = p.metrics.drain(
    p.model.ldevs.map((l) => l.id),
    p.links.ids,
  );
  if (frame === null) return null;
  return Object.assign(frame, p.remoteOut.drain(frame.timesS));
}

/** A pair's bitmap folded into at most `cells` cells, or null for an unknown key. */
export function pairBitmapOf(p: OutputParts, key: string, cells: number): PairBitmap | null {
  const pair = p.repl.indexOf(key);
  return pair < 0 ? null : p.repl.bitmap(pair, cells);
}

/** Digest of every written track of an LDEV, folded in track order; 0 for an unknown id. */
export function ldevDigestOf(p: OutputParts, ldevId: string): number {
  const i = p.model.ldevs.findIndex((l) => l.id === ldevId);
  return i < 0 ? 0 : p.repl.contentDigest(i);
}

/** Back-end counters of a parity group (`<arrayId>/<groupId>`), or null. */
export function parityGroupStatsOf(p: OutputParts, id: string): ParityGroupStats | null {
  const pg = p.arrays.parityGroups;
  const i = pg.ids.indexOf(id);
  return i < 0 ? null : { destages: pg.destages[i], pendingDestages: pg.pendingDestages(i), busyUs: pg.busyUs[i] };
}
