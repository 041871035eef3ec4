/**
 * Run totals per LDEV for the Monitor tab's "run mean" columns: I/Os, reads, read cache hits and
 * response time weighted by I/Os, summed over every telemetry sample of the run (the chart ring
 * keeps only the last 600 s, so its mean would not be the run's).
 *
 * Owns: one column per LDEV of the frames' layout, summed in place (no allocation per sample);
 * each frame publishes a new wrapper (same buffers, new `version`) so selectors compare by
 * identity, as the series ring does.
 *
 * Invariants: a sample is added once (frames never repeat samples); a value the engine left as
 * NaN (cache hit % of a second without reads, response time of a second without completions)
 * adds nothing to that metric and nothing to its weight, so a mean is never pulled to 0 by
 * empty seconds.
 *
 * Does not handle: the per-second values (the ring), means over a window (the engine's move
 * prediction does that), clearing on a new run (the sim slice starts a fresh one).
 */
import type { TelemetryFrame } from '../../engine/api.ts';

export interface VolumeTotals {
  ldevIds: string[];
  column: Record<string, number>;
  /** Samples (simulated seconds) added. */
  samples: number;
  /** Per column: read + write I/Os, reads, reads of seconds with a hit % value, read hits. */
  ios: Float64Array;
  reads: Float64Array;
  hitBase: Float64Array;
  hits: Float64Array;
  /** Per column: I/Os of seconds with a response time, and Σ I/Os × response ms. */
  respWeight: Float64Array;
  respSum: Float64Array;
  version: number;
}

export interface VolumeMeans {
  iops: number | null;
  /** Reads / I/Os, percent. */
  readPct: number | null;
  cacheHitPct: number | null;
  responseMs: number | null;
}

export function emptyTotals(ldevIds: string[] = []): VolumeTotals {
  const column: Record<string, number> = {};
  ldevIds.forEach((id, i) => (column[id] = i));
  const col = () => new Float64Array(ldevIds.length);
  return { ldevIds, column, samples: 0, ios: col(), reads: col(), hitBase: col(), hits: col(), respWeight: col(), respSum: col(), version: 0 };
}

function sameLayout(t: VolumeTotals, frame: TelemetryFrame): boolean {
  return t.ldevIds.length === frame.ldevIds.length && t.ldevIds.every((id, i) => id === frame.ldevIds[i]);
}

/** Add a frame's samples (a new layout starts over: the engine's LDEVs changed). */
export function addFrameTotals(prev: VolumeTotals, frame: TelemetryFrame): VolumeTotals {
  const t = sameLayout(prev, frame) ? prev : emptyTotals(frame.ldevIds);
  const rows = frame.timesS.length;
  if (rows === 0) return t;
  const n = frame.ldevIds.length;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      const reads = frame.readIops[i];
      const ios = reads + frame.writeIops[i];
      t.ios[c] += ios;
      t.reads[c] += reads;
      const hit = frame.cacheHitPct[i];
      if (!Number.isNaN(hit)) {
        t.hitBase[c] += reads;
        t.hits[c] += (reads * hit) / 100;
      }
      const resp = frame.responseMsMean[i];
      if (!Number.isNaN(resp)) {
        t.respWeight[c] += ios;
        t.respSum[c] += ios * resp;
      }
    }
  }
  return { ...t, samples: t.samples + rows, version: t.version + 1 };
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** The run means of one LDEV (null where there is nothing to average). */
export function volumeMeans(t: VolumeTotals, ldevId: string): VolumeMeans {
  const c = t.column[ldevId];
  if (c === undefined || t.samples === 0) return { iops: null, readPct: null, cacheHitPct: null, responseMs: null };
  const pct = (x: number | null) => (x === null ? null : x * 100);
  return {
    iops: t.ios[c] / t.samples,
    readPct: pct(ratio(t.reads[c], t.ios[c])),
    cacheHitPct: pct(ratio(t.hits[c], t.hitBase[c])),
    responseMs: ratio(t.respSum[c], t.respWeight[c]),
  };
}
