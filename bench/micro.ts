/**
 * Micro-benchmarks for the engine's hot primitives (Node only; wall-clock timing lives here,
 * never in src/engine). Each function returns plain numbers; bench/run.ts aggregates them.
 *
 *   npx tsx bench/micro.ts            # prints all three
 *   node --expose-gc --import tsx bench/micro.ts   # heap numbers measured instead of estimated
 */
import { performance } from 'node:perf_hooks';
import { EventQueue } from '../src/engine/kernel/event-queue.ts';
import { Rng } from '../src/engine/kernel/rng.ts';
import { LruCache } from '../src/engine/array/lru-cache.ts';
import { TrackDigests } from '../src/engine/block/track-digests.ts';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Operations per second of `body(ops)`, median of RUNS timed runs after one warm-up. */
function opsPerSecMedian(ops: number, body: (ops: number) => number): number {
  let sink = body(Math.min(ops, 200_000)); // warm-up: let the JIT settle
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    sink += body(ops);
    const seconds = (performance.now() - start) / 1000;
    rates.push(ops / seconds);
  }
  if (sink === 0.5) console.log(''); // keep results observable so work is not optimised away
  return median(rates);
}

/**
 * Steady state with 1,000 pending events: each op pops the earliest and pushes a later one, so
 * `pushPopPerSec` counts push+pop pairs per second (median of 5 runs).
 */
export async function benchEventQueue(): Promise<{ pushPopPerSec: number }> {
  const pending = 1000;
  const rng = new Rng(1);
  const deltasUs = new Int32Array(4096);
  for (let i = 0; i < deltasUs.length; i++) deltasUs[i] = rng.int(10_000);
  const pushPopPerSec = opsPerSecMedian(5_000_000, (ops) => {
    const q = new EventQueue(1024);
    for (let i = 0; i < pending; i++) q.push(deltasUs[i], 1, i, 0);
    let acc = 0;
    for (let i = 0; i < ops; i++) {
      q.pop();
      acc += q.a;
      q.push(q.timeUs + deltasUs[i & 4095], q.kind, q.a, i);
    }
    return acc;
  });
  return { pushPopPerSec };
}

/** 100k slots, uniform accesses over 1M keys (≈90% misses, nearly every miss evicts). */
export async function benchLruCache(): Promise<{ opsPerSec: number }> {
  const keySpace = 1_000_000;
  const rng = new Rng(2);
  const keys = new Int32Array(1 << 20);
  for (let i = 0; i < keys.length; i++) keys[i] = rng.int(keySpace);
  const cache = new LruCache(100_000);
  for (let i = 0; i < 300_000; i++) cache.access(keys[i] & 31, keys[i]); // fill before timing
  const opsPerSec = opsPerSecMedian(5_000_000, (ops) => {
    let hits = 0;
    const mask = keys.length - 1;
    for (let i = 0; i < ops; i++) {
      const key = keys[i & mask];
      if (cache.access(key & 31, key)) hits++;
    }
    return hits;
  });
  return { opsPerSec };
}

declare const gc: undefined | (() => void);

/** heapUsed + arrayBuffers now. */
export function heapBytesNow(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * heapUsed + arrayBuffers after full collections (0 without --expose-gc); the one heap probe of
 * every bench. Array buffer backing stores are released by tasks that run after gc(), so yield to
 * the event loop between collections; otherwise garbage from an earlier benchmark is freed inside
 * the measured window and the delta reads low.
 */
export async function settledHeapBytes(): Promise<number> {
  if (typeof gc !== 'function') return 0;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return heapBytesNow();
}

/** 32 LDEVs of 1 TiB (4 Mi tracks of 256 KiB), 1% of tracks written at random. */
export async function benchDigestMemory(): Promise<{ ldevs: 32; tib: 1; writtenPct: 1; heapMB: number; approxBytes: number }> {
  const ldevs = 32;
  const trackCount = (1024 * 1024 * 1024 * 1024) / (256 * 1024);
  const writes = Math.round(trackCount * 0.01);
  const canGc = typeof gc === 'function';
  const before = canGc ? await settledHeapBytes() : 0;
  const volumes: TrackDigests[] = [];
  const rng = new Rng(3);
  for (let v = 0; v < ldevs; v++) {
    const volume = new TrackDigests(trackCount);
    for (let w = 0; w < writes; w++) volume.fold(rng.int(trackCount), 1, w, 0);
    volumes.push(volume);
  }
  const measured = canGc ? (await settledHeapBytes()) - before : 0;
  const approxBytes = volumes.reduce((sum, volume) => sum + volume.approxBytes(), 0);
  const heapBytesUsed = canGc ? measured : approxBytes;
  return { ldevs: 32, tib: 1, writtenPct: 1, heapMB: heapBytesUsed / 1e6, approxBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = {
    eventQueue: await benchEventQueue(),
    lruCache: await benchLruCache(),
    digestMemory: await benchDigestMemory(),
  };
  console.log(JSON.stringify(results, null, 2));
}
