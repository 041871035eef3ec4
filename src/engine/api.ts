/**
 * The engine's public contract: what the CLI, the worker and tests program against.
 *
 * The engine is deterministic and pure: a Simulation is built from a Scenario document and a
 * seed, advances only through these calls, and never reads wall-clock time or unseeded
 * randomness. Same scenario + seed → same report and same event-log hash, in Node and in a
 * Web Worker.
 *
 * Time: integer microseconds of simulated time (`…Us`). Reports speak seconds and milliseconds.
 */
import type { FiredTrigger, TimelineStepReport } from './ops/timeline-triggers.ts';
export type { FiredTrigger, TimelineStepReport } from './ops/timeline-triggers.ts';
import type { FaultReport, FaultStatus, JournalEntry, MovePrediction } from './fault-api.ts';
import type { Action, Expectation, Scenario } from '../model/scenario.ts';
import type { CopyGroupKind } from '../model/topology.ts';
import type { BackupReport, BackupStatus } from './backup-api.ts';
import type { RemoteReport, RemoteStatus, RemoteVerification } from './remote-api.ts';

export type * from './backup-api.ts';
export type * from './remote-api.ts';
export type * from './fault-api.ts';

/** A command applied to a running simulation (plain data; the UI never mutates engine state). */
export type EngineCommand = Action;

export interface CommandResult {
  ok: boolean;
  /** Why a command was rejected, naming the device or field at fault. */
  message?: string;
  /**
   * For a rejected pair command: CCI's error code (`EX_INVSTP`, `EX_ENOGRP`, `EX_ENODEV`,
   * `EX_ENQSIZ`, `EX_INVVOL`, `EX_CMDRJE`); see docs/console.md.
   */
  code?: string;
  /** For an accepted command that did nothing because it was redundant (e.g. resync in PAIR). */
  redundant?: boolean;
}

/** Why the fabric or the array refused an I/O. Stable strings: reports and tests use them. */
export type RejectReason =
  | 'no-route' // no physical path from any HBA of the host to the array port
  | 'not-in-host-group' // the initiator WWPN is not in the port's host group for that LUN
  | 'no-lu-path' // no LU path at that (port, LUN)
  | 'read-only' // write to an LDEV with the read-only attribute
  | 'queue-full' // an open-loop (rate_iops) workload already had its limit of I/Os outstanding
  | 'pair-state' // the volume's pair state forbids it (S-VOL while paired, P-VOL during a restore, invalid snapshot)
  | 'backup-mode-full' // the database is in backup mode and its memory for held writes is full
  | 'fence' // a remote-sync P-VOL's fence level refused the write: its update could not reach the S-VOL
  | 'site-down' // the array is in a site that was lost
  | 'zoning' // the fabric's effective zoning (or its no-access default zone) keeps the HBA from the array port
  | 'no-path' // every path of the host to the LU failed (a host I/O error after the failover time)
  | 'ldev-blocked'; // the LDEV's parity group lost more disks than its RAID level survives

export const REJECT_REASONS: readonly RejectReason[] = ['no-route', 'not-in-host-group', 'no-lu-path', 'read-only', 'queue-full', 'pair-state', 'backup-mode-full', 'fence', 'site-down', 'zoning', 'no-path', 'ldev-blocked'];

// ---------------------------------------------------------------- replication

/**
 * Pair states with the CCI names (as seen from the P-VOL): SMPL (no pair), COPY (initial copy),
 * PAIR, COPY(SP) (steady split draining), PSUS(SP) (quick split: split, background copy
 * running), PSUS (split), COPY(RS) (resync), COPY(RS-R) (restore), PSUE (suspended by error or
 * an invalid snapshot), PFUL (snapshot pool over its warning threshold, image not yet taken),
 * PFUS (split snapshot whose pool is over its warning threshold). Remote pairs: PFUL (master
 * journal over 80 %), PFUS (suspended because the journal stayed full), SSWS (S-VOL taken over
 * at the remote site, writable).
 */
export type PairState = 'SMPL' | 'COPY' | 'PAIR' | 'COPY(SP)' | 'PSUS(SP)' | 'PSUS' | 'COPY(RS)' | 'COPY(RS-R)' | 'PSUE' | 'PFUL' | 'PFUS' | 'SSWS';
export const PAIR_STATES: readonly PairState[] = ['SMPL', 'COPY', 'PAIR', 'COPY(SP)', 'PSUS(SP)', 'PSUS', 'COPY(RS)', 'COPY(RS-R)', 'PSUE', 'PFUL', 'PFUS', 'SSWS'];

/** Why a copy operation copies the tracks it does. */
export type CopyReason =
  | 'initial' // paircreate: every track written on either side
  | 'update' // update copy in PAIR: P writes not yet on the S-VOL
  | 'split-drain' // steady or quick split: the pending update copy, as of split acceptance
  | 'resync-union' // pairresync: the union of both sides' differential bitmaps
  | 'full-psue' // pairresync from PSUE: every track written on either side
  | 'full-no-positions' // host mirror without recorded positions: every track written on either side
  | 'restore' // pairresync -restore: the union, copied S → P
  | 'snapshot-restore' // a snapshot restored onto its P-VOL
  | 'copy-on-write' // a taken snapshot: old tracks preserved in the pool on the P-VOL's first write to each
  | 'swap-resync'; // pairresync -swaps: the union of both sides' changes, copied from the new P-VOL

export interface CopyOpReport {
  reason: CopyReason;
  startedS: number;
  /** Null while running. */
  endedS: number | null;
  /** Tracks in the copy set when it started. */
  tracksPlanned: number;
  /** Tracks copied so far (background copy plus copies on access). */
  tracks: number;
  bytes: number;
  /** Of `tracks`: copied on access (quick split copy-on-read / copy-before-write). */
  onAccessTracks: number;
}

/** A pair as the console, the canvas and the report see it. */
export interface PairStatus {
  /** `group/device`. */
  key: string;
  group: string;
  device: string;
  kind: CopyGroupKind;
  mu: number;
  pvol: string;
  svol: string | null;
  state: PairState;
  /** The S-VOL side's name for the state (SSUS for a split S-VOL, else as `state`). */
  svolState: string;
  /** Percent of the current (or last) copy done; 100 when nothing is pending. */
  copyPct: number;
  pace: number;
  /** Tracks in the copy set still to copy. */
  pendingTracks: number;
  /** Tracks written on the P-VOL / S-VOL since the split (the differential bitmaps). */
  pDirtyTracks: number;
  sDirtyTracks: number;
  /** Tracks in the union of both bitmaps: what a resync would copy. */
  dirtyTracks: number;
  trackCount: number;
  /** Whole run: tracks and bytes copied by every copy operation of this pair. */
  tracksCopied: number;
  bytesCopied: number;
  /** When the current split was accepted (s), or null when not split. */
  splitAtS: number | null;
  /** Host access to the S-VOL now: 'rw', 'r' (read only) or 'none'. */
  svolAccess: 'rw' | 'r' | 'none';
  /** Snapshot pairs: tracks this generation holds in the pool. */
  preservedTracks: number;
  /** Remote pairs only: what the console's `pairdisplay -fe` adds. */
  remote?: PairRemoteInfo;
}

/** A remote pair's extra columns. */
export interface PairRemoteInfo {
  /** The remote group (`ctg-N` / `sync:<group>`). */
  groupKey: string;
  mode: 'sync' | 'async';
  fence: 'data' | 'status' | 'never' | null;
  consistencyGroup: number | null;
  masterJournal: number | null;
  restoreJournal: number | null;
  wanLinkId: string;
  /** Arrays of the P-VOL and the S-VOL now (swapped after pairresync -swaps). */
  pArrayId: string;
  sArrayId: string;
  /** The P-VOL and S-VOL LDEVs now (swapped after pairresync -swaps). */
  pLdev: string;
  sLdev: string | null;
  /** remote-async to a library: the library and the cartridge written. */
  targetLibraryId: string | null;
  swapped: boolean;
}

export interface PoolStatus {
  /** `arrayId/poolId`. */
  key: string;
  arrayId: string;
  poolId: string;
  name: string;
  capacityTracks: number;
  usedTracks: number;
  usedPct: number;
  warningPct: number;
  state: 'normal' | 'warning' | 'full';
}

export interface ReplicationStatus {
  /** Sorted by key. */
  pairs: PairStatus[];
  /** Sorted by key. */
  pools: PoolStatus[];
}

export interface PairReport extends Omit<PairStatus, 'key'> {
  /** Digest of the P-VOL when the last split was accepted ("00000000" empty), or null. */
  pDigestAtSplit: string | null;
  /** Content digest of the S-VOL now — for a snapshot pair, of the snapshot image. */
  svolDigest: string;
  /** Every copy operation so far, oldest first. */
  copies: CopyOpReport[];
  /** Commands refused for this pair (wrong state …). */
  rejectedCommands: number;
}

export interface PoolReport extends Omit<PoolStatus, 'key'> {
  /** Peak use over the run, percent. */
  peakUsedPct: number;
}

/** Codes of the cells of a pair's bitmap view. */
export const BITMAP_CLEAN = 0;
export const BITMAP_COPIED = 1;
export const BITMAP_DIRTY = 2;
export const BITMAP_PENDING = 3;

/**
 * A pair's tracks folded into `cells.length` cells of `tracksPerCell` tracks each; a cell shows
 * the most urgent state of its tracks: pending (in the copy set, not copied yet) > dirty
 * (written since the split) > copied (by the current or last copy) > clean.
 */
export interface PairBitmap {
  key: string;
  state: PairState;
  trackCount: number;
  tracksPerCell: number;
  cells: Uint8Array;
  pendingTracks: number;
  dirtyTracks: number;
  copiedTracks: number;
}

export interface LdevReport {
  arrayId: string;
  name: string;
  /** Mean over the whole run (completed I/Os / simulated seconds). */
  readIops: number;
  writeIops: number;
  readMBps: number;
  writeMBps: number;
  /** Read cache hits / reads, percent (0 when there were no reads). */
  cacheHitPct: number;
  /**
   * Writes accepted into tracks that were already write pending (dirty, destage not yet run),
   * percent of accepted writes: they cost the back end nothing (0 without writes).
   */
  writesMergedPct: number;
  /** Writes written through because the array was at its write-pending limit, percent (0 without writes). */
  writesThrottledPct: number;
  responseMsMean: number;
  responseMsP99: number;
  completedIos: number;
  rejectedIos: number;
  /** Summary of the per-second series. */
  series: { samples: number; peakTotalIops: number; minTotalIops: number };
  /** Content digest of the volume now (8 hex chars, "00000000" never written): compare replicas. */
  contentDigest: string;
  writtenTracks: number;
}

export interface LinkReport {
  kind: 'fc' | 'lan' | 'wan';
  /** Mean utilisation of the busier direction over the run, percent. */
  utilizationPct: number;
  peakUtilizationPct: number;
  bytes: number;
}

export interface ExpectationResult extends Expectation {
  ok: boolean;
  actual: number | string | boolean | null;
  /** When `value` is `{ path }`: the value found there (null if none). */
  expected?: number | string | boolean | null;
}

export interface Report {
  scenario: string;
  seed: number;
  simSeconds: number;
  eventLogHash: string;
  events: number;
  ldevs: Record<string, LdevReport>;
  links: Record<string, LinkReport>;
  rejectedIos: { total: number; byReason: Record<RejectReason, number> };
  /** Per pair key (`group/device`), every pair of every copy group, sorted. */
  pairs: Record<string, PairReport>;
  /** Per pool key (`arrayId/poolId`). */
  pools: Record<string, PoolReport>;
  /** Libraries, jobs, catalog, runbooks and the SAN manager's schedule (backup-api.ts), keyed by id. */
  libraries: BackupReport['libraries'];
  jobs: BackupReport['jobs'];
  catalog: BackupReport['catalog'];
  runbooks: BackupReport['runbooks'];
  schedule: BackupReport['schedule'];
  runbookSchedule: BackupReport['runbookSchedule'];
  servers: BackupReport['servers'];
  /** WAN links, remote groups and "verify remote" results (remote-api.ts). */
  remote: RemoteReport;
  /** Faults, multipath, alerts, RAID rebuilds, volume moves, and the acknowledged-write check (fault-api.ts). */
  faults: FaultReport;
  /**
   * Every timeline entry, keyed by its `id` (or `#` and its index): when it ran (`atS`, null
   * while it has not) and whether its action was accepted — for entries that wait on an event,
   * when the event came (ops/timeline-triggers.ts).
   */
  timeline: Record<string, TimelineStepReport>;
  expectations: ExpectationResult[];
}

/**
 * One batch of per-second samples, built for transfer across the worker boundary: every
 * array's buffer is transferable. Row i of each series belongs to `timesS[i]`.
 */
export interface TelemetryFrame {
  /** Simulated second at the end of each sample (1, 2, 3 …). */
  timesS: Float64Array;
  /** LDEV ids, in the column order of the per-LDEV arrays. */
  ldevIds: string[];
  /** Link ids, in the column order of `linkUtilPct`. */
  linkIds: string[];
  /** [sample * ldevCount + ldev] */
  readIops: Float64Array;
  writeIops: Float64Array;
  /**
   * Read cache hits / reads of the sample, percent; NaN when the sample had no reads (no value,
   * not 0 %: charts draw a gap). The report's `cacheHitPct` stays 0 without reads.
   */
  cacheHitPct: Float64Array;
  /**
   * Mean host response time of the I/Os completed in the sample, ms; NaN when none completed
   * (no value, not 0 ms). The report's `responseMsMean` stays 0 without completions.
   */
  responseMsMean: Float64Array;
  /** [sample * linkCount + link] */
  linkUtilPct: Float64Array;
  /** Rejected I/Os in each sample, all reasons. */
  rejected: Float64Array;
  /** Remote group keys, in the column order of the remote series (empty without remote copy). */
  remoteKeys: string[];
  /** [sample * remoteCount + group] at the end of each sample: lag in seconds (RPO), in writes, master journal use %. */
  remoteLagS: Float64Array;
  remoteLagWrites: Float64Array;
  remoteJournalPct: Float64Array;
  /** WAN link ids, in the column order of `wanThroughputMBps`. */
  wanIds: string[];
  /** [sample * wanCount + link] payload MB/s over each sample. */
  wanThroughputMBps: Float64Array;
}

/**
 * What one engine state looks like from outside, built on demand by `Simulation.snapshot()`:
 * plain JSON-serialisable data (no typed arrays, no undefined), deep-frozen, never aliasing
 * engine state. Key and array orders are the engine's (ids sorted), so the same scenario + seed
 * at the same time gives deep-equal snapshots — and the same `JSON.stringify` — in Node and in
 * the worker.
 */
export interface EngineSnapshot {
  nowUs: number;
  endUs: number;
  /** Records in the event log so far. */
  events: number;
  eventLogHash: string;
  /** Every workload, sorted by server id, then workload id. */
  workloads: readonly WorkloadSnapshot[];
  /** Per LDEV id. */
  ldevs: Readonly<Record<string, LdevSnapshot>>;
  /** Per array id. */
  arrays: Readonly<Record<string, ArraySnapshot>>;
  /** The last SNAPSHOT_RECENT_EVENTS event-log records (fewer early on), oldest first. */
  recentEvents: readonly SnapshotEvent[];
  /** Every pair and pool now. */
  replication: ReplicationStatus;
  /** Libraries, jobs, catalog, runbooks, schedule now. */
  backup: BackupStatus;
  /** WAN links and remote groups now. */
  remote: RemoteStatus;
}

/** How many event-log records a snapshot carries. */
export const SNAPSHOT_RECENT_EVENTS = 50;

export interface WorkloadSnapshot {
  serverId: string;
  workloadId: string;
  /** Issuing I/Os now (started and neither stopped nor past its runtime). */
  active: boolean;
  /** I/Os issued and not yet completed at the host (refused ones included until their error returns). */
  outstanding: number;
  /** I/Os completed without error. */
  completedIos: number;
  /** I/Os refused (every reason, `queue-full` and `read-only` included). */
  rejectedIos: number;
  /** The LDEV its target (array, port, LUN) resolves to, or null when none does. */
  ldevId: string | null;
  /** Why every I/O of this workload is refused (fabric or LU access), or null when it has a path. */
  rejectReason: RejectReason | null;
}

export interface LdevSnapshot {
  arrayId: string;
  /** Tracks that hold content (written at least once). */
  writtenTracks: number;
  /**
   * 8 hex chars summarising every written track's content digest: equal volumes (same tracks,
   * same writes in the same order) give equal values, so two LDEVs or replicas can be compared;
   * unequal ones collide with probability ~2^-32. "00000000" for a never-written volume.
   */
  contentDigest: string;
  readOnly: boolean;
}

export interface ArraySnapshot {
  /** Track slots in the array's cache. */
  slots: number;
  /** Slots holding a track. */
  usedSlots: number;
  /** Resident slots whose track is write pending (dirty, its destage not yet run). */
  dirtySlots: number;
  /**
   * Scheduled track destages not yet run (evicted dirty slots included) / slots × 100, rounded to
   * 3 decimals: what the write-pending limit compares — writes are written through at 50.
   */
  writePendingPct: number;
}

/** One event-log record. */
export interface SnapshotEvent {
  timeUs: number;
  code: number;
  a: number;
  b: number;
  /**
   * What the record is, e.g. `host-done`, `sample`, `reject:no-route`, `action:stopWorkload`;
   * null for a code the engine does not name.
   */
  kind: string | null;
}

export interface Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Current simulated time. */
  nowUs(): number;
  /** End of the scenario (durationS) in µs. */
  endUs(): number;
  /** Run events until the clock reaches `us` (clamped to the end) or `maxEvents` have run. Returns events run. */
  runUntil(us: number, maxEvents?: number): number;
  /**
   * Run until the next timeline entry (at a time or after an event) has been carried out, then to
   * the end of that instant; or to `us` when none runs before it. Returns whether one ran.
   */
  runToNextAction(us: number): boolean;
  /** Timeline entries waiting on an event that have fired: index in `scenario.timeline` and run time. */
  firedTriggers(): readonly FiredTrigger[];
  /** Apply a command now, as a timeline action would. */
  apply(cmd: EngineCommand): CommandResult;
  /** The report as of now (simSeconds = now). */
  report(): Report;
  /** Samples completed since the last call, or null if none. */
  drainTelemetry(): TelemetryFrame | null;
  /** Hex digest of the event log so far. */
  eventLogHash(): string;
  /** The state now, as an immutable plain-data copy (built on demand; see EngineSnapshot). */
  snapshot(): EngineSnapshot;
  /** Pairs and pools now (cheap: sent with every telemetry batch). */
  replicationStatus(): ReplicationStatus;
  /** A pair's bitmap folded into at most `cells` cells, or null for an unknown key. */
  pairBitmap(key: string, cells: number): PairBitmap | null;
  /** Libraries, jobs, catalog, runbooks and schedule now (sent with every telemetry batch). */
  backupStatus(): BackupStatus;
  /** WAN links, remote groups and verifications now (sent with every telemetry batch). */
  remoteStatus(): RemoteStatus;
  /** "Verify remote" for the remote group of copy group `group` now (also recorded in the report). */
  verifyRemote(group: string): RemoteVerification | null;
  /** Active faults, alerts, multipath state, parity-group health and volume moves now (sent with every telemetry batch). */
  faultStatus(): FaultStatus;
  /** What moving `ldevId` to `parityGroupId` would do to both groups' utilisation, from the load measured just before now. */
  predictMove(ldevId: string, parityGroupId: string): MovePrediction | { error: string };
  /** The event log for people from entry `fromSeq` on (at most `max`): actions, pair states, refused I/O, jobs, alerts; `next` is the seq to ask from next time. */
  journal(fromSeq: number, max?: number): { entries: JournalEntry[]; next: number };
}
