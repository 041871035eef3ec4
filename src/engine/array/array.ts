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
 *               inserted/touched in cache and their digests folded. Write pending: each cache
 *               slot has a dirty token (`dirtyToken`, beside the LRU, indexed by
 *               `LruCache.lastSlot`; 0 = clean). A write that finds every touched track dirty
 *               merges into them: no new back-end work. Otherwise it dirties the tracks it
 *               touches (fresh tokens) and schedules their destage (the RAID penalty for its
 *               size) on the parity group, due WRITE_BEHIND_DELAY_US later and run in the
 *               disks' idle time (parity-group.ts); the tracks stay dirty, absorbing rewrites,
 *               until it runs. A sequential write that merges still schedules its transfer
 *               time (no positioning): the destage writes the track's new data.
 *               Write-pending limit: while an array has WRITE_PENDING_LIMIT of its cache slots'
 *               worth of scheduled, uncharged destages, a write that would dirty a track is
 *               written through instead (its destage runs now, FIFO with reads, and the write
 *               is acknowledged after it) — writes slow to back-end speed.
 *
 * Invariants: the cache is shared by all LDEVs of one array (keys are global LDEV indices);
 * every write folds (writerId, seq, offsetInTrack) into each touched track exactly once, in
 * acceptance order; read-only is enforced by the caller before `acceptWrite`; a slot handed
 * out on a miss starts clean (its previous key's destage, if any, stays queued: evicting a
 * dirty slot loses no back-end work, and the old destage cannot clean the new key).
 *
 * Volume moves (array/volume-move.ts): while an LDEV moves, `ldevMoveGroup` names the target
 * group and `ldevMoveCopiedTracks` how many of its tracks (from 0) the background copy has
 * passed; a write that dirties tracks and starts below that mark is destaged to both groups
 * (the mirror). `moveCopyStep` charges one copy step; `switchParityGroup` ends the move. Only
 * the LDEV → group mapping changes: cache keys, digests, ports and LU paths stay as they are.
 * Back-end work is attributed to its LDEV (parity-group.ts, per-LDEV accounting), except reads
 * served from another group (`group` >= 0: a snapshot's pool).
 *
 * Does not handle: replication, cache partitions; a dirty slot can be evicted before its
 * destage ran (real arrays pin it; here the work stays queued, only the slot is re-used).
 */
import { TrackDigests } from '../block/track-digests.ts';
import type { CompiledModel } from '../compile.ts';
import { CACHE_SERVICE_US, FRONT_END_LATENCY_US, FRONT_END_PORT_BUSY_US, WRITE_PENDING_LIMIT } from '../constants.ts';
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
  /**
   * Per cache: each slot's dirty token (0 = clean; else the dirty period awaiting its destage).
   * Tokens are a wrapping int32 counter that skips 0: a stale destage could only clean a slot
   * by mistake after 2^32 later dirty periods while it is still queued (then the track would
   * just be dirtied again by its next write).
   */
  readonly dirtyToken: Int32Array[];
  /** Per LDEV: `dirtyToken` of its array's cache. */
  readonly ldevDirtyToken: Int32Array[];
  readonly ldevArray: Int32Array;
  /** Per array: scheduled, uncharged destages at which writes turn write-through. */
  readonly writePendingLimit: Float64Array;
  /** Per LDEV: writes accepted into cache (merged or not). */
  readonly acceptedWrites: Float64Array;
  /** Per LDEV: writes that merged into already dirty tracks (no back-end work). */
  readonly mergedWrites: Float64Array;
  /** Per LDEV: writes written through because the array was at its write-pending limit. */
  readonly throttledWrites: Float64Array;
  private nextToken = 1;
  readonly ldevParityGroup: Int32Array;
  /** Per LDEV: the group it is moving to (-1: not moving), and the tracks its copy has passed. */
  readonly ldevMoveGroup: Int32Array;
  readonly ldevMoveCopiedTracks: Float64Array;
  readonly ldevReadOnly: Uint8Array;
  /** Per LDEV: 1 for a cache-resident (virtual) volume, whose tracks never touch disks. */
  readonly ldevCacheResident: Uint8Array;
  readonly ldevTrackBytes: Float64Array;
  /** 1 / track bytes when that is a power of two (a multiply is then exact and cheaper than a divide), else 0. */
  private readonly ldevInvTrackBytes: Float64Array;
  readonly digests: TrackDigests[];
  private readonly cursor: IoCursor;

  /** A cache never gets more slots than its array has tracks, nor more than LRU_SLOT_LIMIT (4 TiB of 256 KiB tracks). */
  constructor(model: CompiledModel, cursor: IoCursor) {
    this.cursor = cursor;
    const tracksPerArray = new Float64Array(model.arrays.length);
    for (const l of model.ldevs) tracksPerArray[l.arrayIndex] += l.trackCount;
    this.caches = model.arrays.map((a, i) => new LruCache(Math.max(1, Math.min(a.cacheSlots, tracksPerArray[i], LRU_SLOT_LIMIT))));
    this.dirtyToken = this.caches.map((c) => new Int32Array(c.capacity));
    this.writePendingLimit = Float64Array.from(this.caches, (c) => Math.max(1, Math.floor(c.capacity * WRITE_PENDING_LIMIT)));
    this.parityGroups = new ParityGroups(model.parityGroups, cursor, this.dirtyToken, model.ldevs.length);
    this.portNextFreeUs = new Float64Array(model.frontEndPortCount);
    this.ldevCount = model.ldevs.length;
    this.ldevCache = model.ldevs.map((l) => this.caches[l.arrayIndex]);
    this.ldevDirtyToken = model.ldevs.map((l) => this.dirtyToken[l.arrayIndex]);
    this.ldevArray = Int32Array.from(model.ldevs, (l) => l.arrayIndex);
    this.mergedWrites = new Float64Array(model.ldevs.length);
    this.acceptedWrites = new Float64Array(model.ldevs.length);
    this.throttledWrites = new Float64Array(model.ldevs.length);
    this.ldevParityGroup = Int32Array.from(model.ldevs, (l) => l.parityGroupIndex);
    this.ldevMoveGroup = new Int32Array(model.ldevs.length).fill(-1);
    this.ldevMoveCopiedTracks = new Float64Array(model.ldevs.length);
    this.ldevReadOnly = Uint8Array.from(model.ldevs, (l) => (l.readOnly ? 1 : 0));
    this.ldevCacheResident = Uint8Array.from(model.ldevs, (l) => (l.cacheResident ? 1 : 0));
    this.ldevTrackBytes = Float64Array.from(model.ldevs, (l) => model.arrays[l.arrayIndex].trackBytes);
    this.ldevInvTrackBytes = this.ldevTrackBytes.map((b) => (Number.isInteger(Math.log2(b)) ? 1 / b : 0));
    this.digests = model.ldevs.map((l) => new TrackDigests(l.trackCount));
  }

  /** The first track an I/O of `bytes` at block `block` touches. */
  firstTrack(ldev: number, block: number, bytes: number): number {
    const inv = this.ldevInvTrackBytes[ldev];
    return inv > 0 ? Math.floor(block * bytes * inv) : Math.floor((block * bytes) / this.ldevTrackBytes[ldev]);
  }

  /** The last track an I/O of `bytes` at block `block` touches. */
  lastTrack(ldev: number, block: number, bytes: number): number {
    const inv = this.ldevInvTrackBytes[ldev];
    const end = block * bytes + bytes - 1;
    return inv > 0 ? Math.floor(end * inv) : Math.floor(end / this.ldevTrackBytes[ldev]);
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
   * earliest-free disk first. `group` >= 0 overrides the LDEV's parity group (a snapshot's
   * preserved track is read from its pool's group); the cache key stays `ldev`'s.
   */
  serveRead(ldev: number, block: number, bytes: number, group: number): void {
    if (this.ldevCacheResident[ldev] === 1) {
      this.lastReadHit = true;
      this.cursor[0] += CACHE_SERVICE_US;
      return;
    }
    const offsetBytes = block * bytes;
    const cache = this.ldevCache[ldev];
    const inv = this.ldevInvTrackBytes[ldev];
    const trackBytes = this.ldevTrackBytes[ldev];
    const first = inv > 0 ? Math.floor(offsetBytes * inv) : Math.floor(offsetBytes / trackBytes);
    const last = inv > 0 ? Math.floor((offsetBytes + bytes - 1) * inv) : Math.floor((offsetBytes + bytes - 1) / trackBytes);
    let hit = true;
    for (let track = first; track <= last; track++) {
      if (!cache.access(ldev, track)) {
        hit = false;
        this.ldevDirtyToken[ldev][cache.lastSlot] = 0; // a new key in this slot: clean
      }
    }
    this.lastReadHit = hit;
    if (!hit) {
      const pg = group >= 0 ? group : this.ldevParityGroup[ldev];
      this.parityGroups.destageIdle(pg);
      this.parityGroups.read(pg, bytes, group >= 0 ? -1 : ldev);
    }
    this.cursor[0] += CACHE_SERVICE_US;
  }

  /**
   * Accepts a write of block `block` into cache at the cursor; advances it to the
   * acknowledgement. A write whose tracks are all dirty merges; otherwise it dirties them and
   * schedules its destage, or — at the write-pending limit — is written through (see the file
   * header). `sequential`: a write continuing a sequential stream into a resident track costs
   * transfer time only (no positioning).
   */
  acceptWrite(ldev: number, block: number, bytes: number, writerId: number, seq: number, sequential: boolean): void {
    if (this.ldevCacheResident[ldev] === 1) {
      this.acceptResident(ldev, block, bytes, writerId, seq);
      return;
    }
    const offsetBytes = block * bytes;
    const cache = this.ldevCache[ldev];
    const tokens = this.ldevDirtyToken[ldev];
    const digests = this.digests[ldev];
    const trackBytes = this.ldevTrackBytes[ldev];
    const pg = this.ldevParityGroup[ldev];
    const groups = this.parityGroups;
    this.acceptedWrites[ldev]++;
    groups.destageIdle(pg); // due destages first: a track whose destage runs now is clean below
    const throttled = groups.dirtyByArray[this.ldevArray[ldev]] >= this.writePendingLimit[this.ldevArray[ldev]];
    const inv = this.ldevInvTrackBytes[ldev];
    const first = inv > 0 ? Math.floor(offsetBytes * inv) : Math.floor(offsetBytes / trackBytes);
    const last = inv > 0 ? Math.floor((offsetBytes + bytes - 1) * inv) : Math.floor((offsetBytes + bytes - 1) / trackBytes);
    let hit = true;
    let merged = true;
    let scheduled = false; // this write's destage work is queued (on its first dirtied track)
    for (let track = first; track <= last; track++) {
      const resident = cache.access(ldev, track);
      const slot = cache.lastSlot;
      if (!resident) hit = false;
      // A miss always starts clean: the slot's old token belonged to another key.
      if (!resident || tokens[slot] === 0) {
        merged = false;
        if (throttled) {
          tokens[slot] = 0; // written through below: clean
        } else {
          const token = this.nextToken;
          this.nextToken = (token + 1) | 0 || 1;
          tokens[slot] = token;
          groups.scheduleDestage(pg, scheduled ? 0 : bytes, !(sequential && resident), slot, token, ldev);
          scheduled = true;
        }
      }
      digests.fold(track, writerId, seq, track === first ? (offsetBytes - first * trackBytes) | 0 : 0);
    }
    if (merged) {
      if (sequential) groups.scheduleDestage(pg, bytes, false, -1, 0, ldev);
      else this.mergedWrites[ldev]++;
    } else if (throttled) {
      this.throttledWrites[ldev]++;
      groups.destageNow(pg, bytes, !(sequential && hit), ldev);
    } else if (!scheduled) {
      groups.scheduleDestage(pg, bytes, !(sequential && hit), -1, 0, ldev);
    }
    // Volume move: a write that made back-end work on tracks the copy has passed goes to the target too.
    if (this.ldevMoveGroup[ldev] >= 0 && (!merged || sequential) && first < this.ldevMoveCopiedTracks[ldev]) {
      this.mirrorWrite(ldev, bytes, !merged && !(sequential && hit), throttled);
    }
    this.cursor[0] += CACHE_SERVICE_US;
  }

  /** The mirror leg of a write to a moving LDEV: the same destage on the move's target group (write-through when the source's was). */
  private mirrorWrite(ldev: number, bytes: number, positioned: boolean, throttled: boolean): void {
    const to = this.ldevMoveGroup[ldev];
    this.parityGroups.destageIdle(to);
    if (throttled) this.parityGroups.destageNow(to, bytes, positioned, ldev);
    else this.parityGroups.scheduleDestage(to, bytes, positioned, -1, 0, ldev);
  }

  /**
   * One step of a volume move: `trackCount` tracks of `ldev` from `first` read from group `from`
   * in one sequential operation (the cache is neither used nor disturbed: a move copies the disk
   * image), then written through to group `to`; the copy mark passes them at once, so writes
   * from now on are mirrored. Starts at `atUs`; returns when the target write ends.
   */
  moveCopyStep(ldev: number, from: number, to: number, first: number, trackCount: number, atUs: number): number {
    const cursor = this.cursor;
    const bytes = trackCount * this.ldevTrackBytes[ldev];
    cursor[0] = atUs;
    this.parityGroups.destageIdle(from);
    this.parityGroups.read(from, bytes, ldev);
    this.parityGroups.destageIdle(to);
    this.parityGroups.destageNow(to, bytes, true, ldev);
    this.ldevMoveCopiedTracks[ldev] = first + trackCount;
    return cursor[0];
  }

  /** Starts the mirror of a volume move of `ldev` to group `to` (nothing copied yet). */
  startMove(ldev: number, to: number): void {
    this.ldevMoveGroup[ldev] = to;
    this.ldevMoveCopiedTracks[ldev] = 0;
  }

  /** The switch-over of a volume move: `ldev`'s parity group becomes its move's target; the mirror ends. */
  switchParityGroup(ldev: number): void {
    this.ldevParityGroup[ldev] = this.ldevMoveGroup[ldev];
    this.ldevMoveGroup[ldev] = -1;
    this.ldevMoveCopiedTracks[ldev] = 0;
  }

  /** A write to a cache-resident volume: content only, no slot or destage (its tracks are pinned). */
  private acceptResident(ldev: number, block: number, bytes: number, writerId: number, seq: number): void {
    const offsetBytes = block * bytes;
    const trackBytes = this.ldevTrackBytes[ldev];
    const first = Math.floor(offsetBytes / trackBytes);
    const last = Math.floor((offsetBytes + bytes - 1) / trackBytes);
    this.acceptedWrites[ldev]++;
    for (let track = first; track <= last; track++) {
      this.digests[ldev].fold(track, writerId, seq, track === first ? (offsetBytes - first * trackBytes) | 0 : 0);
    }
    this.cursor[0] += CACHE_SERVICE_US;
  }

  /**
   * A job's read of `count` consecutive tracks from `first` (a backup or copy streaming the
   * volume): every track is accessed in cache; the missing ones are read from the parity group
   * (`group` >= 0 overrides it, as in `serveRead`) in one sequential operation. Advances the
   * cursor to when the data leaves the array. Returns whether every track was resident.
   */
  serveReadRun(ldev: number, first: number, count: number, group: number): boolean {
    if (this.ldevCacheResident[ldev] === 1) {
      this.cursor[0] += CACHE_SERVICE_US;
      return true;
    }
    const cache = this.ldevCache[ldev];
    let missing = 0;
    for (let track = first; track < first + count; track++) {
      if (!cache.access(ldev, track)) {
        missing++;
        this.ldevDirtyToken[ldev][cache.lastSlot] = 0;
      }
    }
    if (missing > 0) {
      const pg = group >= 0 ? group : this.ldevParityGroup[ldev];
      this.parityGroups.destageIdle(pg);
      this.parityGroups.read(pg, missing * this.ldevTrackBytes[ldev], group >= 0 ? -1 : ldev);
    }
    this.cursor[0] += CACHE_SERVICE_US;
    return missing === 0;
  }

  /**
   * A job's write of `count` consecutive whole tracks (a restore or a load),
   * written through to the parity group in one sequential operation (the job waits for it,
   * which paces it at the back end's speed). Content is the caller's (it sets the digests).
   */
  writeRunThrough(ldev: number, count: number): void {
    this.acceptedWrites[ldev]++;
    if (this.ldevCacheResident[ldev] === 1) {
      this.cursor[0] += CACHE_SERVICE_US;
      return;
    }
    const pg = this.ldevParityGroup[ldev];
    this.parityGroups.destageIdle(pg);
    this.parityGroups.destageNow(pg, count * this.ldevTrackBytes[ldev], true, ldev);
    this.cursor[0] += CACHE_SERVICE_US;
  }
}
