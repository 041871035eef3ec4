/**
 * A master journal and its restore side (Universal Replicator): the entries of asynchronous
 * remote copy in sequence order, from the acknowledgement of a host write to the trim after the
 * remote applied it.
 *
 * Owns the entry ring (typed arrays, grown by doubling, never shrunk) and four cursors over the
 * absolute entry numbers, which only move forward:
 *
 *   head ≤ applied ≤ tail, and head ≤ send ≤ tail
 *   [head, applied): applied at the remote, waiting for the trim to reach the master
 *   [applied, tail): not applied yet — received (flag) or on the wire or unsent (index ≥ send)
 *
 * Per entry: the consistency group's journal sequence number (apply order), the history
 * sequence number (the group's count of acknowledged writes: the prefix the remote holds), the
 * pair, the block and size of the write, its writer and write sequence (what the digest folds),
 * its acknowledgement time, and whether the remote has received it. A purged entry stays in
 * the ring as void (pair -1, 0 bytes): the remote applies it as nothing, so the sequence has no
 * gap.
 *
 * Invariants: `usedBytes` is the bytes of the entries in [head, tail); `restoreBytes` the bytes
 * received and not applied; entries are appended in journal-sequence order.
 *
 * Does not handle: when entries move (remote-copy.ts), the WAN (wan.ts).
 */
export class JournalRing {
  /** Absolute entry numbers (see the header). */
  head = 0;
  applied = 0;
  send = 0;
  tail = 0;
  usedBytes = 0;
  restoreBytes = 0;
  /** Entries in [head, tail) that are not void. */
  liveEntries = 0;
  /** Entries received at the restore side and not applied yet (not void). */
  restoreEntries = 0;
  jseq: Float64Array;
  hseq: Float64Array;
  pair: Int32Array;
  block: Float64Array;
  bytes: Int32Array;
  writer: Int32Array;
  wseq: Float64Array;
  ackUs: Float64Array;
  received: Uint8Array;
  private mask: number;

  constructor(initialCapacity = 1024) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.mask = n - 1;
    this.jseq = new Float64Array(n);
    this.hseq = new Float64Array(n);
    this.pair = new Int32Array(n);
    this.block = new Float64Array(n);
    this.bytes = new Int32Array(n);
    this.writer = new Int32Array(n);
    this.wseq = new Float64Array(n);
    this.ackUs = new Float64Array(n);
    this.received = new Uint8Array(n);
  }

  /** Ring slot of absolute entry `e`. */
  at(e: number): number {
    return e & this.mask;
  }

  /** Entries held (void ones excluded). */
  get entries(): number {
    return this.liveEntries;
  }

  append(jseq: number, hseq: number, pair: number, block: number, bytes: number, writer: number, wseq: number, ackUs: number): void {
    if (this.tail - this.head === this.mask + 1) this.grow();
    const i = this.tail & this.mask;
    this.jseq[i] = jseq;
    this.hseq[i] = hseq;
    this.pair[i] = pair;
    this.block[i] = block;
    this.bytes[i] = bytes;
    this.writer[i] = writer;
    this.wseq[i] = wseq;
    this.ackUs[i] = ackUs;
    this.received[i] = 0;
    this.tail++;
    this.usedBytes += bytes;
    this.liveEntries++;
  }

  /** Trims the applied entries below `upTo` (absolute; clamped to `applied`). */
  trim(upTo: number): void {
    const end = Math.min(upTo, this.applied);
    while (this.head < end) {
      this.usedBytes -= this.bytes[this.head & this.mask];
      if (this.pair[this.head & this.mask] >= 0) this.liveEntries--;
      this.head++;
    }
  }

  /** Makes entry `e` void: it carries nothing and applies as nothing. Returns its bytes. */
  voidEntry(e: number): number {
    const i = e & this.mask;
    const b = this.bytes[i];
    if (this.pair[i] < 0) return 0;
    this.liveEntries--;
    this.usedBytes -= b;
    if (this.received[i] === 1 && e >= this.applied) {
      this.restoreBytes -= b;
      this.restoreEntries--;
    }
    this.bytes[i] = 0;
    this.pair[i] = -1;
    return b;
  }

  /** Drops every entry (the group left remote copy): all cursors meet at the tail. */
  clear(): void {
    this.head = this.applied = this.send = this.tail;
    this.usedBytes = 0;
    this.restoreBytes = 0;
    this.liveEntries = 0;
    this.restoreEntries = 0;
  }

  private grow(): void {
    const n = (this.mask + 1) * 2;
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      for (let e = this.head; e < this.tail; e++) next[e & (n - 1)] = old[e & this.mask];
      return next;
    };
    this.jseq = copy(this.jseq, (k) => new Float64Array(k));
    this.hseq = copy(this.hseq, (k) => new Float64Array(k));
    this.pair = copy(this.pair, (k) => new Int32Array(k));
    this.block = copy(this.block, (k) => new Float64Array(k));
    this.bytes = copy(this.bytes, (k) => new Int32Array(k));
    this.writer = copy(this.writer, (k) => new Int32Array(k));
    this.wseq = copy(this.wseq, (k) => new Float64Array(k));
    this.ackUs = copy(this.ackUs, (k) => new Float64Array(k));
    this.received = copy(this.received, (k) => new Uint8Array(k));
    this.mask = n - 1;
  }
}
