/**
 * On-demand views of a running simulation: the immutable `EngineSnapshot` and the cache's
 * write-pending state. Built from the run-time tables only when asked; they allocate and are
 * never on the I/O path. A snapshot shares nothing with engine state (it is a frozen copy).
 */
import {
  REJECT_REASONS,
  SNAPSHOT_RECENT_EVENTS,
  type ArraySnapshot,
  type BackupStatus,
  type EngineSnapshot,
  type RemoteStatus,
  type LdevSnapshot,
  type SnapshotEvent,
  type WorkloadSnapshot,
} from './api.ts';
import type { DiskArrays } from './array/array.ts';
import type { LruCache } from './array/lru-cache.ts';
import type { CompiledModel } from './compile.ts';
import { eventKindName } from './events.ts';
import type { Workloads } from './host/workload.ts';
import type { EventLog } from './kernel/event-log.ts';
import type { Replication } from './replication/pairs.ts';
import type { CacheStats } from './simulation-types.ts';

export interface SnapshotSources {
  model: CompiledModel;
  workloads: Workloads;
  arrays: DiskArrays;
  log: EventLog;
  replication: Replication;
  nowUs: number;
  backup: BackupStatus;
  remote: RemoteStatus;
  /** Per workload, as access is now (LUN security can change during a run): LDEV index, reject reason code or -1. */
  wlLdev: ArrayLike<number>;
  wlReject: ArrayLike<number>;
}

export function buildSnapshot(src: SnapshotSources): EngineSnapshot {
  const m = src.model;
  const wl = src.workloads;
  const workloads: WorkloadSnapshot[] = m.workloads.map((w, i) => ({
    serverId: w.serverId,
    workloadId: w.workloadId,
    active: wl.active[i] === 1,
    outstanding: wl.inflight[i],
    completedIos: wl.completed[i],
    rejectedIos: wl.rejected[i],
    ldevId: src.wlLdev[i] >= 0 ? m.ldevs[src.wlLdev[i]].id : null,
    rejectReason: src.wlReject[i] >= 0 ? REJECT_REASONS[src.wlReject[i]] : null,
  }));
  const ldevs: Record<string, LdevSnapshot> = {};
  m.ldevs.forEach((l, i) => {
    const digests = src.arrays.digests[i];
    ldevs[l.id] = {
      arrayId: m.arrays[l.arrayIndex].id,
      writtenTracks: digests.writtenCount,
      contentDigest: src.replication.contentDigest(i).toString(16).padStart(8, '0'),
      readOnly: src.arrays.ldevReadOnly[i] === 1,
    };
  });
  const arrays: Record<string, ArraySnapshot> = {};
  m.arrays.forEach((a) => {
    const c = cacheStatsOf(m, src.arrays, a.id)!;
    arrays[a.id] = {
      slots: c.slots,
      usedSlots: c.resident,
      dirtySlots: c.dirty,
      writePendingPct: Math.round((100_000 * c.writePending) / c.slots) / 1000,
    };
  });
  const recentEvents: SnapshotEvent[] = src.log
    .recent(SNAPSHOT_RECENT_EVENTS)
    .map((e) => ({ timeUs: e.timeUs, code: e.code, a: e.a, b: e.b, kind: eventKindName(e.code) }));
  return deepFreeze({
    nowUs: src.nowUs,
    endUs: m.endUs,
    events: src.log.count,
    eventLogHash: src.log.hash(),
    workloads,
    ldevs,
    arrays,
    recentEvents,
    replication: src.replication.status(),
    backup: src.backup,
    remote: src.remote,
  });
}

/** Write-pending state of an array's cache now: dirty slots (destage not yet run), scheduled destages, the limit. */
export function cacheStatsOf(model: CompiledModel, arrays: DiskArrays, arrayId: string): CacheStats | null {
  const i = model.arrays.findIndex((a) => a.id === arrayId);
  if (i < 0) return null;
  const cache: LruCache = arrays.caches[i];
  const tokens = arrays.dirtyToken[i];
  let dirty = 0;
  for (let s = 0; s < tokens.length; s++) if (tokens[s] !== 0) dirty++;
  return {
    slots: cache.capacity,
    resident: cache.size,
    dirty,
    writePending: arrays.parityGroups.dirtyByArray[i],
    writePendingLimit: arrays.writePendingLimit[i],
    hits: cache.hits,
    misses: cache.misses,
    evictions: cache.evictions,
  };
}

/** Freezes a plain-data tree in place (objects and arrays) and returns it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
