/**
 * The simulator's pending-event queue: a timing wheel for the near future plus a 4-ary
 * min-heap for everything else, over parallel typed arrays.
 *
 * Owns: ordering of pending events by (timeUs, insertion sequence). Equal times pop in the
 * order they were pushed (FIFO), which is what makes a run reproducible: the internal layout
 * never decides which of two simultaneous events happens first.
 *
 * Invariants:
 * - times are integer microseconds >= 0; kind, a, b are int32 (stored in Int32Array);
 * - pop returns the pending event with the least (time, seq) — whichever structure holds it;
 * - size <= EVENT_QUEUE_LIMIT (a runaway producer fails loudly instead of eating memory);
 * - an event pushed with `pushLate` runs after every `push`ed event of the same time, whenever
 *   either was pushed (late events among themselves stay FIFO): sequence numbers of late events
 *   start at LATE_SEQ, beyond any count of pushes a run can reach.
 *
 * Structure:
 * - the wheel: WHEEL buckets of 1 µs covering [base, base + WHEEL), base = time of the last
 *   popped event. A bucket holds events of exactly one time, as a FIFO list (push order = seq
 *   order), so it needs no comparisons at all. A two-level bitmap (one bit per bucket, one
 *   summary bit per 32 buckets) finds the next non-empty bucket in a few word operations;
 *   buckets in cyclic order from base's are in time order, because every wheel event lies in
 *   the window;
 * - the heap: (time, id) in heap order with a seq tie-break — events beyond the window, late
 *   events, and events pushed before `base` (allowed, if unusual). It is usually small.
 * Pop takes the lesser (time, seq) of the wheel's next event and the heap's root, so the order
 * is exactly that of one priority queue. An I/O's events are microseconds to milliseconds
 * ahead, so nearly every push and pop is O(1) on the wheel, with no sift and no
 * hard-to-predict comparison chain.
 *
 * Payload (time, seq, kind, a, b, bucket link) lives in id-indexed arrays that never move while
 * the event is pending; ids are recycled. Push/pop allocate nothing except when capacity doubles.
 *
 * Does not handle: cancellation (callers mark events stale and ignore them on pop), or
 * payloads beyond two int32 words (callers index their own typed-array tables with a/b).
 */
import { assert, assertFail } from './assert.ts';

/** Most events that may be pending at once (16 Mi ≈ 600 MB of arrays). */
export const EVENT_QUEUE_LIMIT = 1 << 24;

const ARITY_SHIFT = 2; // 4 children per heap node

/** Sequence offset of `pushLate` events: 2^52 (plus up to 2^52 pushes stays exact in a double). */
const LATE_SEQ = 4503599627370496;

/** Wheel size in 1 µs buckets: 2^15 = 32.8 ms ahead of the last popped event. */
const WHEEL_BITS = 15;
const WHEEL = 1 << WHEEL_BITS;
const WHEEL_MASK = WHEEL - 1;
const NONE = -1;

/** Index of the lowest set bit of a non-zero int32. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

export class EventQueue {
  /** Fields of the event returned by the last successful `pop()`. */
  timeUs = 0;
  kind = 0;
  a = 0;
  b = 0;

  // Payload by id; it never moves while the event is pending. Ids are recycled via freeIds.
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  /** Next id in the same wheel bucket, or NONE. */
  private links: Int32Array;
  private freeIds: Int32Array;
  private freeCount = 0;
  private freshId = 0; // ids below this have been handed out at least once
  private count = 0;
  private nextSeq = 0;

  // The heap: times (compared on every step) and ids in heap order.
  private heapTimes: Float64Array;
  private heapIds: Int32Array;
  private heapCount = 0;

  // The wheel.
  private readonly bucketHead = new Int32Array(WHEEL).fill(NONE);
  private readonly bucketTail = new Int32Array(WHEEL);
  /** Bit per bucket. */
  private readonly bits = new Int32Array(WHEEL >> 5);
  /** Bit per word of `bits` that is non-zero. */
  private readonly summary = new Int32Array(WHEEL >> 10);
  private wheelCount = 0;
  /** Start of the wheel's window: the time of the last popped event. */
  private base = 0;
  /** Bucket holding the wheel's earliest event (valid while wheelCount > 0 and not stale). */
  private nextBucket = 0;
  private nextBucketStale = true;

  constructor(initialCapacity = 1024) {
    assert(Number.isInteger(initialCapacity) && initialCapacity >= 1, `event queue: bad initial capacity ${initialCapacity}`);
    const capacity = Math.min(initialCapacity, EVENT_QUEUE_LIMIT);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Int32Array(capacity);
    this.bs = new Int32Array(capacity);
    this.links = new Int32Array(capacity);
    this.freeIds = new Int32Array(capacity);
    this.heapTimes = new Float64Array(capacity);
    this.heapIds = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or Infinity when the queue is empty. */
  peekTimeUs(): number {
    const id = this.peekId();
    return id === NONE ? Infinity : this.times[id];
  }

  clear(): void {
    this.count = 0;
    this.nextSeq = 0;
    this.freeCount = 0;
    this.freshId = 0;
    this.heapCount = 0;
    this.bucketHead.fill(NONE);
    this.bits.fill(0);
    this.summary.fill(0);
    this.wheelCount = 0;
    this.base = 0;
    this.nextBucketStale = true;
  }

  push(timeUs: number, kind: number, a: number, b: number): void {
    const id = this.newEvent(timeUs, kind, a, b, 0);
    if (timeUs >= this.base && timeUs - this.base < WHEEL) this.wheelAppend(id, timeUs);
    else this.heapPush(id, timeUs);
  }

  /**
   * Pushes an event that runs after every `push`ed event of the same time (e.g. closing a
   * measurement interval after everything that happened at its boundary).
   */
  pushLate(timeUs: number, kind: number, a: number, b: number): void {
    this.heapPush(this.newEvent(timeUs, kind, a, b, LATE_SEQ), timeUs);
  }

  /** Removes the earliest event into the public fields; false (fields untouched) when empty. */
  pop(): boolean {
    return this.popNotAfter(Infinity);
  }

  /**
   * Removes the earliest event into the public fields if its time is <= `limitUs`; false
   * (nothing removed, fields untouched) when the queue is empty or its next event is later.
   */
  popNotAfter(limitUs: number): boolean {
    const id = this.peekId();
    if (id === NONE) return false;
    const t = this.times[id];
    if (t > limitUs) return false;
    if (this.heapCount > 0 && this.heapIds[0] === id) this.heapPopRoot();
    else this.wheelRemoveHead();
    this.timeUs = t;
    this.kind = this.kinds[id];
    this.a = this.as[id];
    this.b = this.bs[id];
    this.freeIds[this.freeCount++] = id;
    this.count--;
    if (t > this.base) {
      this.base = t;
      this.nextBucketStale = true;
    }
    return true;
  }

  // ------------------------------------------------------------------ payload

  private newEvent(timeUs: number, kind: number, a: number, b: number, seqBase: number): number {
    if (!(Number.isInteger(timeUs) && timeUs >= 0)) assertFail(`event queue: time must be an integer >= 0 us, got ${timeUs}`);
    if (!((kind | 0) === kind && (a | 0) === a && (b | 0) === b)) assertFail(`event queue: kind/a/b must be int32, got ${kind}/${a}/${b}`);
    if (this.count >= EVENT_QUEUE_LIMIT) assertFail(`event queue: limit of ${EVENT_QUEUE_LIMIT} pending events reached`);
    if (this.count === this.times.length) this.grow();
    const id = this.freeCount > 0 ? this.freeIds[--this.freeCount] : this.freshId++;
    this.times[id] = timeUs;
    this.seqs[id] = seqBase + this.nextSeq++;
    this.kinds[id] = kind;
    this.as[id] = a;
    this.bs[id] = b;
    this.count++;
    return id;
  }

  /** The id of the earliest pending event (wheel head or heap root), or NONE. */
  private peekId(): number {
    let wheelId = NONE;
    if (this.wheelCount > 0) {
      if (this.nextBucketStale) {
        this.nextBucket = this.findNextBucket();
        this.nextBucketStale = false;
      }
      wheelId = this.bucketHead[this.nextBucket];
    }
    if (this.heapCount === 0) return wheelId;
    const heapId = this.heapIds[0];
    if (wheelId === NONE) return heapId;
    const th = this.heapTimes[0];
    const tw = this.times[wheelId];
    return th < tw || (th === tw && this.seqs[heapId] < this.seqs[wheelId]) ? heapId : wheelId;
  }

  // ------------------------------------------------------------------ the wheel

  private wheelAppend(id: number, timeUs: number): void {
    const bucket = timeUs & WHEEL_MASK; // timeUs < 2^53: & takes its low 32 bits, enough for the mask
    this.links[id] = NONE;
    if (this.bucketHead[bucket] === NONE) {
      this.bucketHead[bucket] = id;
      const w = bucket >> 5;
      if (this.bits[w] === 0) this.summary[w >> 5] |= 1 << (w & 31);
      this.bits[w] |= 1 << (bucket & 31);
      // A new earliest bucket? (Only an earlier time than the cached one can change it.)
      if (!this.nextBucketStale && this.wheelCount > 0 && timeUs < this.times[this.bucketHead[this.nextBucket]]) this.nextBucket = bucket;
      if (this.wheelCount === 0) {
        this.nextBucket = bucket;
        this.nextBucketStale = false;
      }
    } else {
      this.links[this.bucketTail[bucket]] = id;
    }
    this.bucketTail[bucket] = id;
    this.wheelCount++;
  }

  /** Removes the head of the wheel's earliest bucket (peekId has just located it). */
  private wheelRemoveHead(): void {
    const bucket = this.nextBucket;
    const next = this.links[this.bucketHead[bucket]];
    this.bucketHead[bucket] = next;
    this.wheelCount--;
    if (next === NONE) {
      const w = bucket >> 5;
      const word = this.bits[w] & ~(1 << (bucket & 31));
      this.bits[w] = word;
      if (word === 0) this.summary[w >> 5] &= ~(1 << (w & 31));
      this.nextBucketStale = true;
    }
  }

  /** The first non-empty bucket at or cyclically after base's (wheelCount > 0). */
  private findNextBucket(): number {
    const start = this.base & WHEEL_MASK;
    const bits = this.bits;
    const w0 = start >> 5;
    const x = bits[w0] & (-1 << (start & 31));
    if (x !== 0) return (w0 << 5) + lowestBit(x);
    // Later words of w0's summary word, then the other summary words cyclically, then the
    // words before w0 in its own summary word (and w0 itself: bits below start, wrapped).
    const summary = this.summary;
    const s0 = w0 >> 5;
    let y = summary[s0] & (-2 << (w0 & 31));
    if (y !== 0) return this.firstBucketOfWord((s0 << 5) + lowestBit(y));
    const words = summary.length;
    for (let k = 1; k <= words; k++) {
      const s = (s0 + k) & (words - 1);
      y = summary[s];
      if (y !== 0) return this.firstBucketOfWord((s << 5) + lowestBit(y));
    }
    assertFail('event queue: wheel count and bitmap disagree');
  }

  private firstBucketOfWord(w: number): number {
    return (w << 5) + lowestBit(this.bits[w]);
  }

  // ------------------------------------------------------------------ the heap

  private heapPush(id: number, timeUs: number): void {
    this.siftUp(this.heapCount++, timeUs, id);
  }

  private heapPopRoot(): void {
    const last = --this.heapCount;
    if (last > 0) this.siftDown(this.heapTimes[last], this.heapIds[last]);
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
    const n = this.heapCount;
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
    const capacity = Math.min(this.times.length * 2, EVENT_QUEUE_LIMIT);
    this.times = growF64(this.times, capacity);
    this.seqs = growF64(this.seqs, capacity);
    this.kinds = growI32(this.kinds, capacity);
    this.as = growI32(this.as, capacity);
    this.bs = growI32(this.bs, capacity);
    this.links = growI32(this.links, capacity);
    this.freeIds = growI32(this.freeIds, capacity);
    this.heapTimes = growF64(this.heapTimes, capacity);
    this.heapIds = growI32(this.heapIds, capacity);
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
