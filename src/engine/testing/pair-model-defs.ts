/**
 * The definitions of the pair model (pair-model.ts) and of its property test
 * (replication/pairs.prop.test.ts): the small fixed topology both run on, the model's records,
 * and helpers of the test's harness.
 *
 * The topology: eight 41-track volumes on one array, two snapshot pools small enough to fill
 * (20 and 6 tracks), and eight pairs (`DEFS`): a local pair p → s and its cascade s → t, host
 * mirrors with and without position recording, three snapshot generations of p on two pools
 * (one presented on v) and a snapshot of s. `SCENARIO` is that topology as a scenario, for the
 * engine; `DEFS` lists its pairs in the engine's order, for the model.
 *
 * Invariants: `DEFS`, `VOLS`, the pool sizes and `SCENARIO` describe the same topology (a pair,
 * volume or pool added to one is added to the others); `DEFS` is in the engine's pair order.
 *
 * Does not handle: the model's behaviour (pair-model.ts, pair-model-commands.ts), comparing it
 * with the engine (the test's Harness).
 */
import type { Action } from '../../model/scenario.ts';
import type { CopyReason } from '../api.ts';
import { smallSan } from './small-sans.ts';

// ------------------------------------------------------------------ the topology

/** 0.01 GiB = 41 tracks of 256 KiB: a model of every track stays cheap. */
const VOLUME_GIB = 0.01;
export const TRACKS = 41;
export const VOLS = ['p', 's', 't', 'v', 'hp', 'hs', 'np', 'ns'] as const;
export type Vol = (typeof VOLS)[number];
/** 20 and 6 tracks: small enough to fill. */
const POOL_GIB = [0.005, 0.0015];
export const POOL_CAPACITY = [20, 6];
export const POOL_WARNING_PCT = 80;
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

// ------------------------------------------------------------------ the model's records

export type St = 'SMPL' | 'COPY' | 'PAIR' | 'COPY(SP)' | 'PSUS(SP)' | 'PSUS' | 'COPY(RS)' | 'COPY(RS-R)' | 'PSUE';
export const COPYING: readonly St[] = ['COPY', 'PAIR', 'COPY(RS)'];
/** States in which hosts may not write the S-VOL (a change to it by another pair is an error). */
export const S_LOCKED: readonly St[] = ['COPY', 'PAIR', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)'];
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

/** What a pair command did: refused (`code`), accepted, or accepted with nothing to do. */
export interface Outcome {
  ok: boolean;
  redundant: boolean;
  code?: string;
}

/** A pair command as the model and the engine take it. */
export type PairAction = Extract<Action, { type: 'pairCreate' | 'pairSplit' | 'pairSuspend' | 'pairDelete' | 'pairResync' }>;

/** A change the spec does not allow (see pair-model.ts `change`). */
export class SpecError extends Error {}

// ------------------------------------------------------------------ helpers for the harness

export function fail(message: string): never {
  throw new Error(message);
}

export const hex = (d: number): string => (d >>> 0).toString(16).padStart(8, '0');
export const sortedNums = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);
