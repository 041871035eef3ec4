/**
 * Model-based property test of the prefix-consistency checker against a deliberately naive
 * model: the reference image after prefix n is rebuilt by replaying writes 1..n from the
 * initial images into fresh arrays (memoised per n; writes are only appended).
 *
 * Random groups (1-3 volumes of 1-40 tracks, initial images zero or not), random multi-track
 * writes folded with the engine's digest fold, random monotone check points (and some refused
 * ones: decreasing, beyond lastSeq, inside a frozen history), remotes built by the naive replay
 * to the checked prefix or to another one, optionally corrupted on one track, `foldTo` at any
 * prefix, `equalAt`, and a small `maxHistory` in some runs so the frozen mode is exercised.
 * Checked after every step: lastSeq, base, frozen, historyLength; at every check point
 * findPrefix = the largest matching prefix the history allows, and check's ok /
 * mismatchedTracks / firstMismatch = the naive ones. pre/post are passed in one scratch buffer
 * the harness overwrites, so a checker that kept the caller's arrays would fail. Coverage
 * counters fail the test if a generator change stops exercising a path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWrite } from '../block/digest.ts';
import { PREFIX_CHECK_REASON, PrefixChecker, type PrefixMismatch, type TrackReader } from './prefix-checker.ts';

type Image = number[][];

type Op =
  | { kind: 'write'; volume: number; first: number; span: number }
  | { kind: 'check'; pick: number; refuse: 'no' | 'decrease' | 'beyond'; other: number | null; corrupt: { at: number; xor: number } | null }
  | { kind: 'fold'; pick: number }
  | { kind: 'equalAt' };

interface Case {
  trackCounts: number[];
  initialSeed: number | null;
  maxHistory: number | undefined;
  ops: Op[];
}

const MAX_SPAN = 8;

/** null three times in four. */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('write' as const), volume: fc.nat(), first: fc.nat(), span: fc.integer({ min: 1, max: MAX_SPAN }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('check' as const),
      pick: fc.nat(),
      refuse: fc.constantFrom<'no' | 'decrease' | 'beyond'>('no', 'no', 'no', 'no', 'no', 'no', 'decrease', 'beyond'),
      other: rarely(fc.nat()),
      corrupt: rarely(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 0xffffffff }) })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fold' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'equalAt' as const }) },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  trackCounts: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
  initialSeed: fc.option(fc.nat(), { freq: 2 }),
  maxHistory: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 3, nil: undefined }),
  ops: fc.array(opArb, { minLength: 10, maxLength: 120, size: 'medium' }),
});

function initialImage(trackCounts: number[], seed: number | null): Image {
  return trackCounts.map((n, v) => Array.from({ length: n }, (_, t) => (seed === null || (seed + t) % 5 === 0 ? 0 : foldWrite(0, 99, v * 1000 + t, seed))));
}

interface Written {
  seq: number;
  volume: number;
  first: number;
  span: number;
}

/** The naive model: images after each prefix, each replayed from the initial image. */
class Naive {
  private readonly memo: Image[] = [];
  constructor(
    private readonly initial: Image,
    private readonly writes: Written[],
  ) {}

  image(n: number): Image {
    if (this.memo[n] === undefined) {
      const img = this.initial.map((v) => v.slice());
      for (const w of this.writes.slice(0, n)) applyWrite(img, w);
      this.memo[n] = img;
    }
    return this.memo[n];
  }
}

function applyWrite(img: Image, w: Written): void {
  for (let i = 0; i < w.span; i++) img[w.volume][w.first + i] = foldWrite(img[w.volume][w.first + i], 1, w.seq, i);
}

function diff(expected: Image, remote: Image): { count: number; first: PrefixMismatch | null } {
  let count = 0;
  let first: PrefixMismatch | null = null;
  expected.forEach((vol, volume) =>
    vol.forEach((d, track) => {
      if (d === remote[volume][track]) return;
      count++;
      first ??= { volume, track, expected: d, actual: remote[volume][track] };
    }),
  );
  return { count, first };
}

function runCase(c: Case, seen: Coverage): void {
  const checker = new PrefixChecker(c.trackCounts, { maxHistory: c.maxHistory });
  const maxHistory = c.maxHistory ?? 1_000_000;
  const initial = initialImage(c.trackCounts, c.initialSeed);
  const primary = initial.map((v) => v.slice());
  const readPrimary: TrackReader = (v, t) => primary[v][t];
  const writes: Written[] = [];
  const naive = new Naive(initial, writes);
  const scratchPre = new Uint32Array(MAX_SPAN);
  const scratchPost = new Uint32Array(MAX_SPAN);
  let lastSeq = 0;
  let base = 0;
  let frozen = false;

  for (const op of c.ops) {
    if (op.kind === 'write') {
      const volume = op.volume % c.trackCounts.length;
      const first = op.first % c.trackCounts[volume];
      const span = Math.min(op.span, c.trackCounts[volume] - first);
      const w: Written = { seq: lastSeq + 1, volume, first, span };
      for (let i = 0; i < span; i++) scratchPre[i] = primary[volume][first + i];
      applyWrite(primary, w);
      for (let i = 0; i < span; i++) scratchPost[i] = primary[volume][first + i];
      checker.record({ seq: w.seq, volume, first, last: first + span - 1, pre: scratchPre.subarray(0, span), post: scratchPost.subarray(0, span) });
      writes.push(w);
      lastSeq = w.seq;
      if (!frozen && lastSeq - base > maxHistory) frozen = true;
    } else if (op.kind === 'fold') {
      // Any n in [0, lastSeq]: below base and (frozen) middle prefixes are no-ops.
      const n = op.pick % (lastSeq + 1);
      checker.foldTo(n, readPrimary);
      if (frozen ? n === lastSeq : n > base) seen.folded++;
      if (frozen && n === lastSeq) frozen = false;
      if (!frozen) base = Math.max(base, n);
    } else if (op.kind === 'equalAt') {
      checker.equalAt();
      base = lastSeq;
      frozen = false;
    } else {
      let n = base + (op.pick % (lastSeq - base + 1));
      if (op.refuse === 'decrease' && base > 0) n = base - 1 - (op.pick % base);
      if (op.refuse === 'beyond') n = lastSeq + 1 + (op.pick % 3);
      const m = op.other === null || n > lastSeq || n < 0 ? Math.min(Math.max(n, 0), lastSeq) : op.other % (lastSeq + 1);
      const remote = naive.image(m).map((v) => v.slice());
      if (op.corrupt !== null) {
        const volume = op.corrupt.at % c.trackCounts.length;
        const track = op.corrupt.at % c.trackCounts[volume];
        remote[volume][track] = (remote[volume][track] ^ op.corrupt.xor) >>> 0;
      }
      const readRemote: TrackReader = (v, t) => remote[v][t];

      // findPrefix first (it does not fold): the largest prefix the history can build.
      let expectedPrefix: number | null = null;
      for (let k = lastSeq; k >= base && expectedPrefix === null; k--) {
        if (frozen && k !== base && k !== lastSeq) continue;
        if (diff(naive.image(k), remote).count === 0) expectedPrefix = k;
      }
      expect(checker.findPrefix(readPrimary, readRemote)).toBe(expectedPrefix);
      if (expectedPrefix !== null && expectedPrefix !== n) seen.otherPrefixFound++;

      const r = checker.check(n, readPrimary, readRemote);
      expect(r.prefix).toBe(n);
      if (n < base || n > lastSeq || (frozen && n !== base && n !== lastSeq)) {
        const reason = n < base ? PREFIX_CHECK_REASON.decreased : n > lastSeq ? PREFIX_CHECK_REASON.beyond : PREFIX_CHECK_REASON.notKept;
        expect(r).toEqual({ ok: false, prefix: n, tracksCompared: 0, mismatchedTracks: 0, firstMismatch: null, reason });
        seen.refused[reason]++;
      } else {
        const d = diff(naive.image(n), remote);
        expect(r.ok).toBe(d.count === 0);
        expect(r.mismatchedTracks).toBe(d.count);
        expect(r.firstMismatch).toEqual(d.first);
        expect(r.reason).toBe(d.count === 0 ? null : PREFIX_CHECK_REASON.differs);
        expect(r.tracksCompared).toBe(c.trackCounts.reduce((a, b) => a + b, 0));
        if (d.count === 0) seen.passed++;
        else seen.failed++;
        if (frozen) seen.frozenCompared++;
        if (n > base && n < lastSeq) seen.middlePrefix++;
        base = n;
        if (n === lastSeq) frozen = false;
      }
    }
    expect(checker.lastSeq).toBe(lastSeq);
    expect(checker.base).toBe(base);
    expect(checker.frozen).toBe(frozen);
    expect(checker.historyLength).toBe(frozen ? 0 : lastSeq - base);
  }
  // A last check at lastSeq against the primary itself always passes and empties the history.
  expect(checker.check(lastSeq, readPrimary, readPrimary).ok).toBe(true);
  expect(checker.historyLength).toBe(0);
  expect(checker.frozen).toBe(false);
}

/** How often each path ran, so a generator change that stops exercising one fails the test. */
interface Coverage {
  passed: number;
  failed: number;
  middlePrefix: number;
  otherPrefixFound: number;
  frozenCompared: number;
  folded: number;
  refused: Record<string, number>;
}

function coverage(): Coverage {
  const refused = Object.fromEntries(Object.values(PREFIX_CHECK_REASON).map((r) => [r, 0]));
  return { passed: 0, failed: 0, middlePrefix: 0, otherPrefixFound: 0, frozenCompared: 0, folded: 0, refused };
}

function expectEveryPath(seen: Coverage): void {
  const { refused, ...compared } = seen;
  const paths: Record<string, number> = { ...compared, ...refused };
  delete paths[PREFIX_CHECK_REASON.differs]; // not a refusal: counted as `failed`
  for (const [path, count] of Object.entries(paths)) expect(count, path).toBeGreaterThan(10);
}

describe('remote copy › prefix checker › naive model', () => {
  it('check and findPrefix agree with a naive replay under random writes, check points and corruption', () => {
    const seen = coverage();
    fc.assert(
      fc.property(caseArb, (c) => runCase(c, seen)),
      { numRuns: 300, seed: 0x5ee7_c0de },
    );
    expectEveryPath(seen);
  });

  it('agrees on hot tracks: one volume of 1-3 tracks, many rewrites', () => {
    const seen = coverage();
    const hotArb = caseArb.map((c) => ({ ...c, trackCounts: [1 + (c.trackCounts[0] % 3)] }));
    fc.assert(
      fc.property(hotArb, (c) => runCase(c, seen)),
      { numRuns: 200, seed: 0x0407_7ac5 },
    );
    expectEveryPath(seen);
  });
});
