/**
 * Run metrics: per-LDEV and per-link counters, per-second samples, telemetry frames.
 *
 * Owns: totals over the run (reads, writes, bytes, read cache hits, rejects by LDEV and by
 * reason, a LatencyHistogram per LDEV), the accumulators of the current simulated second, the
 * summaries of the per-second series (samples, peak/min IOPS, peak link utilisation) and a
 * bounded ring of samples not yet drained as a TelemetryFrame.
 *
 * Invariants: a sample closes exactly one simulated second and resets that second's
 * accumulators; a sample's cache hit % is NaN without reads and its mean response time NaN
 * without completions (no value; the report's totals say 0 instead); totals never decrease; undrained samples beyond the ring's capacity drop the
 * oldest first (`droppedSamples` counts them).
 *
 * Does not handle: report formatting (report.ts), pair / journal / tape metrics.
 */
import { REJECT_REASONS, type RejectReason, type TelemetryFrame } from '../api.ts';
import { TELEMETRY_PENDING_LIMIT, US_PER_S } from '../constants.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { IoCursor } from '../io-cursor.ts';
import { LatencyHistogram } from './histogram.ts';

/** Most float64 values kept in the undrained telemetry ring (64 MiB). */
const TELEMETRY_VALUES_LIMIT = 1 << 23;

/** Reject reason codes: indices into REJECT_REASONS. */
export const reasonCode = (r: RejectReason): number => REJECT_REASONS.indexOf(r);

export class MetricsCollector {
  readonly ldevCount: number;
  readonly linkCount: number;
  readonly reads: Float64Array;
  readonly writes: Float64Array;
  readonly readBytes: Float64Array;
  readonly writeBytes: Float64Array;
  readonly readHits: Float64Array;
  readonly rejectedByLdev: Float64Array;
  readonly rejectedByReason: Float64Array;
  readonly histograms: LatencyHistogram[];
  // the current second
  readonly secReads: Float64Array;
  readonly secWrites: Float64Array;
  readonly secReadHits: Float64Array;
  readonly secRespUs: Float64Array;
  /** Job I/Os (jobIo) in the current second: counted in IOPS, not in the response mean. */
  readonly secJobIos: Float64Array;
  secRejected = 0;
  // series summaries
  samples = 0;
  /** Per LDEV, the last closed second: mean host response (ms, NaN without completions) and I/Os (the alert thresholds read them). */
  readonly lastResponseMs: Float64Array;
  readonly lastIops: Float64Array;
  readonly peakTotalIops: Float64Array;
  readonly minTotalIops: Float64Array;
  readonly linkPeakUtilPct: Float64Array;
  // undrained telemetry ring: row = [timeS, rejected, 4 × ldev, link]
  private readonly rowWidth: number;
  private readonly ringRows: number;
  private ring: Float64Array;
  private ringHead = 0;
  private ringCount = 0;
  droppedSamples = 0;

  private readonly cursor: IoCursor;

  constructor(ldevCount: number, linkCount: number, cursor: IoCursor) {
    this.cursor = cursor;
    this.ldevCount = ldevCount;
    this.linkCount = linkCount;
    this.lastResponseMs = new Float64Array(ldevCount).fill(NaN);
    this.lastIops = new Float64Array(ldevCount);
    const f = (): Float64Array => new Float64Array(ldevCount);
    this.reads = f();
    this.writes = f();
    this.readBytes = f();
    this.writeBytes = f();
    this.readHits = f();
    this.rejectedByLdev = f();
    this.rejectedByReason = new Float64Array(REJECT_REASONS.length);
    this.histograms = Array.from({ length: ldevCount }, () => new LatencyHistogram());
    this.secReads = f();
    this.secWrites = f();
    this.secReadHits = f();
    this.secRespUs = f();
    this.secJobIos = f();
    this.peakTotalIops = f();
    this.minTotalIops = f().fill(Infinity);
    this.linkPeakUtilPct = new Float64Array(linkCount);
    this.rowWidth = 2 + 4 * ldevCount + linkCount;
    this.ringRows = Math.max(1, Math.min(TELEMETRY_PENDING_LIMIT, Math.floor(TELEMETRY_VALUES_LIMIT / this.rowWidth)));
    this.ring = new Float64Array(Math.min(this.ringRows, 16) * this.rowWidth);
  }

  /**
   * A completed I/O (not rejected), finishing at `cursor[0]`; its response time is that minus
   * `issueUs[slot]` (times are read from typed arrays, never passed as doubles: see io-cursor.ts).
   */
  complete(ldev: number, isWrite: boolean, bytes: number, hit: boolean, slot: number, issueUs: Float64Array): void {
    const responseUs = this.cursor[0] - issueUs[slot];
    this.count(ldev, isWrite, bytes, hit);
    this.secRespUs[ldev] += responseUs;
    this.histograms[ldev].record(responseUs);
  }

  /**
   * A job's read or write of `bytes` on `ldev` (a backup, restore or copy chunk): counted in the
   * volume's I/O and throughput like a host I/O, but not in its response times (a job's chunk
   * latency is not what the volume's hosts see).
   */
  jobIo(ldev: number, isWrite: boolean, bytes: number, hit: boolean): void {
    this.secJobIos[ldev]++;
    this.count(ldev, isWrite, bytes, hit);
  }

  private count(ldev: number, isWrite: boolean, bytes: number, hit: boolean): void {
    if (isWrite) {
      this.writes[ldev]++;
      this.writeBytes[ldev] += bytes;
      this.secWrites[ldev]++;
    } else {
      this.reads[ldev]++;
      this.readBytes[ldev] += bytes;
      this.secReads[ldev]++;
      if (hit) {
        this.readHits[ldev]++;
        this.secReadHits[ldev]++;
      }
    }
  }

  /** A rejected I/O; `ldev` is -1 when the refused workload never reached an LDEV. */
  reject(ldev: number, reason: number): void {
    this.rejectedByReason[reason]++;
    this.secRejected++;
    if (ldev >= 0) this.rejectedByLdev[ldev]++;
  }

  /** Closes simulated second `second` (1-based: the sample covers [second-1, second)). */
  sample(second: number, links: LinkTimelines): void {
    const row = this.nextRow();
    const L = this.ldevCount;
    row[0] = second;
    row[1] = this.secRejected;
    for (let i = 0; i < L; i++) {
      const r = this.secReads[i];
      const w = this.secWrites[i];
      const total = r + w;
      row[2 + i] = r;
      row[2 + L + i] = w;
      // No reads / no completions: no value (NaN), not 0 % / 0 ms (see TelemetryFrame).
      row[2 + 2 * L + i] = r > 0 ? (100 * this.secReadHits[i]) / r : NaN;
      const hostIos = total - this.secJobIos[i];
      row[2 + 3 * L + i] = hostIos > 0 ? this.secRespUs[i] / hostIos / 1000 : NaN;
      this.lastResponseMs[i] = row[2 + 3 * L + i];
      this.lastIops[i] = total;
      if (total > this.peakTotalIops[i]) this.peakTotalIops[i] = total;
      if (total < this.minTotalIops[i]) this.minTotalIops[i] = total;
    }
    const busy = links.secondBusyUs;
    for (let k = 0; k < this.linkCount; k++) {
      const util = Math.min(100, (100 * Math.max(busy[2 * k], busy[2 * k + 1])) / US_PER_S);
      row[2 + 4 * L + k] = util;
      if (util > this.linkPeakUtilPct[k]) this.linkPeakUtilPct[k] = util;
    }
    links.closeSecond();
    this.secReads.fill(0);
    this.secWrites.fill(0);
    this.secReadHits.fill(0);
    this.secRespUs.fill(0);
    this.secJobIos.fill(0);
    this.secRejected = 0;
    this.samples++;
  }

  /** A view of the ring row to fill, growing the ring or dropping the oldest row. */
  private nextRow(): Float64Array {
    const w = this.rowWidth;
    if (this.ringCount === this.ringRows) {
      this.ringHead = (this.ringHead + 1) % this.ringRows;
      this.ringCount--;
      this.droppedSamples++;
    } else if (this.ringCount * w === this.ring.length) {
      const grown = new Float64Array(Math.min(this.ringRows, this.ringCount * 2) * w);
      for (let i = 0; i < this.ringCount; i++) grown.set(this.rowAt(i), i * w);
      this.ring = grown;
      this.ringHead = 0;
    }
    const rows = this.ring.length / w;
    const index = (this.ringHead + this.ringCount) % rows;
    this.ringCount++;
    return this.ring.subarray(index * w, index * w + w);
  }

  private rowAt(i: number): Float64Array {
    const rows = this.ring.length / this.rowWidth;
    const index = (this.ringHead + i) % rows;
    return this.ring.subarray(index * this.rowWidth, (index + 1) * this.rowWidth);
  }

  /** Every undrained sample as one frame (transferable buffers), or null. */
  drain(ldevIds: string[], linkIds: string[]): TelemetryFrame | null {
    const n = this.ringCount;
    if (n === 0) return null;
    const L = this.ldevCount;
    const K = this.linkCount;
    const frame: TelemetryFrame = {
      timesS: new Float64Array(n),
      ldevIds: [...ldevIds],
      linkIds: [...linkIds],
      readIops: new Float64Array(n * L),
      writeIops: new Float64Array(n * L),
      cacheHitPct: new Float64Array(n * L),
      responseMsMean: new Float64Array(n * L),
      linkUtilPct: new Float64Array(n * K),
      rejected: new Float64Array(n),
      remoteKeys: [],
      remoteLagS: new Float64Array(0),
      remoteLagWrites: new Float64Array(0),
      remoteJournalPct: new Float64Array(0),
      wanIds: [],
      wanThroughputMBps: new Float64Array(0),
    };
    for (let s = 0; s < n; s++) {
      const row = this.rowAt(s);
      frame.timesS[s] = row[0];
      frame.rejected[s] = row[1];
      frame.readIops.set(row.subarray(2, 2 + L), s * L);
      frame.writeIops.set(row.subarray(2 + L, 2 + 2 * L), s * L);
      frame.cacheHitPct.set(row.subarray(2 + 2 * L, 2 + 3 * L), s * L);
      frame.responseMsMean.set(row.subarray(2 + 3 * L, 2 + 4 * L), s * L);
      frame.linkUtilPct.set(row.subarray(2 + 4 * L, 2 + 4 * L + K), s * K);
    }
    this.ringHead = 0;
    this.ringCount = 0;
    return frame;
  }
}
