/**
 * What local replication shows: the live status of pairs and pools (read ~4 Hz by the UI and
 * the console), the end-of-run reports, the bitmap view of a pair, and volume content as hosts
 * see it (a snapshot S-VOL presents its snapshot's image).
 *
 * Owns: the builders of PairStatus / PoolStatus / ReplicationStatus / PairReport / PoolReport /
 * PairBitmap, the display states (a snapshot whose pool is above its warning percent shows
 * PFUL in PAIR and PFUS in PSUS; a split local pair's S-VOL shows SSUS), the copy percentage,
 * and the digests of a snapshot's image and of a volume as hosts read it.
 *
 * Invariants: every function reads the tables and changes nothing, so calling them any number
 * of times at any instant leaves the run (and its event-log hash) unchanged; lists come sorted
 * by key; a snapshot's image is its P-VOL with every preserved track replaced by its old
 * content.
 *
 * Does not handle: host access rules (pairs.ts `hostAccess`), timing of snapshot S-VOL reads
 * (pairs.ts `beforeRead`).
 */
import {
  BITMAP_CLEAN,
  BITMAP_COPIED,
  BITMAP_DIRTY,
  BITMAP_PENDING,
  PAIR_STATES,
  type CopyOpReport,
  type PairBitmap,
  type PairReport,
  type PairState,
  type PairStatus,
  type PoolReport,
  type PoolStatus,
  type ReplicationStatus,
} from '../api.ts';
import { foldWrite } from '../block/digest.ts';
import { US_PER_S } from '../constants.ts';
import { COPY, COPY_RS, COPY_RS_R, COPY_SP, PAIR, PSUS, PSUS_SP, SMPL, SSWS, type PairTablesView, type ReadonlyTrackBitmap } from './pair-tables.ts';
import { slotContent } from './snapshot-pools.ts';

/** Content digest of an LDEV as hosts see it: a snapshot S-VOL shows its snapshot's image. */
export function contentDigest(t: PairTablesView, ldev: number): number {
  const snap = t.snapshotSvol[ldev];
  if (snap >= 0 && t.state[snap] !== SMPL) return imageDigest(t, snap);
  return t.digests[ldev].digestOfAll();
}

/** Digest of a snapshot's image: the P-VOL with every preserved track replaced by its old content. */
export function imageDigest(t: PairTablesView, p: number): number {
  const pair = t.pairs[p];
  const digests = t.digests[pair.pvol];
  let sum = digests.digestOfAll();
  const pool = t.poolState[pair.pool];
  for (const [track, slot] of t.preserved[p]) {
    const now = digests.get(track);
    if (now !== 0) sum = (sum - foldWrite(now, track, 0, 0x5eed)) | 0;
    const old = slotContent(pool, slot);
    if (old !== 0) sum = (sum + foldWrite(old, track, 0, 0x5eed)) | 0;
  }
  return sum >>> 0;
}

/** The content a host reads from a track of `ldev`: a snapshot S-VOL's image, else the volume's own. */
export function readTrack(t: PairTablesView, ldev: number, track: number): number {
  const snap = t.snapshotSvol[ldev];
  if (snap >= 0) return imageTrack(t, snap, track);
  return t.digests[ldev].get(track);
}

/** A snapshot's image of one track: preserved content, else the P-VOL's. */
export function imageTrack(t: PairTablesView, p: number, track: number): number {
  const pair = t.pairs[p];
  const slot = t.preserved[p].get(track);
  if (slot === undefined) return t.digests[pair.pvol].get(track);
  return slotContent(t.poolState[pair.pool], slot);
}

function svolState(t: PairTablesView, p: number): string {
  const s = t.state[p];
  const pair = t.pairs[p];
  const display = displayState(t, p);
  if (pair.kind === 'snapshot') return display;
  if (s === PSUS || s === PSUS_SP) return 'SSUS';
  return display;
}

function displayState(t: PairTablesView, p: number): PairState {
  const pair = t.pairs[p];
  const s = t.state[p];
  if (pair.kind === 'snapshot' && (s === PAIR || s === PSUS)) {
    const pool = t.pools[pair.pool];
    const usedPct = (100 * t.poolState[pair.pool].used) / pool.capacityTracks;
    if (usedPct > pool.warningPct) return s === PAIR ? 'PFUL' : 'PFUS';
  }
  if (pair.remote !== null && s === PAIR && t.remotePful[p] === 1) return 'PFUL';
  return PAIR_STATES[s];
}

function copyPct(t: PairTablesView, p: number): number {
  const op = t.current[p];
  const pending = t.pending[p].count;
  if (pending === 0) return 100;
  if (op === null || op.reason === 'update') {
    const n = t.trackCount[p];
    return Math.floor((100 * (n - pending)) / n);
  }
  const planned = Math.max(op.planned, op.tracks + pending);
  return Math.floor((100 * (planned - pending)) / planned);
}

export function pairStatus(t: PairTablesView, p: number): PairStatus {
  const pair = t.pairs[p];
  const s = t.state[p];
  const snapshot = pair.kind === 'snapshot';
  let svolAccess: PairStatus['svolAccess'] = 'rw';
  if (pair.svol < 0) svolAccess = 'none';
  else if (snapshot) svolAccess = s === PSUS ? 'r' : 'none';
  else if (pair.remote !== null) svolAccess = s === SSWS || (s === PSUS && t.svolReadOnly[p] === 0) ? 'rw' : 'r';
  else if (s === COPY_SP) svolAccess = 'none';
  else if (s === COPY || s === PAIR || s === COPY_RS || s === COPY_RS_R) svolAccess = 'r';
  else if ((s === PSUS || s === PSUS_SP) && t.svolReadOnly[p] === 1) svolAccess = 'r';
  return {
    key: pair.key,
    group: pair.group,
    device: pair.device,
    kind: pair.kind,
    mu: pair.mu,
    pvol: t.ldevs[pair.pvol].id,
    svol: pair.svol >= 0 ? t.ldevs[pair.svol].id : null,
    state: displayState(t, p),
    svolState: svolState(t, p),
    copyPct: snapshot ? 100 : copyPct(t, p),
    pace: t.pace[p],
    pendingTracks: t.pending[p].count,
    pDirtyTracks: snapshot ? 0 : t.pDiff[p].count,
    sDirtyTracks: snapshot ? 0 : t.sDiff[p].count,
    dirtyTracks: snapshot ? 0 : t.dirtyUnion[p],
    trackCount: t.trackCount[p],
    tracksCopied: t.tracksCopied[p],
    bytesCopied: t.bytesCopied[p],
    splitAtS: t.splitAtUs[p] >= 0 && (s === PSUS || s === PSUS_SP || s === COPY_SP) ? t.splitAtUs[p] / US_PER_S : null,
    svolAccess,
    preservedTracks: t.preserved[p].size - t.zeroPreserved[p],
  };
}

export function poolStatus(t: PairTablesView, i: number): PoolStatus {
  const pool = t.pools[i];
  const used = t.poolState[i].used;
  const usedPct = Math.round((100_000 * used) / pool.capacityTracks) / 1000;
  return {
    key: pool.key,
    arrayId: pool.key.slice(0, pool.key.length - pool.poolId.length - 1),
    poolId: pool.poolId,
    name: pool.name,
    capacityTracks: pool.capacityTracks,
    usedTracks: used,
    usedPct,
    warningPct: pool.warningPct,
    state: used >= pool.capacityTracks ? 'full' : usedPct > pool.warningPct ? 'warning' : 'normal',
  };
}

export function replicationStatus(t: PairTablesView): ReplicationStatus {
  const pairs = t.pairs.map((_, p) => pairStatus(t, p)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pools = t.pools.map((_, i) => poolStatus(t, i)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { pairs, pools };
}

export function pairReport(t: PairTablesView, p: number, round: (x: number) => number): PairReport {
  const { key: _key, ...status } = pairStatus(t, p);
  void _key;
  const pair = t.pairs[p];
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
  const svolDigest = pair.kind === 'snapshot' ? imageDigest(t, p) : pair.svol >= 0 ? t.digests[pair.svol].digestOfAll() : 0;
  return {
    ...status,
    copyPct: round(status.copyPct),
    splitAtS: status.splitAtS === null ? null : round(status.splitAtS),
    pDigestAtSplit: t.pDigestAtSplit[p] >= 0 ? hex(t.pDigestAtSplit[p]) : null,
    svolDigest: hex(svolDigest),
    copies: t.ops[p].map(
      (op): CopyOpReport => ({
        reason: op.reason,
        startedS: round(op.startedUs / US_PER_S),
        endedS: op.endedUs >= 0 ? round(op.endedUs / US_PER_S) : null,
        tracksPlanned: op.endedUs >= 0 ? op.planned : op.reason === 'update' ? op.tracks + t.pending[p].count : op.reason === 'copy-on-write' ? op.tracks : op.planned,
        tracks: op.tracks,
        bytes: op.bytes,
        onAccessTracks: op.onAccess,
      }),
    ),
    rejectedCommands: t.rejectedCommands[p],
  };
}

export function poolReport(t: PairTablesView, i: number): PoolReport {
  const { key: _key, ...status } = poolStatus(t, i);
  void _key;
  const peak = t.poolState[i].peakUsed;
  return { ...status, peakUsedPct: Math.round((100_000 * peak) / t.pools[i].capacityTracks) / 1000 };
}

/** The bitmap view of pair `p` in at most `maxCells` cells: each cell shows its strongest mark. */
export function pairBitmap(t: PairTablesView, p: number, maxCells: number): PairBitmap {
  const n = t.trackCount[p];
  const cellsWanted = Math.max(1, Math.min(maxCells | 0, n));
  const perCell = Math.ceil(n / cellsWanted);
  const cellCount = Math.ceil(n / perCell);
  const cells = new Uint8Array(cellCount);
  const mark = (bm: ReadonlyTrackBitmap, code: number): void => {
    if (bm.trackCount === 0) return;
    bm.forEachSet((track) => {
      const c = Math.floor(track / perCell);
      if (cells[c] < code) cells[c] = code;
    });
  };
  const snapshot = t.pairs[p].kind === 'snapshot';
  mark(t.copied[p], BITMAP_COPIED);
  if (!snapshot) {
    mark(t.pDiff[p], BITMAP_DIRTY);
    mark(t.sDiff[p], BITMAP_DIRTY);
    mark(t.pending[p], BITMAP_PENDING);
  }
  void BITMAP_CLEAN;
  return {
    key: t.pairs[p].key,
    state: displayState(t, p),
    trackCount: n,
    tracksPerCell: perCell,
    cells,
    pendingTracks: snapshot ? 0 : t.pending[p].count,
    dirtyTracks: snapshot ? 0 : t.dirtyUnion[p],
    copiedTracks: t.copied[p].count,
  };
}

/** A record of `build(i)` for every item, keyed by the item's `key`, keys in sorted order. */
export function byKey<T>(items: readonly { key: string }[], build: (i: number) => T): Record<string, T> {
  const out: Record<string, T> = {};
  const order = items.map((item, i) => ({ key: item.key, i })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (const { key, i } of order) out[key] = build(i);
  return out;
}
