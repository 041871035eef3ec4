/**
 * Node throughput of the whole engine on the reference scenario (8 hosts, 2 arrays, 32 LDEVs,
 * random 4 KiB 70/30, iodepth 8 each): completed simulated I/Os per wall-clock second.
 *
 *   npx tsx bench/node-sim.ts [--seconds S] [--runs N] [--ldev-gib G] [--cache-gib G]
 *
 * Each run builds a fresh simulation and runs it to `seconds` of simulated time in slices of
 * 100 ms (as the worker does, so slicing overhead is included); one warm-up run first, the
 * figure is the median, printed with the range over the runs. Wall-clock time is read here,
 * never in src/engine. The same runs are also rated by the process's CPU time (user + system,
 * all threads: GC helpers included) — on a shared machine, time slices lost to other processes
 * inflate the wall clock but not the CPU time, so that figure is the steadier one to compare
 * changes by (cache contention from neighbours still shows in both).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createSimulation } from '../src/engine/simulation.ts';
import { referenceScenario } from '../src/engine/testing/reference-topology.ts';

export interface NodeSimFigures {
  /** Median over the runs, per wall-clock second. */
  iosPerSec: number;
  eventsPerSec: number;
  /** Slowest and fastest run, per wall-clock second. */
  iosPerSecRange: [number, number];
  /** Median and range per CPU second of this process. */
  iosPerCpuSec: number;
  iosPerCpuSecRange: [number, number];
  simSeconds: number;
  ios: number;
}

const SLICE_US = 100_000;

export interface NodeSimOptions {
  /** Simulated seconds per run (default 10). */
  seconds?: number;
  /** Timed runs; the median is reported (default 5). */
  runs?: number;
  /** Reference-scenario footprint overrides (defaults 8 GiB LDEVs, 16 GiB cache per array). */
  ldevGiB?: number;
  cacheGiB?: number;
}

function runOnce(opts: NodeSimOptions, seconds: number): { ios: number; events: number; wallS: number; cpuS: number } {
  const sim = createSimulation(referenceScenario({ durationS: seconds, ldevGiB: opts.ldevGiB, cacheGiB: opts.cacheGiB }));
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let t = SLICE_US; t <= sim.endUs(); t += SLICE_US) sim.runUntil(t);
  const wallS = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const report = sim.report();
  let ios = 0;
  for (const id of Object.keys(report.ldevs)) ios += report.ldevs[id].completedIos;
  return { ios, events: report.events, wallS, cpuS };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchNodeSim(opts: NodeSimOptions = {}): Promise<NodeSimFigures> {
  const seconds = opts.seconds ?? 10;
  const runs = opts.runs ?? 5;
  runOnce(opts, Math.min(seconds, 2)); // warm-up: let the JIT settle
  const results = Array.from({ length: runs }, () => runOnce(opts, seconds));
  const wall = results.map((r) => r.ios / r.wallS);
  const cpu = results.map((r) => r.ios / r.cpuS);
  return {
    iosPerSec: median(wall),
    eventsPerSec: median(results.map((r) => r.events / r.wallS)),
    iosPerSecRange: [Math.min(...wall), Math.max(...wall)],
    iosPerCpuSec: median(cpu),
    iosPerCpuSecRange: [Math.min(...cpu), Math.max(...cpu)],
    simSeconds: seconds,
    ios: results[0].ios,
  };
}

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = { seconds: flag('--seconds'), runs: flag('--runs'), ldevGiB: flag('--ldev-gib'), cacheGiB: flag('--cache-gib') };
  const f = await benchNodeSim(opts);
  const footprint = `${opts.ldevGiB ?? 8} GiB LDEVs, ${opts.cacheGiB ?? 16} GiB cache/array`;
  const n = (x: number): string => Math.round(x).toLocaleString('en');
  console.log(
    `reference scenario (${footprint}), ${f.simSeconds} simulated s: ${f.ios} I/Os per run; ` +
      `${n(f.iosPerSec)} I/O per wall s, ${n(f.eventsPerSec)} events per wall s (median); ` +
      `range ${n(f.iosPerSecRange[0])}–${n(f.iosPerSecRange[1])}; ` +
      `per CPU s ${n(f.iosPerCpuSec)} (range ${n(f.iosPerCpuSecRange[0])}–${n(f.iosPerCpuSecRange[1])})`,
  );
}
