/**
 * Replays libCacheSim's cloudPhysicsIO block trace (113,872 requests) through LruCache and
 * compares miss counts exactly with libCacheSim's own LRU test oracle and with a simple
 * Map-based LRU. The trace is read in place from ../shared/oracles and never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';

// The shared oracles directory sits beside the checkout (../shared/oracles from the repo root).
const TRACE_PATH = fileURLToPath(new URL('../../../../shared/oracles/libcachesim/cloudPhysicsIO.txt', import.meta.url));
const traceAvailable = existsSync(TRACE_PATH);

/**
 * libCacheSim `test/test_simulator.c`, test_simulator_no_size (plain-text reader, every object
 * counts 1 toward capacity): LRU misses at capacities 128, 256, ..., 1024 objects.
 */
const LIBCACHESIM_LRU_MISSES: Array<[number, number]> = [
  [128, 99411],
  [256, 96397],
  [384, 95652],
  [512, 95370],
  [640, 95182],
  [768, 94997],
  [896, 94891],
  [1024, 94816],
];

function loadTrace(): Int32Array {
  const lines = readFileSync(TRACE_PATH, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const ids = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const id = Number(line);
    if (!Number.isInteger(id) || id < 0 || id >= 2 ** 31) throw new Error(`trace line ${i + 1}: bad block id ${line}`);
    ids[i] = id;
  });
  return ids;
}

/** A Map keeps insertion order: delete + set moves a key to the MRU end; the first key is LRU. */
function mapLruMisses(ids: Int32Array, capacity: number): number {
  const map = new Map<number, true>();
  let misses = 0;
  for (const id of ids) {
    if (map.delete(id)) {
      map.set(id, true);
      continue;
    }
    misses++;
    map.set(id, true);
    if (map.size > capacity) map.delete(map.keys().next().value as number);
  }
  return misses;
}

describe.skipIf(!traceAvailable)('lru cache › libCacheSim cloudPhysicsIO trace', () => {
  const ids = traceAvailable ? loadTrace() : new Int32Array(0);

  it('has the 113,872 requests libCacheSim counts', () => {
    expect(ids.length).toBe(113_872);
  });

  it.each(LIBCACHESIM_LRU_MISSES)('capacity %i: misses equal libCacheSim (%i) and the Map model', (capacity, misses) => {
    const cache = new LruCache(capacity);
    for (const id of ids) cache.access(0, id);
    expect(cache.misses).toBe(misses);
    expect(cache.misses).toBe(mapLruMisses(ids, capacity));
    expect(cache.hits).toBe(ids.length - misses);
    expect(cache.evictions).toBe(misses - capacity);
  });

  it.each([1, 7, 5000, 60_000])('capacity %i: misses equal the Map model', (capacity) => {
    const cache = new LruCache(capacity);
    for (const id of ids) cache.access(id & 3, id);
    expect(cache.misses).toBe(mapLruMisses(ids, capacity));
  });
});

describe.runIf(!traceAvailable)('lru cache › libCacheSim cloudPhysicsIO trace (missing)', () => {
  it.skip(`skipped: trace not found at ${TRACE_PATH}`, () => {});
});
