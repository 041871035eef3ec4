/**
 * Model-based property tests of local replication (pairs.ts) through the simulation: random
 * interleavings of whole-track host writes and reads, pair commands (create, steady and quick
 * split, resync, restore, suspend, delete; snapshot take, discard, restore) and time steps,
 * run against the engine and against a deliberately simple model of the semantics in
 * DESIGN.md ("Local pairs", "Copy-on-write snapshots").
 *
 * The model:
 * - content of a track = the list of writes applied to it, interned as a number (0 = never
 *   written). Engine digests are matched to model contents by a bijection learned as tracks are
 *   read: one content always reads as one digest and two contents never share one; no absolute
 *   digest value is assumed;
 * - every change to a volume (a host write, a duplexed write, a copy or a restore by any pair)
 *   goes through one function that keeps every pair and snapshot of that volume exact, as the
 *   spec says it must; a change the spec does not allow (an S-VOL changed by another pair while
 *   it is paired, a P-VOL changed by another pair while it is being restored) is a model error;
 * - time: the engine decides when a copy cycle runs; the test steps one event at a time and
 *   reads which tracks left each pair's pending bitmap. The model checks that a cycle copied
 *   exactly the next `pace` pending tracks in scan order (resuming where the last cycle
 *   stopped) and applies those copies itself, side effects included.
 *
 * Checked after every step: pair states (display names), S-VOL access, pending tracks per track,
 * dirty counts, preserved tracks, pool use, every track a host can read without side effects,
 * every snapshot image track, the copy-operation reports, and the properties of the brief:
 * split image (1), resync set = union of the tracks changed on either side (2), quick split
 * reads and at-most-once copies (3), snapshot images (4), pool use and pool-full PSUE (5),
 * restore (6), PSUE full copy (7); and (8) determinism of the report and event-log hash.
 *
 * Counterexamples found here are pinned as named runbooks in pairs.regressions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import type { CopyReason, PairState } from '../api.ts';
import { createSimulation } from '../simulation.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { smallSan } from '../testing/small-sans.ts';

// ------------------------------------------------------------------ topology

/** 0.01 GiB = 41 tracks of 256 KiB: a model of every track stays cheap. */
const VOLUME_GIB = 0.01;
const TRACKS = 41;
const VOLS = ['p', 's', 't', 'v', 'hp', 'hs', 'np', 'ns'] as const;
type Vol = (typeof VOLS)[number];
/** 20 and 6 tracks: small enough to fill. */
const POOL_GIB = [0.005, 0.0015];
const POOL_CAPACITY = [20, 6];
const POOL_WARNING_PCT = 80;
/** A snapshot's mark for a never-written track it noted on its first overwrite: zero, no pool slot. */
const ZERO = -1;
const PENDING_CELL = 3;

type Kind = 'local' | 'host-mirror' | 'snapshot';
interface PairDef {
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
const DEFS: PairDef[] = [
  { key: 'C/d', group: 'C', device: 'd', kind: 'local', pvol: 's', svol: 't', pool: -1, positions: true },
  { key: 'G/d', group: 'G', device: 'd', kind: 'local', pvol: 'p', svol: 's', pool: -1, positions: true },
  { key: 'H/d', group: 'H', device: 'd', kind: 'host-mirror', pvol: 'hp', svol: 'hs', pool: -1, positions: true },
  { key: 'N/d', group: 'N', device: 'd', kind: 'host-mirror', pvol: 'np', svol: 'ns', pool: -1, positions: false },
  { key: 'SM/g2', group: 'SM', device: 'g2', kind: 'snapshot', pvol: 'p', svol: null, pool: 1, positions: true },
  { key: 'SN/g0', group: 'SN', device: 'g0', kind: 'snapshot', pvol: 'p', svol: 'v', pool: 0, positions: true },
  { key: 'SN/g1', group: 'SN', device: 'g1', kind: 'snapshot', pvol: 'p', svol: null, pool: 0, positions: true },
  { key: 'SS/g0', group: 'SS', device: 'g0', kind: 'snapshot', pvol: 's', svol: null, pool: 0, positions: true },
];
const MIRROR_OF: Partial<Record<Vol, string>> = { hp: 'H/d', np: 'N/d' };

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
const SCENARIO = buildScenario();

// ------------------------------------------------------------------ the model (the spec)

type St = 'SMPL' | 'COPY' | 'PAIR' | 'COPY(SP)' | 'PSUS(SP)' | 'PSUS' | 'COPY(RS)' | 'COPY(RS-R)' | 'PSUE';
const COPYING: readonly St[] = ['COPY', 'PAIR', 'COPY(RS)'];
/** States in which hosts may not write the S-VOL (a change to it by another pair is an error). */
const S_LOCKED: readonly St[] = ['COPY', 'PAIR', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)'];
const TRANSIENT: readonly St[] = ['COPY', 'COPY(SP)', 'PSUS(SP)', 'COPY(RS)', 'COPY(RS-R)'];

interface OpModel {
  reason: CopyReason;
  planned: number;
  tracks: number;
  onAccess: number;
  open: boolean;
}

interface PairModel {
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

interface Slot {
  pool: number;
  content: number;
  refs: Set<number>;
}

type Verdict = 'accept' | 'redundant' | { code: string };
interface Outcome {
  ok: boolean;
  redundant: boolean;
  code?: string;
}

class SpecError extends Error {}

/** Tracks of a scan that starts at `from` and wraps: the copy engine's round-robin order. */
function scanOrder(set: Set<number>, from: number): number[] {
  const sorted = [...set].sort((a, b) => a - b);
  return [...sorted.filter((t) => t >= from), ...sorted.filter((t) => t < from)];
}

class Model {
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
    switch (action.type) {
      case 'pairCreate':
        if (s !== 'SMPL') return s === 'COPY' || s === 'PAIR' ? 'redundant' : invstp;
        if (!snapshot && this.readOnlyAttr.has(x.def.svol!)) return { code: 'EX_INVVOL' };
        if (!snapshot && this.beingRestored(x.def.svol!, null)) return { code: 'EX_INVVOL' }; // the copy would overwrite a restore
        return 'accept';
      case 'pairSplit':
        if (snapshot) return s === 'PAIR' ? 'accept' : s === 'PSUS' ? 'redundant' : invstp;
        if (s === 'PAIR') return 'accept';
        if (s === 'COPY' || s === 'COPY(RS)') return 'accept';
        return s === 'PSUS' || s === 'PSUS(SP)' || s === 'COPY(SP)' ? 'redundant' : invstp;
      case 'pairSuspend':
        return s === 'SMPL' ? invstp : s === 'PSUE' ? 'redundant' : 'accept';
      case 'pairDelete':
        return s === 'SMPL' ? 'redundant' : 'accept';
      case 'pairResync':
        if (action.restore) {
          if (s === 'COPY(RS-R)') return 'redundant';
          if (s !== 'PSUS') return invstp;
          return this.restoreBlocked(x, targets) ?? 'accept';
        }
        if (snapshot) return s === 'PSUS' || s === 'PSUE' ? 'accept' : s === 'PAIR' ? 'redundant' : invstp;
        if (s === 'PAIR' || s === 'COPY' || s === 'COPY(RS)') return 'redundant';
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

// ------------------------------------------------------------------ the harness

type PairAction = Parameters<Model['command']>[0];
type Op =
  /** `direct`: to hp / np by a host that does not run the mirror program (not duplexed). */
  | { kind: 'write'; vol: Vol; track: number; direct?: boolean }
  | { kind: 'read'; vol: Vol; track: number }
  /** Whole-track writes to `count` consecutive tracks (wrapping): big copy sets, full pools. */
  | { kind: 'writeMany'; vol: Vol; track: number; count: number }
  /** A host reads every track of a volume (a quick-split S-VOL copies its pending tracks). */
  | { kind: 'scan'; vol: Vol }
  /** Writes tracks [0, count) of a copy group's P-VOL, then splits it at once (a split with much to drain). */
  | { kind: 'burstSplit'; group: string; count: number; quick: boolean }
  | { kind: 'snapRead'; key: string; track: number }
  | { kind: 'cmd'; action: PairAction }
  /** The next step of a pair's lifecycle, chosen from what its model state allows (reaches deep states). */
  | { kind: 'next'; group: string; device: string | undefined; pick: number; pace: number; quick: boolean; readOnly: boolean }
  | { kind: 'readOnly'; vol: Vol; readOnly: boolean }
  | { kind: 'run'; us: number }
  | { kind: 'settle' };

const SETTLE_US = 60_000_000;

function fail(message: string): never {
  throw new Error(message);
}

const hex = (d: number): string => (d >>> 0).toString(16).padStart(8, '0');
const sortedNums = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

/** The engine and the model side by side; every step is applied to both and compared. */
class Harness {
  readonly sim: EngineSimulationHandle = createSimulation(SCENARIO);
  readonly model = new Model();
  private readonly digestOf = new Map<number, number>([[0, 0]]);
  private readonly contentOf = new Map<number, number>([[0, 0]]);
  private writeId = 0;

  run(ops: Op[]): void {
    for (const op of ops) {
      this.step(op);
      this.checkAll();
    }
    this.step({ kind: 'settle' });
    this.checkAll();
    this.checkReports();
  }

  step(op: Op): void {
    switch (op.kind) {
      case 'write':
        return this.write(op.vol, op.track, op.direct ?? false);
      case 'read':
        return this.read(op.vol, op.track);
      case 'writeMany':
        for (let k = 0; k < op.count; k++) this.write(op.vol, (op.track + k) % TRACKS);
        return;
      case 'scan':
        for (let t = 0; t < TRACKS; t++) this.read(op.vol, t);
        return;
      case 'burstSplit': {
        const pvol = DEFS.find((d) => d.group === op.group)!.pvol;
        for (let t = 0; t < op.count; t++) this.write(pvol, t);
        return this.command({ type: 'pairSplit', group: op.group, mode: op.quick ? 'quick' : 'steady', access: 'rw' });
      }
      case 'snapRead':
        return this.snapRead(op.key, op.track);
      case 'cmd':
        return this.command(op.action);
      case 'next':
        return this.command(this.nextAction(op));
      case 'readOnly':
        this.sim.apply({ type: 'setReadOnly', ldevId: op.vol, readOnly: op.readOnly });
        if (op.readOnly) this.model.readOnlyAttr.add(op.vol);
        else this.model.readOnlyAttr.delete(op.vol);
        return;
      case 'run':
        return this.advance(op.us);
      case 'settle':
        this.advance(SETTLE_US);
        for (const x of this.model.pairs) if (TRANSIENT.includes(x.state)) fail(`${x.def.key} still ${x.state} after settling`);
        for (const x of this.model.pairs) if (x.pending.size > 0) fail(`${x.def.key} still has ${x.pending.size} pending tracks after settling`);
        return;
    }
  }

  /** One content always reads as one digest, and two contents never read alike. */
  private bind(content: number, digest: number, what: string): void {
    const known = this.digestOf.get(content);
    if (known === undefined) {
      const other = this.contentOf.get(digest);
      if (other !== undefined) fail(`${what}: read ${hex(digest)}, the digest of another content (model content ${other}, expected ${content})`);
      this.digestOf.set(content, digest);
      this.contentOf.set(digest, content);
    } else if (known !== digest) {
      fail(`${what}: read ${hex(digest)}, expected ${hex(known)} (model content ${content}, which reads as ${this.contentOf.get(digest) ?? 'unknown'})`);
    }
  }

  private write(vol: Vol, t: number, direct = false): void {
    const expected = this.model.writeReject(vol);
    const before = expected === null ? '' : JSON.stringify(this.sim.replicationStatus());
    const got = this.sim.hostWriteTrack(vol, t, direct ? undefined : MIRROR_OF[vol]);
    if (got !== expected) fail(`write ${vol}[${t}]: engine ${got ?? 'accepted'}, model ${expected ?? 'accepts'}`);
    if (expected !== null) {
      if (JSON.stringify(this.sim.replicationStatus()) !== before) fail(`rejected write ${vol}[${t}] changed the replication status`);
      this.model.note(`write refused: ${expected}`);
      return;
    }
    this.model.hostWrite(vol, t, ++this.writeId, direct);
  }

  /** Property 3: a quick-split S-VOL reads the split image plus its own writes since. */
  private read(vol: Vol, t: number): void {
    const expected = this.model.readReject(vol);
    const got = this.sim.hostReadTrack(vol, t);
    if (expected !== null) {
      if (got !== expected) fail(`read ${vol}[${t}]: engine ${String(got)}, model rejects with ${expected}`);
      return;
    }
    if (typeof got === 'string') fail(`read ${vol}[${t}]: engine rejects with ${got}, model accepts`);
    const split = this.model.pairs.find((x) => x.def.kind !== 'snapshot' && x.def.svol === vol && x.image !== null && (x.state === 'PSUS(SP)' || x.state === 'PSUS'));
    const content = this.model.hostRead(vol, t);
    this.bind(content, got, `read ${vol}[${t}]`);
    if (split && !split.sChanged.has(t) && content !== split.image![t]) fail(`read ${vol}[${t}]: S-VOL of ${split.def.key} does not show the split image`);
  }

  /** Property 4: a snapshot reads its image at creation. */
  private snapRead(key: string, t: number): void {
    const x = this.model.byKey(key);
    if (x.state !== 'PSUS' && x.state !== 'COPY(RS-R)') return;
    this.bind(x.image![t], this.sim.snapshotTrack(key, t), `snapshot ${key}[${t}]`);
  }

  private command(action: PairAction): void {
    const before = JSON.stringify(this.sim.replicationStatus());
    const got = this.sim.apply(action);
    const want = this.model.command(action);
    const what = `${action.type} ${action.group}${action.device ? `/${action.device}` : ''}`;
    if (got.ok !== want.ok) fail(`${what}: engine ${got.ok ? 'accepted' : `refused (${got.code}: ${got.message})`}, model ${want.ok ? 'accepts' : `refuses (${want.code})`}`);
    if (!got.ok && got.code !== want.code) fail(`${what}: engine code ${got.code}, model ${want.code}`);
    if (got.ok && (got.redundant ?? false) !== want.redundant) fail(`${what}: engine redundant=${got.redundant}, model ${want.redundant}`);
    this.model.note(got.ok ? (got.redundant ? 'command redundant' : 'command accepted') : `command refused: ${got.code}`);
    if ((!got.ok || got.redundant) && JSON.stringify(this.sim.replicationStatus()) !== before) fail(`${what}: a refused or redundant command changed the status`);
    this.checkReports();
  }

  /** A command that moves the first addressed pair on from its model state (`pick` chooses among the likely ones). */
  private nextAction(op: Extract<Op, { kind: 'next' }>): PairAction {
    const x = this.model.pairs.find((y) => y.def.group === op.group && (op.device === undefined || y.def.device === op.device))!;
    const ref = { group: op.group, device: op.device };
    const create: PairAction = { type: 'pairCreate', ...ref, pace: op.pace, split: op.readOnly && op.quick };
    const split: PairAction = { type: 'pairSplit', ...ref, mode: op.quick ? 'quick' : 'steady', access: op.readOnly ? 'r' : 'rw' };
    const resync: PairAction = { type: 'pairResync', ...ref, restore: false, pace: op.pace };
    const restore: PairAction = { type: 'pairResync', ...ref, restore: true, pace: op.pace };
    const suspend: PairAction = { type: 'pairSuspend', ...ref };
    const del: PairAction = { type: 'pairDelete', ...ref };
    const byState: Record<St, PairAction[]> = {
      SMPL: [create],
      COPY: [split, suspend, del, create],
      PAIR: [split, split, split, split, suspend, del, resync],
      'COPY(SP)': [suspend, split],
      'PSUS(SP)': [suspend, split, resync],
      PSUS: [resync, resync, restore, restore, suspend, del, split],
      'COPY(RS)': [split, suspend, del, resync],
      'COPY(RS-R)': [suspend, restore],
      PSUE: [resync, resync, del, restore],
    };
    if (x.def.kind === 'snapshot') byState.PSUS = [restore, restore, resync, resync, suspend, del];
    const choices = byState[x.state];
    return choices[op.pick % choices.length];
  }

  /** Runs the engine event by event, applying each observed copy cycle to the model. */
  private advance(us: number): void {
    const target = this.sim.nowUs() + us;
    while (this.sim.runUntil(target, 1) > 0) this.afterEvent();
  }

  private enginePending(key: string): Set<number> {
    const bm = this.sim.pairBitmap(key, TRACKS)!;
    const set = new Set<number>();
    bm.cells.forEach((c, t) => {
      if (c === PENDING_CELL) set.add(t);
    });
    return set;
  }

  private afterEvent(): void {
    const m = this.model;
    const copiers = m.pairs.filter((x) => x.def.kind !== 'snapshot' && x.pending.size > 0);
    const copied = copiers.map((x) => ({ x, gone: [...x.pending].filter((t) => !this.enginePending(x.def.key).has(t)) })).filter((c) => c.gone.length > 0);
    if (copied.length > 0) {
      // One cycle ran; other pairs may have lost tracks as its side effects (a copy into a
      // cascade's P-VOL during its split drain): the cycling pair is the one upstream of them.
      const target = (x: PairModel): Vol => (x.restoring ? x.def.pvol : x.def.svol!);
      const upstream = copied.filter((c) => copied.every((o) => o === c || o.x.def.pvol === target(c.x) || o.x.def.svol === target(c.x)));
      if (upstream.length !== 1) fail(`one event copied for ${copied.map((c) => c.x.def.key).join(' and ')}`);
      const { x, gone } = upstream[0];
      const expected = m.cycle(x);
      if (sortedNums(gone).join() !== sortedNums(expected).join()) fail(`${x.def.key} cycle copied [${sortedNums(gone)}], model expected [${sortedNums(expected)}] (pace ${x.pace})`);
    }
    for (const x of m.pairs) {
      if (x.def.kind === 'snapshot' && x.state === 'COPY(RS-R)' && this.engineState(x.def.key) !== 'COPY(RS-R)') m.finishSnapshotRestore(x);
    }
    this.checkStates();
  }

  private engineState(key: string): PairState {
    return this.sim.replicationStatus().pairs.find((p) => p.key === key)!.state;
  }

  // -------------------------------------------------------------- checks

  checkAll(): void {
    this.checkStates();
    this.checkContents();
    this.checkSpec();
  }

  /** States, access, pending tracks (per track), dirty counts, preserved tracks, pools. */
  private checkStates(): void {
    const m = this.model;
    const status = this.sim.replicationStatus();
    for (const x of m.pairs) {
      const e = status.pairs.find((p) => p.key === x.def.key)!;
      const k = x.def.key;
      if (e.state !== m.displayState(x)) fail(`${k}: engine ${e.state}, model ${m.displayState(x)}`);
      if (e.svolAccess !== m.svolAccess(x)) fail(`${k}: S-VOL access engine ${e.svolAccess}, model ${m.svolAccess(x)}`);
      if (x.def.kind === 'snapshot') {
        const held = [...x.preserved.values()].filter((id) => id !== ZERO).length;
        if (e.preservedTracks !== held) fail(`${k}: preserved engine ${e.preservedTracks}, model ${held}`);
        continue;
      }
      const pending = this.enginePending(k);
      if (sortedNums(pending).join() !== sortedNums(x.pending).join()) fail(`${k} (${x.state}): pending engine [${sortedNums(pending)}], model [${sortedNums(x.pending)}]`);
      if (x.state === 'PSUS' || x.state === 'PSUS(SP)' || x.state === 'COPY(SP)') {
        if (e.pDirtyTracks !== x.pChanged.size) fail(`${k} (${x.state}): P dirty engine ${e.pDirtyTracks}, model ${x.pChanged.size} [${sortedNums(x.pChanged)}]`);
        if (e.sDirtyTracks !== x.sChanged.size) fail(`${k} (${x.state}): S dirty engine ${e.sDirtyTracks}, model ${x.sChanged.size} [${sortedNums(x.sChanged)}]`);
        const union = new Set([...x.pChanged, ...x.sChanged]).size;
        if (e.dirtyTracks !== union) fail(`${k} (${x.state}): dirty (union) engine ${e.dirtyTracks}, model ${union}`);
      }
    }
    status.pools.forEach((p, i) => {
      if (p.usedTracks !== m.poolUsed(i)) fail(`${p.key}: used engine ${p.usedTracks}, model ${m.poolUsed(i)} (distinct preserved images)`);
    });
  }

  /** Every track a host can read without side effects, every snapshot image, the access verdicts. */
  private checkContents(): void {
    const m = this.model;
    for (const vol of VOLS) {
      const reject = m.readReject(vol);
      if (reject !== null) {
        const got = this.sim.hostReadTrack(vol, 0);
        if (got !== reject) fail(`read ${vol}: engine ${String(got)}, model rejects with ${reject}`);
        continue;
      }
      const quick = m.pairs.find((x) => x.def.svol === vol && x.state === 'PSUS(SP)');
      for (let t = 0; t < TRACKS; t++) {
        if (quick && quick.pending.has(t)) continue; // a read would copy it: only `read` ops do that
        const got = this.sim.hostReadTrack(vol, t);
        if (typeof got === 'string') fail(`read ${vol}[${t}]: engine rejects with ${got}, model accepts`);
        this.bind(m.readable(vol, t), got, `${vol}[${t}]`);
      }
    }
    for (const x of m.pairs) {
      if (x.def.kind !== 'snapshot' || (x.state !== 'PSUS' && x.state !== 'COPY(RS-R)')) continue;
      for (let t = 0; t < TRACKS; t++) this.bind(x.image![t], this.sim.snapshotTrack(x.def.key, t), `snapshot ${x.def.key}[${t}]`);
    }
  }

  /** The brief's properties, on the (engine-checked) model contents. */
  private checkSpec(): void {
    const m = this.model;
    for (const x of m.pairs) {
      if (x.def.kind === 'snapshot') {
        this.checkSnapshotSpec(x);
        continue;
      }
      const P = m.vols.get(x.def.pvol)!;
      const S = m.vols.get(x.def.svol!)!;
      for (let t = 0; t < TRACKS; t++) {
        if (x.pending.has(t)) {
          // A track still to drain keeps the split image on the P-VOL (copy-before-write).
          if (x.image && (x.state === 'COPY(SP)' || x.state === 'PSUS(SP)') && P[t] !== x.image[t]) fail(`${x.def.key}: pending track ${t} lost its split image on the P-VOL`);
          continue;
        }
        if ((COPYING.includes(x.state) || x.state === 'COPY(RS-R)') && !x.deferred.has(t) && S[t] !== P[t]) fail(`${x.def.key} (${x.state}): track ${t} is clean but S != P`);
        if (x.image && (x.state === 'PSUS' || x.state === 'PSUS(SP)' || x.state === 'COPY(SP)') && !x.sChanged.has(t) && S[t] !== x.image[t]) {
          fail(`${x.def.key} (${x.state}): S-VOL track ${t} differs from the P-VOL at split acceptance`);
        }
      }
    }
  }

  /** Property 4: a taken snapshot shows its image; property 6: a restored P-VOL is that image. */
  private checkSnapshotSpec(x: PairModel): void {
    if (x.state !== 'PSUS' && x.state !== 'COPY(RS-R)') return;
    const P = this.model.vols.get(x.def.pvol)!;
    for (let t = 0; t < TRACKS; t++) {
      if (this.model.imageTrack(x, t) !== x.image![t]) fail(`${x.def.key}: track ${t} of the image changed since the snapshot was taken`);
      if (x.state === 'COPY(RS-R)' && P[t] !== x.image![t]) fail(`${x.def.key}: restored P-VOL track ${t} is not the image`);
    }
  }

  /** The copy operations of every pair: reason, planned, copied, copied on access, running. */
  checkReports(): void {
    const report = this.sim.report();
    for (const x of this.model.pairs) {
      const r = report.pairs[x.def.key];
      if (r.rejectedCommands !== x.rejected) fail(`${x.def.key}: rejected commands engine ${r.rejectedCommands}, model ${x.rejected}`);
      const got = r.copies.map((c) => `${c.reason} ${c.tracksPlanned}/${c.tracks}/${c.onAccessTracks}${c.endedS === null ? ' running' : ''}`);
      const want = x.ops.map((o) => `${o.reason} ${this.model.planned(x, o)}/${o.tracks}/${o.onAccess}${o.open ? ' running' : ''}`);
      if (got.join('; ') !== want.join('; ')) fail(`${x.def.key} copies:\n  engine ${got.join('; ')}\n  model  ${want.join('; ')}`);
      // Property 1 / 4 as the report shows it: a split S-VOL (unchanged since) or a snapshot is the P-VOL as of the split.
      const frozen = x.def.kind === 'snapshot' ? x.state === 'PSUS' : x.state === 'PSUS' && x.sChanged.size === 0;
      if (frozen && r.svolDigest !== r.pDigestAtSplit) fail(`${x.def.key} (${x.state}): report svolDigest ${r.svolDigest} != pDigestAtSplit ${r.pDigestAtSplit}`);
      if (x.def.svol !== null && x.def.kind === 'snapshot' && x.state === 'PSUS' && report.ldevs[x.def.svol].contentDigest !== r.svolDigest) fail(`${x.def.svol}: contentDigest is not the image of ${x.def.key}`);
    }
  }
}

// ------------------------------------------------------------------ arbitraries

/** Mostly a few hot tracks (so writes collide), sometimes any track (so pools fill). */
const trackArb = fc.oneof({ weight: 1, arbitrary: fc.nat(5) }, { weight: 1, arbitrary: fc.nat(TRACKS - 1) });
const paceArb = fc.constantFrom(1, 2, 3, 15);
const deviceArb = (group: string): fc.Arbitrary<string | undefined> => (group === 'SN' ? fc.constantFrom(undefined, 'g0', 'g1') : fc.constant(undefined));

/** Each run works on a few groups, so their lifecycles go deep, or on all of them. */
const FOCUS: string[][] = [
  ['G', 'G', 'C', 'SS'], // a cascade, and a snapshot of its middle volume
  ['G', 'SN', 'SN', 'SM'], // a local pair and three snapshot generations of its P-VOL
  ['SN', 'SM'], // snapshots and two pools
  ['H', 'N'], // host mirrors, with and without position recording
  ['G', 'G', 'C', 'H', 'N', 'SN', 'SN', 'SM', 'SS'], // everything at once
];
const VOLS_OF: Record<string, Vol[]> = { G: ['p', 's'], C: ['s', 't'], SS: ['s'], SN: ['p', 'v'], SM: ['p'], H: ['hp', 'hs'], N: ['np', 'ns'] };

function pairActionArb(groups: string[]): fc.Arbitrary<PairAction> {
  return fc.constantFrom(...groups).chain((group) =>
    deviceArb(group).chain((device) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.record({ pace: paceArb, split: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }).map(({ pace, split }): PairAction => ({ type: 'pairCreate', group, device, pace, split })) },
        { weight: 4, arbitrary: fc.record({ mode: fc.constantFrom('steady' as const, 'quick' as const), access: fc.constantFrom('rw' as const, 'rw' as const, 'r' as const) }).map(({ mode, access }): PairAction => ({ type: 'pairSplit', group, device, mode, access })) },
        { weight: 4, arbitrary: fc.record({ restore: fc.boolean(), pace: fc.option(paceArb, { nil: undefined }) }).map(({ restore, pace }): PairAction => ({ type: 'pairResync', group, device, restore, pace })) },
        { weight: 1, arbitrary: fc.constant<PairAction>({ type: 'pairSuspend', group, device }) },
        { weight: 1, arbitrary: fc.constant<PairAction>({ type: 'pairDelete', group, device }) },
      ),
    ),
  );
}

function opArb(groups: string[]): fc.Arbitrary<Op> {
  const focusVols = [...new Set(groups.flatMap((g) => VOLS_OF[g]))];
  // Mostly the focus groups' volumes (P-VOLs twice), sometimes any.
  const volArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Vol>(...focusVols, ...focusVols.filter((v) => DEFS.some((d) => d.pvol === v))) }, { weight: 1, arbitrary: fc.constantFrom<Vol>(...VOLS) });
  const nextArb = fc.constantFrom(...groups).chain((group) =>
    fc.record({ kind: fc.constant('next' as const), group: fc.constant(group), device: deviceArb(group), pick: fc.nat(99), pace: paceArb, quick: fc.constantFrom(true, true, false), readOnly: fc.boolean() }),
  );
  return fc.oneof(
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('write' as const), vol: volArb, track: trackArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('write' as const), vol: fc.constantFrom<Vol>('hp', 'np'), track: trackArb, direct: fc.constant(true) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), vol: volArb, track: trackArb }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('writeMany' as const), vol: volArb, track: fc.nat(TRACKS - 1), count: fc.integer({ min: 2, max: TRACKS }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('scan' as const), vol: volArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('snapRead' as const), key: fc.constantFrom('SN/g0', 'SN/g1', 'SM/g2', 'SS/g0'), track: trackArb }) },
    { weight: 3, arbitrary: pairActionArb(groups).map((action): Op => ({ kind: 'cmd', action })) },
    { weight: 10, arbitrary: nextArb },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('burstSplit' as const), group: fc.constantFrom(...groups), count: fc.integer({ min: 1, max: TRACKS }), quick: fc.constantFrom(true, true, false) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('readOnly' as const), vol: fc.constantFrom<Vol>('p', 's', 't', 'hs'), readOnly: fc.boolean() }) },
    /** A track copy takes ~2 ms: most steps stop in the middle of a copy. */
    { weight: 7, arbitrary: fc.record({ kind: fc.constant('run' as const), us: fc.constantFrom(1, 300, 300, 2_000, 2_000, 2_000, 10_000, 10_000, 50_000, 150_000, 1_000_000) }) },
    { weight: 1, arbitrary: fc.constant<Op>({ kind: 'settle' }) },
  );
}
const opsArb = fc.constantFrom(...FOCUS).chain((groups) => fc.array(opArb(groups), { minLength: 20, maxLength: 120, size: 'max' }));

// ------------------------------------------------------------------ properties

const NUM_RUNS = Number(process.env.PAIR_RUNS ?? 200);

/** Paths the generator must reach, or the property proves little (each is hit dozens of times in 150 runs). */
const MUST_REACH = [
  'copy on access in COPY(SP)',
  'copy on access in PSUS(SP)',
  'deferred re-write',
  'pool full',
  'initial copy',
  'update copy',
  'split-drain copy',
  'resync-union copy',
  'restore copy',
  'full-psue copy',
  'full-no-positions copy',
  'snapshot-restore copy',
  'copy-on-write copy',
  'write refused: pair-state',
  'write refused: read-only',
  'command refused: EX_INVSTP',
  'command refused: EX_INVVOL',
  'command redundant',
];

describe('local replication › model-based', () => {
  it('matches the model under random writes, reads, pair commands and time (properties 1–7)', () => {
    const reached = new Map<string, number>();
    fc.assert(
      fc.property(opsArb, (ops) => {
        const h = new Harness();
        h.run(ops);
        for (const [k, v] of h.model.seen) reached.set(k, (reached.get(k) ?? 0) + v);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(MUST_REACH.filter((k) => !reached.has(k))).toEqual([]);
  });

  it('is deterministic: the same steps give the same report and event-log hash (property 8)', () => {
    const drive = (ops: Op[]): string => {
      const h = new Harness();
      for (const op of ops) h.step(op);
      return `${h.sim.eventLogHash()} ${JSON.stringify(h.sim.report())}`;
    };
    fc.assert(
      fc.property(opsArb, (ops) => {
        expect(drive(ops)).toBe(drive(ops));
      }),
      { numRuns: 30 },
    );
  });
});
