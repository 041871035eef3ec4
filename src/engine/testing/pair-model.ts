/**
 * A deliberately simple model of local replication (DESIGN.md "Local pairs", "Copy-on-write
 * snapshots"; engine: replication/pairs.ts) over a small fixed topology, for the model-based
 * property test replication/pairs.prop.test.ts, which runs it side by side with the engine.
 *
 * The topology: eight 41-track volumes on one array, two snapshot pools small enough to fill
 * (20 and 6 tracks), and eight pairs (`DEFS`): a local pair p → s and its cascade s → t, host
 * mirrors with and without position recording, three snapshot generations of p on two pools
 * (one presented on v) and a snapshot of s.
 *
 * The model:
 * - content of a track = the list of writes applied to it, interned as a number (0 = never
 *   written). The test matches engine digests to model contents by a bijection learned as
 *   tracks are read; no absolute digest value is assumed;
 * - every change to a volume (a host write, a duplexed write, a copy or a restore by any pair)
 *   goes through one function (`change`) that keeps every pair and snapshot of that volume
 *   exact, as the spec says it must; a change the spec does not allow (an S-VOL changed by
 *   another pair while it is paired, a P-VOL changed by another pair while it is being
 *   restored) throws a SpecError;
 * - time: the model does not schedule. The test observes which tracks left the engine's
 *   pending bitmap in an event and calls `cycle`, which expects exactly the next `pace` pending
 *   tracks in scan order (resuming where the last cycle stopped) and applies those copies,
 *   side effects included; `finishSnapshotRestore` likewise when the engine's restore ends.
 *
 * Invariants it asserts itself (throwing Error): a copy pass (initial, resync, restore) and a
 * split's drain copy each track at most once; a drain copies exactly what was pending at the
 * split; a copied track was pending.
 *
 * Does not handle: timing (latencies, pacing in time), faults, remote copy; the comparison with
 * the engine (the test's Harness). Written for clarity, not speed: Sets, arrays and linear
 * searches throughout.
 */
import type { Action } from '../../model/scenario.ts';
import type { CopyReason, PairState } from '../api.ts';
import { smallSan } from './small-sans.ts';

// ------------------------------------------------------------------ topology

/** 0.01 GiB = 41 tracks of 256 KiB: a model of every track stays cheap. */
const VOLUME_GIB = 0.01;
export const TRACKS = 41;
export const VOLS = ['p', 's', 't', 'v', 'hp', 'hs', 'np', 'ns'] as const;
export type Vol = (typeof VOLS)[number];
/** 20 and 6 tracks: small enough to fill. */
const POOL_GIB = [0.005, 0.0015];
const POOL_CAPACITY = [20, 6];
const POOL_WARNING_PCT = 80;
/** A snapshot's mark for a never-written track it noted on its first overwrite: zero, no pool slot. */
export const ZERO = -1;
export const PENDING_CELL = 3;

export type Kind = 'local' | 'host-mirror' | 'snapshot';
export interface PairDef {
  key: string;
  group: string;
  device: string;
  kind: Kind;
  pvol: Vol;
  svol: Vol | null;
  /** Snapshot pool index, -1 for copy pairs. */
  pool: number;
  /** Host mirror: records written positions while split (else every resync is a full copy). */
  positions: boolean;
}

/**
 * In the engine's order (groups by id, devices by name). G: p → s; C: the cascade s → t;
 * H / N: host mirrors with / without position recording; SN: two generations of p on pool 0
 * (g0 presented on v); SM: a third generation of p on pool 1; SS: a snapshot of s (pool 0).
 */
export const DEFS: PairDef[] = [
  { key: 'C/d', group: 'C', device: 'd', kind: 'local', pvol: 's', svol: 't', pool: -1, positions: true },
  { key: 'G/d', group: 'G', device: 'd', kind: 'local', pvol: 'p', svol: 's', pool: -1, positions: true },
  { key: 'H/d', group: 'H', device: 'd', kind: 'host-mirror', pvol: 'hp', svol: 'hs', pool: -1, positions: true },
  { key: 'N/d', group: 'N', device: 'd', kind: 'host-mirror', pvol: 'np', svol: 'ns', pool: -1, positions: false },
  { key: 'SM/g2', group: 'SM', device: 'g2', kind: 'snapshot', pvol: 'p', svol: null, pool: 1, positions: true },
  { key: 'SN/g0', group: 'SN', device: 'g0', kind: 'snapshot', pvol: 'p', svol: 'v', pool: 0, positions: true },
  { key: 'SN/g1', group: 'SN', device: 'g1', kind: 'snapshot', pvol: 'p', svol: null, pool: 0, positions: true },
  { key: 'SS/g0', group: 'SS', device: 'g0', kind: 'snapshot', pvol: 's', svol: null, pool: 0, positions: true },
];
export const MIRROR_OF: Partial<Record<Vol, string>> = { hp: 'H/d', np: 'N/d' };

function buildScenario() {
  const b = smallSan();
  for (const v of VOLS) b.ldev('arr1', v, 'pg-ssd', VOLUME_GIB);
  (['hp', 'hs', 'np', 'ns'] as const).forEach((v, i) => b.luPath('arr1', 'fc0', 'hg1', 2 + i, v));
  b.pool('arr1', 'pool1', 'pg-ssd', POOL_GIB[0], POOL_WARNING_PCT).pool('arr1', 'pool2', 'pg-hdd', POOL_GIB[1], POOL_WARNING_PCT);
  b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd', pvol: 'p', svol: 's' }] });
  b.copyGroup({ id: 'C', kind: 'local', devices: [{ name: 'd', pvol: 's', svol: 't' }] });
  b.copyGroup({ id: 'H', kind: 'host-mirror', serverId: 'h1', devices: [{ name: 'd', pvol: 'hp', svol: 'hs' }] });
  b.copyGroup({ id: 'N', kind: 'host-mirror', serverId: 'h1', recordPositions: false, devices: [{ name: 'd', pvol: 'np', svol: 'ns' }] });
  b.copyGroup({ id: 'SN', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g0', pvol: 'p', svol: 'v', mu: 0 }, { name: 'g1', pvol: 'p', mu: 1 }] });
  b.copyGroup({ id: 'SM', kind: 'snapshot', poolId: 'pool2', devices: [{ name: 'g2', pvol: 'p', mu: 2 }] });
  b.copyGroup({ id: 'SS', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g0', pvol: 's', mu: 0 }] });
  return b.build({ durationS: 600_000 });
}
export const SCENARIO = buildScenario();

// ------------------------------------------------------------------ the model (the spec)

export type St = 'SMPL' | 'COPY' | 'PAIR' | 'COPY(SP)' | 'PSUS(SP)' | 'PSUS' | 'COPY(RS)' | 'COPY(RS-R)' | 'PSUE';
export const COPYING: readonly St[] = ['COPY', 'PAIR', 'COPY(RS)'];
/** States in which hosts may not write the S-VOL (a change to it by another pair is an error). */
const S_LOCKED: readonly St[] = ['COPY', 'PAIR', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)'];
export const TRANSIENT: readonly St[] = ['COPY', 'COPY(SP)', 'PSUS(SP)', 'COPY(RS)', 'COPY(RS-R)'];

export interface OpModel {
  reason: CopyReason;
  planned: number;
  tracks: number;
  onAccess: number;
  open: boolean;
}

export interface PairModel {
  def: PairDef;
  index: number;
  state: St;
  pace: number;
  /** Where the next copy cycle resumes its scan. */
  scanPos: number;
  pending: Set<number>;
  /** COPY / COPY(RS): tracks re-written after this pass copied them (the update copy in PAIR takes them). */
  deferred: Set<number>;
  /** Tracks copied by the current (or last) copy operation, and by the drain of the current split. */
  copiedByOp: Set<number>;
  copiedByDrain: Set<number>;
  /** Tracks changed on the P-VOL / S-VOL (by anything but this pair) since the split or copy start. */
  pChanged: Set<number>;
  sChanged: Set<number>;
  /** Copying S → P. */
  restoring: boolean;
  readOnly: boolean;
  /** P-VOL image at split acceptance (copy pairs) or at the snapshot's taking. */
  image: number[] | null;
  ops: OpModel[];
  rejected: number;
  /** Snapshots: track → pool slot. */
  preserved: Map<number, number>;
}

export interface Slot {
  pool: number;
  content: number;
  refs: Set<number>;
}

type Verdict = 'accept' | 'redundant' | { code: string };
export interface Outcome {
  ok: boolean;
  redundant: boolean;
  code?: string;
}

export class SpecError extends Error {}

/** Tracks of a scan that starts at `from` and wraps: the copy engine's round-robin order. */
function scanOrder(set: Set<number>, from: number): number[] {
  const sorted = [...set].sort((a, b) => a - b);
  return [...sorted.filter((t) => t >= from), ...sorted.filter((t) => t < from)];
}

export class Model {
  readonly vols = new Map<Vol, number[]>(VOLS.map((v) => [v, new Array<number>(TRACKS).fill(0)]));
  readonly readOnlyAttr = new Set<Vol>();
  readonly pairs: PairModel[] = DEFS.map((def, index) => ({
    def,
    index,
    state: 'SMPL',
    pace: 3,
    scanPos: 0,
    pending: new Set(),
    deferred: new Set(),
    copiedByOp: new Set(),
    copiedByDrain: new Set(),
    pChanged: new Set(),
    sChanged: new Set(),
    restoring: false,
    readOnly: false,
    image: null,
    ops: [],
    rejected: 0,
    preserved: new Map(),
  }));
  readonly slots = new Map<number, Slot>();
  private nextSlot = 0;
  private readonly interned = new Map<string, number>();
  private nextContent = 1;
  /** How often each interesting path ran (coverage statistics). */
  readonly seen = new Map<string, number>();

  note(what: string): void {
    this.seen.set(what, (this.seen.get(what) ?? 0) + 1);
  }

  byKey(key: string): PairModel {
    return this.pairs.find((x) => x.def.key === key)!;
  }

  content(vol: Vol, t: number): number {
    return this.vols.get(vol)![t];
  }

  /** The content after write `writeId` lands on content `prev` (chained: order matters). */
  written(prev: number, writeId: number): number {
    const key = `${prev}:${writeId}`;
    let c = this.interned.get(key);
    if (c === undefined) {
      c = this.nextContent++;
      this.interned.set(key, c);
    }
    return c;
  }

  poolUsed(pool: number): number {
    let n = 0;
    for (const s of this.slots.values()) if (s.pool === pool) n++;
    return n;
  }

  displayState(x: PairModel): PairState {
    if (x.def.kind === 'snapshot' && (x.state === 'PAIR' || x.state === 'PSUS')) {
      const usedPct = (100 * this.poolUsed(x.def.pool)) / POOL_CAPACITY[x.def.pool];
      if (usedPct > POOL_WARNING_PCT) return x.state === 'PAIR' ? 'PFUL' : 'PFUS';
    }
    return x.state;
  }

  svolAccess(x: PairModel): 'rw' | 'r' | 'none' {
    if (x.def.svol === null) return 'none';
    if (x.def.kind === 'snapshot') return x.state === 'PSUS' ? 'r' : 'none';
    if (x.state === 'COPY(SP)') return 'none';
    if (S_LOCKED.includes(x.state)) return 'r';
    if ((x.state === 'PSUS' || x.state === 'PSUS(SP)') && x.readOnly) return 'r';
    return 'rw';
  }

  // -------------------------------------------------------------- host access

  private copyPairWithS(vol: Vol): PairModel | undefined {
    return this.pairs.find((x) => x.def.kind !== 'snapshot' && x.def.svol === vol);
  }

  private snapshotPresentedOn(vol: Vol): PairModel | undefined {
    return this.pairs.find((x) => x.def.kind === 'snapshot' && x.def.svol === vol);
  }

  /** Whether a pair (other than `except`) is restoring onto `vol` now. */
  private beingRestored(vol: Vol, except: PairModel | null): boolean {
    return this.pairs.some((x) => x !== except && x.def.pvol === vol && x.state === 'COPY(RS-R)');
  }

  writeReject(vol: Vol): string | null {
    if (this.readOnlyAttr.has(vol)) return 'read-only';
    const asS = this.copyPairWithS(vol);
    if (asS && S_LOCKED.includes(asS.state)) return 'pair-state';
    if (asS && (asS.state === 'PSUS' || asS.state === 'PSUS(SP)') && asS.readOnly) return 'read-only';
    if (this.beingRestored(vol, null)) return 'pair-state';
    if (this.snapshotPresentedOn(vol)) return 'pair-state';
    return null;
  }

  readReject(vol: Vol): string | null {
    const asS = this.copyPairWithS(vol);
    if (asS && asS.state === 'COPY(SP)') return 'pair-state';
    if (this.beingRestored(vol, null)) return 'pair-state';
    const snap = this.snapshotPresentedOn(vol);
    if (snap && snap.state !== 'PSUS') return 'pair-state';
    return null;
  }

  /** What a host reads from `vol` (a snapshot S-VOL shows the snapshot's image). */
  readable(vol: Vol, t: number): number {
    const snap = this.snapshotPresentedOn(vol);
    return snap ? this.imageTrack(snap, t) : this.content(vol, t);
  }

  imageTrack(x: PairModel, t: number): number {
    const slot = x.preserved.get(t);
    if (slot === undefined) return this.content(x.def.pvol, t);
    return slot === ZERO ? 0 : this.slots.get(slot)!.content;
  }

  // -------------------------------------------------------------- host I/O

  /** An accepted host write of `writeId` to `vol` (through the mirror program for hp / np). */
  hostWrite(vol: Vol, t: number, writeId: number, direct: boolean): void {
    const mirrorKey = direct ? undefined : MIRROR_OF[vol];
    const mirror = mirrorKey === undefined ? null : this.byKey(mirrorKey);
    const duplex = mirror !== null && COPYING.includes(mirror.state) ? mirror : null;
    this.change(vol, t, this.written(this.content(vol, t), writeId), null, duplex);
    if (duplex) this.change(duplex.def.svol!, t, this.written(this.content(duplex.def.svol!, t), writeId), null, duplex);
  }

  /** An accepted host read: a quick-split S-VOL copies a pending track first. */
  hostRead(vol: Vol, t: number): number {
    const asS = this.copyPairWithS(vol);
    if (asS && asS.state === 'PSUS(SP)' && asS.pending.has(t)) {
      this.copyTrack(asS, t, true);
      this.finishIfDrained(asS);
    }
    return this.readable(vol, t);
  }

  // -------------------------------------------------------------- every change to a volume

  /**
   * Track `t` of `vol` becomes `content`, changed by pair `by` (a copy or restore; null for a
   * host write). `duplex`: the host mirror writing both of its volumes. Keeps every pair of `vol` exact.
   */
  change(vol: Vol, t: number, content: number, by: PairModel | null, duplex: PairModel | null): void {
    const others = this.pairs.filter((x) => x !== by && x !== duplex && x.def.kind !== 'snapshot');
    for (const x of others) if (x.def.pvol === vol) this.pChange(x, t);
    for (const x of others) if (x.def.svol === vol) this.sChange(x, t, by);
    this.preserve(vol, t, by);
    this.vols.get(vol)![t] = content;
  }

  private pChange(x: PairModel, t: number): void {
    x.pChanged.add(t);
    if (x.state === 'COPY(RS-R)') throw new SpecError(`P-VOL ${x.def.pvol} of ${x.def.key} changed while being restored`);
    if (x.state === 'COPY' || x.state === 'COPY(RS)') {
      if (x.copiedByOp.has(t)) this.note('deferred re-write');
      (x.copiedByOp.has(t) ? x.deferred : x.pending).add(t); // one pass: each track once
    } else if (x.state === 'PAIR') {
      x.pending.add(t);
      if (!this.openOp(x)) this.open(x, 'update', 0);
    } else if ((x.state === 'COPY(SP)' || x.state === 'PSUS(SP)') && x.pending.has(t)) {
      this.copyTrack(x, t, true); // copy-before-write: S gets the split image
      this.finishIfDrained(x);
    }
  }

  private sChange(x: PairModel, t: number, by: PairModel | null): void {
    x.sChanged.add(t);
    if (S_LOCKED.includes(x.state)) throw new SpecError(`S-VOL ${x.def.svol} of ${x.def.key} (${x.state}) changed by ${by?.def.key ?? 'a host'}`);
    if (x.state === 'PSUS(SP)' && x.pending.has(t)) {
      this.copyTrack(x, t, true); // copy-before-secondary-write
      this.finishIfDrained(x);
    }
  }

  /** Copy-on-write for every taken snapshot of `vol` lacking `t`; one shared image per pool. */
  private preserve(vol: Vol, t: number, by: PairModel | null): void {
    const snaps = this.pairs.filter((x) => x.def.kind === 'snapshot' && x.def.pvol === vol && x !== by);
    for (const x of snaps) if (x.state === 'COPY(RS-R)') throw new SpecError(`P-VOL ${vol} of ${x.def.key} changed while being restored`);
    const needs = (x: PairModel): boolean => x.state === 'PSUS' && !x.preserved.has(t);
    if (this.content(vol, t) === 0) {
      // Never written: zero — noted by every snapshot that needs it, with no copy and no pool space.
      for (const x of snaps.filter(needs)) x.preserved.set(t, ZERO);
      this.note('zero track preserved');
      return;
    }
    for (;;) {
      const first = snaps.find(needs);
      if (!first) return;
      const pool = first.def.pool;
      const group = snaps.filter((x) => needs(x) && x.def.pool === pool);
      if (this.poolUsed(pool) >= POOL_CAPACITY[pool]) {
        for (const x of group) this.invalidate(x); // pool full: the image is lost, the write goes on
        this.note('pool full');
        continue;
      }
      const id = this.nextSlot++;
      this.slots.set(id, { pool, content: this.content(vol, t), refs: new Set(group.map((x) => x.index)) });
      for (const x of group) {
        x.preserved.set(t, id);
        this.countCopy(x, t, true);
      }
    }
  }

  private invalidate(x: PairModel): void {
    this.close(x);
    this.release(x);
    x.state = 'PSUE';
  }

  private release(x: PairModel): void {
    for (const id of x.preserved.values()) {
      if (id === ZERO) continue;
      const slot = this.slots.get(id)!;
      slot.refs.delete(x.index);
      if (slot.refs.size === 0) this.slots.delete(id);
    }
    x.preserved.clear();
  }

  // -------------------------------------------------------------- copies

  copyTrack(x: PairModel, t: number, onAccess: boolean): void {
    if (!x.pending.delete(t)) throw new Error(`model: ${x.def.key} copies track ${t}, which is not pending`);
    const from = x.restoring ? x.def.svol! : x.def.pvol;
    const to = x.restoring ? x.def.pvol : x.def.svol!;
    this.change(to, t, this.content(from, t), x, null);
    this.countCopy(x, t, onAccess);
    if (onAccess) this.note(`copy on access in ${x.state}`);
  }

  /** A copy cycle of `x` ran (observed): it copies the next `pace` pending tracks in scan order; returns them. */
  cycle(x: PairModel): number[] {
    const expected = scanOrder(x.pending, x.scanPos).slice(0, x.pace);
    for (const t of expected) {
      this.copyTrack(x, t, false);
      x.scanPos = t + 1;
    }
    this.finishIfDrained(x);
    return expected;
  }

  private openOp(x: PairModel): OpModel | null {
    const op = x.ops.at(-1);
    return op && op.open ? op : null;
  }

  private open(x: PairModel, reason: CopyReason, planned: number): void {
    this.close(x);
    x.ops.push({ reason, planned, tracks: 0, onAccess: 0, open: true });
    x.copiedByOp.clear();
  }

  private close(x: PairModel): void {
    const op = this.openOp(x);
    if (!op) return;
    if (op.tracks > 0) this.note(`${op.reason} copy`);
    op.open = false;
    if (op.reason === 'update' || op.reason === 'copy-on-write') op.planned = op.tracks;
  }

  private countCopy(x: PairModel, t: number, onAccess: boolean): void {
    if (!this.openOp(x)) this.open(x, x.def.kind === 'snapshot' ? 'copy-on-write' : 'update', 0);
    const op = this.openOp(x)!;
    // One pass: a copy (initial, resync, restore) copies a track at most once, and so does a split's drain.
    const phase = x.state === 'COPY(SP)' || x.state === 'PSUS(SP)' ? x.copiedByDrain : x.state === 'PAIR' || x.def.kind === 'snapshot' ? null : x.copiedByOp;
    if (phase?.has(t)) throw new Error(`${x.def.key} (${x.state}): ${op.reason} copied track ${t} twice`);
    phase?.add(t);
    x.copiedByOp.add(t);
    op.tracks++;
    if (onAccess) op.onAccess++;
  }

  /** The report's `tracksPlanned` of an op. */
  planned(x: PairModel, op: OpModel): number {
    if (!op.open) return op.planned;
    if (op.reason === 'update') return op.tracks + x.pending.size;
    if (op.reason === 'copy-on-write') return op.tracks;
    return op.planned;
  }

  finishIfDrained(x: PairModel): void {
    if (x.pending.size > 0 || x.def.kind === 'snapshot') return;
    const op = this.openOp(x);
    // Property 3: a split's drain copies exactly the tracks pending at the split (on access included).
    const draining = x.state === 'COPY(SP)' || x.state === 'PSUS(SP)';
    if (op && draining && op.tracks !== op.planned) throw new Error(`${x.def.key}: the drain (${op.reason}) copied ${op.tracks} tracks of ${op.planned} planned`);
    if (x.state === 'COPY' || x.state === 'COPY(RS)' || x.state === 'COPY(RS-R)') {
      this.close(x);
      x.restoring = false;
      x.state = 'PAIR';
      if (x.deferred.size > 0) {
        // Tracks re-written after the pass copied them: the update copy takes them now.
        x.pending = x.deferred;
        x.deferred = new Set();
        this.open(x, 'update', 0);
      }
    } else if (x.state === 'COPY(SP)' || x.state === 'PSUS(SP)') {
      this.close(x);
      x.state = 'PSUS';
    }
  }

  /** A snapshot restore's last track reached the disks (observed). */
  finishSnapshotRestore(x: PairModel): void {
    this.close(x);
    x.state = 'PSUS';
  }

  // -------------------------------------------------------------- commands

  command(action: Exclude<Action, { type: 'startWorkload' | 'stopWorkload' | 'setWorkload' | 'setReadOnly' }>): Outcome {
    const targets = this.pairs.filter((x) => x.def.group === action.group && (action.device === undefined || x.def.device === action.device));
    const verdicts = targets.map((x) => this.verdict(x, action, targets));
    const refused = targets.filter((_, k) => typeof verdicts[k] === 'object');
    if (refused.length > 0) {
      for (const x of refused) x.rejected++;
      const first = verdicts.find((v): v is Exclude<Verdict, string> => typeof v === 'object')!;
      return { ok: false, redundant: false, code: first.code };
    }
    let changed = 0;
    targets.forEach((x, k) => {
      if (verdicts[k] === 'redundant') return;
      changed++;
      this.perform(x, action);
    });
    return { ok: true, redundant: changed === 0 };
  }

  private verdict(x: PairModel, action: Parameters<Model['command']>[0], targets: PairModel[]): Verdict {
    const s = x.state;
    const snapshot = x.def.kind === 'snapshot';
    const invstp = { code: 'EX_INVSTP' };
    const cmdrje = { code: 'EX_CMDRJE' };
    const oneOf = (...states: string[]): boolean => states.includes(s);
    switch (action.type) {
      case 'pairCreate':
        // CCI: paircreate on a paired or copying pair ends normally with no effect.
        if (s !== 'SMPL') return oneOf('COPY', 'PAIR', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)') ? 'redundant' : invstp;
        if (!snapshot && this.readOnlyAttr.has(x.def.svol!)) return { code: 'EX_INVVOL' };
        if (!snapshot && this.beingRestored(x.def.svol!, null)) return { code: 'EX_INVVOL' }; // the copy would overwrite a restore
        return 'accept';
      case 'pairSplit':
        if (snapshot) return s === 'PAIR' ? 'accept' : s === 'PSUS' ? 'redundant' : invstp;
        if (oneOf('PAIR', 'COPY', 'COPY(RS)')) return 'accept';
        return oneOf('PSUS', 'PSUS(SP)', 'COPY(SP)', 'PSUE') ? 'redundant' : invstp;
      case 'pairSuspend':
        if (s === 'SMPL') return invstp;
        if (snapshot) return cmdrje; // Thin Image: no pairsplit -E
        return s === 'PSUE' ? 'redundant' : 'accept';
      case 'pairDelete':
        if (snapshot && s === 'COPY(RS-R)') return cmdrje;
        return s === 'SMPL' ? 'redundant' : 'accept';
      case 'pairResync':
        if (action.restore) {
          if (s === 'COPY(RS-R)' || (snapshot && s === 'PAIR')) return 'redundant';
          if (s !== 'PSUS') return invstp;
          return this.restoreBlocked(x, targets) ?? 'accept';
        }
        if (snapshot) return oneOf('PSUS', 'PSUE') ? 'accept' : oneOf('PAIR', 'COPY(RS-R)') ? 'redundant' : invstp;
        if (oneOf('PAIR', 'COPY', 'COPY(RS)', 'COPY(SP)', 'COPY(RS-R)')) return 'redundant';
        if (s !== 'PSUS' && s !== 'PSUE') return invstp;
        return this.beingRestored(x.def.svol!, null) ? { code: 'EX_INVVOL' } : 'accept';
    }
  }

  /**
   * A restore writes its P-VOL: refused while another pair still copies into that volume (it is
   * the S-VOL of a pair that is neither split nor suspended), or restores it, or restores the
   * restore's source; and when another pair of the same command restores the same volume.
   */
  private restoreBlocked(x: PairModel, targets: PairModel[]): Verdict | null {
    const asS = this.copyPairWithS(x.def.pvol);
    const refuse = { code: 'EX_INVVOL' };
    this.note('restore conflict checked');
    if (asS && asS.state !== 'SMPL' && asS.state !== 'PSUS' && asS.state !== 'PSUE') return refuse;
    if (this.beingRestored(x.def.pvol, x)) return refuse;
    if (targets.some((y) => y !== x && y.def.pvol === x.def.pvol)) return refuse;
    if (x.def.kind !== 'snapshot' && this.beingRestored(x.def.svol!, null)) return refuse;
    return null;
  }

  private perform(x: PairModel, action: Parameters<Model['command']>[0]): void {
    switch (action.type) {
      case 'pairCreate':
        return this.create(x, action.pace, action.split);
      case 'pairSplit':
        if (x.def.kind === 'snapshot') return this.take(x);
        x.readOnly = action.access === 'r';
        return this.beginSplit(x, action.mode === 'quick');
      case 'pairSuspend':
        this.close(x);
        x.pending.clear();
        x.deferred.clear();
        this.release(x);
        x.state = 'PSUE';
        return;
      case 'pairDelete':
        this.close(x);
        x.pending.clear();
        x.deferred.clear();
        x.copiedByOp.clear();
        this.release(x);
        x.image = null;
        x.readOnly = false;
        x.state = 'SMPL';
        return;
      case 'pairResync':
        if (action.pace !== undefined) x.pace = action.pace;
        return this.resync(x, action.restore);
    }
  }

  private create(x: PairModel, pace: number, split: boolean): void {
    x.pace = pace;
    x.ops = [];
    x.readOnly = false;
    x.image = null;
    if (x.def.kind === 'snapshot') {
      x.state = 'PAIR';
      return;
    }
    x.restoring = false;
    this.startCopy(x, 'COPY', 'initial', this.writtenUnion(x));
    if (split) this.beginSplit(x, false); // -split: the S-VOL becomes the P-VOL's image as of now
  }

  private writtenUnion(x: PairModel): Set<number> {
    const set = new Set<number>();
    for (let t = 0; t < TRACKS; t++) if (this.content(x.def.pvol, t) !== 0 || this.content(x.def.svol!, t) !== 0) set.add(t);
    return set;
  }

  private startCopy(x: PairModel, state: St, reason: CopyReason, set: Set<number>): void {
    x.pending = set;
    x.deferred.clear();
    x.pChanged.clear();
    x.sChanged.clear();
    x.scanPos = 0;
    this.open(x, reason, set.size);
    x.state = state;
    this.finishIfDrained(x);
  }

  /** From PAIR, or from COPY / COPY(RS) (the copy's remaining set is the drain and keeps its reason). */
  private beginSplit(x: PairModel, quick: boolean): void {
    x.image = [...this.vols.get(x.def.pvol)!];
    const copying = x.state === 'COPY' || x.state === 'COPY(RS)';
    for (const t of x.deferred) x.pending.add(t);
    x.deferred.clear();
    x.copiedByDrain.clear();
    if (!copying) this.close(x);
    x.pChanged.clear();
    x.sChanged.clear();
    if (x.pending.size === 0) {
      this.close(x);
      x.state = 'PSUS';
      return;
    }
    if (!copying) this.open(x, 'split-drain', x.pending.size);
    else this.openOp(x)!.planned = this.openOp(x)!.tracks + x.pending.size;
    x.state = quick ? 'PSUS(SP)' : 'COPY(SP)';
  }

  private take(x: PairModel): void {
    if (x.preserved.size > 0) throw new Error(`model: ${x.def.key} taken with preserved tracks`);
    this.open(x, 'copy-on-write', 0);
    x.image = [...this.vols.get(x.def.pvol)!];
    x.state = 'PSUS';
  }

  private resync(x: PairModel, restore: boolean): void {
    if (x.def.kind === 'snapshot') {
      if (!restore) {
        this.close(x);
        this.release(x);
        x.image = null;
        x.state = 'PAIR';
      } else {
        this.restoreSnapshot(x);
      }
      return;
    }
    let set: Set<number>;
    let reason: CopyReason;
    if (x.state === 'PSUE') {
      set = this.writtenUnion(x);
      reason = 'full-psue';
    } else if (x.def.kind === 'host-mirror' && !x.def.positions) {
      set = this.writtenUnion(x);
      reason = 'full-no-positions';
    } else {
      set = new Set([...x.pChanged, ...x.sChanged]);
      reason = restore ? 'restore' : 'resync-union';
    }
    x.restoring = restore;
    x.readOnly = false;
    x.image = null;
    this.startCopy(x, restore ? 'COPY(RS-R)' : 'COPY(RS)', reason, set);
  }

  /** The image goes back onto the P-VOL at once (track by track, other generations preserving). */
  private restoreSnapshot(x: PairModel): void {
    const tracks = [...x.preserved.keys()].sort((a, b) => a - b);
    this.open(x, 'snapshot-restore', tracks.length);
    x.state = 'COPY(RS-R)';
    for (const t of tracks) {
      const id = x.preserved.get(t)!;
      this.change(x.def.pvol, t, id === ZERO ? 0 : this.slots.get(id)!.content, x, null);
      this.countCopy(x, t, false);
    }
  }
}


// ------------------------------------------------------------------ helpers for the harness

/** A pair command as the model and the engine take it. */
export type PairAction = Parameters<Model['command']>[0];

export function fail(message: string): never {
  throw new Error(message);
}

export const hex = (d: number): string => (d >>> 0).toString(16).padStart(8, '0');
export const sortedNums = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);
