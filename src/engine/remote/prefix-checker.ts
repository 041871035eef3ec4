/**
 * Prefix-consistency checker for remote copy: proves that the remote image of one consistency
 * group equals the primary after some prefix n of the group's acknowledged writes, without
 * keeping a copy of the primary.
 *
 * Owns: the group's write history since the last checked prefix (`base`), the digest every
 * track that history touches had after prefix `base` (`before`), and the comparison of a remote
 * image with the primary after a prefix. Used by "verify remote" and the engine's property
 * tests; fed by the engine (`record` right after the primary applied a write).
 *
 * The reference digest of a track after prefix m (base <= m <= lastSeq) is
 *   - the post digest of the last history entry <= m that touches it, if there is one; else
 *   - before[track], if a later entry touches it (the primary has moved on since); else
 *   - the primary's current digest (nothing after `base` touched it).
 * `check(n)` folds the history to n first (pops the entries <= n in order: a track whose last
 * toucher is popped leaves `before`, the primary's current digest is its value now; any other
 * track takes the popped post digest); the reference is then `before[track] ?? primary(track)`.
 *
 *   record(seq = lastSeq + 1)   check(n) or foldTo(n): fold entries <= n   equalAt()
 *   ─────────► history (base, lastSeq] ──────────────────────► base = n ──► base = lastSeq
 *                   │ over maxHistory                                      history empty
 *                   ▼
 *               frozen: history dropped, `before` kept ── check(lastSeq) or equalAt() ──► not frozen
 *
 * Invariants: seqs are consecutive from 1; `base` never decreases; the history holds exactly
 * seqs base+1..lastSeq (empty while frozen); a track is in `before` iff a write > base touched
 * it; `lastTouch` holds, for each such track, the seq of the last entry touching it (not kept
 * while frozen); an empty, unfrozen history has empty `before` and `lastTouch`. Folding checks
 * its data against the primary where both are known (paired with `record`): when a track's last
 * recorded write is folded, the primary must still hold that write's post digest.
 *
 * Digests are unsigned 32-bit; `pre`/`post` may also hold the same bits as int32 (they are
 * stored `>>> 0`); readers must return unsigned values (as `TrackDigests.get` does).
 *
 * Memory: the history is a ring of typed arrays (entry fields and post digests; amortised
 * growth, no allocation per `record`) of at most `maxHistory` entries; `before` and `lastTouch`
 * (one table, TouchedTracks) hold one slot per distinct track touched since `base`.
 *
 * Does not handle: reading volumes (the caller passes readers), deciding which writes belong to
 * the group, or when to check. Pure and deterministic; imports nothing from the engine. The two
 * tables live in prefix-history.ts.
 */
import { HistoryRing, TouchedTracks } from './prefix-history.ts';

/** One acknowledged write of the group, as the primary applied it. */
export interface RecordedWrite {
  /** Sequence number within the group: 1, 2, 3 … (consecutive). */
  seq: number;
  /** Volume index in the group, 0..V-1. */
  volume: number;
  /** First and last track touched (inclusive). */
  first: number;
  last: number;
  /** Digests of tracks first..last right before the write (last-first+1 of them). */
  pre: ArrayLike<number>;
  /** Digests of tracks first..last right after the write (last-first+1 of them). */
  post: ArrayLike<number>;
}

/** Reads one track's digest (unsigned 32-bit) of one volume of the group. */
export type TrackReader = (volume: number, track: number) => number;

/** Where a remote image first differs from the reference (lowest volume, then lowest track). */
export interface PrefixMismatch {
  volume: number;
  track: number;
  /** The primary's digest after the prefix. */
  expected: number;
  /** The remote's digest. */
  actual: number;
}

/** The answer of `check`. */
export interface PrefixCheck {
  ok: boolean;
  /** The prefix checked (the `n` asked for). */
  prefix: number;
  /** Tracks compared: every track of every volume, or 0 when the check was refused. */
  tracksCompared: number;
  mismatchedTracks: number;
  firstMismatch: PrefixMismatch | null;
  /** Why `ok` is false (one of PREFIX_CHECK_REASON), null when ok. */
  reason: string | null;
}

/** The `reason` strings of a failed check. */
export const PREFIX_CHECK_REASON = {
  decreased: 'prefix decreased',
  beyond: 'prefix beyond the last acknowledged write',
  notKept: 'history not kept',
  differs: 'remote differs from the primary after the prefix',
} as const;

/** Default bound on history entries: ~12 bytes each plus their post digests. */
const DEFAULT_MAX_HISTORY = 1_000_000;
const INT32_MIN = -2147483648;
const UINT32_MAX = 0xffffffff;

function fail(message: string): never {
  throw new Error(`prefix checker: ${message}`);
}

/** Whether `d` holds 32 bits as uint32 or int32. */
const isDigestBits = (d: number): boolean => Number.isInteger(d) && d >= INT32_MIN && d <= UINT32_MAX;

/** Checks that a group's remote image is a prefix of its acknowledged writes (see the header). */
export class PrefixChecker {
  private readonly trackCounts: readonly number[];
  /** Key of (volume, 0); a track's key is keyStart[volume] + track, so keys sort by (volume, track). */
  private readonly keyStart: number[];
  private readonly totalTracks: number;
  private readonly maxHistory: number;
  private lastRecorded = 0;
  private anchor = 0;
  private isFrozen = false;
  /** `before` and `lastTouch` (lastTouch not kept while frozen). */
  private readonly touched = new TouchedTracks();
  private readonly history = new HistoryRing();

  /**
   * @param trackCounts tracks of each volume of the group, by volume index.
   * @param opts.maxHistory history entries kept before the checker freezes (default 1,000,000).
   */
  constructor(trackCounts: readonly number[], opts?: { maxHistory?: number }) {
    this.trackCounts = trackCounts.slice();
    this.keyStart = [];
    let total = 0;
    for (const count of this.trackCounts) {
      if (!(Number.isInteger(count) && count >= 0 && count <= UINT32_MAX)) fail(`bad track count ${count}`);
      this.keyStart.push(total);
      total += count;
    }
    this.totalTracks = total;
    this.maxHistory = opts?.maxHistory ?? DEFAULT_MAX_HISTORY;
    if (!(Number.isInteger(this.maxHistory) && this.maxHistory >= 0)) fail(`bad maxHistory ${this.maxHistory}`);
  }

  /** The last recorded seq (0 before any). */
  get lastSeq(): number {
    return this.lastRecorded;
  }

  /** The prefix the history is anchored at (entries <= base are folded away). */
  get base(): number {
    return this.anchor;
  }

  /**
   * Whether history past `base` was dropped (over maxHistory): only prefix `base` or `lastSeq`
   * can be checked then. A check at `lastSeq` or `equalAt()` ends it.
   */
  get frozen(): boolean {
    return this.isFrozen;
  }

  /** Memory in use: history entries kept. */
  get historyLength(): number {
    return this.history.length;
  }

  /**
   * Records write `w.seq` right after the primary applied it. Throws (and changes nothing) if
   * `w.seq !== lastSeq + 1`, the volume or track range is outside the group, or `pre`/`post`
   * do not hold last-first+1 32-bit digests. Copies what it keeps: the caller may reuse
   * `pre`/`post` buffers.
   */
  record(w: RecordedWrite): void {
    this.validate(w);
    this.recordSpan(w.seq, w.volume, w.first, w.last, w.pre, w.post);
  }

  /**
   * `record` without the argument checks and without an object per write (the engine's hot
   * path): the first `last - first + 1` entries of `pre` and `post` are the write's digests.
   * Only the sequence is checked.
   */
  recordSpan(seq: number, volume: number, first: number, last: number, pre: ArrayLike<number>, post: ArrayLike<number>): void {
    if (seq !== this.lastRecorded + 1) fail(`write seq ${seq} does not follow ${this.lastRecorded}`);
    const start = this.keyStart[volume];
    const frozen = this.isFrozen;
    const touched = this.touched;
    for (let track = first, i = 0; track <= last; track++, i++) {
      const slot = touched.find(start + track);
      // The first touch after `base`: its pre digest is the track's value after prefix base.
      if (slot < 0) touched.add(start + track, pre[i] >>> 0, seq);
      else if (!frozen) touched.lastSeq[slot] = seq;
    }
    this.lastRecorded = seq;
    if (frozen) return;
    this.history.push(volume, first, last, post);
    if (this.history.length <= this.maxHistory) return;
    this.history.clear(); // freeze: `before` stays, so prefix base can still be checked
    this.isFrozen = true;
  }

  /**
   * Compares `remote` with the primary (`primary` reads its CURRENT digests) after the first n
   * writes. Refused (ok false, nothing compared, nothing folded) when n < base ('prefix
   * decreased'), n > lastSeq ('prefix beyond the last acknowledged write'), or frozen and
   * base < n < lastSeq ('history not kept'). Otherwise folds the history up to n (base becomes
   * n whether the images match or not) and compares every track of every volume.
   * Throws if folding finds the primary changed a track outside `record`.
   */
  check(n: number, primary: TrackReader, remote: TrackReader): PrefixCheck {
    if (!Number.isInteger(n)) fail(`prefix ${n} is not an integer`);
    if (n < this.anchor) return refused(n, PREFIX_CHECK_REASON.decreased);
    if (n > this.lastRecorded) return refused(n, PREFIX_CHECK_REASON.beyond);
    if (this.isFrozen && n !== this.anchor && n !== this.lastRecorded) return refused(n, PREFIX_CHECK_REASON.notKept);
    this.foldTo(n, primary);
    return this.compare(n, this.touched, primary, remote);
  }

  /**
   * Finds the prefix: the largest m in [base, lastSeq] such that the remote equals the primary
   * after m, without folding; null if none. While frozen only base and lastSeq are candidates.
   * Costs one full comparison plus one remote read per track of each history entry.
   */
  findPrefix(primary: TrackReader, remote: TrackReader): number | null {
    if (this.isFrozen) {
      if (this.compare(this.lastRecorded, null, primary, remote).ok) return this.lastRecorded;
      return this.compare(this.anchor, this.touched, primary, remote).ok ? this.anchor : null;
    }
    let mismatched = this.compare(this.anchor, this.touched, primary, remote).mismatchedTracks;
    let best: number | null = mismatched === 0 ? this.anchor : null;
    // Walk forward from base: `reference` holds, by slot, each touched track's digest after m.
    const reference = this.touched.digest.slice(0, this.touched.used);
    const h = this.history;
    let at = h.postHead;
    for (let i = h.head, seq = this.anchor + 1; i < h.tail; i++, seq++) {
      const volume = h.volume[i];
      const start = this.keyStart[volume];
      for (let track = h.first[i]; track <= h.last[i]; track++, at++) {
        const slot = this.touched.find(start + track);
        if (slot < 0) fail(`history touches track ${volume}:${track} missing from before`);
        const now = h.post[at];
        const actual = remote(volume, track);
        if (reference[slot] !== actual) mismatched--;
        if (now !== actual) mismatched++;
        reference[slot] = now;
      }
      if (mismatched === 0) best = seq;
    }
    return best;
  }

  /** The remote was made equal to the primary now (a resync finished): history cleared, base = lastSeq. */
  equalAt(): void {
    this.history.clear();
    this.touched.clear();
    this.anchor = this.lastRecorded;
    this.isFrozen = false;
  }

  private validate(w: RecordedWrite): void {
    if (w.seq !== this.lastRecorded + 1) fail(`write seq ${w.seq} does not follow ${this.lastRecorded}`);
    const count = this.trackCounts[w.volume];
    if (!Number.isInteger(w.volume) || count === undefined) fail(`write ${w.seq}: no volume ${w.volume}`);
    const { first, last } = w;
    if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && first <= last && last < count)) {
      fail(`write ${w.seq}: tracks [${first}, ${last}] outside volume ${w.volume} of ${count} tracks`);
    }
    const span = last - first + 1;
    if (w.pre.length !== span || w.post.length !== span) fail(`write ${w.seq}: ${w.pre.length} pre and ${w.post.length} post digests for ${span} tracks`);
    for (let i = 0; i < span; i++) if (!isDigestBits(w.pre[i]) || !isDigestBits(w.post[i])) fail(`write ${w.seq}: digest ${i} is not 32-bit`);
  }

  /**
   * Folds the history up to n without comparing: the remote is known to hold prefix n (the
   * engine calls it as the remote applies, so the history keeps only what the remote lacks;
   * `check` folds the same way). A no-op for n <= base, and while frozen for n < lastSeq (the
   * history that would move base there is gone); n = lastSeq also ends a frozen state. Throws
   * for n > lastSeq, and if folding finds the primary changed a track outside `record`.
   */
  foldTo(n: number, primary: TrackReader): void {
    if (!(Number.isInteger(n) && n <= this.lastRecorded)) fail(`cannot fold to ${n}: the last write is ${this.lastRecorded}`);
    if (this.isFrozen) {
      if (n === this.lastRecorded) this.equalAt();
      return;
    }
    if (n > this.anchor) this.foldHistory(n, primary);
  }

  /** Pops history entries base+1..n (not frozen, base < n <= lastSeq) and makes `base` = n. */
  private foldHistory(n: number, primary: TrackReader): void {
    const h = this.history;
    const touched = this.touched;
    for (let seq = this.anchor + 1; seq <= n; seq++) {
      const i = h.head;
      const volume = h.volume[i];
      const start = this.keyStart[volume];
      for (let track = h.first[i], at = h.postHead; track <= h.last[i]; track++, at++) {
        const key = start + track;
        const slot = touched.find(key);
        if (slot < 0) fail(`history touches track ${volume}:${track} missing from before`);
        const post = h.post[at];
        if (touched.lastSeq[slot] !== seq) {
          touched.digest[slot] = post;
          continue;
        }
        // Its last recorded write: from now on the primary's current digest is the reference.
        if (primary(volume, track) !== post) {
          fail(`primary ${volume}:${track} reads ${primary(volume, track)}, its last recorded write ${seq} left ${post}`);
        }
        touched.remove(key, slot);
      }
      h.shift();
    }
    this.anchor = n;
    if (h.length === 0 && touched.size !== 0) fail(`empty history but ${touched.size} tracks in before`);
  }

  /** Compares every track: the reference is the touched track's digest, else `primary(volume, track)`. */
  private compare(prefix: number, touched: TouchedTracks | null, primary: TrackReader, remote: TrackReader): PrefixCheck {
    let mismatched = 0;
    let firstKey = -1;
    let expected = 0;
    let actual = 0;
    for (let volume = 0; volume < this.trackCounts.length; volume++) {
      const start = this.keyStart[volume];
      for (let track = 0, count = this.trackCounts[volume]; track < count; track++) {
        const p = primary(volume, track);
        const r = remote(volume, track);
        // Touched tracks are counted below (the map lookup only on a difference).
        if (p === r || (touched !== null && touched.find(start + track) >= 0)) continue;
        mismatched++;
        if (firstKey < 0) {
          firstKey = start + track;
          expected = p;
          actual = r;
        }
      }
    }
    touched?.forEach((slot, key) => {
      const digest = touched.digest[slot];
      const volume = this.volumeOf(key);
      const r = remote(volume, key - this.keyStart[volume]);
      if (digest === r) return;
      mismatched++;
      if (firstKey >= 0 && key > firstKey) return;
      firstKey = key;
      expected = digest;
      actual = r;
    });
    let firstMismatch: PrefixMismatch | null = null;
    if (firstKey >= 0) {
      const volume = this.volumeOf(firstKey);
      firstMismatch = { volume, track: firstKey - this.keyStart[volume], expected, actual };
    }
    return {
      ok: mismatched === 0,
      prefix,
      tracksCompared: this.totalTracks,
      mismatchedTracks: mismatched,
      firstMismatch,
      reason: mismatched === 0 ? null : PREFIX_CHECK_REASON.differs,
    };
  }

  /** The volume whose key range holds `key` (the last start <= key; empty volumes share the next start). */
  private volumeOf(key: number): number {
    let lo = 0;
    let hi = this.keyStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.keyStart[mid] <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function refused(n: number, reason: string): PrefixCheck {
  return { ok: false, prefix: n, tracksCompared: 0, mismatchedTracks: 0, firstMismatch: null, reason };
}
