/**
 * The remote-copy chart series of the sim slice: per remote group (`ctg-N` / `sync:<group>`) its
 * lag in seconds (RPO) and in writes and its master journal use %, and per WAN link its payload
 * MB/s — the telemetry frames' `remoteKeys` / `wanIds` columns, kept for the last
 * SERIES_CAPACITY samples like the LDEV series.
 *
 * One ring of typed arrays per family (column per key, SERIES_CAPACITY rows), written in place;
 * each write publishes a new wrapper (same buffers, new `version`) so selectors compare by
 * identity. When a frame's key set differs from the ring's (a group created mid-run), the ring is
 * re-laid out: columns of keys that stay keep their history, new keys start with NaN (a gap).
 * Readers take ordered copies (`readKeyed`). Pure: no React, no store.
 */
import type { TelemetryFrame } from '../../engine/api.ts';

/** Samples kept per key: the same window as the LDEV charts (600 simulated seconds). */
export const REMOTE_SERIES_CAPACITY = 600;

export type RemoteMetric = 'lagS' | 'lagWrites' | 'journalPct';
export const REMOTE_METRICS: readonly RemoteMetric[] = ['lagS', 'lagWrites', 'journalPct'];
export type WanMetric = 'throughputMBps';
export const WAN_METRICS: readonly WanMetric[] = ['throughputMBps'];

export interface KeyedRing<M extends string> {
  keys: string[];
  column: Record<string, number>;
  /** Index of the oldest row and number of rows held. */
  start: number;
  length: number;
  t: Float64Array;
  metrics: Record<M, Float64Array>;
  /** Increments on every write, so a new wrapper is a new version. */
  version: number;
}

export interface RemoteSeries {
  groups: KeyedRing<RemoteMetric>;
  wan: KeyedRing<WanMetric>;
}

export function emptyKeyedRing<M extends string>(metrics: readonly M[], keys: string[] = []): KeyedRing<M> {
  const column: Record<string, number> = {};
  keys.forEach((k, i) => (column[k] = i));
  const m = {} as Record<M, Float64Array>;
  for (const name of metrics) m[name] = new Float64Array(REMOTE_SERIES_CAPACITY * keys.length).fill(Number.NaN);
  return { keys, column, start: 0, length: 0, t: new Float64Array(REMOTE_SERIES_CAPACITY), metrics: m, version: 0 };
}

export function emptyRemoteSeries(): RemoteSeries {
  return { groups: emptyKeyedRing(REMOTE_METRICS), wan: emptyKeyedRing(WAN_METRICS) };
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

/** The ring laid out for `keys`: kept keys keep their columns' history, new keys hold NaN. */
export function relayout<M extends string>(ring: KeyedRing<M>, metrics: readonly M[], keys: string[]): KeyedRing<M> {
  if (sameKeys(ring.keys, keys)) return ring;
  const out = emptyKeyedRing(metrics, keys);
  out.t.set(ring.t);
  out.start = ring.start;
  out.length = ring.length;
  out.version = ring.version + 1;
  keys.forEach((k, c) => {
    const old = ring.column[k];
    if (old === undefined) return;
    for (const m of metrics) {
      out.metrics[m].set(ring.metrics[m].subarray(old * REMOTE_SERIES_CAPACITY, (old + 1) * REMOTE_SERIES_CAPACITY), c * REMOTE_SERIES_CAPACITY);
    }
  });
  return out;
}

/**
 * Append `times.length` rows in place; `sources[m][row * keys.length + col]` (missing or short
 * sources read NaN). Only the last REMOTE_SERIES_CAPACITY rows matter.
 */
export function appendKeyed<M extends string>(
  ring: KeyedRing<M>,
  metrics: readonly M[],
  times: Float64Array,
  sources: Partial<Record<M, Float64Array>>,
): KeyedRing<M> {
  const rows = times.length;
  const n = ring.keys.length;
  for (let r = Math.max(0, rows - REMOTE_SERIES_CAPACITY); r < rows; r++) {
    let slot: number;
    if (ring.length < REMOTE_SERIES_CAPACITY) {
      slot = (ring.start + ring.length) % REMOTE_SERIES_CAPACITY;
      ring.length++;
    } else {
      slot = ring.start;
      ring.start = (ring.start + 1) % REMOTE_SERIES_CAPACITY;
    }
    ring.t[slot] = times[r];
    for (const m of metrics) {
      const src = sources[m];
      const dst = ring.metrics[m];
      for (let c = 0; c < n; c++) {
        const i = r * n + c;
        dst[c * REMOTE_SERIES_CAPACITY + slot] = src && i < src.length ? src[i] : Number.NaN;
      }
    }
  }
  return { ...ring, version: ring.version + 1 };
}

/**
 * The remote series after a frame. A frame without remote columns (a design without remote
 * copy, or an engine that predates them) adds time rows to neither family and keeps both rings.
 */
export function appendRemoteFrame(series: RemoteSeries, frame: TelemetryFrame): RemoteSeries {
  const rows = frame.timesS.length;
  if (rows === 0) return series;
  const groupKeys = frame.remoteKeys ?? [];
  const wanIds = frame.wanIds ?? [];
  let groups = series.groups;
  let wan = series.wan;
  if (groupKeys.length > 0) {
    groups = appendKeyed(relayout(groups, REMOTE_METRICS, groupKeys), REMOTE_METRICS, frame.timesS, {
      lagS: frame.remoteLagS,
      lagWrites: frame.remoteLagWrites,
      journalPct: frame.remoteJournalPct,
    });
  }
  if (wanIds.length > 0) {
    wan = appendKeyed(relayout(wan, WAN_METRICS, wanIds), WAN_METRICS, frame.timesS, { throughputMBps: frame.wanThroughputMBps });
  }
  return groups === series.groups && wan === series.wan ? series : { groups, wan };
}

function orderedCopy(src: Float64Array, offset: number, start: number, length: number): Float64Array {
  const out = new Float64Array(length);
  const first = Math.min(length, REMOTE_SERIES_CAPACITY - start);
  out.set(src.subarray(offset + start, offset + start + first), 0);
  if (first < length) out.set(src.subarray(offset, offset + length - first), first);
  return out;
}

/** The ring's sample times in time order (a copy). */
export function readTimes<M extends string>(ring: KeyedRing<M>): Float64Array {
  return orderedCopy(ring.t, 0, ring.start, ring.length);
}

/** One key's metric in time order, aligned with `readTimes` (a copy); NaN for an unknown key. */
export function readKeyed<M extends string>(ring: KeyedRing<M>, key: string, metric: M): Float64Array {
  const c = ring.column[key];
  if (c === undefined) return new Float64Array(ring.length).fill(Number.NaN);
  return orderedCopy(ring.metrics[metric], c * REMOTE_SERIES_CAPACITY, ring.start, ring.length);
}

/** The newest value of one key's metric; null before the first sample, for an unknown key, or NaN. */
export function latestKeyed<M extends string>(ring: KeyedRing<M>, key: string, metric: M): number | null {
  const c = ring.column[key];
  if (c === undefined || ring.length === 0) return null;
  const slot = (ring.start + ring.length - 1) % REMOTE_SERIES_CAPACITY;
  const v = ring.metrics[metric][c * REMOTE_SERIES_CAPACITY + slot];
  return Number.isNaN(v) ? null : v;
}

/** The largest value of one key's metric in the window (NaN skipped); null when there is none. */
export function peakKeyed<M extends string>(ring: KeyedRing<M>, key: string, metric: M): number | null {
  const c = ring.column[key];
  if (c === undefined) return null;
  let peak: number | null = null;
  for (let i = 0; i < ring.length; i++) {
    const v = ring.metrics[metric][c * REMOTE_SERIES_CAPACITY + ((ring.start + i) % REMOTE_SERIES_CAPACITY)];
    if (!Number.isNaN(v) && (peak === null || v > peak)) peak = v;
  }
  return peak;
}
