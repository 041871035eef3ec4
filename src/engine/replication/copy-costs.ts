/**
 * What a replication track copy costs in time: the disk, cache, port and link work of moving
 * one track, charged on the same timelines as host I/O so that copies and host I/O compete.
 *
 * Owns: the cost of an array-internal track copy (a read of the source track — none if it is
 * in cache — then the target write, through to disk or destaged behind), of a host-mirror copy
 * (the server reads the source over one leg and writes the target over the other, through the
 * arrays' front-end ports) and of a snapshot restore's track (a read from the pool's parity
 * group, a write-through to the P-VOL's).
 *
 * Protocol: every function advances the shared cursor (io-cursor.ts) from the time it holds at
 * the call. They allocate nothing: they run on the copy engine's and the host write's hot paths.
 *
 * Does not handle: which tracks are copied, or content (pairs.ts moves digests at the copy's
 * event); snapshot pool space (snapshot-pools.ts).
 */
import type { DiskArrays } from '../array/array.ts';
import { CACHE_SERVICE_US } from '../constants.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { CompiledPair } from './compile-replication.ts';

/**
 * Array-internal copy of a track of `from` to parity group `toGroup`, from the cursor: a read
 * of the source (none if cached), then the target write. `writeThrough`: the cursor waits for
 * the write on the target's disks (background copy cycles, which are paced by it); otherwise
 * the track lands in cache and its destage is queued behind (a copy made on a host's access:
 * the host waits for the source read only).
 */
export function chargeTrackCopy(arrays: DiskArrays, cursor: IoCursor, from: number, track: number, toGroup: number, writeThrough: boolean): void {
  const bytes = arrays.ldevTrackBytes[from];
  const pgs = arrays.parityGroups;
  readSourceTrack(arrays, cursor, from, track, bytes);
  pgs.destageIdle(toGroup);
  if (writeThrough) pgs.destageNow(toGroup, bytes, true);
  else pgs.scheduleDestage(toGroup, bytes, true, -1, 0);
}

function readSourceTrack(arrays: DiskArrays, cursor: IoCursor, from: number, track: number, bytes: number): void {
  // Resident in cache (e.g. still write pending): no disk read. The cache order is untouched.
  if (arrays.ldevCache[from].contains(from, track)) {
    cursor[0] += CACHE_SERVICE_US;
    return;
  }
  const pg = arrays.ldevParityGroup[from];
  arrays.parityGroups.destageIdle(pg);
  arrays.parityGroups.read(pg, bytes);
}

/** Host-mirror copy: the server reads the source over its leg and writes the target over the other. */
export function chargeHostCopy(arrays: DiskArrays, links: LinkTimelines, cursor: IoCursor, pair: CompiledPair, track: number, restore: boolean): void {
  const fromLeg = restore ? pair.sLeg! : pair.pLeg!;
  const toLeg = restore ? pair.pLeg! : pair.sLeg!;
  const from = restore ? pair.svol : pair.pvol;
  const to = restore ? pair.pvol : pair.svol;
  const bytes = arrays.ldevTrackBytes[from];
  for (const h of fromLeg.hops) cursor[0] += links.propagationUs[h.linkIndex];
  arrays.frontEnd(fromLeg.frontEndPortIndex);
  readSourceTrack(arrays, cursor, from, track, bytes);
  for (let i = fromLeg.hops.length - 1; i >= 0; i--) links.transfer((fromLeg.hops[i].linkIndex * 2 + fromLeg.hops[i].dir) ^ 1, bytes);
  for (const h of toLeg.hops) links.transfer(h.linkIndex * 2 + h.dir, bytes);
  arrays.frontEnd(toLeg.frontEndPortIndex);
  const pg = arrays.ldevParityGroup[to];
  arrays.parityGroups.destageIdle(pg);
  arrays.parityGroups.destageNow(pg, bytes, true);
}

/** A snapshot restore's track: read from the pool's parity group `poolGroup`, written through to `pvol`'s. */
export function chargePoolRestore(arrays: DiskArrays, poolGroup: number, pvol: number): void {
  const pgs = arrays.parityGroups;
  const bytes = arrays.ldevTrackBytes[pvol];
  pgs.destageIdle(poolGroup);
  pgs.read(poolGroup, bytes);
  const to = arrays.ldevParityGroup[pvol];
  pgs.destageIdle(to);
  pgs.destageNow(to, bytes, true);
}
