/**
 * The run report and the evaluation of a scenario's expectations against it.
 *
 * Owns: the report's shape and stable names (see api.ts and docs/cli.md), rounding every
 * number to REPORT_DECIMALS so the JSON is byte-stable, key order (ids sorted), and the
 * expectation path language:
 *   `ldevs.db-primary.readIops`, `links.l1.utilizationPct`, `rejectedIos.total`,
 *   `rejectedIos.byReason.no-route`, and bracketed segments for ids with dots or colons:
 *   `ldevs[00:01].cacheHitPct`.
 *
 * Invariants: an expectation whose path does not resolve to a number, string or boolean is
 * not ok and reports `actual: null`; comparisons other than == and != need numbers.
 *
 * Does not handle: pair, journal or tape sections (added by their modules).
 */
import type { Expectation, Scenario } from '../model/scenario.ts';
import {
  REJECT_REASONS,
  type BackupReport,
  type ExpectationResult,
  type RemoteReport,
  type LdevReport,
  type LinkReport,
  type PairReport,
  type PoolReport,
  type RejectReason,
  type Report,
} from './api.ts';
import type { FaultReport } from './fault-api.ts';
import { US_PER_S } from './constants.ts';
import type { LinkTimelines } from './fabric/link-timelines.ts';
import type { MetricsCollector } from './metrics/collector.ts';

export const REPORT_DECIMALS = 3;
const SCALE = 10 ** REPORT_DECIMALS;
const MB = 1_000_000;

/** Rounds to REPORT_DECIMALS; never returns -0 or a non-finite number. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const r = Math.round(x * SCALE) / SCALE;
  return r === 0 ? 0 : r;
}

export interface ReportInput {
  scenario: Scenario;
  seed: number;
  nowUs: number;
  eventLogHash: string;
  events: number;
  /** In report order (sorted by id), aligned with the collector's LDEV indices. */
  ldevs: { id: string; name: string; arrayId: string }[];
  links: LinkTimelines;
  metrics: MetricsCollector;
  /** Per LDEV (aligned with `ldevs`): writes accepted, merged into dirty tracks, written through. */
  writeBack: { accepted: Float64Array; merged: Float64Array; throttled: Float64Array };
  /** Per LDEV (aligned with `ldevs`): content digest as hosts see it, tracks written. */
  content: { digest: number; writtenTracks: number }[];
  pairs: Record<string, PairReport>;
  pools: Record<string, PoolReport>;
  backup: BackupReport;
  remote: RemoteReport;
  faults: FaultReport;
  timeline: Report['timeline'];
}

function ldevReport(input: ReportInput, i: number, seconds: number): LdevReport {
  const m = input.metrics;
  const h = m.histograms[i];
  const perS = (x: number): number => (seconds > 0 ? x / seconds : 0);
  const wb = input.writeBack;
  return {
    arrayId: input.ldevs[i].arrayId,
    name: input.ldevs[i].name,
    readIops: round(perS(m.reads[i])),
    writeIops: round(perS(m.writes[i])),
    readMBps: round(perS(m.readBytes[i]) / MB),
    writeMBps: round(perS(m.writeBytes[i]) / MB),
    cacheHitPct: round(m.reads[i] > 0 ? (100 * m.readHits[i]) / m.reads[i] : 0),
    writesMergedPct: round(pct(wb.merged[i], wb.accepted[i])),
    writesThrottledPct: round(pct(wb.throttled[i], wb.accepted[i])),
    responseMsMean: round(h.count > 0 ? h.meanUs() / 1000 : 0),
    responseMsP99: round(h.count > 0 ? h.quantileUs(0.99) / 1000 : 0),
    completedIos: m.reads[i] + m.writes[i],
    rejectedIos: m.rejectedByLdev[i],
    series: {
      samples: m.samples,
      peakTotalIops: round(m.peakTotalIops[i]),
      minTotalIops: round(m.samples > 0 ? m.minTotalIops[i] : 0),
    },
    contentDigest: (input.content[i].digest >>> 0).toString(16).padStart(8, '0'),
    writtenTracks: input.content[i].writtenTracks,
  };
}

function linkReport(input: ReportInput, k: number): LinkReport {
  const links = input.links;
  const busiest = Math.max(links.totalBusyUs(2 * k), links.totalBusyUs(2 * k + 1));
  return {
    kind: links.kinds[k],
    utilizationPct: round(input.nowUs > 0 ? Math.min(100, (100 * busiest) / input.nowUs) : 0),
    peakUtilizationPct: round(input.metrics.linkPeakUtilPct[k]),
    bytes: links.bytes[k],
  };
}

const pct = (part: number, whole: number): number => (whole > 0 ? (100 * part) / whole : 0);

export function buildReport(input: ReportInput): Report {
  const seconds = input.nowUs / US_PER_S;
  const ldevs: Record<string, LdevReport> = {};
  input.ldevs.forEach((l, i) => (ldevs[l.id] = ldevReport(input, i, seconds)));
  const linkOrder = input.links.ids.map((id, k) => ({ id, k })).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const links: Record<string, LinkReport> = {};
  for (const { id, k } of linkOrder) links[id] = linkReport(input, k);
  const byReason = {} as Record<RejectReason, number>;
  let total = 0;
  REJECT_REASONS.forEach((r, i) => {
    byReason[r] = input.metrics.rejectedByReason[i];
    total += byReason[r];
  });
  const report: Report = {
    scenario: input.scenario.name,
    seed: input.seed,
    simSeconds: round(seconds),
    eventLogHash: input.eventLogHash,
    events: input.events,
    ldevs,
    links,
    rejectedIos: { total, byReason },
    pairs: input.pairs,
    pools: input.pools,
    ...input.backup,
    remote: input.remote,
    faults: input.faults,
    timeline: input.timeline,
    expectations: [],
  };
  report.expectations = input.scenario.expectations.map((e) => evaluateExpectation(report, e));
  return report;
}

/** Splits `a.b[c:d].e` into ['a', 'b', 'c:d', 'e']; null when the path is malformed. */
export function parsePath(path: string): string[] | null {
  const segments: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0 || close === i + 1) return null;
      segments.push(path.slice(i + 1, close));
      i = close + 1;
      if (i < path.length && path[i] === '.') i++;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    if (j === i) return null;
    segments.push(path.slice(i, j));
    i = j < path.length && path[j] === '.' ? j + 1 : j;
    if (i === path.length && path[path.length - 1] === '.') return null;
  }
  return segments.length > 0 ? segments : null;
}

/** The value at `path` in `report`, or null if it does not name a number, string or boolean. */
export function lookupPath(report: Report, path: string): number | string | boolean | null {
  const segments = parsePath(path);
  if (segments === null) return null;
  let node: unknown = report;
  for (const s of segments) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, s)) return null;
    node = (node as Record<string, unknown>)[s];
  }
  return typeof node === 'number' || typeof node === 'string' || typeof node === 'boolean' ? node : null;
}

function compare(actual: number | string | boolean, op: Expectation['op'], expected: number | string | boolean): boolean {
  if (op === '==') return actual === expected;
  if (op === '!=') return actual !== expected;
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  if (op === '<') return actual < expected;
  if (op === '<=') return actual <= expected;
  if (op === '>') return actual > expected;
  return actual >= expected;
}

export function evaluateExpectation(report: Report, e: Expectation): ExpectationResult {
  const actual = lookupPath(report, e.path);
  if (typeof e.value === 'object') {
    const expected = lookupPath(report, e.value.path);
    return { ...e, ok: actual !== null && expected !== null && compare(actual, e.op, expected), actual, expected };
  }
  return { ...e, ok: actual !== null && compare(actual, e.op, e.value), actual };
}
