/**
 * Unit tests of the prefix-consistency checker with hand-built histories: a small group whose
 * primary is plain arrays, written through a harness that records every write with its pre and
 * post digests and keeps the primary image after every prefix, so a remote "at prefix n" is a
 * copy of that image.
 */
import { describe, expect, it } from 'vitest';
import { PREFIX_CHECK_REASON, PrefixChecker, type RecordedWrite, type TrackReader } from './prefix-checker.ts';

type Image = number[][];

class Group {
  readonly checker: PrefixChecker;
  readonly primary: Image;
  /** images[n]: the primary after the first n writes. */
  readonly images: Image[];

  constructor(trackCounts: number[], opts?: { maxHistory?: number }, initial?: Image) {
    this.checker = new PrefixChecker(trackCounts, opts);
    this.primary = initial ? initial.map((v) => v.slice()) : trackCounts.map((n) => new Array<number>(n).fill(0));
    this.images = [copy(this.primary)];
  }

  /** Writes `posts` to tracks first.. of `volume` and records the write. */
  write(volume: number, first: number, posts: number[]): RecordedWrite {
    const last = first + posts.length - 1;
    const pre = this.primary[volume].slice(first, last + 1);
    posts.forEach((d, i) => (this.primary[volume][first + i] = d));
    const w: RecordedWrite = { seq: this.checker.lastSeq + 1, volume, first, last, pre, post: posts.slice() };
    this.checker.record(w);
    this.images.push(copy(this.primary));
    return w;
  }

  readonly readPrimary: TrackReader = (v, t) => this.primary[v][t];

  check(n: number, remote: Image) {
    return this.checker.check(n, this.readPrimary, reader(remote));
  }

  findPrefix(remote: Image): number | null {
    return this.checker.findPrefix(this.readPrimary, reader(remote));
  }
}

function copy(image: Image): Image {
  return image.map((v) => v.slice());
}

function reader(image: Image): TrackReader {
  return (v, t) => image[v][t];
}

/** One volume of 4 tracks: w1 t0=11, w2 t1..t2=21,22, w3 t0=31, w4 t3=41. */
function fourWrites(opts?: { maxHistory?: number }): Group {
  const g = new Group([4], opts);
  g.write(0, 0, [11]);
  g.write(0, 1, [21, 22]);
  g.write(0, 0, [31]);
  g.write(0, 3, [41]);
  return g;
}

describe('remote copy › prefix checker › check', () => {
  it('accepts a remote at prefix 0 (nothing applied) and keeps the whole history', () => {
    const g = fourWrites();
    const r = g.check(0, [[0, 0, 0, 0]]);
    expect(r).toEqual({ ok: true, prefix: 0, tracksCompared: 4, mismatchedTracks: 0, firstMismatch: null, reason: null });
    expect(g.checker.base).toBe(0);
    expect(g.checker.historyLength).toBe(4);
  });

  it('accepts a remote at a middle prefix and folds the history up to it', () => {
    const g = fourWrites();
    expect(g.check(2, [[11, 21, 22, 0]]).ok).toBe(true);
    expect(g.checker.base).toBe(2);
    expect(g.checker.historyLength).toBe(2);
    // After the fold the reference of later prefixes is still right.
    expect(g.check(3, [[31, 21, 22, 0]]).ok).toBe(true);
    expect(g.check(4, [[31, 21, 22, 41]]).ok).toBe(true);
  });

  it('accepts a remote at the full prefix and empties the history', () => {
    const g = fourWrites();
    expect(g.check(4, g.images[4]).ok).toBe(true);
    expect(g.checker.base).toBe(4);
    expect(g.checker.historyLength).toBe(0);
  });

  it('fails a remote at the wrong prefix, names the first mismatch, and findPrefix gives the true prefix', () => {
    const g = fourWrites();
    const remote = g.images[1]; // [11, 0, 0, 0]
    expect(g.findPrefix(remote)).toBe(1);
    const r = g.check(3, remote);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe(PREFIX_CHECK_REASON.differs);
    expect(r.mismatchedTracks).toBe(3); // t0 31≠11, t1 21≠0, t2 22≠0
    expect(r.firstMismatch).toEqual({ volume: 0, track: 0, expected: 31, actual: 11 });
    // The failed check still folded to 3: prefix 1 cannot be found any more.
    expect(g.checker.base).toBe(3);
    expect(g.findPrefix(remote)).toBeNull();
  });

  it('after a failed check at n, findPrefix still finds a true prefix above n', () => {
    const g = fourWrites();
    const remote = g.images[3];
    expect(g.check(1, remote).ok).toBe(false);
    expect(g.findPrefix(remote)).toBe(3);
    expect(g.checker.base).toBe(1);
  });

  it('refuses a decreasing prefix and changes nothing', () => {
    const g = fourWrites();
    expect(g.check(3, g.images[3]).ok).toBe(true);
    const r = g.check(2, g.images[2]);
    expect(r).toEqual({ ok: false, prefix: 2, tracksCompared: 0, mismatchedTracks: 0, firstMismatch: null, reason: 'prefix decreased' });
    expect(g.checker.base).toBe(3);
    expect(g.check(3, g.images[3]).ok).toBe(true);
  });

  it('refuses a prefix beyond the last acknowledged write and changes nothing', () => {
    const g = fourWrites();
    const r = g.check(5, g.images[4]);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('prefix beyond the last acknowledged write');
    expect(g.checker.base).toBe(0);
    expect(g.checker.historyLength).toBe(4);
  });

  it('counts every track of every volume and reports the lowest (volume, track) mismatch', () => {
    const g = new Group([3, 5, 2]);
    g.write(2, 0, [7, 8]);
    g.write(1, 3, [5]);
    const remote = copy(g.images[2]);
    remote[2][1] = 9; // differs where the history touched
    remote[1][4] = 6; // differs where nothing was written since base
    const r = g.check(2, remote);
    expect(r.tracksCompared).toBe(10);
    expect(r.mismatchedTracks).toBe(2);
    expect(r.firstMismatch).toEqual({ volume: 1, track: 4, expected: 0, actual: 6 });
  });

  it('reports a mismatch on a track touched only after the prefix against its old digest', () => {
    const g = new Group([2, 2]);
    g.write(0, 0, [5]);
    g.write(1, 1, [6]);
    const remote = copy(g.images[1]);
    remote[1][1] = 77;
    const r = g.check(1, remote);
    expect(r.mismatchedTracks).toBe(1);
    expect(r.firstMismatch).toEqual({ volume: 1, track: 1, expected: 0, actual: 77 });
  });
});

describe('remote copy › prefix checker › writes', () => {
  it('multi-track writes across volumes: every prefix checks and no other does', () => {
    const g = new Group([6, 6], undefined, [[1, 2, 3, 4, 5, 6], [9, 9, 9, 9, 9, 9]]);
    g.write(0, 1, [20, 30, 40]);
    g.write(1, 0, [50, 60, 70, 80, 90, 100]);
    g.write(0, 3, [41, 51, 61]);
    g.write(1, 2, [71]);
    for (let n = 0; n <= 4; n++) {
      for (let m = 0; m <= 4; m++) {
        const fresh = new Group([6, 6], undefined, [[1, 2, 3, 4, 5, 6], [9, 9, 9, 9, 9, 9]]);
        fresh.write(0, 1, [20, 30, 40]);
        fresh.write(1, 0, [50, 60, 70, 80, 90, 100]);
        fresh.write(0, 3, [41, 51, 61]);
        fresh.write(1, 2, [71]);
        expect(fresh.findPrefix(g.images[m])).toBe(m);
        expect(fresh.check(n, g.images[m]).ok).toBe(n === m);
      }
    }
  });

  it('the same track rewritten many times: each prefix is told apart', () => {
    const g = new Group([2]);
    for (let i = 1; i <= 100; i++) g.write(0, 0, [1000 + i]);
    expect(g.findPrefix(g.images[37])).toBe(37);
    expect(g.check(37, g.images[37]).ok).toBe(true);
    expect(g.check(38, g.images[37]).ok).toBe(false);
    expect(g.checker.base).toBe(38);
    for (let n = 39; n <= 100; n++) expect(g.check(n, g.images[n]).ok).toBe(true);
    expect(g.checker.historyLength).toBe(0);
  });

  it('a write that does not change a digest is still a write: both prefixes match', () => {
    const g = new Group([1]);
    g.write(0, 0, [5]);
    g.write(0, 0, [5]);
    expect(g.findPrefix([[5]])).toBe(2);
    expect(g.check(1, [[5]]).ok).toBe(true);
  });

  it('keeps its own copy of post digests (the caller may reuse its buffers)', () => {
    const c = new PrefixChecker([2]);
    const pre = new Uint32Array(2);
    const post = new Uint32Array([3, 4]);
    c.record({ seq: 1, volume: 0, first: 0, last: 1, pre, post });
    pre.set([3, 4]);
    post.set([5, 6]);
    c.record({ seq: 2, volume: 0, first: 0, last: 1, pre, post });
    post.fill(0);
    pre.fill(0);
    const primary: TrackReader = (_v, t) => [5, 6][t];
    expect(c.findPrefix(primary, (_v, t) => [3, 4][t])).toBe(1);
    expect(c.findPrefix(primary, () => 0)).toBe(0);
    expect(c.check(1, primary, (_v, t) => [3, 4][t]).ok).toBe(true);
  });

  it('uses its own bookkeeping, not a later pre, for the reference', () => {
    const c = new PrefixChecker([1]);
    c.record({ seq: 1, volume: 0, first: 0, last: 0, pre: [0], post: [5] });
    c.record({ seq: 2, volume: 0, first: 0, last: 0, pre: [999], post: [6] }); // a wrong pre
    const primary: TrackReader = () => 6;
    expect(c.findPrefix(primary, () => 5)).toBe(1);
    expect(c.check(1, primary, () => 5).ok).toBe(true);
  });

  it('stores int32-typed digests as their unsigned bits', () => {
    const c = new PrefixChecker([1]);
    c.record({ seq: 1, volume: 0, first: 0, last: 0, pre: new Int32Array([-1]), post: new Int32Array([-2]) });
    c.record({ seq: 2, volume: 0, first: 0, last: 0, pre: [0xfffffffe], post: [7] });
    expect(c.findPrefix(() => 7, () => 0xffffffff)).toBe(0);
    expect(c.check(1, () => 7, () => 0xfffffffe).ok).toBe(true);
  });

  it('refuses a bad write and changes nothing', () => {
    const c = new PrefixChecker([4, 2]);
    const ok = { seq: 1, volume: 0, first: 1, last: 2, pre: [0, 0], post: [1, 2] };
    expect(() => c.record({ ...ok, seq: 2 })).toThrow(/seq 2 does not follow 0/);
    expect(() => c.record({ ...ok, volume: 2 })).toThrow(/no volume 2/);
    expect(() => c.record({ ...ok, volume: 1, first: 1, last: 2 })).toThrow(/outside volume 1/);
    expect(() => c.record({ ...ok, first: 2, last: 1 })).toThrow(/outside/);
    expect(() => c.record({ ...ok, post: [1] })).toThrow(/1 post digests for 2 tracks/);
    expect(() => c.record({ ...ok, post: [1, 2 ** 32] })).toThrow(/not 32-bit/);
    expect(() => c.record({ ...ok, pre: [0, 0.5] })).toThrow(/not 32-bit/);
    expect(c.lastSeq).toBe(0);
    expect(c.historyLength).toBe(0);
    c.record(ok);
    expect(c.lastSeq).toBe(1);
    expect(() => c.record(ok)).toThrow(/seq 1 does not follow 1/);
  });

  it('throws when folding finds the primary changed a track outside record', () => {
    const g = fourWrites();
    g.primary[0][3] = 99; // not recorded
    expect(() => g.check(4, g.primary)).toThrow(/primary 0:3 reads 99, its last recorded write 4 left 41/);
  });
});

describe('remote copy › prefix checker › foldTo', () => {
  it('moves base without comparing; later checks use the folded reference', () => {
    const g = fourWrites();
    g.checker.foldTo(2, g.readPrimary);
    expect(g.checker.base).toBe(2);
    expect(g.checker.historyLength).toBe(2);
    expect(g.findPrefix(g.images[3])).toBe(3);
    expect(g.check(2, g.images[2]).ok).toBe(true);
    expect(g.check(3, g.images[2]).mismatchedTracks).toBe(1);
  });

  it('ignores n <= base and refuses n beyond lastSeq', () => {
    const g = fourWrites();
    g.checker.foldTo(3, g.readPrimary);
    g.checker.foldTo(1, g.readPrimary);
    g.checker.foldTo(3, g.readPrimary);
    expect(g.checker.base).toBe(3);
    expect(() => g.checker.foldTo(5, g.readPrimary)).toThrow(/cannot fold to 5: the last write is 4/);
    expect(() => g.checker.foldTo(3.5, g.readPrimary)).toThrow(/cannot fold/);
    expect(g.check(4, g.images[4]).ok).toBe(true);
  });

  it('while frozen: a middle prefix is a no-op, lastSeq ends the frozen state', () => {
    const g = fourWrites({ maxHistory: 1 });
    g.checker.foldTo(2, g.readPrimary);
    expect(g.checker.base).toBe(0);
    expect(g.checker.frozen).toBe(true);
    g.checker.foldTo(4, g.readPrimary);
    expect(g.checker.base).toBe(4);
    expect(g.checker.frozen).toBe(false);
  });

  it('throws when the primary changed a track outside record', () => {
    const g = fourWrites();
    g.primary[0][1] = 5;
    expect(() => g.checker.foldTo(2, g.readPrimary)).toThrow(/primary 0:1 reads 5, its last recorded write 2 left 21/);
  });
});

describe('remote copy › prefix checker › frozen history', () => {
  it('freezes past maxHistory, refuses middle prefixes, still checks base and lastSeq', () => {
    const g = fourWrites({ maxHistory: 3 });
    expect(g.checker.frozen).toBe(true);
    expect(g.checker.historyLength).toBe(0);
    expect(g.check(2, g.images[2]).reason).toBe('history not kept');
    expect(g.checker.base).toBe(0);
    // Prefix base (0) is still checkable through `before`.
    expect(g.check(0, g.images[0]).ok).toBe(true);
    const wrong = g.check(0, g.images[1]);
    expect(wrong.mismatchedTracks).toBe(1);
    expect(wrong.firstMismatch).toEqual({ volume: 0, track: 0, expected: 0, actual: 11 });
    // Writes while frozen keep the base image right (their pre is only used at a first touch).
    g.write(0, 0, [55]);
    g.write(0, 2, [66]);
    expect(g.checker.frozen).toBe(true);
    expect(g.checker.historyLength).toBe(0);
    expect(g.check(0, g.images[0]).ok).toBe(true);
  });

  it('findPrefix while frozen answers base, lastSeq or null', () => {
    const g = fourWrites({ maxHistory: 1 });
    expect(g.findPrefix(g.images[0])).toBe(0);
    expect(g.findPrefix(g.images[4])).toBe(4);
    expect(g.findPrefix(g.images[2])).toBeNull();
  });

  it('a check at lastSeq ends the frozen state and history is kept again', () => {
    const g = fourWrites({ maxHistory: 2 });
    expect(g.check(4, g.images[4]).ok).toBe(true);
    expect(g.checker.frozen).toBe(false);
    expect(g.checker.base).toBe(4);
    g.write(0, 1, [5]);
    g.write(0, 2, [6]);
    expect(g.checker.historyLength).toBe(2);
    expect(g.check(5, g.images[5]).ok).toBe(true);
    g.write(0, 3, [7]);
    g.write(0, 3, [8]);
    expect(g.checker.frozen).toBe(true);
  });

  it('maxHistory 0 freezes at the first write', () => {
    const g = new Group([1], { maxHistory: 0 });
    g.write(0, 0, [1]);
    expect(g.checker.frozen).toBe(true);
    expect(g.check(1, [[1]]).ok).toBe(true);
  });
});

describe('remote copy › prefix checker › equalAt', () => {
  it('clears the history and anchors at lastSeq, ending a frozen state', () => {
    const g = fourWrites({ maxHistory: 2 });
    expect(g.checker.frozen).toBe(true);
    g.checker.equalAt();
    expect(g.checker.frozen).toBe(false);
    expect(g.checker.base).toBe(4);
    expect(g.checker.historyLength).toBe(0);
    expect(g.check(3, g.images[3]).reason).toBe('prefix decreased');
    expect(g.check(4, g.images[4]).ok).toBe(true);
    g.write(0, 0, [123]);
    expect(g.findPrefix(g.images[4])).toBe(4);
    expect(g.findPrefix(g.images[5])).toBe(5);
  });

  it('starts from a consistent state when nothing was recorded', () => {
    const c = new PrefixChecker([3]);
    c.equalAt();
    expect(c.base).toBe(0);
    expect(c.lastSeq).toBe(0);
    expect(c.check(0, () => 4, () => 4).ok).toBe(true);
    expect(c.check(0, () => 4, () => 5).mismatchedTracks).toBe(3);
  });
});

describe('remote copy › prefix checker › geometry', () => {
  it('handles empty volumes between others', () => {
    const g = new Group([2, 0, 3]);
    g.write(2, 0, [1, 2, 3]);
    const remote = copy(g.images[1]);
    remote[2][2] = 0;
    const r = g.check(1, remote);
    expect(r.tracksCompared).toBe(5);
    expect(r.firstMismatch).toEqual({ volume: 2, track: 2, expected: 3, actual: 0 });
  });

  it('rejects bad track counts and maxHistory', () => {
    expect(() => new PrefixChecker([1, -1])).toThrow(/bad track count/);
    expect(() => new PrefixChecker([1.5])).toThrow(/bad track count/);
    expect(() => new PrefixChecker([1], { maxHistory: -1 })).toThrow(/bad maxHistory/);
  });

  it('keeps hundreds of touched tracks over table growth, slot reuse and ring compaction (3 volumes)', () => {
    const g = new Group([700, 500, 300]);
    let x = 2024;
    const next = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let i = 1; i <= 1200; i++) {
      const volume = next(3);
      const first = next([700, 500, 300][volume] - 4);
      g.write(volume, first, Array.from({ length: 1 + next(4) }, (_, k) => 1_000_000 + i * 10 + k));
      if (i % 200 === 0) {
        // 250-300 writes in the history here: several hundred touched tracks, some rewritten.
        expect(g.findPrefix(g.images[i - 150])).toBe(i - 150);
        expect(g.findPrefix(g.images[i - 75])).toBe(i - 75);
        expect(g.check(i - 150, g.images[i - 150]).ok).toBe(true);
        expect(g.check(i - 100, g.images[i - 101]).ok).toBe(false);
      }
    }
    expect(g.checker.historyLength).toBe(100); // the failed check still folded to 1100
    expect(g.check(1200, g.images[1200]).ok).toBe(true);
  });

  it('reuses freed slots when the touched-track table is exactly full (256 slots)', () => {
    const g = new Group([1000]);
    for (let t = 0; t < 256; t++) g.write(0, t, [t + 1]); // 256 distinct tracks: table full
    expect(g.check(100, g.images[100]).ok).toBe(true); // frees 100 slots
    for (let t = 256; t < 556; t++) g.write(0, t, [t + 1]); // 100 reused, then growth
    for (const n of [100, 256, 300, 556]) expect(g.findPrefix(g.images[n])).toBe(n);
    expect(g.check(300, g.images[300]).ok).toBe(true);
    expect(g.check(556, g.images[556]).ok).toBe(true);
  });

  it('keeps history over many growth and compaction cycles', () => {
    const g = new Group([50]);
    let checked = 0;
    for (let i = 1; i <= 3000; i++) {
      const first = (i * 7) % 45;
      g.write(0, first, [i, i + 1, i + 2, i + 3].slice(0, 1 + (i % 4)));
      if (i % 97 === 0) {
        checked = i - 13;
        expect(g.check(checked, g.images[checked]).ok).toBe(true);
      }
    }
    expect(g.checker.historyLength).toBe(3000 - checked);
    expect(g.findPrefix(g.images[2990])).toBe(2990);
    expect(g.check(3000, g.images[3000]).ok).toBe(true);
  });
});
