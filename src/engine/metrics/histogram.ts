/**
 * Latency histogram with log-linear buckets (HdrHistogram-like), O(1) record, no allocation.
 *
 * Owns: counts of recorded latencies plus exact count, sum, min and max.
 *
 * Buckets: a value's bucket is its binary exponent and the top SUB_BUCKET_BITS (7) bits of its
 * mantissa, read straight from the IEEE-754 bits — so every power-of-two range is split into
 * 128 equal sub-buckets and a bucket is at most 1/128 (0.78%) of its values wide. Quantiles
 * report the bucket midpoint (±0.39%), clamped to the exact min and max. Range: 2^-10 µs
 * (about 1 ns) to 2^32 µs (about 71 minutes, covering the required 1 hour); values below go
 * to the first bucket, values above to the last (min/max stay exact), zero and negatives to
 * a dedicated zero bucket.
 *
 * Invariants: count === sum of bucket counts; quantileUs is monotone in q.
 * Does not handle: time windows (callers reset or keep one per interval), negative latencies
 * (counted as 0).
 */

const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
const MIN_EXPONENT = -10;
const MAX_EXPONENT = 31; // values up to 2^32 (exclusive) get their own buckets
const EXPONENT_BIAS = 1023;
const BUCKET_COUNT = 1 + (MAX_EXPONENT - MIN_EXPONENT + 1) * SUB_BUCKETS; // bucket 0 holds zeros
/** Highest 32 bits of the smallest bucketed value 2^MIN_EXPONENT, shifted to bucket units. */
const FIRST_KEY = (MIN_EXPONENT + EXPONENT_BIAS) << SUB_BUCKET_BITS;

// A shared scratch pair to read a double's high word; the engine is single-threaded per realm.
const scratchF64 = new Float64Array(1);
const scratchU32 = new Uint32Array(scratchF64.buffer);
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian → 1

function bucketOf(us: number): number {
  if (!(us > 0)) return 0; // zero, negative, NaN
  scratchF64[0] = us;
  // High word: sign(1) exponent(11) mantissa(20). Keep exponent + top 7 mantissa bits.
  const key = scratchU32[HIGH_WORD] >>> (20 - SUB_BUCKET_BITS);
  const index = key - FIRST_KEY + 1;
  if (index < 1) return 1;
  return index < BUCKET_COUNT ? index : BUCKET_COUNT - 1;
}

/** Midpoint of bucket `index` (> 0) in microseconds. */
function bucketMidUs(index: number): number {
  const k = index - 1;
  const exponent = (k >> SUB_BUCKET_BITS) + MIN_EXPONENT;
  const sub = k & (SUB_BUCKETS - 1);
  return Math.pow(2, exponent) * (1 + (sub + 0.5) / SUB_BUCKETS);
}

export class LatencyHistogram {
  count = 0;
  private sumUs = 0;
  private minSeenUs = Infinity;
  private maxSeenUs = -Infinity;
  private readonly buckets = new Float64Array(BUCKET_COUNT);

  record(us: number): void {
    this.buckets[bucketOf(us)]++;
    this.count++;
    const v = us > 0 ? us : 0;
    this.sumUs += v;
    if (v < this.minSeenUs) this.minSeenUs = v;
    if (v > this.maxSeenUs) this.maxSeenUs = v;
  }

  /** Mean of recorded values (exact), 0 when empty. */
  meanUs(): number {
    return this.count === 0 ? 0 : this.sumUs / this.count;
  }

  minUs(): number {
    return this.count === 0 ? 0 : this.minSeenUs;
  }

  maxUs(): number {
    return this.count === 0 ? 0 : this.maxSeenUs;
  }

  /**
   * The value at quantile q in [0, 1] (nearest rank: the ceil(q * count)-th smallest), to
   * within half a bucket; 0 when empty. q = 0 gives the exact min, q = 1 the exact max.
   */
  quantileUs(q: number): number {
    if (this.count === 0) return 0;
    if (q <= 0) return this.minSeenUs;
    if (q >= 1) return this.maxSeenUs;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.buckets[i];
      if (seen >= rank) {
        const mid = i === 0 ? 0 : bucketMidUs(i);
        return Math.min(this.maxSeenUs, Math.max(this.minSeenUs, mid));
      }
    }
    return this.maxSeenUs;
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
    this.sumUs = 0;
    this.minSeenUs = Infinity;
    this.maxSeenUs = -Infinity;
  }

  /** Adds every value recorded in `other` to this histogram. */
  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKET_COUNT; i++) this.buckets[i] += other.buckets[i];
    this.count += other.count;
    this.sumUs += other.sumUs;
    if (other.minSeenUs < this.minSeenUs) this.minSeenUs = other.minSeenUs;
    if (other.maxSeenUs > this.maxSeenUs) this.maxSeenUs = other.maxSeenUs;
  }
}
