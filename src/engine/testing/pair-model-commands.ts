/**
 * The pair commands of the pair model (pair-model.ts), deliberately simple: acceptance in every
 * state, with the CCI codes, and the transitions of local pairs, host mirrors and snapshots
 * (DESIGN.md "Local pairs", "Copy-on-write snapshots"; engine: replication/pair-acceptance.ts,
 * replication/pair-commands.ts), written again from the spec rather than from the engine.
 *
 * Owns: `applyCommand` — the verdicts for every addressed pair before any of them changes (all
 * change, or none), the restore conflicts, and what each accepted command does to a pair's
 * state, copy set and copy operations.
 *
 * Invariants: a refused command changes nothing but the refusing pairs' rejection counts; a
 * redundant one changes nothing; an accepted one acts through the model's own operations
 * (`open`, `close`, `release`, `finishIfDrained`, and `change` for a snapshot restore's writes,
 * which keeps every other pair of the P-VOL exact), so the model's assertions hold here too.
 *
 * Does not handle: copies and their side effects (pair-model.ts), time (the test observes the
 * engine's copy cycles), comparing with the engine (the test's Harness).
 */
import type { CopyReason } from '../api.ts';
import type { Model } from './pair-model.ts';
import { TRACKS, ZERO, type Outcome, type PairAction, type PairModel, type St } from './pair-model-defs.ts';

/** One pair's verdict on a command: accepted, redundant (nothing to do), or refused with a code. */
type Verdict = 'accept' | 'redundant' | { code: string };

/**
 * Applies a pair command to every pair it addresses (a group, or one device of it): every verdict
 * first; a refusal by any counts a rejection on each refusing pair and changes nothing else.
 */
export function applyCommand(m: Model, action: PairAction): Outcome {
  const targets = m.pairs.filter((x) => x.def.group === action.group && (action.device === undefined || x.def.device === action.device));
  const verdicts = targets.map((x) => verdict(m, x, action, targets));
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
    perform(m, x, action);
  });
  return { ok: true, redundant: changed === 0 };
}

// ------------------------------------------------------------------ acceptance

function verdict(m: Model, x: PairModel, action: PairAction, targets: PairModel[]): Verdict {
  const s = x.state;
  const snapshot = x.def.kind === 'snapshot';
  const invstp = { code: 'EX_INVSTP' };
  const cmdrje = { code: 'EX_CMDRJE' };
  const oneOf = (...states: string[]): boolean => states.includes(s);
  switch (action.type) {
    case 'pairCreate':
      // CCI: paircreate on a paired or copying pair ends normally with no effect.
      if (s !== 'SMPL') return oneOf('COPY', 'PAIR', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)') ? 'redundant' : invstp;
      if (!snapshot && m.readOnlyAttr.has(x.def.svol!)) return { code: 'EX_INVVOL' };
      if (!snapshot && m.beingRestored(x.def.svol!, null)) return { code: 'EX_INVVOL' }; // the copy would overwrite a restore
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
        return restoreBlocked(m, x, targets) ?? 'accept';
      }
      if (snapshot) return oneOf('PSUS', 'PSUE') ? 'accept' : oneOf('PAIR', 'COPY(RS-R)') ? 'redundant' : invstp;
      if (oneOf('PAIR', 'COPY', 'COPY(RS)', 'COPY(SP)', 'COPY(RS-R)')) return 'redundant';
      if (s !== 'PSUS' && s !== 'PSUE') return invstp;
      return m.beingRestored(x.def.svol!, null) ? { code: 'EX_INVVOL' } : 'accept';
  }
}

/**
 * A restore writes its P-VOL: refused while another pair still copies into that volume (it is
 * the S-VOL of a pair that is neither split nor suspended), or restores it, or restores the
 * restore's source; and when another pair of the same command restores the same volume.
 */
function restoreBlocked(m: Model, x: PairModel, targets: PairModel[]): Verdict | null {
  const asS = m.copyPairWithS(x.def.pvol);
  const refuse = { code: 'EX_INVVOL' };
  m.note('restore conflict checked');
  if (asS && asS.state !== 'SMPL' && asS.state !== 'PSUS' && asS.state !== 'PSUE') return refuse;
  if (m.beingRestored(x.def.pvol, x)) return refuse;
  if (targets.some((y) => y !== x && y.def.pvol === x.def.pvol)) return refuse;
  if (x.def.kind !== 'snapshot' && m.beingRestored(x.def.svol!, null)) return refuse;
  return null;
}

// ------------------------------------------------------------------ transitions

function perform(m: Model, x: PairModel, action: PairAction): void {
  switch (action.type) {
    case 'pairCreate':
      return create(m, x, action.pace, action.split);
    case 'pairSplit':
      if (x.def.kind === 'snapshot') return take(m, x);
      x.readOnly = action.access === 'r';
      return beginSplit(m, x, action.mode === 'quick');
    case 'pairSuspend':
      m.close(x);
      x.pending.clear();
      x.deferred.clear();
      m.release(x);
      x.state = 'PSUE';
      return;
    case 'pairDelete':
      m.close(x);
      x.pending.clear();
      x.deferred.clear();
      x.copiedByOp.clear();
      m.release(x);
      x.image = null;
      x.readOnly = false;
      x.state = 'SMPL';
      return;
    case 'pairResync':
      if (action.pace !== undefined) x.pace = action.pace;
      return resync(m, x, action.restore);
  }
}

function create(m: Model, x: PairModel, pace: number, split: boolean): void {
  x.pace = pace;
  x.ops = [];
  x.readOnly = false;
  x.image = null;
  if (x.def.kind === 'snapshot') {
    x.state = 'PAIR';
    return;
  }
  x.restoring = false;
  startCopy(m, x, 'COPY', 'initial', writtenUnion(m, x));
  if (split) beginSplit(m, x, false); // -split: the S-VOL becomes the P-VOL's image as of now
}

function writtenUnion(m: Model, x: PairModel): Set<number> {
  const set = new Set<number>();
  for (let t = 0; t < TRACKS; t++) if (m.content(x.def.pvol, t) !== 0 || m.content(x.def.svol!, t) !== 0) set.add(t);
  return set;
}

function startCopy(m: Model, x: PairModel, state: St, reason: CopyReason, set: Set<number>): void {
  x.pending = set;
  x.deferred.clear();
  x.pChanged.clear();
  x.sChanged.clear();
  x.scanPos = 0;
  m.open(x, reason, set.size);
  x.state = state;
  m.finishIfDrained(x);
}

/** From PAIR, or from COPY / COPY(RS) (the copy's remaining set is the drain and keeps its reason). */
function beginSplit(m: Model, x: PairModel, quick: boolean): void {
  x.image = [...m.vols.get(x.def.pvol)!];
  const copying = x.state === 'COPY' || x.state === 'COPY(RS)';
  for (const t of x.deferred) x.pending.add(t);
  x.deferred.clear();
  x.copiedByDrain.clear();
  if (!copying) m.close(x);
  x.pChanged.clear();
  x.sChanged.clear();
  if (x.pending.size === 0) {
    m.close(x);
    x.state = 'PSUS';
    return;
  }
  if (!copying) m.open(x, 'split-drain', x.pending.size);
  else m.openOp(x)!.planned = m.openOp(x)!.tracks + x.pending.size;
  x.state = quick ? 'PSUS(SP)' : 'COPY(SP)';
}

function take(m: Model, x: PairModel): void {
  if (x.preserved.size > 0) throw new Error(`model: ${x.def.key} taken with preserved tracks`);
  m.open(x, 'copy-on-write', 0);
  x.image = [...m.vols.get(x.def.pvol)!];
  x.state = 'PSUS';
}

function resync(m: Model, x: PairModel, restore: boolean): void {
  if (x.def.kind === 'snapshot') {
    if (!restore) {
      m.close(x);
      m.release(x);
      x.image = null;
      x.state = 'PAIR';
    } else {
      restoreSnapshot(m, x);
    }
    return;
  }
  let set: Set<number>;
  let reason: CopyReason;
  if (x.state === 'PSUE') {
    set = writtenUnion(m, x);
    reason = 'full-psue';
  } else if (x.def.kind === 'host-mirror' && !x.def.positions) {
    set = writtenUnion(m, x);
    reason = 'full-no-positions';
  } else {
    set = new Set([...x.pChanged, ...x.sChanged]);
    reason = restore ? 'restore' : 'resync-union';
  }
  x.restoring = restore;
  x.readOnly = false;
  x.image = null;
  startCopy(m, x, restore ? 'COPY(RS-R)' : 'COPY(RS)', reason, set);
}

/** The image goes back onto the P-VOL at once (track by track, other generations preserving). */
function restoreSnapshot(m: Model, x: PairModel): void {
  const tracks = [...x.preserved.keys()].sort((a, b) => a - b);
  m.open(x, 'snapshot-restore', tracks.length);
  x.state = 'COPY(RS-R)';
  for (const t of tracks) {
    const id = x.preserved.get(t)!;
    m.change(x.def.pvol, t, id === ZERO ? 0 : m.slots.get(id)!.content, x, null);
    m.countCopy(x, t, false);
  }
}
