/**
 * The pair panel's commands as data: which scenario action each button applies (with the
 * command options the panel holds: copy pace, split mode, S-VOL read-only), the CCI command line
 * it corresponds to (shown as the button's tooltip and in the result), the note a result leaves
 * under the pair, and which buttons a state makes obviously redundant (drawn quieter, still
 * clickable: the engine answers every command). Pure.
 */
import type { Action } from '../../model/scenario.ts';
import type { CommandResult, PairState } from '../../engine/api.ts';

export type PairVerb = 'create' | 'split' | 'resync' | 'restore' | 'suspend' | 'delete';

/** A whole group (no device) or one device of it. */
export interface PairTarget {
  group: string;
  device?: string;
}

export interface CommandOptions {
  /** CCI copy pace `-c`, 1–15. */
  pace: number;
  splitMode: 'steady' | 'quick';
  /** `pairsplit -r`: the S-VOL read-only once split. */
  readOnly: boolean;
}

export const DEFAULT_OPTIONS: CommandOptions = { pace: 3, splitMode: 'steady', readOnly: false };
export const PACE_MIN = 1;
export const PACE_MAX = 15;

export interface VerbInfo {
  verb: PairVerb;
  label: string;
  /** What it does, for the button's tooltip. */
  summary: string;
  danger?: boolean;
}

export const VERBS: readonly VerbInfo[] = [
  { verb: 'create', label: 'Create', summary: 'create the pair: initial copy (COPY) then PAIR' },
  { verb: 'split', label: 'Split', summary: 'split: the S-VOL keeps the P-VOL image as of now (PSUS)' },
  { verb: 'resync', label: 'Resync', summary: 'resync: copy only what changed since the split, P → S' },
  { verb: 'restore', label: 'Restore', summary: 'restore: copy what changed back, S → P' },
  { verb: 'suspend', label: 'Suspend', summary: 'force the pair into PSUE (suspended by error)', danger: true },
  { verb: 'delete', label: 'Delete', summary: 'delete the pair (SMPL)', danger: true },
];

function clampPace(pace: number): number {
  return Math.min(PACE_MAX, Math.max(PACE_MIN, Math.round(pace)));
}

function ref(target: PairTarget): { group: string; device?: string } {
  return target.device === undefined ? { group: target.group } : { group: target.group, device: target.device };
}

export function actionFor(verb: PairVerb, target: PairTarget, opts: CommandOptions): Action {
  const at = ref(target);
  switch (verb) {
    case 'create':
      return { type: 'pairCreate', ...at, pace: clampPace(opts.pace), split: false };
    case 'split':
      return { type: 'pairSplit', ...at, mode: opts.splitMode, access: opts.readOnly ? 'r' : 'rw' };
    case 'resync':
      return { type: 'pairResync', ...at, restore: false, pace: clampPace(opts.pace) };
    case 'restore':
      return { type: 'pairResync', ...at, restore: true, pace: clampPace(opts.pace) };
    case 'suspend':
      return { type: 'pairSuspend', ...at };
    case 'delete':
      return { type: 'pairDelete', ...at };
  }
}

/** The CCI spelling of the command, e.g. `pairsplit -g G -d d1 -fq quick -r`. */
export function cciLine(verb: PairVerb, target: PairTarget, opts: CommandOptions): string {
  const addr = `-g ${target.group}${target.device === undefined ? '' : ` -d ${target.device}`}`;
  const pace = `-c ${clampPace(opts.pace)}`;
  switch (verb) {
    case 'create':
      return `paircreate ${addr} -vl ${pace}`;
    case 'split':
      return `pairsplit ${addr}${opts.splitMode === 'quick' ? ' -fq quick' : ''}${opts.readOnly ? ' -r' : ''}`;
    case 'resync':
      return `pairresync ${addr} ${pace}`;
    case 'restore':
      return `pairresync ${addr} -restore ${pace}`;
    case 'suspend':
      return `pairsplit ${addr} -E`;
    case 'delete':
      return `pairsplit ${addr} -S`;
  }
}

export interface ResultNote {
  tone: 'ok' | 'redundant' | 'rejected';
  /** `pairsplit -g G -d d1` */
  command: string;
  /** `[EX_INVSTP] G/d1: cannot split in SMPL`, `accepted`, or the redundant note. */
  text: string;
  atS: number;
}

export function resultNote(command: string, result: CommandResult, atS: number): ResultNote {
  if (!result.ok) {
    const code = result.code ? `[${result.code}] ` : '';
    return { tone: 'rejected', command, text: `rejected: ${code}${result.message ?? 'no reason given'}`, atS };
  }
  if (result.redundant) return { tone: 'redundant', command, text: result.message ?? 'nothing to do: already in the requested state', atS };
  return { tone: 'ok', command, text: 'accepted', atS };
}

const REDUNDANT_IN: Record<PairVerb, readonly PairState[]> = {
  create: ['COPY', 'PAIR'],
  split: ['PSUS', 'PSUS(SP)', 'COPY(SP)'],
  resync: ['PAIR', 'COPY', 'COPY(RS)'],
  restore: ['COPY(RS-R)'],
  suspend: ['PSUE'],
  delete: ['SMPL'],
};

/** True when every addressed pair is already where the command would take it. */
export function isRedundant(verb: PairVerb, states: readonly PairState[]): boolean {
  return states.length > 0 && states.every((s) => REDUNDANT_IN[verb].includes(s));
}
