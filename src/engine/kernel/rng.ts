/**
 * Seeded randomness for the engine: one root seed, a derived sub-seed per component.
 *
 * Owns: `Rng` (sfc32, seeded through splitmix32), `deriveSeed` (FNV-1a of a label mixed into
 * the root seed), `ZipfSampler` (Gray et al. 1994, "Quickly generating billion-record
 * synthetic databases", as YCSB's ZipfianGenerator) and `scatter` (a fixed permutation that
 * spreads hot Zipf ranks across the key space).
 *
 * Invariants:
 * - the same seed gives the same sequence on every JS engine (only 32-bit integer ops);
 * - `fork(label)` depends only on this generator's seed and the label, never on how many
 *   numbers were drawn, so adding a draw in one component cannot shift another's stream;
 * - `int(n)` is unbiased (rejection sampling), `next()` is in [0, 1).
 *
 * Does not handle: cryptographic use; streams that must survive serialisation mid-run
 * (state is four int32 words; add save/restore if a snapshot-and-resume feature needs it).
 */
import { assert, assertFail } from './assert.ts';

const TWO_POW_32 = 4294967296;
const TWO_POW_21 = 2097152;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** FNV-1a over the label's UTF-16 code units (deterministic, no TextEncoder needed). */
function fnv1a32(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The splitmix32 / murmur3 finaliser: a bijective avalanche over 32 bits. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Splits a safe integer seed into two 32-bit words so seeds above 2^32 stay distinct. */
function seedWords(seed: number): [number, number] {
  assert(Number.isSafeInteger(seed), `rng: seed must be a safe integer, got ${seed}`);
  return [seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0];
}

/** Sub-seed for a named component: `deriveSeed(root, 'array:A1/cache')`. Result in [0, 2^32). */
export function deriveSeed(root: number, label: string): number {
  const [lo, hi] = seedWords(root);
  let h = mix32(lo ^ 0x9e3779b9);
  h = mix32(h ^ hi ^ 0x7f4a7c15);
  return mix32(h ^ fnv1a32(label));
}

export class Rng {
  /** The seed this generator was built from (forks derive from it). */
  readonly seed: number;
  // sfc32's four int32 words, in a typed array so values outside the 31-bit Smi range
  // (pointer-compressed V8 builds, e.g. Chromium) never box into heap numbers.
  private readonly s = new Int32Array(4);
  // `int(n)` caches its rejection bound for the last n (workloads draw over a fixed range).
  private lastN = NaN; // never equal to any n, so the first call validates
  private lastBound = 0;

  constructor(seed: number) {
    const [lo, hi] = seedWords(seed);
    this.seed = seed;
    // splitmix32 expands the seed into sfc32's state; the counter word starts at 1.
    let sm = (lo ^ Math.imul(hi, 0x9e3779b1)) | 0;
    sm = (sm + 0x9e3779b9) | 0;
    const st = this.s;
    st[0] = mix32(sm);
    sm = (sm + 0x9e3779b9) | 0;
    st[1] = mix32(sm);
    sm = (sm + 0x9e3779b9) | 0;
    st[2] = mix32(sm);
    st[3] = 1;
    for (let i = 0; i < 12; i++) this.nextU32(); // sfc32's recommended warm-up
  }

  /** Uniform integer in [0, 2^32). sfc32 (Chris Doty-Humphrey, PractRand). */
  nextU32(): number {
    const st = this.s;
    const a = st[0];
    const b = st[1];
    const c = st[2];
    const d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    st[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() * INV_TWO_POW_32;
  }

  /** Uniform integer in [0, n), unbiased; n an integer in [1, 2^32]. */
  int(n: number): number {
    if (n !== this.lastN) {
      if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32)) assertFail(`rng: int(n) needs an integer 1..2^32, got ${n}`);
      this.lastN = n;
      // n <= 2^21: the low-word threshold of Lemire's method; else the largest multiple of n.
      this.lastBound = n <= TWO_POW_21 ? (TWO_POW_32 - n) % n : TWO_POW_32 - (TWO_POW_32 % n);
    }
    if (n <= TWO_POW_21) {
      // Lemire's multiply-shift; x * n < 2^53 is exact. Reject the few low words that bias it.
      // (× 2^-32 is exact, and cheaper than ÷ 2^32.)
      const threshold = this.lastBound;
      for (;;) {
        const m = this.nextU32() * n;
        const high = Math.floor(m * INV_TWO_POW_32);
        if (m - high * TWO_POW_32 >= threshold) return high;
      }
    }
    const limit = this.lastBound;
    for (;;) {
      const x = this.nextU32();
      // x mod n without a float modulo (a libm call): the quotient is exact below 2^32.
      if (x < limit) return x - Math.floor(x / n) * n;
    }
  }

  /** Exponentially distributed with the given mean (> 0); never returns Infinity. */
  exp(mean: number): number {
    if (!(mean > 0)) assertFail(`rng: exp mean must be > 0, got ${mean}`);
    return -mean * Math.log1p(-this.next()); // 1 - next() is in (0, 1]
  }

  /** An independent generator for a named sub-component, derived from this seed only. */
  fork(label: string): Rng {
    return new Rng(deriveSeed(this.seed, label));
  }
}

/** Below this many items the Zipf normaliser is summed exactly; above, Euler–Maclaurin. */
const ZETA_EXACT_LIMIT = 1 << 16;

/** sum_{i=from}^{to} i^-theta by plain summation. */
function zetaExact(from: number, to: number, theta: number): number {
  let sum = 0;
  for (let i = from; i <= to; i++) sum += Math.pow(i, -theta);
  return sum;
}

/**
 * zeta(n, theta) = sum_{i=1}^{n} i^-theta. O(1) beyond ZETA_EXACT_LIMIT: the exact head plus
 * Euler–Maclaurin for the tail (integral, end-point and two derivative corrections), whose
 * error at K = 2^16 is far below double rounding. expm1 keeps the integral exact as theta → 1.
 */
export function zeta(n: number, theta: number): number {
  if (n <= ZETA_EXACT_LIMIT) return zetaExact(1, n, theta);
  const k = ZETA_EXACT_LIMIT;
  const head = zetaExact(1, k - 1, theta);
  const oneMinus = 1 - theta;
  const logRatio = Math.log(n / k);
  const integral = oneMinus === 0 ? logRatio : (Math.pow(k, oneMinus) * Math.expm1(oneMinus * logRatio)) / oneMinus;
  const f = (x: number): number => Math.pow(x, -theta);
  const d1 = (x: number): number => -theta * Math.pow(x, -theta - 1);
  const d3 = (x: number): number => -theta * (theta + 1) * (theta + 2) * Math.pow(x, -theta - 3);
  return head + integral + (f(k) + f(n)) / 2 + (d1(n) - d1(k)) / 12 - (d3(n) - d3(k)) / 720;
}

/**
 * Zipf-distributed ranks in [0, n): rank 0 is the hottest, P(rank r) ∝ 1 / (r + 1)^theta.
 * O(1) per sample (Gray et al.): the two hottest ranks are exact, the tail follows the
 * continuous approximation. Written as exp(log1p(...) / (1 - theta)) so theta near 1 stays
 * accurate; theta === 1 uses the closed-form limit exp(-c (1 - u)).
 */
export class ZipfSampler {
  readonly n: number;
  readonly theta: number;
  private readonly rng: Rng;
  private readonly zetaN: number;
  private readonly secondEdge: number;
  private readonly eta: number;
  private readonly oneMinusTheta: number;
  private readonly limitC: number;

  constructor(n: number, theta: number, rng: Rng) {
    assert(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32, `zipf: n must be an integer 1..2^32, got ${n}`);
    assert(theta > 0 && theta < 3, `zipf: theta must be in (0, 3), got ${theta}`);
    this.n = n;
    this.theta = theta;
    this.rng = rng;
    this.zetaN = zeta(n, theta);
    this.secondEdge = 1 + Math.pow(0.5, theta);
    this.oneMinusTheta = 1 - theta;
    const zeta2 = 1 + Math.pow(0.5, theta);
    const tailShare = n > 2 ? 1 - zeta2 / this.zetaN : 1;
    this.eta = -Math.expm1(this.oneMinusTheta * Math.log(2 / n)) / tailShare;
    this.limitC = Math.log(n / 2) / tailShare;
  }

  next(): number {
    const u = this.rng.next();
    const uz = u * this.zetaN;
    if (uz < 1 || this.n === 1) return 0;
    if (uz < this.secondEdge || this.n === 2) return 1;
    const scale =
      this.oneMinusTheta === 0
        ? Math.exp(-this.limitC * (1 - u))
        : Math.exp(Math.log1p(this.eta * (u - 1)) / this.oneMinusTheta);
    const rank = Math.floor(this.n * scale);
    return rank < this.n ? rank : this.n - 1;
  }
}

/**
 * A fixed permutation of [0, n) (n <= 2^32) so that consecutive Zipf ranks land far apart.
 * Bijective mixing on the next power of two (multiply by odd constants, xor-shift), then
 * cycle-walking until the value falls below n: a true permutation for every n, expected
 * fewer than 2 rounds.
 */
export function scatter(rank: number, n: number): number {
  if (!(rank >= 0 && rank < n && Number.isInteger(rank) && n <= TWO_POW_32)) assertFail(`scatter: rank ${rank} not in [0, ${n})`);
  if (n === 1) return 0;
  const bits = 32 - Math.clz32(n - 1);
  const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  const shift = bits > 1 ? bits >>> 1 : 1;
  let x = rank;
  do {
    x = (Math.imul(x, 0x9e3779b1) & mask) >>> 0;
    x ^= x >>> shift;
    x = (Math.imul(x, 0x85ebca77) & mask) >>> 0;
    x ^= x >>> shift;
    x = (x + 0x6d2b79f5) & mask;
    x >>>= 0;
  } while (x >= n);
  return x;
}
