/**
 * Model-based property tests of local replication (pairs.ts) through the simulation: random
 * interleavings of whole-track host writes and reads, pair commands (create, steady and quick
 * split, resync, restore, suspend, delete; snapshot take, discard, restore) and time steps,
 * run against the engine and against the deliberately simple model of the semantics in
 * testing/pair-model.ts (how contents and time are modelled), with the topology in
 * testing/pair-model-defs.ts.
 *
 * The harness applies every step to both and compares them. Time: the engine decides when a
 * copy cycle runs; the harness steps one event at a time, reads which tracks left each pair's
 * pending bitmap and has the model check and apply that cycle. Engine digests are matched to
 * model contents by a bijection learned as tracks are read: one content always reads as one
 * digest and two contents never share one.
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
import { createSimulation } from '../simulation.ts';
import type { PairState } from '../api.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { Model } from '../testing/pair-model.ts';
import {
  COPYING,
  DEFS,
  MIRROR_OF,
  PENDING_CELL,
  SCENARIO,
  TRACKS,
  TRANSIENT,
  VOLS,
  ZERO,
  fail,
  hex,
  sortedNums,
  type PairAction,
  type PairModel,
  type St,
  type Vol,
} from '../testing/pair-model-defs.ts';

// ------------------------------------------------------------------ the harness

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
