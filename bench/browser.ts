/**
 * Browser figures, measured in Debian's Chromium against the production build:
 * - workerIosPerSec: simulated I/Os per wall second of the reference scenario inside the
 *   engine worker (wall time measured in the worker; same slicing as bench/node-sim.ts);
 * - telemetrySharePct: drain + post time as a share of the worker's busy time during a 'max'
 *   play of the reference scenario (`EngineHost.stats()`);
 * - chartsMaxTaskMs / chartsMeanUpdateMs: 8 volumes × 600 points updating at 4 Hz for 10 s —
 *   the longest main-thread task (long-task observer and each update timed to the next task);
 *   each charts run is also traced (Chromium trace, main thread): chartsTracedMaxTaskMs is the
 *   longest task of the steady state whatever its length (the observer only sees > 50 ms),
 *   chartsTracedMaxTaskCpuMs the longest in thread CPU time (what load on a shared machine does
 *   not inflate), chartsBusyPerUpdateMs the task time per update summed over every task —
 *   the whole cost of an update even when it is split over several tasks;
 * - canvasFps: a generated 500-device / 1,000-link topology, panned by mouse drag for 3 s.
 * Each figure is the median of several runs.
 *
 *   npx tsx bench/browser.ts [--reuse-dist] [--only canvas] [--dist DIR]   prints the figures as JSON
 *   npx tsx bench/browser.ts --reuse-dist --only charts [--runs 3]
 *
 * Builds into bench/out/dist (never the shared dist/) unless --reuse-dist and it exists.
 * `--only canvas` measures the canvas pan alone (the other figures are reported as NaN);
 * `--dist DIR` serves (and, without --reuse-dist, builds into) DIR instead of bench/out/dist.
 * `--only` also takes a comma list of worker, telemetry, charts, canvas.
 * The recharts variants of the live charts measured in docs/automation.md were removed from the
 * app after measuring; check out commit bc6cb4c to run them (`--live-charts`, `--query`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { referenceScenario } from '../src/engine/testing/reference-topology.ts';
import type { Scenario } from '../src/model/scenario.ts';
import type { Device, Link } from '../src/model/topology.ts';
import '../src/ui/automation/types.ts';

export interface BrowserFigures {
  workerIosPerSec: number;
  telemetrySharePct: number;
  chartsMaxTaskMs: number;
  chartsMeanUpdateMs: number;
  /** Longest main-thread task of the steady state, from a Chromium trace (not only > 50 ms). */
  chartsTracedMaxTaskMs?: number;
  /** The longest main-thread task in CPU time (thread time), from the same trace: load on the machine does not inflate it. */
  chartsTracedMaxTaskCpuMs?: number;
  /** Main-thread task time per update, all tasks, from the same trace. */
  chartsBusyPerUpdateMs?: number;
  canvasFps: number;
}

export type BenchPart = 'worker' | 'telemetry' | 'charts' | 'canvas';

export interface BenchBrowserOptions {
  reuseDist?: boolean;
  /** Measure only these parts (default: all). */
  only?: BenchPart[];
  /** Charts runs to take the median of (default 3). */
  chartsRuns?: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argAfter = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const OUT_DIR = argAfter('--dist') ?? 'bench/out/dist';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const WORKER_SIM_SECONDS = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (msg: string) => console.error(`[bench:browser] ${msg}`);

function build(reuse: boolean): void {
  if (reuse && existsSync(resolvePath(ROOT, OUT_DIR, 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function serve(port: number): Promise<ChildProcess> {
  const args = ['vite', 'preview', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  const child = spawn('npx', args, { cwd: ROOT, stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => typeof window.sandbox !== 'undefined');
  await page.waitForFunction(async () => (await window.sandbox.status()).runState === 'ready');
}

async function benchWorker(page: Page): Promise<number> {
  const doc = referenceScenario({ durationS: WORKER_SIM_SECONDS });
  await page.evaluate((d) => window.sandbox.bench.runScenario(d, 2), doc); // warm-up
  const rates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await page.evaluate(([d, s]) => window.sandbox.bench.runScenario(d, s), [doc, WORKER_SIM_SECONDS] as const);
    rates.push((r.completedIos * 1000) / r.wallMs);
  }
  return median(rates);
}

async function benchTelemetry(page: Page): Promise<number> {
  const loaded = await page.evaluate((d) => window.sandbox.loadScenario(d), referenceScenario({ durationS: 3600 }));
  if (!loaded.ok) throw new Error(`reference scenario refused: ${JSON.stringify(loaded.errors)}`);
  const shares: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await page.evaluate(() => window.sandbox.bench.telemetryShare(3000));
    shares.push((100 * s.telemetryMs) / Math.max(1e-9, s.busyMs));
  }
  return median(shares);
}

interface ChartsRun {
  /** The bench helper's figure: longest long task (> 50 ms, observer) or update (write → next task). */
  maxTaskMs: number;
  meanUpdateMs: number;
  /** From a Chromium trace of the steady state: the longest main-thread task, any length (wall time). */
  tracedMaxTaskMs: number;
  /** The longest task in main-thread CPU time (thread time; tasks Chromium recorded without it are skipped). */
  tracedMaxTaskCpuMs: number;
  /** From the same trace: main-thread task time per update, all tasks (script, style, layout, paint). */
  busyPerUpdateMs: number;
  longTasks: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
}

/** Top-level main-thread tasks (wall and CPU ms) between the user-timing marks `from` and `to`. */
function tasksBetween(events: TraceEvent[], from: string, to: string): { wallMs: number; cpuMs: number }[] {
  const a = events.find((e) => e.name === from);
  const b = events.find((e) => e.name === to);
  if (!a || !b) throw new Error(`trace has no ${from}/${to} marks`);
  const onThread = events.filter((e) => e.pid === a.pid && e.tid === a.tid && e.ph === 'X' && e.ts >= a.ts && e.ts <= b.ts);
  // Chromium records a task as 'ThreadControllerImpl::RunTask' (toplevel) or, with the
  // devtools.timeline category, also as 'RunTask' — count one name only, and only outer tasks.
  const name = onThread.some((e) => e.name === 'RunTask') ? 'RunTask' : 'ThreadControllerImpl::RunTask';
  const tasks = onThread.filter((e) => e.name === name).sort((x, y) => x.ts - y.ts);
  const out: { wallMs: number; cpuMs: number }[] = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts < end) continue;
    end = t.ts + (t.dur ?? 0);
    out.push({ wallMs: (t.dur ?? 0) / 1000, cpuMs: (t.tdur ?? Number.NaN) / 1000 });
  }
  return out;
}

async function benchCharts(page: Page, runs: number): Promise<ChartsRun> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const results: ChartsRun[] = [];
  for (let i = 0; i < runs; i++) {
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
    // The helper seeds 8 × 600 samples, waits 500 ms (first full render, not steady state), then
    // feeds 40 updates; the trace window starts at 450 ms and ends when the helper returns.
    const r = await page.evaluate(async () => {
      setTimeout(() => performance.mark('bench:charts:steady'), 450);
      const result = await window.sandbox.bench.charts({ volumes: 8, hz: 4, durationMs: 10_000 });
      performance.mark('bench:charts:end');
      return result;
    });
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const tasks = tasksBetween(trace.traceEvents, 'bench:charts:steady', 'bench:charts:end');
    const run: ChartsRun = {
      maxTaskMs: r.maxTaskMs,
      meanUpdateMs: r.meanUpdateMs,
      tracedMaxTaskMs: Math.max(0, ...tasks.map((t) => t.wallMs)),
      tracedMaxTaskCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs).filter(Number.isFinite)),
      busyPerUpdateMs: tasks.reduce((x, t) => x + t.wallMs, 0) / Math.max(1, r.updates),
      longTasks: r.longTasks,
    };
    log(
      `  run ${i + 1}: max task ${run.maxTaskMs.toFixed(1)} ms (traced ${run.tracedMaxTaskMs.toFixed(1)} ms, cpu ${run.tracedMaxTaskCpuMs.toFixed(1)} ms), ` +
        `mean update ${run.meanUpdateMs.toFixed(1)} ms, busy/update ${run.busyPerUpdateMs.toFixed(1)} ms, long tasks ${run.longTasks}/${r.updates}`,
    );
    results.push(run);
  }
  const med = (k: keyof ChartsRun) => median(results.map((r) => r[k]));
  return {
    maxTaskMs: med('maxTaskMs'),
    meanUpdateMs: med('meanUpdateMs'),
    tracedMaxTaskMs: med('tracedMaxTaskMs'),
    tracedMaxTaskCpuMs: med('tracedMaxTaskCpuMs'),
    busyPerUpdateMs: med('busyPerUpdateMs'),
    longTasks: med('longTasks'),
  };
}

const wwpn = (n: number) => `50:06:0e:80:${[(n >> 16) & 255, (n >> 8) & 255, n & 255, 1].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;

/** 25 switches, 375 servers (2 HBAs each), 100 arrays (2 ports each); 1,000 links. */
export function generatedTopology(): Scenario {
  let serial = 0;
  const fcPorts = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, kind: 'fc' as const, speedGbps: 8, wwpn: wwpn(++serial) }));
  const at = (i: number, row: number) => ({ x: (i % 40) * 200, y: row * 160 + Math.floor(i / 40) * 160 });
  const base = (id: string, name: string, i: number, row: number) => ({ id, name, siteId: 'main', position: at(i, row) });
  const devices: Device[] = [];
  for (let i = 0; i < 25; i++) devices.push({ ...base(`sw${i}`, `Switch ${i}`, i, 12), kind: 'fcSwitch', domainId: i + 1, ports: fcPorts(48, 'p') });
  for (let i = 0; i < 375; i++) devices.push({ ...base(`srv${i}`, `Server ${i}`, i, 0), kind: 'server', serverClass: 'unix', roles: [], workloads: [], ports: fcPorts(2, 'hba') });
  for (let i = 0; i < 100; i++) {
    devices.push({ ...base(`arr${i}`, `Array ${i}`, i, 14), kind: 'array', cacheGiB: 64, trackKiB: 256, parityGroups: [], ldevs: [], hostGroups: [], luPaths: [], pools: [], ports: fcPorts(2, 'fc') });
  }
  const links: Link[] = [];
  const used = new Map<number, number>();
  const swPort = (s: number) => {
    const n = used.get(s) ?? 0;
    used.set(s, n + 1);
    return { deviceId: `sw${s}`, portId: `p${n}` };
  };
  const link = (a: Link['a'], b: Link['b']) => links.push({ id: `l${links.length}`, a, b, lengthM: 10 });
  for (let i = 0; i < 375; i++) for (let h = 0; h < 2; h++) link({ deviceId: `srv${i}`, portId: `hba${h}` }, swPort((i + h * 7) % 25));
  for (let i = 0; i < 100; i++) for (let p = 0; p < 2; p++) link({ deviceId: `arr${i}`, portId: `fc${p}` }, swPort((i * 3 + p) % 25));
  for (let s = 0; s < 25; s++) for (const d of [1, 2]) link(swPort(s), swPort((s + d) % 25));
  const topology = { version: 2 as const, name: 'bench 500/1000', sites: [{ id: 'main', name: 'Main', kind: 'main' as const }], devices, links, copyGroups: [], backup: { freeVolumes: [], policies: [] } };
  return { version: 2, kind: 'sandbox-scenario', name: 'bench 500/1000', description: '', seed: 1, durationS: 60, topology, clockStart: '00:00', timeline: [], runbooks: [], expectations: [] };
}

/** A point where a drag pans the canvas (the pane, not a node or an edge). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    for (let y = r.top + 10; y < r.bottom - 10; y += 7) {
      for (let x = r.left + 10; x < r.right - 10; x += 7) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!point) {
    await page.screenshot({ path: 'bench/out/canvas-no-pane.png' });
    throw new Error('no empty spot on the canvas pane to drag (see bench/out/canvas-no-pane.png)');
  }
  return point;
}

async function panOnce(page: Page, durationMs: number): Promise<number> {
  const start = await emptyPanePoint(page);
  const counting = page.evaluate((ms) => window.sandbox.bench.countFrames(ms), durationMs);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 0; Date.now() - t0 < durationMs; i++) {
    const phase = (i % 120) / 120;
    const dx = Math.sin(phase * 2 * Math.PI) * 200;
    await page.mouse.move(start.x + dx, start.y + dx / 2, { steps: 1 });
  }
  await page.mouse.up();
  return (await counting).fps;
}

async function benchCanvas(page: Page): Promise<number> {
  const loaded = await page.evaluate((d) => window.sandbox.loadScenario(d), generatedTopology());
  if (!loaded.ok && loaded.errors?.some((e) => e.path !== '')) throw new Error(`generated topology refused: ${JSON.stringify(loaded.errors)}`);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0);
  await page.waitForTimeout(1000);
  const fps: number[] = [];
  for (let i = 0; i < 3; i++) fps.push(await panOnce(page, 3000));
  log(`  pans: ${fps.map((f) => f.toFixed(1)).join(', ')} fps`);
  return median(fps);
}

export async function benchBrowser(opts: BenchBrowserOptions = {}): Promise<BrowserFigures> {
  const parts = new Set<BenchPart>(opts.only ?? ['worker', 'telemetry', 'charts', 'canvas']);
  build(opts.reuseDist ?? false);
  const port = await freePort();
  const server = await serve(port);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const figures: BrowserFigures = { workerIosPerSec: NaN, telemetrySharePct: NaN, chartsMaxTaskMs: NaN, chartsMeanUpdateMs: NaN, canvasFps: NaN };
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const url = `http://127.0.0.1:${port}/`;
    await openApp(page, url);
    if (parts.has('worker')) {
      log('worker throughput …');
      figures.workerIosPerSec = await benchWorker(page);
      log(`  ${Math.round(figures.workerIosPerSec)} I/O per wall s`);
    }
    if (parts.has('telemetry')) {
      log('telemetry share …');
      figures.telemetrySharePct = await benchTelemetry(page);
      log(`  ${figures.telemetrySharePct.toFixed(3)} % of worker busy time`);
    }
    if (parts.has('charts')) {
      log('charts …');
      await openApp(page, url);
      const charts = await benchCharts(page, opts.chartsRuns ?? 3);
      log(
        `  median: max task ${charts.maxTaskMs.toFixed(1)} ms (traced ${charts.tracedMaxTaskMs.toFixed(1)} ms, cpu ${charts.tracedMaxTaskCpuMs.toFixed(1)} ms), ` +
          `mean update ${charts.meanUpdateMs.toFixed(1)} ms, busy/update ${charts.busyPerUpdateMs.toFixed(1)} ms, long tasks ${charts.longTasks}`,
      );
      figures.chartsMaxTaskMs = charts.maxTaskMs;
      figures.chartsMeanUpdateMs = charts.meanUpdateMs;
      figures.chartsTracedMaxTaskMs = charts.tracedMaxTaskMs;
      figures.chartsTracedMaxTaskCpuMs = charts.tracedMaxTaskCpuMs;
      figures.chartsBusyPerUpdateMs = charts.busyPerUpdateMs;
    }
    if (parts.has('canvas')) {
      log('canvas …');
      figures.canvasFps = await benchCanvas(page).catch((err: unknown) => {
        log(`  canvas bench failed: ${err instanceof Error ? err.message : String(err)}`);
        return Number.NaN;
      });
      log(`  ${figures.canvasFps.toFixed(1)} fps`);
    }
    return figures;
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = argValue('--only')?.split(',').map((p) => p.trim()) as BenchPart[] | undefined;
  const bad = only?.filter((p) => !['worker', 'telemetry', 'charts', 'canvas'].includes(p));
  if (bad?.length) throw new Error(`--only: unknown part(s) ${bad.join(', ')} (worker, telemetry, charts, canvas)`);
  const runs = argValue('--runs');
  const figures = await benchBrowser({ reuseDist: process.argv.includes('--reuse-dist'), only, chartsRuns: runs ? Number(runs) : undefined });
  // JSON has no NaN: parts that were not measured print as null.
  console.log(JSON.stringify(figures, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2));
}
