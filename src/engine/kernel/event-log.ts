/**
 * The engine's event log: a running order-sensitive hash over every recorded event plus a ring
 * of the most recent ones for display and failure reports.
 *
 * Owns: the determinism fingerprint. Two runs of the same scenario and seed must record the
 * same events in the same order, so their `hash()` must match (in Node and in the worker).
 *
 * Invariants:
 * - `hash()` covers every record since construction or `clear()`, in order; it is two 32-bit
 *   murmur3-style lanes with different seeds, finalised with the count (64 bits of output);
 * - `record` allocates nothing: the ring is four preallocated typed arrays;
 * - time and payload words are hashed as full safe integers (low and high 32-bit words), so
 *   large byte counts or times past 71 minutes are not truncated; a fractional payload is
 *   hashed by its integer part (record integers).
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

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** One murmur3 block step: fold a 32-bit word into lane `h`. */
function step(h: number, word: number, c1: number, c2: number): number {
  let k = Math.imul(word, c1);
  k = rotl(k, 15);
  k = Math.imul(k, c2);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

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
    // Split once, fold into both lanes: each lane sees the same seven 32-bit words.
    const tLo = timeUs | 0;
    const tHi = timeUs >= 0 && timeUs < TWO_POW_32 ? 0 : Math.floor(timeUs / TWO_POW_32) | 0;
    const c = code | 0;
    const aLo = a | 0;
    const aHi = a >= 0 && a < TWO_POW_32 ? 0 : Math.floor(a / TWO_POW_32) | 0;
    const bLo = b | 0;
    const bHi = b >= 0 && b < TWO_POW_32 ? 0 : Math.floor(b / TWO_POW_32) | 0;
    let h = this.laneA;
    h = step(h, tLo, 0xcc9e2d51, 0x1b873593);
    h = step(h, tHi, 0xcc9e2d51, 0x1b873593);
    h = step(h, c, 0xcc9e2d51, 0x1b873593);
    h = step(h, aLo, 0xcc9e2d51, 0x1b873593);
    h = step(h, aHi, 0xcc9e2d51, 0x1b873593);
    h = step(h, bLo, 0xcc9e2d51, 0x1b873593);
    this.laneA = step(h, bHi, 0xcc9e2d51, 0x1b873593);
    h = this.laneB;
    h = step(h, tLo, 0x239b961b, 0xab0e9789);
    h = step(h, tHi, 0x239b961b, 0xab0e9789);
    h = step(h, c, 0x239b961b, 0xab0e9789);
    h = step(h, aLo, 0x239b961b, 0xab0e9789);
    h = step(h, aHi, 0x239b961b, 0xab0e9789);
    h = step(h, bLo, 0x239b961b, 0xab0e9789);
    this.laneB = step(h, bHi, 0x239b961b, 0xab0e9789);
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
