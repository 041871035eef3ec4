/**
 * Snapshot pools at run time: the slots that hold the old content of P-VOL tracks preserved by
 * Thin Image-style copy-on-write snapshots.
 *
 * Semantics (DESIGN.md "Copy-on-write snapshots"): a P-VOL write to a track that a taken
 * snapshot has not preserved copies the old content into the pool once, shared by every
 * generation in that pool that needs it (one slot, one reference per generation); a
 * never-written track is zero and is noted as ZERO_SLOT, with no copy and no pool space. Pool
 * use above its warning percent shows PFUL / PFUS (pair-outputs.ts); a full pool invalidates
 * the snapshots that needed the space (PSUE, reads fail) and the P-VOL write goes on (copy-on-write.ts
 * `preserve`).
 *
 * Owns: slot allocation and release with reference counts, and `used` / `peakUsed`.
 *
 * Invariants: `used` equals the number of distinct preserved track images referenced by valid
 * snapshots (= slots with a reference); a slot is freed when its last reference goes; ZERO_SLOT
 * is never allocated and never counted.
 *
 * Does not handle: which snapshots need a track or when a pool is full (pairs.ts), the cost of
 * the copy into the pool (copy-costs.ts), where a snapshot S-VOL's read is served
 * (pairs.ts `beforeRead`).
 */
import { EMPTY_DIGEST } from '../block/digest.ts';

/** A snapshot's mark for a track that was never written when first overwritten: zero, no pool slot. */
export const ZERO_SLOT = -1;

export interface SnapshotPool {
  used: number;
  peakUsed: number;
  nextSlot: number;
  slotDigest: Map<number, number>;
  slotRefs: Map<number, number>;
}

export interface ReadonlySnapshotPool {
  readonly used: number;
  readonly peakUsed: number;
  readonly slotDigest: ReadonlyMap<number, number>;
}

export function createSnapshotPool(): SnapshotPool {
  return { used: 0, peakUsed: 0, nextSlot: 0, slotDigest: new Map(), slotRefs: new Map() };
}

/** Stores `digest` (the old content of a track) in a new slot referenced by `refs` generations; returns the slot. */
export function allocateSlot(pool: SnapshotPool, digest: number, refs: number): number {
  const slot = pool.nextSlot++;
  pool.slotDigest.set(slot, digest);
  pool.slotRefs.set(slot, refs);
  pool.used++;
  if (pool.used > pool.peakUsed) pool.peakUsed = pool.used;
  return slot;
}

/** Drops one reference to every slot of a snapshot's `preserved` map; frees slots nobody references. */
export function releaseSlots(pool: SnapshotPool, preserved: ReadonlyMap<number, number>): void {
  for (const slot of preserved.values()) {
    if (slot === ZERO_SLOT) continue;
    const refs = pool.slotRefs.get(slot)! - 1;
    if (refs === 0) {
      pool.slotRefs.delete(slot);
      pool.slotDigest.delete(slot);
      pool.used--;
    } else {
      pool.slotRefs.set(slot, refs);
    }
  }
}

/** The content held for a preserved track: its slot's digest, or zero for ZERO_SLOT. */
export function slotContent(pool: ReadonlySnapshotPool, slot: number): number {
  return slot === ZERO_SLOT ? EMPTY_DIGEST : pool.slotDigest.get(slot)!;
}
