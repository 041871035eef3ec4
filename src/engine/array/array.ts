/**
 * Disk arrays at run time: front-end ports, the shared track cache of each array, LDEVs with
 * their content digests, and the parity groups behind them.
 *
 * Owns: the array part of an I/O's latency —
 *   front end:  start = max(arrival, port.nextFreeUs); port busy FRONT_END_PORT_BUSY_US;
 *               the I/O leaves the front end FRONT_END_LATENCY_US after it started;
 *   read:       cache `access` of every touched track; all hit → CACHE_SERVICE_US;
 *               any miss → back-end read on the group's earliest-free disk, then CACHE_SERVICE_US
 *               (the tracks are staged: they are in cache afterwards);
 *   write:      accepted into cache (write-back) after CACHE_SERVICE_US; the tracks are
 *               inserted/touched in cache, their digests folded, the destage charged to disks.
 *
 * Invariants: the cache is shared by all LDEVs of one array (keys are global LDEV indices);
 * every write folds (writerId, seq, offsetInTrack) into each touched track exactly once, in
 * acceptance order; read-only is enforced by the caller before `acceptWrite`.
 *
 * Does not handle: replication, dirty-slot accounting / write-pending limits, cache partitions.
 */
import { TrackDigests } from '../block/track-digests.ts';
import type { CompiledModel } from '../compile.ts';
import { CACHE_SERVICE_US, FRONT_END_LATENCY_US, FRONT_END_PORT_BUSY_US } from '../constants.ts';
import type { IoCursor } from '../io-cursor.ts';
import { LRU_SLOT_LIMIT, LruCache } from './lru-cache.ts';
import { ParityGroups } from './parity-group.ts';

export class DiskArrays {
  readonly caches: LruCache[];
  readonly parityGroups: ParityGroups;
  readonly portNextFreeUs: Float64Array;
  readonly ldevCount: number;
  /** Per LDEV: the cache of its array (same object for LDEVs of one array). */
  readonly ldevCache: LruCache[];
  readonly ldevParityGroup: Int32Array;
  readonly ldevReadOnly: Uint8Array;
  readonly ldevTrackBytes: Float64Array;
  readonly digests: TrackDigests[];
  private readonly cursor: IoCursor;

  /** A cache never gets more slots than its array has tracks, nor more than LRU_SLOT_LIMIT (4 TiB of 256 KiB tracks). */
  constructor(model: CompiledModel, cursor: IoCursor) {
    this.cursor = cursor;
    const tracksPerArray = new Float64Array(model.arrays.length);
    for (const l of model.ldevs) tracksPerArray[l.arrayIndex] += l.trackCount;
    this.caches = model.arrays.map((a, i) => new LruCache(Math.max(1, Math.min(a.cacheSlots, tracksPerArray[i], LRU_SLOT_LIMIT))));
    this.parityGroups = new ParityGroups(model.parityGroups, cursor);
    this.portNextFreeUs = new Float64Array(model.frontEndPortCount);
    this.ldevCount = model.ldevs.length;
    this.ldevCache = model.ldevs.map((l) => this.caches[l.arrayIndex]);
    this.ldevParityGroup = Int32Array.from(model.ldevs, (l) => l.parityGroupIndex);
    this.ldevReadOnly = Uint8Array.from(model.ldevs, (l) => (l.readOnly ? 1 : 0));
    this.ldevTrackBytes = Float64Array.from(model.ldevs, (l) => model.arrays[l.arrayIndex].trackBytes);
    this.digests = model.ldevs.map((l) => new TrackDigests(l.trackCount));
  }

  /** Front-end port processing; advances the cursor to when the I/O reaches the cache layer. */
  frontEnd(port: number): void {
    const arrivalUs = this.cursor[0];
    const free = this.portNextFreeUs[port];
    const start = arrivalUs > free ? arrivalUs : free;
    this.portNextFreeUs[port] = start + FRONT_END_PORT_BUSY_US;
    this.cursor[0] = start + FRONT_END_LATENCY_US;
  }

  /** Whether the last `serveRead` was a cache hit (every touched track resident). */
  lastReadHit = false;

  /**
   * Serves a read of block `block` (of `bytes` each) that reached the cache layer; advances the
   * cursor to when its data leaves the array. Every touched track is accessed in cache (a miss
   * stages it); all resident → hit after CACHE_SERVICE_US, else a back-end read on the group's
   * earliest-free disk first.
   */
  serveRead(ldev: number, block: number, bytes: number): void {
    const offsetBytes = block * bytes;
    const cache = this.ldevCache[ldev];
    const trackBytes = this.ldevTrackBytes[ldev];
    const first = Math.floor(offsetBytes / trackBytes);
    const last = Math.floor((offsetBytes + bytes - 1) / trackBytes);
    let hit = true;
    for (let track = first; track <= last; track++) {
      if (!cache.access(ldev, track)) hit = false;
    }
    this.lastReadHit = hit;
    if (!hit) this.parityGroups.read(this.ldevParityGroup[ldev], bytes);
    this.cursor[0] += CACHE_SERVICE_US;
  }

  /**
   * Accepts a write of block `block` into cache at the cursor; advances it to the
   * acknowledgement. `sequential` lets a write that lands on a track already in cache coalesce
   * with it (no positioning).
   */
  acceptWrite(ldev: number, block: number, bytes: number, writerId: number, seq: number, sequential: boolean): void {
    const offsetBytes = block * bytes;
    const cache = this.ldevCache[ldev];
    const digests = this.digests[ldev];
    const trackBytes = this.ldevTrackBytes[ldev];
    const first = Math.floor(offsetBytes / trackBytes);
    const last = Math.floor((offsetBytes + bytes - 1) / trackBytes);
    let hit = true;
    for (let track = first; track <= last; track++) {
      if (!cache.access(ldev, track)) hit = false;
      digests.fold(track, writerId, seq, track === first ? (offsetBytes - first * trackBytes) | 0 : 0);
    }
    this.parityGroups.destage(this.ldevParityGroup[ldev], bytes, !(sequential && hit));
    this.cursor[0] += CACHE_SERVICE_US;
  }
}
