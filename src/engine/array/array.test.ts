/**
 * DiskArrays write pending, driven directly (no simulation): which writes merge, which dirty a
 * track, when the dirty state ends, and that a re-used cache slot never inherits dirtiness.
 * Small SAN: ssd0 and hdd0 on one array, 256 KiB tracks, 4 KiB blocks (64 per track).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../compile.ts';
import { WRITE_BEHIND_DELAY_US } from '../constants.ts';
import { createIoCursor } from '../io-cursor.ts';
import { smallSan } from '../testing/small-sans.ts';
import { DiskArrays } from './array.ts';

const BLOCK = 4096;
const BLOCKS_PER_TRACK = 64;

function arrays(cacheGiB = 4): { a: DiskArrays; cursor: Float64Array; ssd: number; pg: number } {
  const model = compileScenario(smallSan({ cacheGiB }).build({ durationS: 1 }), 1);
  const cursor = createIoCursor();
  const a = new DiskArrays(model, cursor);
  const ssd = model.ldevs.findIndex((l) => l.id === 'ssd0');
  return { a, cursor, ssd, pg: a.ldevParityGroup[ssd] };
}

/** A 4 KiB write of `track`'s first block at time `atUs`. */
function write(x: ReturnType<typeof arrays>, track: number, atUs: number, seq = 0): void {
  x.cursor[0] = atUs;
  x.a.acceptWrite(x.ssd, track * BLOCKS_PER_TRACK, BLOCK, 0, seq, false);
}

function read(x: ReturnType<typeof arrays>, track: number, atUs: number): void {
  x.cursor[0] = atUs;
  x.a.serveRead(x.ssd, track * BLOCKS_PER_TRACK, BLOCK, -1);
}

describe('disk arrays › write pending', () => {
  it('the first write dirties a track and schedules one destage; rewrites before it runs merge', () => {
    const x = arrays();
    write(x, 5, 0);
    write(x, 5, 1000, 1);
    write(x, 5, 500_000, 2);
    expect(x.a.mergedWrites[x.ssd]).toBe(2);
    expect(x.a.acceptedWrites[x.ssd]).toBe(3);
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(1);
    expect(x.a.parityGroups.dirtyByArray[0]).toBe(1);
  });

  it('the destage runs at the first touch after it is due; the next write dirties the track again', () => {
    const x = arrays();
    write(x, 5, 0);
    write(x, 5, WRITE_BEHIND_DELAY_US - 1, 1); // not due yet: merges
    expect(x.a.parityGroups.destages[x.pg]).toBe(0);
    write(x, 5, WRITE_BEHIND_DELAY_US + 10, 2); // due: runs first, then this write dirties anew
    expect(x.a.parityGroups.destages[x.pg]).toBe(1);
    expect(x.a.mergedWrites[x.ssd]).toBe(1);
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(1);
  });

  it('a read miss that re-uses a dirty track’s slot starts clean: a write to the new track does not merge', () => {
    const x = arrays(8 / 4096); // 8 slots of 256 KiB (write-pending limit 4)
    write(x, 0, 0); // track 0 dirty
    const slot = x.a.caches[0].slotOf(x.ssd, 0);
    for (let t = 1; t <= 8; t++) read(x, t, 10 * t); // the 8th miss evicts track 0 (LRU)
    expect(x.a.caches[0].slotOf(x.ssd, 8)).toBe(slot); // track 8 took the dirty slot
    write(x, 8, 100, 1); // a hit on track 8, which is clean
    expect(x.a.mergedWrites[x.ssd]).toBe(0);
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(2); // track 0's destage is not lost
    write(x, 8, 110, 2); // now track 8 is dirty: merges
    expect(x.a.mergedWrites[x.ssd]).toBe(1);
  });

  it('a dirty slot re-used by a write miss is dirtied anew; the old destage cannot clean the new key', () => {
    const x = arrays(8 / 4096);
    write(x, 0, 0); // track 0 dirty; its destage A is due at 1 s
    for (let t = 1; t <= 7; t++) read(x, t, 10 * t); // cache full, track 0 is LRU
    write(x, 8, 100_000, 1); // evicts track 0: track 8 takes its slot, dirty; destage B due at 1.1 s
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(2);
    write(x, 8, WRITE_BEHIND_DELAY_US + 50_000, 2); // touch: A runs (its token no longer matches), B not due
    expect(x.a.parityGroups.destages[x.pg]).toBe(1);
    expect(x.a.mergedWrites[x.ssd]).toBe(1); // track 8 stayed dirty: merged
    write(x, 8, WRITE_BEHIND_DELAY_US + 100_001, 3); // B runs, then this write dirties track 8 again
    expect(x.a.parityGroups.destages[x.pg]).toBe(2);
    expect(x.a.mergedWrites[x.ssd]).toBe(1);
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(1);
  });

  it('at the write-pending limit a write that would dirty a track is written through', () => {
    const x = arrays(8 / 4096); // limit 4
    for (let t = 0; t < 4; t++) write(x, t, t);
    expect(x.a.throttledWrites[x.ssd]).toBe(0);
    write(x, 0, 10, 1); // dirty track: merges even at the limit
    expect(x.a.mergedWrites[x.ssd]).toBe(1);
    x.cursor[0] = 20;
    x.a.acceptWrite(x.ssd, 4 * BLOCKS_PER_TRACK, BLOCK, 0, 2, false);
    expect(x.a.throttledWrites[x.ssd]).toBe(1);
    expect(x.cursor[0]).toBeGreaterThan(20 + 100); // waited for its SSD destage (positioning 100 µs)
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(4);
    write(x, 4, 1000, 3); // written through, so clean: dirtying it again is throttled again
    expect(x.a.throttledWrites[x.ssd]).toBe(2);
  });

  it('a write spanning two tracks merges only if both are dirty, else dirties the clean ones', () => {
    const x = arrays();
    const at = (block: number, kib: number, atUs: number): void => {
      x.cursor[0] = atUs;
      x.a.acceptWrite(x.ssd, block, kib * 1024, 0, atUs, false); // offset = block × size
    };
    at(1, 256, 0); // [256, 512) KiB: track 1 → dirty
    at(5, 64, 10); // [320, 384): track 1 → merge
    at(3, 192, 20); // [576, 768): track 2 → dirty
    at(1, 384, 30); // [384, 768): tracks 1 and 2, both dirty → merge
    expect(x.a.mergedWrites[x.ssd]).toBe(2);
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(2);
    at(1, 512, 40); // [512, 1024): tracks 2 (dirty) and 3 (new) → no merge; track 3 dirtied
    at(2, 384, 50); // [768, 1152): tracks 3 (dirty) and 4 (new) → track 4 dirtied
    expect(x.a.mergedWrites[x.ssd]).toBe(2);
    expect(x.a.parityGroups.dirtyByArray[0]).toBe(4); // tracks 1, 2, 3, 4 write pending
    expect(x.a.parityGroups.pendingDestages(x.pg)).toBe(4);
  });
});
