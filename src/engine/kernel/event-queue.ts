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
 * doubles) and cache-friendly; a 4-ary heap halves the depth of a binary one, and sifting moves
 * a hole instead of swapping, so each level costs one write per field.
 *
 * Does not handle: cancellation (callers mark events stale and ignore them on pop), or
 * payloads beyond two int32 words (callers index their own typed-array tables with a/b).
 */
import { assert } from './assert.ts';

/** Most events that may be pending at once (16 Mi ≈ 450 MB of heap arrays). */
export const EVENT_QUEUE_LIMIT = 1 << 24;

const ARITY_SHIFT = 2; // 4 children per node

export class EventQueue {
  /** Fields of the event returned by the last successful `pop()`. */
  timeUs = 0;
  kind = 0;
  a = 0;
  b = 0;

  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    assert(Number.isInteger(initialCapacity) && initialCapacity >= 1, `event queue: bad initial capacity ${initialCapacity}`);
    const capacity = Math.min(initialCapacity, EVENT_QUEUE_LIMIT);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Int32Array(capacity);
    this.bs = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or Infinity when the queue is empty. */
  peekTimeUs(): number {
    return this.count === 0 ? Infinity : this.times[0];
  }

  clear(): void {
    this.count = 0;
    this.nextSeq = 0;
  }

  push(timeUs: number, kind: number, a: number, b: number): void {
    assert(Number.isInteger(timeUs) && timeUs >= 0, `event queue: time must be an integer >= 0 us, got ${timeUs}`);
    assert((kind | 0) === kind && (a | 0) === a && (b | 0) === b, `event queue: kind/a/b must be int32, got ${kind}/${a}/${b}`);
    assert(this.count < EVENT_QUEUE_LIMIT, `event queue: limit of ${EVENT_QUEUE_LIMIT} pending events reached`);
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    this.siftUp(this.count++, timeUs, seq, kind, a, b);
  }

  /** Removes the earliest event into the public fields; false (fields untouched) when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.timeUs = this.times[0];
    this.kind = this.kinds[0];
    this.a = this.as[0];
    this.b = this.bs[0];
    const last = --this.count;
    if (last > 0) {
      this.siftDown(this.times[last], this.seqs[last], this.kinds[last], this.as[last], this.bs[last]);
    }
    return true;
  }

  /** Moves the hole at `index` up until the new event fits, then writes it there. */
  private siftUp(index: number, timeUs: number, seq: number, kind: number, a: number, b: number): void {
    const times = this.times;
    const seqs = this.seqs;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> ARITY_SHIFT;
      const pt = times[parent];
      if (pt < timeUs || (pt === timeUs && seqs[parent] < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    this.write(i, timeUs, seq, kind, a, b);
  }

  /** Re-inserts the former last event starting from a hole at the root. */
  private siftDown(timeUs: number, seq: number, kind: number, a: number, b: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const n = this.count;
    let i = 0;
    for (;;) {
      const first = (i << ARITY_SHIFT) + 1;
      if (first >= n) break;
      let best = first;
      let bestT = times[first];
      let bestS = seqs[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const t = times[c];
        if (t < bestT || (t === bestT && seqs[c] < bestS)) {
          best = c;
          bestT = t;
          bestS = seqs[c];
        }
      }
      if (timeUs < bestT || (timeUs === bestT && seq < bestS)) break;
      this.move(best, i);
      i = best;
    }
    this.write(i, timeUs, seq, kind, a, b);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.kinds[to] = this.kinds[from];
    this.as[to] = this.as[from];
    this.bs[to] = this.bs[from];
  }

  private write(i: number, timeUs: number, seq: number, kind: number, a: number, b: number): void {
    this.times[i] = timeUs;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.as[i] = a;
    this.bs[i] = b;
  }

  private grow(): void {
    const capacity = Math.min(this.times.length * 2, EVENT_QUEUE_LIMIT);
    this.times = growF64(this.times, capacity);
    this.seqs = growF64(this.seqs, capacity);
    this.kinds = growI32(this.kinds, capacity);
    this.as = growI32(this.as, capacity);
    this.bs = growI32(this.bs, capacity);
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
