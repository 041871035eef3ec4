/**
 * Remote-copy benchmark (Node only; wall-clock timing lives here, never in src/engine):
 *
 * 1. `benchRemoteAsync16` — one asynchronous (Universal Replicator-style) group of 16 volumes,
 *    16 GiB each, under 16 × 3,125 = 50,000 random 4 KiB writes per simulated second (8 GiB
 *    working set per volume) for 600 simulated seconds, over a 10 Gb/s, 100 km WAN with 1 GiB
 *    journals. Run in 100 ms slices with the telemetry drained after each (as the worker
 *    does). Figures: wall ms of the 600 s, acknowledged writes per wall second, the retained
 *    heap (settled: full collections) at 60, 300 and 600 simulated s — heap(600) − heap(60) is
 *    the growth with run length, which must stay flat — the journal's peak use, the group's
 *    worst lag, and the verdict and wall ms of one "verify remote" at the end.
 * 2. `benchRemoteOutage` — the same group, 70 simulated s, with the WAN down from 20 s to 50 s
 *    (run.ts: 1 GiB and 256 MiB journals): the master journal fills (host writes then wait for
 *    space, the excess is refused queue-full), the link returns, the journal drains. The settled
 *    heap is sampled every 2 simulated s: what it holds above the pre-outage heap while the
 *    journal is full, set against the journal's capacity, shows memory bounded by the journal,
 *    not by the outage; the peak and the growth after the drain are reported beside it. Also
 *    the drain time, the worst lag, and "verify remote" while the journal is full and at the end.
 *
 * The arrays' parity groups get 32 SSDs instead of the fixture's 8: with 8 (RAID5) the primary
 * sustains only ~18,700 of the 50,000 writes per second over a 128 GiB working set (the rest
 * is refused queue-full, remote copy or not), so the group would not see the load asked for.
 * `ackedWritesPerSimSec` checks that it does.
 *
 *   node --expose-gc --import tsx bench/remote.ts [--seconds S] [--journal-mib M] [--outage-run-s S]   # JSON
 *
 * Does not handle: synchronous groups, library targets, several consistency groups.
 */
import { performance } from 'node:perf_hooks';
import { settledHeapBytes } from './micro.ts';
import { pathToFileURL } from 'node:url';
import { resetAssertContext } from '../src/engine/kernel/assert.ts';
import { createSimulation, type EngineSimulationHandle } from '../src/engine/simulation.ts';
import { remoteScenario } from '../src/engine/testing/remote-fixtures.ts';
import { Scenario, type Action } from '../src/model/scenario.ts';

const US = 1_000_000;
const MB = 1e6;
const SLICE_US = 100_000;
const VOLUMES = 16;
const IOPS_PER_VOLUME = 3125;
const DISKS_PER_PARITY_GROUP = 32;
const GROUP = 'RC';
const GROUP_KEY = 'ctg-0';

/** Throws (the bench must not report figures of a run that did not do what it says). */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`bench/remote: ${message}`);
}

// ------------------------------------------------------------------ heap

// The heap probe is bench/micro.ts's. `resetAssertContext()` before a baseline resets the engine's
// assertion context (kernel/assert.ts); its clock reader holds the last simulation only through a
// WeakRef, so a dropped simulation is collected either way.
declare const gc: undefined | (() => void);

// ------------------------------------------------------------------ scenario and run loop

interface ScenarioOptions {
  durationS: number;
  journalMiB: number;
  /** Extra timeline entries (WAN outage). */
  timeline?: { atS: number; action: Action }[];
}

/** The brief's group: pairCreate at 0, every oltp<k> started at 1; parity groups widened (see the header). */
export function remoteAsyncScenario(o: ScenarioOptions): Scenario {
  const timeline: { atS: number; action: Action }[] = [{ atS: 0, action: { type: 'pairCreate', group: GROUP, pace: 3, split: false } }];
  for (let k = 0; k < VOLUMES; k++) timeline.push({ atS: 1, action: { type: 'startWorkload', serverId: 'db', workloadId: `oltp${k}` } });
  timeline.push(...(o.timeline ?? []));
  const s = remoteScenario({
    mode: 'async',
    volumes: VOLUMES,
    ldevGiB: 16,
    perVolume: true,
    workload: { rw: 'randwrite', bs: '4k', rate_iops: IOPS_PER_VOLUME, size: '8g' },
    bandwidthMbps: 10_000,
    distanceKm: 100,
    journalMiB: o.journalMiB,
    durationS: o.durationS,
    timeline,
  });
  const wide = structuredClone(s);
  for (const d of wide.topology.devices) {
    if (d.kind === 'array') for (const pg of d.parityGroups) pg.diskCount = DISKS_PER_PARITY_GROUP;
  }
  return Scenario.parse(wide);
}

/**
 * Runs in 100 ms slices to `untilUs`, draining telemetry (and calling `afterSlice`, untimed
 * work included in the time: keep it cheap); returns wall and CPU seconds spent.
 */
function runSlices(sim: EngineSimulationHandle, untilUs: number, afterSlice?: () => void): { wallS: number; cpuS: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let t = Math.floor(sim.nowUs() / SLICE_US) * SLICE_US + SLICE_US; t <= untilUs; t += SLICE_US) {
    sim.runUntil(t);
    sim.drainTelemetry();
    afterSlice?.();
  }
  const cpu = process.cpuUsage(cpu0);
  return { wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
}

function groupStatus(sim: EngineSimulationHandle) {
  const g = sim.remoteStatus().groups.find((x) => x.key === GROUP_KEY);
  check(g !== undefined, `no remote group ${GROUP_KEY}`);
  return g;
}

function verifyTimed(sim: EngineSimulationHandle): { verdict: string; prefix: number | null; tracksCompared: number; ms: number; message: string } {
  const t0 = performance.now();
  const v = sim.verifyRemote(GROUP);
  const ms = performance.now() - t0;
  check(v !== null, `verifyRemote(${GROUP}) returned null`);
  return { verdict: v.verdict, prefix: v.prefix, tracksCompared: v.tracksCompared, ms, message: v.message };
}

// ------------------------------------------------------------------ 1. 16 volumes, 600 s

export interface RemoteAsyncFigures {
  volumes: number;
  offeredWriteIops: number;
  simSeconds: number;
  /** Wall ms to run the simulated seconds (heap samples excluded). */
  wallMs: number;
  /** CPU s of this process over the same (steadier than wall on a shared machine). */
  cpuS: number;
  /** Acknowledged writes of the group (lastSeq) at the end. */
  simWrites: number;
  simWritesPerWallSec: number;
  simWritesPerCpuSec: number;
  /** Acknowledged writes per simulated second while the workload ran (must be ~ offered). */
  ackedWritesPerSimSec: number;
  rejectedIos: number;
  /** Settled heap above the settled heap before the simulation was built, MB (0 without --expose-gc). */
  heapAt60sMB: number;
  heapAt300sMB: number;
  heapAt600sMB: number;
  /** heap(end) − heap(60 s): what the run's length adds. */
  heapGrowthMB: number;
  heapMeasured: boolean;
  journalMiB: number;
  peakJournalPct: number;
  peakJournalMiB: number;
  worstLagS: number;
  worstLagWrites: number;
  suspensions: number;
  verifyVerdict: string;
  verifyPass: boolean;
  verifyPrefix: number | null;
  verifyTracksCompared: number;
  verifyMs: number;
  verifyMessage: string;
}

export async function benchRemoteAsync16(opts: { seconds?: number } = {}): Promise<RemoteAsyncFigures> {
  const seconds = opts.seconds ?? 600;
  const journalMiB = 1024;
  const samplesS = [...new Set([Math.min(60, seconds), Math.min(300, seconds), seconds])];
  resetAssertContext();
  const base = await settledHeapBytes();
  const sim = createSimulation(remoteAsyncScenario({ durationS: seconds, journalMiB }));
  const heapAt = new Map<number, number>();
  let wallS = 0;
  let cpuS = 0;
  for (const s of samplesS) {
    const r = runSlices(sim, s * US);
    wallS += r.wallS;
    cpuS += r.cpuS;
    heapAt.set(s, (await settledHeapBytes()) - base);
  }
  check(sim.nowUs() === sim.endUs(), `stopped at ${sim.nowUs()} µs, not at the end ${sim.endUs()} µs`);
  const g = groupStatus(sim);
  check(g.state === 'PAIR' || g.state === 'PFUL', `group ${GROUP_KEY} ended in ${g.state}`);
  const report = sim.report();
  const rg = report.remote.groups[GROUP_KEY];
  check(rg !== undefined, `no ${GROUP_KEY} in the report`);
  const v = verifyTimed(sim);
  const heap = (s: number) => (heapAt.get(Math.min(s, seconds)) ?? 0) / MB;
  return {
    volumes: VOLUMES,
    offeredWriteIops: VOLUMES * IOPS_PER_VOLUME,
    simSeconds: seconds,
    wallMs: wallS * 1000,
    cpuS,
    simWrites: g.lastSeq,
    simWritesPerWallSec: g.lastSeq / wallS,
    simWritesPerCpuSec: g.lastSeq / cpuS,
    ackedWritesPerSimSec: g.lastSeq / Math.max(1, seconds - 1),
    rejectedIos: report.rejectedIos.total,
    heapAt60sMB: heap(60),
    heapAt300sMB: heap(300),
    heapAt600sMB: heap(seconds),
    heapGrowthMB: heap(seconds) - heap(60),
    heapMeasured: typeof gc === 'function',
    journalMiB,
    peakJournalPct: rg.peakJournalPct,
    peakJournalMiB: (rg.peakJournalPct / 100) * journalMiB,
    worstLagS: rg.worstLagS,
    worstLagWrites: rg.worstLagWrites,
    suspensions: rg.suspensions,
    verifyVerdict: v.verdict,
    verifyPass: v.verdict === 'PASS',
    verifyPrefix: v.prefix,
    verifyTracksCompared: v.tracksCompared,
    verifyMs: v.ms,
    verifyMessage: v.message,
  };
}

// ------------------------------------------------------------------ 2. a 30 s WAN outage

export interface RemoteOutageFigures {
  journalMiB: number;
  outageS: number;
  simSeconds: number;
  wallMs: number;
  /** Settled heap above the baseline (before the simulation was built) when the link went down, MB. */
  heapBeforeOutageMB: number;
  /** The largest settled sample (every 2 simulated s), MB above the baseline, and when. */
  peakHeapMB: number;
  peakHeapAtS: number;
  /** What the outage added while the journal was full: the last sample before the link returns − heap before, MB, and per MiB of journal. */
  journalFullHeapMB: number;
  journalFullHeapMBPerJournalMiB: number;
  /** What the outage added over the run: peak − heap before, MB. */
  outageHeapMB: number;
  heapAfterDrainMB: number;
  /** heap at the end − the last sample before the link returned (what the drain and the time after it added). */
  postDrainGrowthMB: number;
  /** Every settled sample: [simulated s, MB above the baseline]. */
  heapSamplesMB: [number, number][];
  heapMeasured: boolean;
  peakJournalPct: number;
  worstLagS: number;
  worstLagWrites: number;
  suspensions: number;
  /** Host I/Os refused (queue-full while writes waited for journal space). */
  rejectedIos: number;
  /** Simulated s from the link's return until the lag was under DRAINED_LAG_WRITES (100 ms resolution). */
  drainS: number;
  /** "verify remote" 2 s before the link returns (journal full) and at the end. */
  verifyDuringOutage: string;
  verifyVerdict: string;
  verifyPass: boolean;
  verifyMs: number;
  verifyMessage: string;
}

const OUTAGE_AT_S = 20;
const SAMPLE_EVERY_S = 2;
/** Steady state lags by a few dozen writes (batches on the wire): drained below this. */
const DRAINED_LAG_WRITES = 1000;

export async function benchRemoteOutage(opts: { journalMiB?: number; outageS?: number; seconds?: number } = {}): Promise<RemoteOutageFigures> {
  const journalMiB = opts.journalMiB ?? 1024;
  const outageS = opts.outageS ?? 30;
  const upAtS = OUTAGE_AT_S + outageS;
  const seconds = opts.seconds ?? upAtS + 20;
  check(outageS % SAMPLE_EVERY_S === 0 && seconds % SAMPLE_EVERY_S === 0, `outage and run length must be multiples of ${SAMPLE_EVERY_S} s`);
  const outage = [
    { atS: OUTAGE_AT_S, action: { type: 'setWanLink', wanLinkId: 'wan1', up: false } as Action },
    { atS: upAtS, action: { type: 'setWanLink', wanLinkId: 'wan1', up: true } as Action },
  ];
  resetAssertContext();
  const base = await settledHeapBytes();
  const sim = createSimulation(remoteAsyncScenario({ durationS: seconds, journalMiB, timeline: outage }));
  let wallS = 0;
  let heapBefore = 0;
  let heapFull = 0;
  let peak = 0;
  let peakAtS = 0;
  let drainedAtUs = -1;
  let during = '';
  const samples: [number, number][] = [];
  const watchDrain = (): void => {
    if (drainedAtUs < 0 && sim.nowUs() > upAtS * US && groupStatus(sim).lagWrites < DRAINED_LAG_WRITES) drainedAtUs = sim.nowUs();
  };
  for (let s = SAMPLE_EVERY_S; s <= seconds; s += SAMPLE_EVERY_S) {
    wallS += runSlices(sim, s * US, s > upAtS && drainedAtUs < 0 ? watchDrain : undefined).wallS;
    const heap = (await settledHeapBytes()) - base;
    samples.push([s, Math.round(heap / 1e4) / 100]);
    if (s === OUTAGE_AT_S) heapBefore = heap;
    if (s === upAtS - SAMPLE_EVERY_S) heapFull = heap; // the journal full, the link still down
    if (heap > peak) [peak, peakAtS] = [heap, s];
    if (s === upAtS - SAMPLE_EVERY_S) during = verifyTimed(sim).verdict;
  }
  const heapAfter = (await settledHeapBytes()) - base;
  const report = sim.report();
  const rg = report.remote.groups[GROUP_KEY];
  check(rg !== undefined, `no ${GROUP_KEY} in the report`);
  check(rg.worstLagS >= outageS - 1, `worst lag ${rg.worstLagS} s is shorter than the ${outageS} s outage: it did not bite`);
  const v = verifyTimed(sim);
  return {
    journalMiB,
    outageS,
    simSeconds: seconds,
    wallMs: wallS * 1000,
    heapBeforeOutageMB: heapBefore / MB,
    peakHeapMB: peak / MB,
    peakHeapAtS: peakAtS,
    journalFullHeapMB: (heapFull - heapBefore) / MB,
    journalFullHeapMBPerJournalMiB: (heapFull - heapBefore) / MB / journalMiB,
    outageHeapMB: (peak - heapBefore) / MB,
    heapAfterDrainMB: heapAfter / MB,
    postDrainGrowthMB: (heapAfter - heapFull) / MB,
    heapSamplesMB: samples,
    heapMeasured: typeof gc === 'function',
    peakJournalPct: rg.peakJournalPct,
    worstLagS: rg.worstLagS,
    worstLagWrites: rg.worstLagWrites,
    suspensions: rg.suspensions,
    rejectedIos: report.rejectedIos.total,
    drainS: drainedAtUs < 0 ? -1 : (drainedAtUs - upAtS * US) / US,
    verifyDuringOutage: during,
    verifyVerdict: v.verdict,
    verifyPass: v.verdict === 'PASS',
    verifyMs: v.ms,
    verifyMessage: v.message,
  };
}

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = {
    async16: await benchRemoteAsync16({ seconds: flag('--seconds') }),
    outage30s: await benchRemoteOutage({ journalMiB: flag('--journal-mib'), seconds: flag('--outage-run-s') }),
    outage30sJournal256: await benchRemoteOutage({ journalMiB: 256 }),
  };
  console.log(JSON.stringify(results, null, 2));
}
