/**
 * The engine's event log: a running order-sensitive hash over every recorded event plus a ring
 * of the most recent ones for display and failure reports.
 *
 * Owns: the determinism fingerprint. Two runs of the same scenario and seed must record the
 * same events in the same order, so their `hash()` must match (in Node and in the worker).
 *
 * Invariants:
 * - `hash()` covers every record since construction or `clear()`, in order; it is two
 *   independent 32-bit lanes (different seeds and multipliers), finalised with the count and a
 *   murmur3 avalanche (64 bits of output);
 * - each record folds its words into each lane with a multiply–xorshift step
 *   `h = imul(h ^ word, M); h ^= h >>> 15`. Both halves of the step are bijections of h, so two
 *   logs that differ only in the last word of their last record always hash differently, and a
 *   difference anywhere else survives with probability 1 - 2^-64 (roughly); the chain is not
 *   commutative, so order matters. Four words per record in the usual case (time, code, a, b
 *   below 2^32) — one multiply per word and lane, a sixth of the murmur3 block steps this
 *   replaced, which cost ~15 % of a simulation's run time;
 * - `record` allocates nothing: the ring is four preallocated typed arrays;
 * - time and payload words are hashed as full safe integers: when any of them is negative or
 *   >= 2^32 their high words are folded too, and the code word is tagged (bit 30) so the two
 *   encodings never coincide; large byte counts or times past 71 minutes are therefore not
 *   truncated; a fractional payload is hashed by its integer part (record integers). Codes
 *   are small non-negative integers (< 2^30).
 *
 * Does not handle: persistence or filtering; keeping more than RECENT_LIMIT records.
 */

/** How many of the latest records `recent()` can return (a power of two). */
export const RECENT_LIMIT = 1024;

const TWO_POW_32 = 4294967296;

export interface LoggedEvent {
  timeUs: number;
  code: number;
  a: number;
  b: number;
}

const M_A = 0x9e3779b1 | 0; // odd multipliers (golden ratio; murmur3 fmix constant)
const M_B = 0x85ebca6b | 0;
const HIGH_WORDS = 0x40000000; // tags the code word of a record whose high words follow

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

export class EventLog {
  private laneA = 0x243f6a88; // seeds: digits of pi, so the lanes start apart
  private laneB = 0x85a308d3 | 0;
  private total = 0;
  private ringIndex = 0; // next ring slot to write (total mod RECENT_LIMIT, kept as an int)
  private readonly times = new Float64Array(RECENT_LIMIT);
  private readonly codes = new Int32Array(RECENT_LIMIT);
  private readonly as = new Float64Array(RECENT_LIMIT);
  private readonly bs = new Float64Array(RECENT_LIMIT);

  get count(): number {
    return this.total;
  }

  record(timeUs: number, code: number, a: number, b: number): void {
    const t = timeUs | 0;
    const c = code | 0;
    const aLo = a | 0;
    const bLo = b | 0;
    let hA = this.laneA;
    let hB = this.laneB;
    if (timeUs >= 0 && timeUs < TWO_POW_32 && a >= 0 && a < TWO_POW_32 && b >= 0 && b < TWO_POW_32) {
      hA = Math.imul(hA ^ t, M_A);
      hB = Math.imul(hB ^ t, M_B);
      hA ^= hA >>> 15;
      hB ^= hB >>> 15;
      hA = Math.imul(hA ^ c, M_A);
      hB = Math.imul(hB ^ c, M_B);
    } else {
      // Rare: negative or >= 2^32 values. Tag the code word, then fold the high words too.
      const tHi = Math.floor(timeUs / TWO_POW_32) | 0;
      const aHi = Math.floor(a / TWO_POW_32) | 0;
      const bHi = Math.floor(b / TWO_POW_32) | 0;
      hA = Math.imul(hA ^ t, M_A);
      hB = Math.imul(hB ^ t, M_B);
      hA ^= hA >>> 15;
      hB ^= hB >>> 15;
      hA = Math.imul(hA ^ (c | HIGH_WORDS), M_A);
      hB = Math.imul(hB ^ (c | HIGH_WORDS), M_B);
      hA ^= hA >>> 15;
      hB ^= hB >>> 15;
      hA = Math.imul(hA ^ tHi, M_A);
      hB = Math.imul(hB ^ tHi, M_B);
      hA ^= hA >>> 15;
      hB ^= hB >>> 15;
      hA = Math.imul(hA ^ aHi, M_A);
      hB = Math.imul(hB ^ aHi, M_B);
      hA ^= hA >>> 15;
      hB ^= hB >>> 15;
      hA = Math.imul(hA ^ bHi, M_A);
      hB = Math.imul(hB ^ bHi, M_B);
    }
    hA ^= hA >>> 15;
    hB ^= hB >>> 15;
    hA = Math.imul(hA ^ aLo, M_A);
    hB = Math.imul(hB ^ aLo, M_B);
    hA ^= hA >>> 15;
    hB ^= hB >>> 15;
    hA = Math.imul(hA ^ bLo, M_A);
    hB = Math.imul(hB ^ bLo, M_B);
    this.laneA = hA ^ (hA >>> 15);
    this.laneB = hB ^ (hB >>> 15);
    const slot = this.ringIndex;
    this.ringIndex = (slot + 1) & (RECENT_LIMIT - 1);
    this.times[slot] = timeUs;
    this.codes[slot] = code;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.total++;
  }

  /** 16 lower-case hex chars identifying the whole sequence recorded so far. */
  hash(): string {
    const n = this.total;
    let a = this.laneA ^ (n | 0);
    let b = this.laneB ^ (Math.floor(n / TWO_POW_32) | 0);
    a = (a + b) | 0; // cross the lanes so each half depends on both
    b = (b + a) | 0;
    a = fmix32(a);
    b = fmix32(b);
    a = (a + b) | 0;
    b = (b + a) | 0;
    return hex8(a) + hex8(b);
  }

  /** The last min(n, count, RECENT_LIMIT) records, oldest first. Allocates; not for hot paths. */
  recent(n: number): LoggedEvent[] {
    const take = Math.max(0, Math.min(Math.floor(n), this.total, RECENT_LIMIT));
    const out: LoggedEvent[] = [];
    for (let i = this.total - take; i < this.total; i++) {
      const slot = i & (RECENT_LIMIT - 1);
      out.push({ timeUs: this.times[slot], code: this.codes[slot], a: this.as[slot], b: this.bs[slot] });
    }
    return out;
  }

  clear(): void {
    this.laneA = 0x243f6a88;
    this.laneB = 0x85a308d3 | 0;
    this.total = 0;
    this.ringIndex = 0;
  }
}
