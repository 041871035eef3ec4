/**
 * The pool of outstanding I/Os: one slot per I/O in flight, fields in parallel typed arrays.
 *
 * Owns: slot allocation (a free-list stack) and the per-I/O state the completion needs —
 * workload, issue time, a second time (`doneUs`: for a read in flight, when its data leaves the
 * array; once known, when the I/O completes at the host), flags (write, rejected, cache hit),
 * bytes, LDEV, reject reason.
 *
 * Invariants: a slot is either free (on the stack) or owned by exactly one pending event;
 * capacity grows by doubling up to IO_POOL_LIMIT; no object is allocated per I/O.
 *
 * Does not handle: what an I/O does (simulation.ts owns the lifecycle).
 */
import { IO_POOL_LIMIT } from '../constants.ts';
import { assert } from '../kernel/assert.ts';

export const IO_WRITE = 1;
export const IO_REJECTED = 2;
export const IO_HIT = 4;
/** A write the host mirror program duplexed: it also counts for the mirror's S-VOL. */
export const IO_MIRROR = 8;
/** A write the array has accepted (its data is in cache): a retry only needs its status again. */
export const IO_ACCEPTED = 16;
/** Lost with a failed path: its next event retries it on a surviving path at `retryUs` (host/multipath.ts). */
export const IO_RETRY = 32;
/** A read whose data is on its way back (its READ_RETURN is pending). */
export const IO_AWAIT_RETURN = 64;

export class IoSlots {
  workload: Int32Array;
  ldev: Int32Array;
  issueUs: Float64Array;
  doneUs: Float64Array;
  bytes: Float64Array;
  flags: Uint8Array;
  reason: Int8Array;
  /** The multipath path the I/O is on (host/multipath.ts), or -1 (refused, held, parked, free). */
  path: Int32Array;
  /** For a retry: the block, the write's sequence number, and when the host retries it. */
  block: Float64Array;
  seq: Float64Array;
  retryUs: Float64Array;
  private free: Int32Array;
  private freeCount = 0;
  private capacity = 0;
  inUse = 0;

  constructor(initialCapacity = 256) {
    this.workload = new Int32Array(0);
    this.ldev = new Int32Array(0);
    this.issueUs = new Float64Array(0);
    this.doneUs = new Float64Array(0);
    this.bytes = new Float64Array(0);
    this.flags = new Uint8Array(0);
    this.reason = new Int8Array(0);
    this.path = new Int32Array(0);
    this.block = new Float64Array(0);
    this.seq = new Float64Array(0);
    this.retryUs = new Float64Array(0);
    this.free = new Int32Array(0);
    this.grow(initialCapacity);
  }

  alloc(): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    this.inUse++;
    return this.free[--this.freeCount];
  }

  /** Slots allocated so far (busy ones have `path` set or are in flight; scan with `path`). */
  get size(): number {
    return this.capacity;
  }

  release(slot: number): void {
    this.inUse--;
    this.path[slot] = -1;
    this.free[this.freeCount++] = slot;
  }

  private grow(capacity: number): void {
    const next = Math.min(capacity, IO_POOL_LIMIT);
    assert(next > this.capacity, `io slots: more than IO_POOL_LIMIT (${IO_POOL_LIMIT}) I/Os outstanding`);
    const old = this.capacity;
    this.workload = copy(new Int32Array(next), this.workload);
    this.ldev = copy(new Int32Array(next), this.ldev);
    this.issueUs = copy(new Float64Array(next), this.issueUs);
    this.doneUs = copy(new Float64Array(next), this.doneUs);
    this.bytes = copy(new Float64Array(next), this.bytes);
    this.flags = copy(new Uint8Array(next), this.flags);
    this.reason = copy(new Int8Array(next), this.reason);
    this.path = copy(new Int32Array(next).fill(-1), this.path);
    this.block = copy(new Float64Array(next), this.block);
    this.seq = copy(new Float64Array(next), this.seq);
    this.retryUs = copy(new Float64Array(next), this.retryUs);
    const free = new Int32Array(next);
    free.set(this.free.subarray(0, this.freeCount));
    // New slots go under the existing free ones, highest first, so allocation order stays low-to-high.
    let n = this.freeCount;
    for (let s = next - 1; s >= old; s--) free[n++] = s;
    this.free = free;
    this.freeCount = n;
    this.capacity = next;
  }
}

function copy<T extends Int32Array | Float64Array | Uint8Array | Int8Array>(into: T, from: T): T {
  into.set(from as never);
  return into;
}
