/**
 * A deliberately simple model of local replication (DESIGN.md "Local pairs", "Copy-on-write
 * snapshots"; engine: replication/pairs.ts) over the small fixed topology of
 * pair-model-defs.ts, for the model-based property test replication/pairs.prop.test.ts, which
 * runs it side by side with the engine.
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
 * Does not handle: pair commands (pair-model-commands.ts, behind `command`; it calls `open`,
 * `close`, `release`, `countCopy`, `change`, `finishIfDrained` and the role lookups here),
 * timing (latencies, pacing in time), faults, remote copy; the comparison with the engine (the
 * test's Harness). Written for clarity, not speed: Sets, arrays and linear searches throughout.
 */
import type { CopyReason, PairState } from '../api.ts';
import { applyCommand } from './pair-model-commands.ts';
import {
  COPYING,
  DEFS,
  MIRROR_OF,
  POOL_CAPACITY,
  POOL_WARNING_PCT,
  S_LOCKED,
  SpecError,
  TRACKS,
  VOLS,
  ZERO,
  type OpModel,
  type Outcome,
  type PairAction,
  type PairModel,
  type Slot,
  type Vol,
} from './pair-model-defs.ts';

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

  /** The local pair or host mirror whose S-VOL is `vol` (also used by pair-model-commands.ts). */
  copyPairWithS(vol: Vol): PairModel | undefined {
    return this.pairs.find((x) => x.def.kind !== 'snapshot' && x.def.svol === vol);
  }

  private snapshotPresentedOn(vol: Vol): PairModel | undefined {
    return this.pairs.find((x) => x.def.kind === 'snapshot' && x.def.svol === vol);
  }

  /** Whether a pair (other than `except`) is restoring onto `vol` now. */
  beingRestored(vol: Vol, except: PairModel | null): boolean {
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

  /** Frees a snapshot's pool slots and forgets its preserved tracks. */
  release(x: PairModel): void {
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

  /** The pair's open copy operation, if any. */
  openOp(x: PairModel): OpModel | null {
    const op = x.ops.at(-1);
    return op && op.open ? op : null;
  }

  open(x: PairModel, reason: CopyReason, planned: number): void {
    this.close(x);
    x.ops.push({ reason, planned, tracks: 0, onAccess: 0, open: true });
    x.copiedByOp.clear();
  }

  close(x: PairModel): void {
    const op = this.openOp(x);
    if (!op) return;
    if (op.tracks > 0) this.note(`${op.reason} copy`);
    op.open = false;
    if (op.reason === 'update' || op.reason === 'copy-on-write') op.planned = op.tracks;
  }

  countCopy(x: PairModel, t: number, onAccess: boolean): void {
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

  // -------------------------------------------------------------- commands (pair-model-commands.ts)

  command(action: PairAction): Outcome {
    return applyCommand(this, action);
  }
}
