/**
 * The acceptance rule of every pair command in every pair state (docs/replication.md "Command
 * acceptance"): pure functions over a read-only view of the pair tables that return a verdict.
 *
 * Owns:
 * - the verdicts, with the CCI names: a rejected command says why, with an EX_ code; a
 *   redundant one (nothing to do) succeeds and does nothing; `pairs.ts` checks every pair a
 *   group command addresses before any of them changes, and changes all of them at one instant
 *   (consistency-group split), or none;
 * - the restore conflicts: a restore (local or snapshot) is refused (EX_INVVOL) while another
 *   pair could write its P-VOL meanwhile — the P-VOL is the S-VOL of a pair neither split nor
 *   suspended, or is being restored — or its S-VOL is being restored, or one command restores
 *   the P-VOL twice; a paircreate / pairresync is refused while its S-VOL is being restored;
 * - parsing a scenario pair action into a `PairCommand`.
 *
 * Invariants: a verdict reads the tables and never changes them; the same tables and command
 * give the same verdict.
 *
 * Does not handle: carrying a command out or counting its rejection (pairs.ts), host read /
 * write access to paired volumes (pairs.ts `hostAccess`).
 */
import { PAIR_STATES } from '../api.ts';
import { DEFAULT_COPY_PACE } from '../constants.ts';
import { COPY, COPY_RS, COPY_RS_R, COPY_SP, PAIR, PFUS, PSUE, PSUS, PSUS_SP, SMPL, SSWS, type PairCommand, type PairTablesView } from './pair-tables.ts';

/** A command's verdict for one pair: 'accept', 'redundant', or a rejection. */
export type Verdict = { kind: 'accept' } | { kind: 'redundant' } | Rejection;
export type Rejection = { kind: 'reject'; code: string; why: string };

const ACCEPT: Verdict = { kind: 'accept' };
const REDUNDANT: Verdict = { kind: 'redundant' };
const reject = (code: string, why: string): Verdict => ({ kind: 'reject', code, why });

/** The verdict of `cmd` for pair `p`, addressed together with the pairs `indices` (p among them). */
export function verdict(t: PairTablesView, p: number, cmd: PairCommand, indices: readonly number[]): Verdict {
  const pair = t.pairs[p];
  const s = t.state[p];
  const name = PAIR_STATES[s];
  const snapshot = pair.kind === 'snapshot';
  if (pair.remote !== null) return remoteVerdict(t, p, cmd);
  if (cmd.op === 'takeover' || cmd.op === 'swap') return reject('EX_CMDRJE', `${cmd.op === 'takeover' ? 'pairsplit -RS' : 'pairresync -swaps'} is for remote copy pairs; ${pair.key} is a ${pair.kind} pair`);
  switch (cmd.op) {
    case 'create': {
      if (s !== SMPL) {
        // CCI ends paircreate normally with no effect while the pair is paired or copying.
        const copying = s === COPY || s === PAIR || s === COPY_SP || s === COPY_RS || s === COPY_RS_R;
        return copying ? REDUNDANT : reject('EX_INVSTP', `the pair already exists (${name}); delete it first (pairsplit -S)`);
      }
      if (pair.svol >= 0 && t.ldevs[pair.svol].trackCount < t.trackCount[p]) {
        return reject('EX_ENQSIZ', `the S-VOL ${t.ldevs[pair.svol].id} is smaller than the P-VOL ${t.ldevs[pair.pvol].id}`);
      }
      const owner = pair.svol >= 0 && !snapshot ? t.sRole[pair.svol] : -1;
      if (owner >= 0 && owner !== p && t.state[owner] !== SMPL) {
        return reject('EX_INVVOL', `the S-VOL ${t.ldevs[pair.svol].id} is the S-VOL of ${t.pairs[owner].key} (${PAIR_STATES[t.state[owner]]})`);
      }
      if (pair.svol >= 0 && t.ldevReadOnly[pair.svol] === 1 && !snapshot) {
        return reject('EX_INVVOL', `the S-VOL ${t.ldevs[pair.svol].id} has the read-only attribute`);
      }
      return snapshot ? ACCEPT : (svolBeingRestored(t, p) ?? ACCEPT);
    }
    case 'split':
      if (snapshot) return s === PAIR ? ACCEPT : s === PSUS ? REDUNDANT : reject('EX_INVSTP', `cannot take a snapshot in ${name}`);
      if (s === PAIR) return ACCEPT;
      if (s === COPY || s === COPY_RS) return ACCEPT; // the rest of the copy becomes the drain
      if (s === PSUS || s === PSUS_SP || s === COPY_SP || s === PSUE) return REDUNDANT;
      return reject('EX_INVSTP', s === SMPL ? 'no pair (SMPL): create it first (paircreate)' : `cannot split in ${name}`);
    case 'suspend':
      if (s === SMPL) return reject('EX_INVSTP', 'no pair (SMPL)');
      // Thin Image refuses pairsplit -E: a snapshot goes PSUE only when its pool fills up.
      if (snapshot) return reject('EX_CMDRJE', 'a snapshot cannot be suspended with pairsplit -E (delete it with pairsplit -S)');
      return s === PSUE ? REDUNDANT : ACCEPT;
    case 'delete':
      if (snapshot && s === COPY_RS_R) return reject('EX_CMDRJE', 'the snapshot is being restored onto its P-VOL; delete it when the restore ends');
      return s === SMPL ? REDUNDANT : ACCEPT;
    case 'resync':
      if (cmd.restore) {
        if (s === PSUS) return restoreConflict(t, p, indices) ?? ACCEPT;
        if (s === COPY_RS_R || (snapshot && s === PAIR)) return REDUNDANT;
        return reject('EX_INVSTP', s === PSUE ? 'cannot restore from PSUE: the S-VOL is not a valid image' : `cannot restore in ${name} (the pair must be split: PSUS)`);
      }
      if (snapshot) return s === PSUS || s === PSUE ? ACCEPT : s === PAIR || s === COPY_RS_R ? REDUNDANT : reject('EX_INVSTP', `cannot resync in ${name}`);
      if (s === PSUS || s === PSUE) return svolBeingRestored(t, p) ?? ACCEPT;
      if (s === PAIR || s === COPY || s === COPY_RS || s === COPY_SP || s === COPY_RS_R) return REDUNDANT;
      return reject('EX_INVSTP', s === SMPL ? 'no pair (SMPL): create it first (paircreate)' : `cannot resync in ${name} (a split or restore is in progress)`);
  }
}

/**
 * Remote pairs (TrueCopy / Universal Replicator): paircreate from SMPL; pairsplit (PSUS) from
 * PAIR or a copy; pairsplit -E (PSUE) and -S; pairsplit -RS (S-VOL takeover → SSWS) from any
 * state but SMPL; pairresync from PSUS, PSUE, PFUS or SSWS (the union of both bitmaps, P → S);
 * pairresync -swaps only in SSWS. No -restore: a remote pair is restored by a swap.
 */
function remoteVerdict(t: PairTablesView, p: number, cmd: PairCommand): Verdict {
  const s = t.state[p];
  const name = PAIR_STATES[s];
  const pair = t.pairs[p];
  switch (cmd.op) {
    case 'create':
      if (s !== SMPL) return s === COPY || s === PAIR || s === COPY_RS ? REDUNDANT : reject('EX_INVSTP', `the pair already exists (${name}); delete it first (pairsplit -S)`);
      if (pair.svol >= 0 && t.ldevs[pair.svol].trackCount < t.trackCount[p]) return reject('EX_ENQSIZ', `the S-VOL ${t.ldevs[pair.svol].id} is smaller than the P-VOL ${t.ldevs[pair.pvol].id}`);
      return ACCEPT;
    case 'split':
      if (s === PAIR || s === COPY || s === COPY_RS) return ACCEPT;
      if (s === PSUS || s === COPY_SP || s === PSUE || s === PFUS || s === SSWS) return REDUNDANT;
      return reject('EX_INVSTP', s === SMPL ? 'no pair (SMPL): create it first (paircreate)' : `cannot split in ${name}`);
    case 'suspend':
      if (s === SMPL) return reject('EX_INVSTP', 'no pair (SMPL)');
      return s === PSUE ? REDUNDANT : ACCEPT;
    case 'delete':
      return s === SMPL ? REDUNDANT : ACCEPT;
    case 'takeover':
      if (s === SMPL) return reject('EX_INVSTP', 'no pair (SMPL): nothing to take over');
      return s === SSWS ? REDUNDANT : ACCEPT;
    case 'swap':
      if (s === SSWS) return ACCEPT;
      return reject('EX_INVSTP', `pairresync -swaps needs the S-VOL taken over (SSWS: pairsplit -RS first); the pair is ${name}`);
    case 'resync':
      if (cmd.restore) return reject('EX_CMDRJE', 'a remote pair has no -restore: take over the S-VOL (pairsplit -RS) and swap (pairresync -swaps)');
      if (s === PSUS || s === PSUE || s === PFUS || s === SSWS) return ACCEPT;
      if (s === PAIR || s === COPY || s === COPY_RS || s === COPY_SP) return REDUNDANT;
      return reject('EX_INVSTP', s === SMPL ? 'no pair (SMPL): create it first (paircreate)' : `cannot resync in ${name}`);
  }
}

/**
 * A restore writes its P-VOL, which nothing else may write meanwhile without the pairs of that
 * volume missing the change: refused while the P-VOL is the S-VOL of a pair that still copies
 * into it (neither split nor suspended), while another pair restores it, while its own S-VOL
 * is being restored, and when one command restores the same P-VOL from several pairs.
 */
export function restoreConflict(t: PairTablesView, p: number, indices: readonly number[]): Verdict | null {
  const target = t.pairs[p].pvol;
  const id = t.ldevs[target].id;
  const feeder = t.sRole[target];
  const fs = feeder >= 0 ? t.state[feeder] : SMPL;
  if (fs !== SMPL && fs !== PSUS && fs !== PSUE) return reject('EX_INVVOL', `${id} is the S-VOL of ${t.pairs[feeder].key} (${PAIR_STATES[fs]}): split it first`);
  if (restoringOnto(t, target, p)) return reject('EX_INVVOL', `${id} is being restored by another pair`);
  if (indices.some((q) => q !== p && t.pairs[q].pvol === target)) return reject('EX_INVVOL', `${id} cannot be restored from several pairs at once`);
  return t.pairs[p].kind === 'snapshot' ? null : svolBeingRestored(t, p);
}

/** A local or host-mirror pair cannot copy while another pair restores its S-VOL. */
export function svolBeingRestored(t: PairTablesView, p: number): Verdict | null {
  const svol = t.pairs[p].svol;
  return restoringOnto(t, svol, p) ? reject('EX_INVVOL', `the S-VOL ${t.ldevs[svol].id} is being restored by another pair`) : null;
}

/** Whether a pair other than `except` (a local pair, a host mirror or a snapshot of it) is restoring onto `ldev`. */
export function restoringOnto(t: PairTablesView, ldev: number, except: number): boolean {
  for (const q of t.pRole[ldev]) if (q !== except && t.state[q] === COPY_RS_R) return true;
  for (const q of t.snapshotsOf[ldev]) if (q !== except && t.state[q] === COPY_RS_R) return true;
  return false;
}

/** Parses a scenario pair action into a command. */
export function commandOf(action: { type: string; pace?: number; split?: boolean; mode?: string; access?: string; restore?: boolean; takeover?: boolean; swap?: boolean }): PairCommand {
  if (action.type === 'pairSplit' && action.takeover === true) return { op: 'takeover' };
  if (action.type === 'pairResync' && action.swap === true) return { op: 'swap', pace: action.pace };
  switch (action.type) {
    case 'pairCreate':
      return { op: 'create', pace: action.pace ?? DEFAULT_COPY_PACE, split: action.split ?? false };
    case 'pairSplit':
      return { op: 'split', quick: action.mode === 'quick', readOnly: action.access === 'r' };
    case 'pairSuspend':
      return { op: 'suspend' };
    case 'pairDelete':
      return { op: 'delete' };
    default:
      return { op: 'resync', restore: action.restore ?? false, pace: action.pace };
  }
}
