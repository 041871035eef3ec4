/**
 * The bitmap operations remote copy needs on the pair tables (through `Replication`): what a
 * remote did not get becomes pDiff bits, and the copy set of a pair being copied over the WAN.
 *
 * Owns: keeping `dirtyUnion` exact as pDiff bits are set. Only `Replication` calls these.
 */
import type { PairTables } from './pair-tables.ts';

/** Tracks [first, last] of pair `p`'s P-VOL are owed to its S-VOL: pDiff bits. */
export function markPDiff(t: PairTables, p: number, first: number, last: number): void {
  const end = Math.min(last, t.trackCount[p] - 1);
  for (let track = first; track <= end; track++) if (t.pDiff[p].set(track) && !t.sDiff[p].has(track)) t.dirtyUnion[p]++;
}

/** A stopped copy's remaining set becomes pDiff bits; the set empties. */
export function pendingToPDiff(t: PairTables, p: number): void {
  t.pending[p].forEachSet((track) => markPDiff(t, p, track, track));
  t.pending[p].clearAll();
}

/** Whether any of tracks [first, last] of `p` is in its copy set. */
export function anyPending(t: PairTables, p: number, first: number, last: number): boolean {
  const pending = t.pending[p];
  const end = Math.min(last, t.trackCount[p] - 1);
  for (let track = first; track <= end; track++) if (pending.has(track)) return true;
  return false;
}

/** Tracks [first, last] of `p` join its copy set. */
export function markPending(t: PairTables, p: number, first: number, last: number): void {
  const pending = t.pending[p];
  const end = Math.min(last, t.trackCount[p] - 1);
  for (let track = first; track <= end; track++) pending.set(track);
}
