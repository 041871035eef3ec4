/**
 * The run-time records of remote copy shared by its modules: the dependencies the simulation
 * hands over (`RemoteDeps`), a remote group (its history count, applied prefix, lag, suspension
 * and checker), a journal link (a master journal, its restore side and its share of the WAN
 * protocol), and the event payload kinds of EV_REMOTE.
 *
 * Owns data shapes and their initial values only; remote-copy.ts and journal-transfer.ts change them.
 */
import type { DiskArrays } from '../array/array.ts';
import type { CompiledModel } from '../compile.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { MetricsCollector } from '../metrics/collector.ts';
import type { Replication } from '../replication/pairs.ts';
import type { CompiledRemotePair } from './compile-remote.ts';
import type { JournalRing } from './journal.ts';
import type { PrefixChecker } from './prefix-checker.ts';
import type { WanLinks } from './wan.ts';

/** EV_REMOTE payload kinds (b & 7); the rest of b (b >>> 3) is the payload. */
export const K_READ = 0;
export const K_RESET = 1;
export const K_SEND = 2;
export const K_ARRIVE = 3;
export const K_WATCH = 4;
/** Batches a journal link remembers (far more than can be on the wire at once). */
export const BATCH_SLOTS = 4096;

export interface RemoteDeps {
  model: CompiledModel;
  arrays: DiskArrays;
  repl: Replication;
  cursor: IoCursor;
  wan: WanLinks;
  metrics: MetricsCollector;
  nowUs(): number;
  push(atUs: number, a: number, b: number): void;
  /** A parked host write may go ahead now. */
  resume(slot: number, w: number, block: number, bytes: number): void;
  reasons: { fence: number; siteDown: number };
}

export interface RemoteGroup {
  key: string;
  mode: 'sync' | 'async';
  pairs: number[];
  copyGroups: string[];
  jls: number[];
  lastSeq: number;
  lastJseq: number;
  appliedSeq: number;
  appliedJseq: number;
  lastBytes: number;
  appliedBytes: number;
  appliedWrites: number;
  /** Ack time of the oldest write the remote does not hold (-1: none). */
  oldestUs: number;
  /** Journal sequence up to which entries must apply before the remote is consistent again (-1: consistent or suspended). */
  consistJseq: number;
  consistHseq: number;
  consistBytes: number;
  /**
   * Whether the remote became a prefix image since the last copy started (paircreate, resync):
   * a group that leaves a copy (outage, pairsplit -E, takeover) before it settled holds no prefix.
   */
  settled: boolean;
  /** A split accepted before the group settled: the remote is the primary as of write `splitHseq` once the split's drain has applied. */
  splitPending: boolean;
  splitHseq: number;
  splitBytes: number;
  checker: PrefixChecker;
  /** Why the checker cannot vouch for the primary's history (something wrote a P-VOL outside host writes), or null. */
  checkerBroken: string | null;
  volumeOfPair: Map<number, number>;
  suspendedAtUs: number;
  suspendReason: string | null;
  suspensions: number;
  fencedWrites: number;
  respUs: number;
  respCount: number;
  worstLagS: number;
  worstLagWrites: number;
  worstLagBytes: number;
  peakJournalPct: number;
}

/** A master journal with its restore side and its share of the WAN protocol. */
export interface JournalLink {
  group: number;
  ring: JournalRing;
  masterArray: number;
  masterId: number;
  capacityBytes: number;
  overflowWatchUs: number;
  restoreArray: number;
  restoreId: number;
  restoreCapacityBytes: number;
  wan: number;
  dir: number;
  credits: number;
  /** Applied entry number carried by each read command on the wire, oldest first. */
  reads: number[];
  sendScheduled: boolean;
  epoch: number;
  batchId: number;
  batchFirst: Float64Array;
  batchEnd: Float64Array;
  batchTag: Float64Array;
  parked: number[]; // [slot, w, block, bytes] × n
  watchGen: number;
  watchRunning: boolean;
  /** Library targets: when the drive is free. */
  driveFreeUs: number;
  /** Whether the master journal is over JNL_PFUL_PCT (the pairs' PFUL flag follows its crossings). */
  pful: boolean;
}

export function newGroup(r: CompiledRemotePair): RemoteGroup {
  return {
    key: r.groupKey,
    mode: r.mode,
    pairs: [],
    copyGroups: [],
    jls: [],
    lastSeq: 0,
    lastJseq: 0,
    appliedSeq: 0,
    appliedJseq: 0,
    lastBytes: 0,
    appliedBytes: 0,
    appliedWrites: 0,
    oldestUs: -1,
    consistJseq: -1,
    consistHseq: 0,
    consistBytes: 0,
    settled: false,
    splitPending: false,
    splitHseq: 0,
    splitBytes: 0,
    checker: null as unknown as PrefixChecker,
    checkerBroken: null,
    volumeOfPair: new Map(),
    suspendedAtUs: -1,
    suspendReason: null,
    suspensions: 0,
    fencedWrites: 0,
    respUs: 0,
    respCount: 0,
    worstLagS: 0,
    worstLagWrites: 0,
    worstLagBytes: 0,
    peakJournalPct: 0,
  };
}

/**
 * Keeps the group's checker history to what the remote lacks (the part "verify remote" needs):
 * folds it to the applied prefix once that is at least `minStep` writes past the checker's base
 * (the apply path folds in steps, the per-second sample folds whatever is left). A P-VOL changed
 * outside its history (a restore onto it) leaves the checker unable to vouch: recorded, not thrown.
 */
export function foldHistory(d: RemoteDeps, g: RemoteGroup, minStep: number): void {
  if (g.consistJseq >= 0 || g.appliedSeq - g.checker.base <= minStep) return;
  const pairs = d.model.replication.pairs;
  const digests = d.arrays.digests;
  try {
    g.checker.foldTo(g.appliedSeq, (vol, track) => digests[pairs[g.pairs[vol]].pvol].get(track));
  } catch (e) {
    g.checkerBroken = (e as Error).message;
  }
}
