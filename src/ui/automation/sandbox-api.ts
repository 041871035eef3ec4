/**
 * `window.sandbox`: the automation API for Playwright, CI and the browser console
 * (documented in docs/automation.md; types in ./types.ts).
 *
 * Everything goes through the same paths a person uses: documents are validated with
 * `parseDocument` and loaded into the design store (so the canvas shows them) and then into the
 * worker through the bridge; runs go through the bridge. An invalid document leaves the canvas
 * untouched. The bench helpers time the worker, the charts and the canvas for bench/browser.ts.
 */
import type { TelemetryFrame } from '../../engine/api.ts';
import { parseDocument } from '../../model/parse.ts';
import { runCci } from '../../cci/execute.ts';
import { bridgeEnv } from '../console/bridge-env.ts';
import { createCciContext } from '../console/cci-context.ts';
import type { SimBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { SERIES_CAPACITY, emptyRing, appendFrame, type SimIndex } from '../store/sim-slice.ts';
import { acksFor, isAcked } from '../monitor/alert-view.ts';
import { useMonitorUi } from '../monitor/useMonitorUi.ts';
import type { ChartsBenchResult, LoadScenarioResult, SandboxApi, SandboxBench } from './types.ts';
import { stepToNextAction } from '../player/player-actions.ts';
import { gradeActivity } from '../activity/grade.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function loadScenario(bridge: SimBridge, doc: unknown): Promise<LoadScenarioResult> {
  const parsed = parseDocument(doc);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  useStore.getState().loadScenario(parsed.scenario);
  const result = await bridge.loadNow();
  await bridge.status();
  if (result.ok) return { ok: true };
  return { ok: false, errors: [{ path: '', line: null, column: null, message: result.message ?? 'compile error' }] };
}

export function createSandboxApi(bridge: SimBridge): SandboxApi {
  return {
    loadScenario: (doc) => loadScenario(bridge, doc),
    runUntil: (seconds) => bridge.runUntil(seconds),
    play: (speed) => bridge.play(speed),
    pause: () => bridge.pause(),
    step: (seconds) => bridge.step(seconds),
    reset: () => bridge.reset(),
    report: () => bridge.report(),
    snapshot: () => bridge.snapshot(),
    apply: (action) => bridge.apply(action),
    replication: async () => (await bridge.snapshot()).replication,
    backup: async () => {
      await bridge.ready();
      const status = await bridge.remote().backup();
      if (!status) throw new Error('no scenario is loaded');
      return status;
    },
    remote: async () => {
      await bridge.ready();
      const status = await bridge.remote().remote();
      if (!status) throw new Error('no scenario is loaded');
      return status;
    },
    verifyRemote: async (group) => {
      await bridge.ready();
      return bridge.remote().verifyRemote(group);
    },
    cci: async (line) => {
      await bridge.ready();
      return runCci(line, createCciContext(bridgeEnv(), new AbortController().signal));
    },
    pairBitmap: async (key, cells = 4096) => {
      await bridge.ready();
      return bridge.remote().pairBitmap(key, cells);
    },
    faults: async () => {
      await bridge.ready();
      const status = await bridge.remote().faults();
      if (!status) throw new Error('no scenario is loaded');
      return status;
    },
    alerts: async () => {
      await bridge.ready();
      const status = await bridge.remote().faults();
      if (!status) throw new Error('no scenario is loaded');
      // Keyed as the Monitor tab acknowledges: by the run generation the page shows.
      const acks = acksFor(useMonitorUi.getState().acks, useStore.getState().sim.generation);
      return status.alerts.map((a) => ({ ...a, acknowledged: isAcked(acks, a.seq) }));
    },
    predictMove: async (ldevId, parityGroupId) => {
      await bridge.ready();
      return (await bridge.remote().predictMove(ldevId, parityGroupId)) ?? { error: 'no scenario is loaded' };
    },
    moveVolume: (ldevId, parityGroupId) => bridge.apply({ type: 'moveVolume', ldevId, parityGroupId }),
    fault: (component, failed) => bridge.apply({ type: 'setFault', component, failed }),
    stepToNextAction: () => stepToNextAction(bridge),
    activity: async () => {
      const activity = useStore.getState().scenario.activity;
      return activity ? gradeActivity(await bridge.report(), activity) : null;
    },
    exportScenario: () => structuredClone(useStore.getState().scenario),
    status: async () => {
      const s = await bridge.status();
      return { runState: s.runState, nowS: s.nowUs / 1e6, endS: s.endUs / 1e6 };
    },
    bench: createBench(bridge),
  };
}

export function installSandboxApi(bridge: SimBridge): SandboxApi {
  const api = createSandboxApi(bridge);
  window.sandbox = api;
  return api;
}

// ------------------------------------------------------------------ bench helpers

function createBench(bridge: SimBridge): SandboxBench {
  return {
    async runScenario(doc, simSeconds) {
      const parsed = parseDocument(doc);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
      return bridge.remote().bench(parsed.scenario, simSeconds);
    },
    async telemetryShare(wallMs) {
      await bridge.reset();
      await bridge.remote().resetStats();
      await bridge.play('max');
      await sleep(wallMs);
      await bridge.pause();
      return bridge.remote().stats();
    },
    charts: (options) => chartsBench(bridge, options),
    countFrames,
  };
}

/** A frame of `rows` synthetic samples for `ids`, starting after second `fromS`. */
function syntheticFrame(ids: string[], fromS: number, rows: number): TelemetryFrame {
  const n = ids.length;
  const col = (f: (t: number, c: number) => number) => {
    const a = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++) for (let c = 0; c < n; c++) a[r * n + c] = f(fromS + r + 1, c);
    return a;
  };
  const wave = (t: number, c: number, base: number, amp: number) => base + amp * Math.sin(t / (7 + c) + c);
  return {
    timesS: Float64Array.from({ length: rows }, (_, r) => fromS + r + 1),
    ldevIds: ids,
    linkIds: [],
    readIops: col((t, c) => wave(t, c, 2000 + 300 * c, 400)),
    writeIops: col((t, c) => wave(t, c, 600 + 100 * c, 150)),
    cacheHitPct: col((t, c) => wave(t, c, 70, 20)),
    responseMsMean: col((t, c) => wave(t, c, 2, 1)),
    linkUtilPct: new Float64Array(0),
    rejected: new Float64Array(rows),
    remoteKeys: [],
    remoteLagS: new Float64Array(0),
    remoteLagWrites: new Float64Array(0),
    remoteJournalPct: new Float64Array(0),
    wanIds: [],
    wanThroughputMBps: new Float64Array(0),
  };
}

/** Put `count` synthetic volumes with a full 600-sample window into the sim slice. */
function seedSyntheticSeries(count: number): string[] {
  const ids = Array.from({ length: count }, (_, i) => `bench-${i}`);
  const index: SimIndex = {
    volumes: ids.map((id, i) => ({ id, name: `bench volume ${i}`, arrayId: 'bench', arrayName: 'Bench array' })),
    ldevsWithIo: ids,
    ldevDevices: {},
  };
  const series = appendFrame(emptyRing(ids), syntheticFrame(ids, 0, SERIES_CAPACITY));
  useStore.setState((s) => ({ sim: { ...s.sim, index, series, selectedLdevIds: ids, runState: 'playing' } }));
  return ids;
}

/** Resolves at the start of the next task: the time to it covers the update's render. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function chartsBench(
  bridge: SimBridge,
  { volumes, hz, durationMs }: { volumes: number; hz: number; durationMs: number },
): Promise<ChartsBenchResult> {
  await bridge.pause();
  const ids = seedSyntheticSeries(volumes);
  await sleep(500); // first full render and layout are not part of the steady state
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const updates: number[] = [];
  const periodMs = 1000 / hz;
  const status = { runState: 'playing' as const, endUs: 0, generation: useStore.getState().sim.generation };
  for (let i = 0; i < Math.round((durationMs / 1000) * hz); i++) {
    const nowS = SERIES_CAPACITY + i + 1;
    const t0 = performance.now();
    useStore.getState().simActions.simTelemetry({ frame: syntheticFrame(ids, nowS - 1, 1), status: { ...status, nowUs: nowS * 1e6 }, replication: null, backup: null, remote: null });
    await nextTask();
    updates.push(performance.now() - t0);
    await sleep(Math.max(0, periodMs - (performance.now() - t0)));
  }
  await sleep(100);
  observer.disconnect();
  const mean = updates.reduce((a, b) => a + b, 0) / Math.max(1, updates.length);
  return { updates: updates.length, maxTaskMs: Math.max(0, ...longTasks, ...updates), meanUpdateMs: mean, longTasks: longTasks.length };
}

function countFrames(durationMs: number): Promise<{ frames: number; fps: number; maxFrameMs: number }> {
  return new Promise((resolve) => {
    let frames = 0;
    let maxFrameMs = 0;
    let start = 0;
    let last = 0;
    const tick = (now: number) => {
      if (start === 0) start = last = now;
      else {
        frames++;
        maxFrameMs = Math.max(maxFrameMs, now - last);
        last = now;
      }
      if (now - start < durationMs) requestAnimationFrame(tick);
      else resolve({ frames, fps: (frames * 1000) / (now - start), maxFrameMs });
    };
    requestAnimationFrame(tick);
  });
}
