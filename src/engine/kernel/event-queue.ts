/**
 * The simulator's pending-event queue: a 4-ary min-heap over parallel typed arrays.
 *
 * Owns: ordering of pending events by (timeUs, insertion sequence). Equal times pop in the
 * order they were pushed (FIFO), which is what makes a run reproducible: the heap's internal
 * layout never decides which of two simultaneous events happens first.
 *
 * Invariants:
 * - times are integer microseconds >= 0; kind, a, b are int32 (stored in Int32Array);
 * - heap order: every node's (time, seq) is <= each of its 4 children's;
 * - size <= EVENT_QUEUE_LIMIT (a runaway producer fails loudly instead of eating memory).
 *
 * Why this shape: one object per event would allocate on every push and chase pointers on
 * every compare. Parallel typed arrays keep push/pop allocation-free (except when capacity
 * doubles) and cache-friendly. The heap itself holds only (time, id); the payload and the
 * insertion sequence sit in id-indexed arrays that never move, so a sift step writes two words
 * and reads a sequence number only when two times tie. A 4-ary heap halves the depth of a
 * binary one, and sifting moves a hole instead of swapping.
 *
 * Does not handle: cancellation (callers mark events stale and ignore them on pop), or
 * payloads beyond two int32 words (callers index their own typed-array tables with a/b).
 */
import { assert, assertFail } from './assert.ts';

/** Most events that may be pending at once (16 Mi ≈ 450 MB of heap arrays). */
export const EVENT_QUEUE_LIMIT = 1 << 24;

const ARITY_SHIFT = 2; // 4 children per node

export class EventQueue {
  /** Fields of the event returned by the last successful `pop()`. */
  timeUs = 0;
  kind = 0;
  a = 0;
  b = 0;

  // Heap order, parallel arrays: the time (compared on every step) and the event's id.
  private heapTimes: Float64Array;
  private heapIds: Int32Array;
  // Payload by id; it never moves while the event is pending. Ids are recycled via freeIds.
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private freeIds: Int32Array;
  private freeCount = 0;
  private freshId = 0; // ids below this have been handed out at least once
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    assert(Number.isInteger(initialCapacity) && initialCapacity >= 1, `event queue: bad initial capacity ${initialCapacity}`);
    const capacity = Math.min(initialCapacity, EVENT_QUEUE_LIMIT);
    this.heapTimes = new Float64Array(capacity);
    this.heapIds = new Int32Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Int32Array(capacity);
    this.bs = new Int32Array(capacity);
    this.freeIds = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or Infinity when the queue is empty. */
  peekTimeUs(): number {
    return this.count === 0 ? Infinity : this.heapTimes[0];
  }

  clear(): void {
    this.count = 0;
    this.nextSeq = 0;
    this.freeCount = 0;
    this.freshId = 0;
  }

  push(timeUs: number, kind: number, a: number, b: number): void {
    if (!(Number.isInteger(timeUs) && timeUs >= 0)) assertFail(`event queue: time must be an integer >= 0 us, got ${timeUs}`);
    if (!((kind | 0) === kind && (a | 0) === a && (b | 0) === b)) assertFail(`event queue: kind/a/b must be int32, got ${kind}/${a}/${b}`);
    if (this.count >= EVENT_QUEUE_LIMIT) assertFail(`event queue: limit of ${EVENT_QUEUE_LIMIT} pending events reached`);
    if (this.count === this.heapTimes.length) this.grow();
    const id = this.freeCount > 0 ? this.freeIds[--this.freeCount] : this.freshId++;
    this.seqs[id] = this.nextSeq++;
    this.kinds[id] = kind;
    this.as[id] = a;
    this.bs[id] = b;
    this.siftUp(this.count++, timeUs, id);
  }

  /** Removes the earliest event into the public fields; false (fields untouched) when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const id = this.heapIds[0];
    this.timeUs = this.heapTimes[0];
    this.kind = this.kinds[id];
    this.a = this.as[id];
    this.b = this.bs[id];
    this.freeIds[this.freeCount++] = id;
    const last = --this.count;
    if (last > 0) this.siftDown(this.heapTimes[last], this.heapIds[last]);
    return true;
  }

  /** Moves the hole at `index` up until the event fits, then writes it there. */
  private siftUp(index: number, timeUs: number, id: number): void {
    const times = this.heapTimes;
    const ids = this.heapIds;
    const seq = this.seqs[id];
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> ARITY_SHIFT;
      const pt = times[parent];
      if (pt < timeUs || (pt === timeUs && this.seqs[ids[parent]] < seq)) break;
      times[i] = pt;
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = timeUs;
    ids[i] = id;
  }

  /** Re-inserts the former last event starting from a hole at the root. */
  private siftDown(timeUs: number, id: number): void {
    const times = this.heapTimes;
    const ids = this.heapIds;
    const n = this.count;
    let i = 0;
    for (;;) {
      const first = (i << ARITY_SHIFT) + 1;
      if (first >= n) break;
      let best = first;
      let bestT = times[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const t = times[c];
        if (t < bestT || (t === bestT && this.earlier(ids[c], ids[best]))) {
          best = c;
          bestT = t;
        }
      }
      if (timeUs < bestT || (timeUs === bestT && this.earlier(id, ids[best]))) break;
      times[i] = bestT;
      ids[i] = ids[best];
      i = best;
    }
    times[i] = timeUs;
    ids[i] = id;
  }

  /** Tie-break for equal times: the event pushed first goes first. */
  private earlier(idX: number, idY: number): boolean {
    return this.seqs[idX] < this.seqs[idY];
  }

  private grow(): void {
    const capacity = Math.min(this.heapTimes.length * 2, EVENT_QUEUE_LIMIT);
    this.heapTimes = growF64(this.heapTimes, capacity);
    this.heapIds = growI32(this.heapIds, capacity);
    this.seqs = growF64(this.seqs, capacity);
    this.kinds = growI32(this.kinds, capacity);
    this.as = growI32(this.as, capacity);
    this.bs = growI32(this.bs, capacity);
    this.freeIds = growI32(this.freeIds, capacity);
  }
}

function growF64(old: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(old);
  return next;
}

function growI32(old: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(old);
  return next;
}
