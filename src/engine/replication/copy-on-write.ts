/**
 * Thin Image-style snapshots at run time (docs/replication.md "Snapshots and pools"): a taken
 * snapshot keeps its image by preserving a P-VOL track's old content in its pool before the
 * track first changes, and can put that image back onto the P-VOL.
 *
 * Owns:
 * - `preserve`, called before a P-VOL track changes (pairs.ts `beforeWrite`): every taken
 *   snapshot (PSUS) of the volume that has not preserved the track, other than the pair making
 *   the change, preserves it. A never-written track is zero: noted as ZERO_SLOT, with no copy
 *   and no pool space. Otherwise one copy per pool, shared by the generations in that pool that
 *   need it, charged on the cursor (copy-costs.ts: the change waits for the old track's read);
 *   a pool without space invalidates those generations (PSUE) and the change goes on;
 * - `invalidateSnapshot` and `releasePreserved` (frees a snapshot's pool slots);
 * - `restoreSnapshotTracks`: every preserved track back onto the P-VOL in one pass at this
 *   instant, timed per track; the copy engine's event at the last track's time ends the restore
 *   (the P-VOL stays inaccessible until then).
 *
 * Invariants: a snapshot preserves a track at most once per image; every preserved track holds
 * the P-VOL's content when the image was taken; `preserve` allocates nothing but pool slots.
 *
 * Does not handle: pool slot accounting (snapshot-pools.ts), where a snapshot S-VOL's read is
 * served (pairs.ts `beforeRead`), snapshot commands (pair-commands.ts), what snapshots show
 * (pair-outputs.ts).
 */
import type { DiskArrays } from '../array/array.ts';
import { EMPTY_DIGEST } from '../block/digest.ts';
import type { IoCursor } from '../io-cursor.ts';
import { chargePoolRestore, chargeTrackCopy } from './copy-costs.ts';
import { PSUE, PSUS, type PairTables } from './pair-tables.ts';
import { ZERO_SLOT, allocateSlot, releaseSlots, slotContent } from './snapshot-pools.ts';

/** What copy-on-write needs from `Replication` (pairs.ts): its tables and copy engine (bound once). */
export interface SnapshotEngine {
  readonly tables: PairTables;
  readonly arrays: DiskArrays;
  readonly cursor: IoCursor;
  nowUs(): number;
  /** Queue a copy-engine event of `pair` at `atUs` (integer µs) tagged with `generation`. */
  scheduleCopy(atUs: number, pair: number, generation: number): void;
  setState(p: number, s: number): void;
  closeOp(p: number): void;
  /** Counts a copied track into the pair's current copy operation (opening one if none). */
  countCopy(p: number, track: number, onAccess: boolean): void;
  /** pairs.ts `beforeWrite`: a restored P-VOL may itself be paired or have other snapshots. */
  beforeWrite(ldev: number, first: number, last: number, except: number, duplexPair: number): void;
}

/** Whether snapshot `p` must preserve `track` before it changes (taken, not yet preserved, not the writer). */
function needsPreserve(t: PairTables, p: number, track: number, except: number): boolean {
  return p !== except && t.state[p] === PSUS && !t.preserved[p].has(track);
}

/** Copy-on-write for every taken snapshot of `ldev` that has not preserved `track` yet. */
export function preserve(e: SnapshotEngine, ldev: number, track: number, except: number): void {
  const t = e.tables;
  const snaps = t.snapshotsOf[ldev];
  if (e.arrays.digests[ldev].get(track) === EMPTY_DIGEST) {
    // A never-written track is zero: the snapshot notes it (ZERO_SLOT), with no copy and no pool space.
    for (let k = 0; k < snaps.length; k++) {
      const p = snaps[k];
      if (!needsPreserve(t, p, track, except)) continue;
      t.preserved[p].set(track, ZERO_SLOT);
      t.zeroPreserved[p]++;
    }
    return;
  }
  // Generations in one pool share one copy of the old track; a pool at a time.
  for (;;) {
    let poolIndex = -1;
    let need = 0;
    for (let k = 0; k < snaps.length; k++) {
      const p = snaps[k];
      if (!needsPreserve(t, p, track, except)) continue;
      if (poolIndex < 0) poolIndex = t.pairs[p].pool;
      if (t.pairs[p].pool === poolIndex) need++;
    }
    if (need === 0) return;
    const pool = t.poolState[poolIndex];
    if (pool.used >= t.pools[poolIndex].capacityTracks) {
      // Pool full: these snapshots cannot keep their image; the P-VOL write goes on.
      for (let k = 0; k < snaps.length; k++) {
        const p = snaps[k];
        if (needsPreserve(t, p, track, except) && t.pairs[p].pool === poolIndex) invalidateSnapshot(e, p);
      }
      continue;
    }
    const slot = allocateSlot(pool, e.arrays.digests[ldev].get(track), need);
    for (let k = 0; k < snaps.length; k++) {
      const p = snaps[k];
      if (!needsPreserve(t, p, track, except) || t.pairs[p].pool !== poolIndex) continue;
      t.preserved[p].set(track, slot);
      e.countCopy(p, track, true);
    }
    // The copy into the pool: the write waits for the old track's read (none if cached); the
    // pool write goes through cache and is destaged behind.
    chargeTrackCopy(e.arrays, e.cursor, ldev, track, t.pools[poolIndex].parityGroupIndex, false);
  }
}

/** A snapshot that cannot keep its image: its copy operation ends, its slots are freed, PSUE. */
export function invalidateSnapshot(e: SnapshotEngine, p: number): void {
  e.closeOp(p);
  releasePreserved(e.tables, p);
  e.setState(p, PSUE);
}

/** Frees a snapshot's pool slots and forgets its preserved tracks. */
export function releasePreserved(t: PairTables, p: number): void {
  const map = t.preserved[p];
  t.zeroPreserved[p] = 0;
  if (map.size === 0) return;
  releaseSlots(t.poolState[t.pairs[p].pool], map);
  map.clear();
}

/** Restores a snapshot's preserved tracks onto its P-VOL in one pass at this instant (timed per track). */
export function restoreSnapshotTracks(e: SnapshotEngine, p: number): void {
  const t = e.tables;
  const pair = t.pairs[p];
  const pool = t.poolState[pair.pool];
  const pg = t.pools[pair.pool].parityGroupIndex;
  const now = e.nowUs();
  const set = t.pending[p];
  let latest = now;
  set.forEachSet((track) => {
    e.cursor[0] = now;
    if (t.ldevFlag[pair.pvol] === 1) e.beforeWrite(pair.pvol, track, track, p, -1);
    e.arrays.digests[pair.pvol].set(track, slotContent(pool, t.preserved[p].get(track)!));
    e.countCopy(p, track, false);
    chargePoolRestore(e.arrays, pg, pair.pvol);
    if (e.cursor[0] > latest) latest = e.cursor[0];
  });
  set.clearAll();
  // The P-VOL stays inaccessible until the last track is on disk.
  e.scheduleCopy(Math.max(now + 1, Math.ceil(latest)), p, t.copyGen[p]);
  t.copyScheduled[p] = 1;
}
