/**
 * The two tables of the prefix checker (prefix-checker.ts): its write history and its touched
 * tracks. Split out of the checker by concern; nothing else should use them.
 *
 * Owns: storage only — typed-array queues with amortised growth and compaction, a key → slot
 * map with slot reuse. The meaning of the fields (prefix `base`, `before`, `lastTouch`) and
 * every invariant over them are the checker's.
 */

const INITIAL_ENTRIES = 64;
const INITIAL_DIGESTS = 256;
const INITIAL_SLOTS = 256;

/**
 * History entries seqs base+1..lastSeq, oldest first, as parallel typed arrays used as a queue
 * (head..tail), with their post digests in one digest queue (postHead..postTail) in entry order.
 * Space is reclaimed by compaction when the live part fits in half the capacity, else doubled.
 */
export class HistoryRing {
  volume = new Uint32Array(INITIAL_ENTRIES);
  first = new Uint32Array(INITIAL_ENTRIES);
  last = new Uint32Array(INITIAL_ENTRIES);
  head = 0;
  tail = 0;
  post = new Uint32Array(INITIAL_DIGESTS);
  postHead = 0;
  postTail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  push(volume: number, first: number, last: number, post: ArrayLike<number>): void {
    if (this.tail === this.volume.length) this.makeEntryRoom();
    const count = last - first + 1;
    if (this.postTail + count > this.post.length) this.makePostRoom(count);
    this.volume[this.tail] = volume;
    this.first[this.tail] = first;
    this.last[this.tail] = last;
    this.tail++;
    for (let i = 0; i < count; i++) this.post[this.postTail + i] = post[i];
    this.postTail += count;
  }

  /** Drops the oldest entry (the caller has read it). */
  shift(): void {
    this.postHead += this.last[this.head] - this.first[this.head] + 1;
    this.head++;
    if (this.head === this.tail) this.head = this.tail = this.postHead = this.postTail = 0;
  }

  /** Drops every entry and gives back grown buffers. */
  clear(): void {
    if (this.volume.length > INITIAL_ENTRIES) {
      this.volume = new Uint32Array(INITIAL_ENTRIES);
      this.first = new Uint32Array(INITIAL_ENTRIES);
      this.last = new Uint32Array(INITIAL_ENTRIES);
    }
    if (this.post.length > INITIAL_DIGESTS) this.post = new Uint32Array(INITIAL_DIGESTS);
    this.head = this.tail = this.postHead = this.postTail = 0;
  }

  private makeEntryRoom(): void {
    const live = this.tail - this.head;
    const capacity = this.volume.length;
    if (live * 2 <= capacity) {
      this.volume.copyWithin(0, this.head, this.tail);
      this.first.copyWithin(0, this.head, this.tail);
      this.last.copyWithin(0, this.head, this.tail);
    } else {
      this.volume = grown(this.volume, this.head, this.tail, capacity * 2);
      this.first = grown(this.first, this.head, this.tail, capacity * 2);
      this.last = grown(this.last, this.head, this.tail, capacity * 2);
    }
    this.head = 0;
    this.tail = live;
  }

  private makePostRoom(count: number): void {
    const live = this.postTail - this.postHead;
    let capacity = this.post.length;
    if ((live + count) * 2 <= capacity) {
      this.post.copyWithin(0, this.postHead, this.postTail);
    } else {
      while ((live + count) * 2 > capacity) capacity *= 2;
      this.post = grown(this.post, this.postHead, this.postTail, capacity);
    }
    this.postHead = 0;
    this.postTail = live;
  }
}

function grown(from: Uint32Array, start: number, end: number, capacity: number): Uint32Array<ArrayBuffer> {
  const to = new Uint32Array(capacity);
  to.set(from.subarray(start, end));
  return to;
}

/**
 * `before` and `lastTouch` of the header in one table: the tracks touched by a write > base,
 * key → slot, and per slot the track's digest after prefix base and the seq of the last history
 * entry touching it. One map lookup per touched track on `record` and on a fold (two maps cost
 * ~1.7x as much); freed slots are reused.
 */
export class TouchedTracks {
  private readonly slots = new Map<number, number>();
  digest = new Uint32Array(INITIAL_SLOTS);
  lastSeq = new Float64Array(INITIAL_SLOTS);
  private freeSlots = new Uint32Array(INITIAL_SLOTS);
  private freeCount = 0;
  /** Slots handed out since the last clear, free ones included. */
  used = 0;

  get size(): number {
    return this.slots.size;
  }

  /** The track's slot, or -1 when no write > base touched it. */
  find(key: number): number {
    const slot = this.slots.get(key);
    return slot === undefined ? -1 : slot;
  }

  add(key: number, digest: number, seq: number): void {
    if (this.freeCount === 0 && this.used === this.digest.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.used++;
    this.slots.set(key, slot);
    this.digest[slot] = digest;
    this.lastSeq[slot] = seq;
  }

  remove(key: number, slot: number): void {
    this.slots.delete(key);
    this.freeSlots[this.freeCount++] = slot;
  }

  forEach(visit: (slot: number, key: number) => void): void {
    this.slots.forEach(visit);
  }

  /** Forgets every track and gives back grown buffers. */
  clear(): void {
    this.slots.clear();
    if (this.digest.length > INITIAL_SLOTS) {
      this.digest = new Uint32Array(INITIAL_SLOTS);
      this.lastSeq = new Float64Array(INITIAL_SLOTS);
      this.freeSlots = new Uint32Array(INITIAL_SLOTS);
    }
    this.freeCount = 0;
    this.used = 0;
  }

  private grow(): void {
    const capacity = this.digest.length * 2;
    this.digest = grown(this.digest, 0, this.used, capacity);
    const lastSeq = new Float64Array(capacity);
    lastSeq.set(this.lastSeq);
    this.lastSeq = lastSeq;
    this.freeSlots = new Uint32Array(capacity); // empty: a grow happens only with no free slot
  }
}
