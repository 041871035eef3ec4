/**
 * Per-track content digests: a 32-bit stand-in for a track's bytes.
 *
 * Owns: `foldWrite`, the only way content changes. A write folds its identity (writer, sequence
 * number, offset within the track) into the digest of each track it touches.
 *
 * Why order-sensitive: the emulator proves a split, a backup or a remote image exact by
 * comparing digests. If folding were commutative (a sum or xor of per-write hashes), a replica
 * that applied two writes to one track in the wrong order — which on real disks leaves
 * different bytes when they overlap — would still compare equal. With a chained, non-commutative
 * mix a replica that missed a write, applied one twice, or reordered two ends with a different
 * digest with probability about 1 - 2^-32. Consequently every copy of a track must apply its
 * writes in one order (the primary's acceptance order).
 *
 * Invariants: results are unsigned 32-bit integers; `EMPTY_DIGEST` (0) means never written.
 * Does not handle: storage (see track-digests.ts); writes spanning tracks (callers fold once per
 * touched track with that track's offset).
 */

/** Digest of a track that was never written (and of a fresh volume's every track). */
export const EMPTY_DIGEST = 0;

const TWO_POW_32 = 4294967296;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** murmur3 block step with its standard constants. */
function absorb(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * The digest after applying one write to a track whose digest was `digest`.
 * `seq` may be any safe integer >= 0 (both 32-bit words are folded); the others are int32.
 */
export function foldWrite(digest: number, writerId: number, seq: number, offsetInTrack: number): number {
  SCRATCH[0] = digest;
  foldWriteAt(SCRATCH, 0, writerId, seq, offsetInTrack);
  return SCRATCH[0] >>> 0;
}

const SCRATCH = new Int32Array(1);

/**
 * `foldWrite` in place: `words[index]` holds a digest as int32 (its 32 bits) and is replaced by
 * the digest after the write. The hot path uses this form: a 32-bit digest passed to or
 * returned from a call is a heap number (an allocation) where Smis are 31-bit (pointer-
 * compressed V8, e.g. Chromium); a typed array element is not.
 */
export function foldWriteAt(words: Int32Array, index: number, writerId: number, seq: number, offsetInTrack: number): void {
  let h = absorb(words[index], writerId | 0);
  h = absorb(h, seq | 0);
  h = absorb(h, seq < TWO_POW_32 ? 0 : Math.floor(seq / TWO_POW_32) | 0);
  h = absorb(h, offsetInTrack | 0);
  // murmur3 finaliser: every input bit affects every output bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  words[index] = h;
}
