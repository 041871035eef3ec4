/**
 * Replication benchmarks (Node only; wall-clock timing lives here, never in src/engine):
 *
 * 1. `benchResync1TiB` — differential resync of a 1 TiB LDEV (4 Mi tracks of 256 KiB) with 1 %
 *    of its tracks written on the P-VOL while split: paircreate (both LDEVs empty → PAIR at
 *    once), pairsplit, 41,943 whole-track host writes (`hostWriteTrack`), pairresync, run until
 *    PAIR. Wall ms and simulated s of the resync, tracks / bytes copied, simulated bytes copied
 *    per wall second, peak heap above the settled heap before the simulation was built.
 * 2. `benchBitmapUnionScan` — what a resync of such a pair does with its bitmaps: a fresh copy
 *    set ORed with both differential bitmaps (1 % random bits each), a full `nextSet` scan of
 *    it, and the `unionCount` the status shows. Median ms of RUNS runs (target < 50 ms).
 * 3. `benchPairsIoRate` — the reference scenario (8 hosts, 32 LDEVs, same workloads and seed)
 *    with and without 16 local pairs in PAIR: engine-completed host I/Os per wall second,
 *    best of 3 each, runs interleaved so drift of the machine hits both alike.
 *
 *   node --expose-gc --import tsx bench/replication.ts   # prints all three as JSON
 *
 * Does not handle: host mirrors, snapshots, remote copy (not benchmarked here).
 */
import { performance } from 'node:perf_hooks';
import { heapBytesNow, settledHeapBytes } from './micro.ts';
import { pathToFileURL } from 'node:url';
import { Rng } from '../src/engine/kernel/rng.ts';
import { TrackBitmap } from '../src/engine/replication/bitmap.ts';
import { createSimulation, type EngineSimulationHandle } from '../src/engine/simulation.ts';
import { referenceScenario } from '../src/engine/testing/reference-topology.ts';
import { SanBuilder } from '../src/engine/testing/san-builder.ts';
import { Scenario, type Action } from '../src/model/scenario.ts';
import type { CopyGroupDevice, DiskArray } from '../src/model/topology.ts';

const US = 1_000_000;
const TIB_TRACKS = (1024 * 1024 * 1024 * 1024) / (256 * 1024); // 4 Mi tracks of 256 KiB
const DIRTY_TRACKS = Math.round(TIB_TRACKS * 0.01); // 41,943
const MB = 1e6;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Throws (the bench must not report figures of a run that did not do what it says). */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`bench/replication: ${message}`);
}

function applyOk(sim: EngineSimulationHandle, action: Action): void {
  const r = sim.apply(action);
  check(r.ok, `${action.type}: ${r.ok ? '' : `${r.code} ${r.message}`}`);
}

// ------------------------------------------------------------------ 1. resync of 1 TiB

export interface ResyncFigures {
  trackCount: number;
  dirtyTracks: number;
  pace: number;
  /** Median over the runs: wall ms from pairresync until PAIR. */
  wallMs: number;
  /** Simulated duration of the resync copy (s). */
  simSeconds: number;
  tracksCopied: number;
  bytesCopied: number;
  /** Simulated bytes copied per wall second (median run). */
  simBytesPerWallSec: number;
  /** Peak heapUsed + arrayBuffers above the settled heap before the simulation was built (MB). */
  peakHeapMB: number;
  /** Whether the heap figures were measured (node --expose-gc) or are 0. */
  heapMeasured: boolean;
}

/** Two 1 TiB LDEVs on their own 16-disk 15k RAID5 groups, paired P → S; no hosts, no workloads. */
function resyncScenario(): Scenario {
  const b = new SanBuilder('resync 1 TiB');
  b.array('arr1', { ports: 2, speedGbps: 16, cacheGiB: 16 });
  b.parityGroup('arr1', 'pg-p', 'hdd15k', 'RAID5', 16).parityGroup('arr1', 'pg-s', 'hdd15k', 'RAID5', 16);
  b.ldev('arr1', 'pvol', 'pg-p', 1024).ldev('arr1', 'svol', 'pg-s', 1024);
  b.copyGroup({ id: 'R', kind: 'local', devices: [{ name: 'd1', pvol: 'pvol', svol: 'svol' }] });
  return b.build({ seed: 7, durationS: 24 * 3600 });
}

/** `count` distinct tracks in [0, trackCount), seeded, in random order. */
function distinctTracks(trackCount: number, count: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const seen = new TrackBitmap(trackCount);
  const out = new Int32Array(count);
  for (let i = 0; i < count; ) {
    const t = rng.int(trackCount);
    if (seen.set(t)) out[i++] = t;
  }
  return out;
}

interface ResyncRun {
  wallMs: number;
  simSeconds: number;
  tracks: number;
  bytes: number;
  peakBytes: number;
}

/**
 * Simulated time between checks for PAIR (and heap samples): a status costs ~0.2 ms (a
 * `unionCount` of two 4 Mi-track bitmaps), so polling every simulated second would cost about
 * as much wall time as the resync itself; after the last copy only the per-second sample
 * events run, so overshooting the end costs ~nothing.
 */
const POLL_US = 10 * US;

/** Creates, splits, dirties 1 % of the P-VOL and resyncs; samples the heap every POLL_US. */
async function resyncOnce(pace: number, tracks: Int32Array): Promise<ResyncRun> {
  const base = await settledHeapBytes();
  const sim = createSimulation(resyncScenario());
  applyOk(sim, { type: 'pairCreate', group: 'R', pace, split: false });
  check(sim.replicationStatus().pairs[0].state === 'PAIR', 'empty LDEVs should pair at once');
  applyOk(sim, { type: 'pairSplit', group: 'R', mode: 'steady', access: 'rw' });
  sim.runUntil(1 * US);
  check(sim.replicationStatus().pairs[0].state === 'PSUS', 'split of an empty pair should reach PSUS');
  for (let i = 0; i < tracks.length; i++) check(sim.hostWriteTrack('pvol', tracks[i]) === null, 'P-VOL write refused');
  check(sim.replicationStatus().pairs[0].dirtyTracks === tracks.length, 'dirty tracks differ from tracks written');
  let peak = heapBytesNow();
  const start = performance.now();
  applyOk(sim, { type: 'pairResync', group: 'R', restore: false });
  while (sim.replicationStatus().pairs[0].state !== 'PAIR') {
    check(sim.nowUs() < sim.endUs(), 'resync did not finish within the scenario');
    sim.runUntil(sim.nowUs() + POLL_US);
    peak = Math.max(peak, heapBytesNow());
  }
  const wallMs = performance.now() - start;
  const op = sim.report().pairs['R/d1'].copies.find((c) => c.reason === 'resync-union');
  check(op !== undefined && op.endedS !== null, 'no finished resync-union copy');
  check(op.tracks === tracks.length, `resync copied ${op.tracks} tracks, expected ${tracks.length}`);
  check(sim.ldevDigest('svol') === sim.ldevDigest('pvol'), 'S-VOL differs from P-VOL after the resync');
  return { wallMs, simSeconds: op.endedS - op.startedS, tracks: op.tracks, bytes: op.bytes, peakBytes: peak - base };
}

export async function benchResync1TiB(opts: { runs?: number; pace?: number } = {}): Promise<ResyncFigures> {
  const pace = opts.pace ?? 3; // CCI's default copy pace
  const tracks = distinctTracks(TIB_TRACKS, DIRTY_TRACKS, 11);
  const runs: ResyncRun[] = [];
  for (let r = 0; r < (opts.runs ?? 3); r++) runs.push(await resyncOnce(pace, tracks));
  const mid = runs.find((x) => x.wallMs === median(runs.map((y) => y.wallMs)))!;
  return {
    trackCount: TIB_TRACKS,
    dirtyTracks: DIRTY_TRACKS,
    pace,
    wallMs: mid.wallMs,
    simSeconds: mid.simSeconds,
    tracksCopied: mid.tracks,
    bytesCopied: mid.bytes,
    simBytesPerWallSec: mid.bytes / (mid.wallMs / 1000),
    peakHeapMB: Math.max(...runs.map((x) => x.peakBytes)) / MB,
    heapMeasured: typeof gc === 'function',
  };
}

// ------------------------------------------------------------------ 2. bitmap union and scan

export interface BitmapFigures {
  trackCount: number;
  /** Median ms of one union (new set, orWith pDiff, orWith sDiff) + full scan + unionCount. */
  totalMs: number;
  orWithMs: number;
  scanMs: number;
  unionCountMs: number;
  runs: number;
}

function randomBitmap(trackCount: number, bits: number, seed: number): TrackBitmap {
  const bm = new TrackBitmap(trackCount);
  const tracks = distinctTracks(trackCount, bits, seed);
  for (let i = 0; i < tracks.length; i++) bm.set(tracks[i]);
  return bm;
}

/** Set bits found by walking `nextSet` from 0 to the end, as the copy engine walks its copy set. */
function scanAll(bm: TrackBitmap): number {
  let n = 0;
  for (let t = bm.nextSet(0); t >= 0; t = bm.nextSet(t + 1)) n++;
  return n;
}

export async function benchBitmapUnionScan(opts: { runs?: number } = {}): Promise<BitmapFigures> {
  const runs = opts.runs ?? 21;
  const pDiff = randomBitmap(TIB_TRACKS, DIRTY_TRACKS, 21);
  const sDiff = randomBitmap(TIB_TRACKS, DIRTY_TRACKS, 22);
  const times = { total: [] as number[], or: [] as number[], scan: [] as number[], count: [] as number[] };
  for (let r = -3; r < runs; r++) {
    const t0 = performance.now();
    const set = new TrackBitmap(TIB_TRACKS);
    set.orWith(pDiff);
    set.orWith(sDiff);
    const t1 = performance.now();
    const scanned = scanAll(set);
    const t2 = performance.now();
    const union = pDiff.unionCount(sDiff);
    const t3 = performance.now();
    check(scanned === set.count && union === set.count, `scan ${scanned}, count ${set.count}, unionCount ${union} differ`);
    if (r < 0) continue; // warm-up runs: let the JIT settle
    times.or.push(t1 - t0);
    times.scan.push(t2 - t1);
    times.count.push(t3 - t2);
    times.total.push(t3 - t0);
  }
  return {
    trackCount: TIB_TRACKS,
    totalMs: median(times.total),
    orWithMs: median(times.or),
    scanMs: median(times.scan),
    unionCountMs: median(times.count),
    runs,
  };
}

// ------------------------------------------------------------------ 3. host I/O with 16 pairs

export interface PairsIoFigures {
  /** Best of the runs: completed host I/Os per wall second. */
  withoutPairsIosPerSec: number;
  withPairsIosPerSec: number;
  /** 100 × (1 − with / without). */
  dropPct: number;
  /** The same per CPU second of this process: steadier on a shared machine (see bench/node-sim.ts). */
  withoutPairsIosPerCpuSec: number;
  withPairsIosPerCpuSec: number;
  dropPctCpu: number;
  /** Simulated completed I/Os of one run each (the simulated load, not the engine's speed). */
  withoutPairsIos: number;
  withPairsIos: number;
  /** Tracks the 16 pairs copied in one run (update copy in PAIR). */
  pairTracksCopied: number;
  simSeconds: number;
  wallSecondsPerRun: number;
}

const PAIRS_GROUP = 'BENCH16';
const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * The reference scenario plus 16 local pairs: each host's LUNs 0 and 1 are P-VOLs (8 per
 * array). Every reference LDEV carries a host workload, and a host write to a paired S-VOL is
 * refused, so the S-VOLs are 16 added LDEVs (`x:10`…`x:17`), each on its P-VOL's parity group.
 */
export function pairedReferenceScenario(seconds: number): Scenario {
  const s = structuredClone(referenceScenario({ durationS: seconds }));
  const devices: CopyGroupDevice[] = [];
  for (const [arrayId, prefix] of [['arr1', '10'], ['arr2', '20']] as const) {
    const array = s.topology.devices.find((d): d is DiskArray => d.kind === 'array' && d.id === arrayId);
    check(array !== undefined, `reference scenario has no ${arrayId}`);
    for (let host = 0; host < 4; host++) {
      for (let k = 0; k < 2; k++) {
        const pvol = array.ldevs.find((l) => l.id === `${prefix}:${hex2(host * 4 + k)}`);
        check(pvol !== undefined, `reference scenario has no LDEV ${prefix}:${hex2(host * 4 + k)}`);
        const svol = `${prefix}:${hex2(0x10 + host * 2 + k)}`;
        array.ldevs.push({ ...pvol, id: svol, name: svol, readOnly: false });
        devices.push({ name: `d${devices.length}`, pvol: pvol.id, svol, mu: 0 });
      }
    }
  }
  s.topology.copyGroups.push({ id: PAIRS_GROUP, kind: 'local', recordPositions: true, devices });
  return Scenario.parse(s);
}

interface IoRun {
  ios: number;
  wallS: number;
  /** User + system CPU seconds of this process (GC threads included) over the run. */
  cpuS: number;
  tracksCopied: number;
}

const SLICE_US = 100_000;

/** One run to `seconds` simulated in 100 ms slices (as the worker and bench/node-sim.ts do). */
function ioRunOnce(seconds: number, withPairs: boolean): IoRun {
  const sim = createSimulation(withPairs ? pairedReferenceScenario(seconds) : referenceScenario({ durationS: seconds }));
  if (withPairs) {
    applyOk(sim, { type: 'pairCreate', group: PAIRS_GROUP, pace: 3, split: false });
    check(sim.replicationStatus().pairs.every((p) => p.state === 'PAIR'), 'empty LDEVs should pair at once');
  }
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let t = SLICE_US; t <= sim.endUs(); t += SLICE_US) sim.runUntil(t);
  const wallS = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pairs = sim.replicationStatus().pairs;
  if (withPairs) check(pairs.length === 16 && pairs.every((p) => p.state === 'PAIR'), 'a pair left PAIR');
  const report = sim.report();
  let ios = 0;
  for (const id of Object.keys(report.ldevs)) ios += report.ldevs[id].completedIos;
  return { ios, wallS, cpuS: (cpu.user + cpu.system) / 1e6, tracksCopied: pairs.reduce((sum, p) => sum + p.tracksCopied, 0) };
}

export async function benchPairsIoRate(opts: { seconds?: number; runs?: number } = {}): Promise<PairsIoFigures> {
  const seconds = opts.seconds ?? 20;
  ioRunOnce(2, false); // warm-up: let the JIT settle on both paths
  ioRunOnce(2, true);
  const without: IoRun[] = [];
  const paired: IoRun[] = [];
  for (let r = 0; r < (opts.runs ?? 3); r++) {
    without.push(ioRunOnce(seconds, false));
    paired.push(ioRunOnce(seconds, true));
  }
  check(paired[0].tracksCopied > 0, 'the 16 pairs copied nothing: not active');
  const best = (xs: IoRun[], per: (x: IoRun) => number): number => Math.max(...xs.map((x) => x.ios / per(x)));
  const a = best(without, (x) => x.wallS);
  const b = best(paired, (x) => x.wallS);
  const aCpu = best(without, (x) => x.cpuS);
  const bCpu = best(paired, (x) => x.cpuS);
  return {
    withoutPairsIosPerSec: a,
    withPairsIosPerSec: b,
    dropPct: 100 * (1 - b / a),
    withoutPairsIosPerCpuSec: aCpu,
    withPairsIosPerCpuSec: bCpu,
    dropPctCpu: 100 * (1 - bCpu / aCpu),
    withoutPairsIos: without[0].ios,
    withPairsIos: paired[0].ios,
    pairTracksCopied: paired[0].tracksCopied,
    simSeconds: seconds,
    wallSecondsPerRun: median([...without, ...paired].map((x) => x.wallS)),
  };
}

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = {
    resync1TiB: await benchResync1TiB({ pace: flag('--pace') }),
    bitmapUnionScan: await benchBitmapUnionScan(),
    pairsIoRate: await benchPairsIoRate({ seconds: flag('--seconds'), runs: flag('--runs') }),
  };
  console.log(JSON.stringify(results, null, 2));
}
