/**
 * The engine's public contract for remote copy (TrueCopy-style synchronous, Universal
 * Replicator-style asynchronous journal copy) and the WAN links it crosses: what the status
 * stream, the report, the console and the UI read. Re-exported by api.ts.
 *
 * Vocabulary:
 * - a *remote group* is what moves together: every remote-async copy group with the same
 *   consistency group number (key `ctg-N`), or one remote-sync copy group (key `sync:<group>`);
 * - `lastSeq`: acknowledged writes of the group's P-VOLs that got a sequence number (the
 *   primary's history length); `appliedSeq`: the prefix of that history the remote holds;
 * - lag (RPO): `lastSeq - appliedSeq` writes, their bytes, and the age of the oldest write the
 *   remote does not hold yet.
 */
import type { PairState } from './api.ts';

/** A WAN link now. */
export interface WanLinkStatus {
  id: string;
  name: string;
  up: boolean;
  bandwidthMbps: number;
  distanceKm: number;
  /** One-way propagation, ms (5 µs per km). */
  oneWayMs: number;
  lossPct: number;
  jitterMs: number;
  /** Bytes delivered so far, both directions. */
  bytes: number;
  /** Batches (journal batches, sync updates, track copies) on the wire now. */
  inFlight: number;
  /** Batches lost and sent again so far. */
  retransmits: number;
  /** Batches that arrived after a batch sent later than them (reordering) so far. */
  reordered: number;
  /** Utilisation of the busier direction over the last whole second, percent. */
  utilizationPct: number;
  /** Payload delivered over the last whole second, MB/s. */
  throughputMBps: number;
}

/** A journal now. */
export interface JournalStatus {
  arrayId: string;
  journalId: number;
  role: 'master' | 'restore';
  capacityBytes: number;
  usedBytes: number;
  usedPct: number;
  /** Entries held. */
  entries: number;
  /** `normal`; `PFUL` over 80 %; `full` (host writes wait for space, the overflow watch runs). */
  state: 'normal' | 'PFUL' | 'full';
}

export type RemoteMode = 'sync' | 'async';

/** A remote group now. */
export interface RemoteGroupStatus {
  /** `ctg-N` (async) or `sync:<copy group>`. */
  key: string;
  mode: RemoteMode;
  /** The copy groups in it, sorted. */
  copyGroups: string[];
  /** Pair keys (`group/device`) in it, sorted. */
  pairs: string[];
  /** The group's state as CCI shows it from the primary: PAIR, PFUL (journal over 80 %), PFUS, PSUE, PSUS, COPY, COPY(RS), SSWS, SMPL. */
  state: PairState;
  /** remote-sync: the fence level. */
  fence: 'data' | 'status' | 'never' | null;
  wanLinkId: string;
  /** Sequence number of the last acknowledged write (0: none yet). */
  lastSeq: number;
  /** The prefix of the acknowledged writes the remote holds (never decreases while the group is consistent). */
  appliedSeq: number;
  lagWrites: number;
  lagBytes: number;
  /** Age of the oldest acknowledged write the remote does not hold, seconds (0: none). */
  lagS: number;
  /** Whether the remote image is a consistent (prefix) image now; false while an initial copy or resync runs. */
  consistent: boolean;
  /** Tracks recorded in the groups' bitmaps (what a resync will copy). */
  bitmapTracks: number;
  /** Journals of the group (async), master first. */
  journals: JournalStatus[];
  /** When the group last suspended (s), and why, or null. */
  suspendedAtS: number | null;
  suspendReason: string | null;
  /** Host writes refused by the fence level so far. */
  fencedWrites: number;
}

/** The answer of "verify remote". */
export interface RemoteVerification {
  group: string;
  atS: number;
  /** PASS: the remote equals the primary after `prefix` writes; FAIL: it equals no prefix the history can build; INCONSISTENT: a copy is running. */
  verdict: 'PASS' | 'FAIL' | 'INCONSISTENT';
  prefix: number | null;
  lastSeq: number;
  tracksCompared: number;
  mismatchedTracks: number;
  /** One sentence for people. */
  message: string;
}

export interface RemoteStatus {
  /** Sorted by id. */
  wanLinks: WanLinkStatus[];
  /** Sorted by key. */
  groups: RemoteGroupStatus[];
  /** Every verification so far, oldest first. */
  verifications: RemoteVerification[];
}

export interface WanLinkReport extends Omit<WanLinkStatus, 'utilizationPct' | 'throughputMBps' | 'inFlight'> {
  /** Mean utilisation of the busier direction over the run, percent. */
  utilizationPct: number;
  peakUtilizationPct: number;
  /** Seconds the link was down. */
  downS: number;
}

export interface RemoteGroupReport extends Omit<RemoteGroupStatus, 'key' | 'journals'> {
  /** Worst lag over the run (RPO), seconds, writes and bytes. */
  worstLagS: number;
  worstLagWrites: number;
  worstLagBytes: number;
  /** Peak use of the master journal(s), percent. */
  peakJournalPct: number;
  /** Times the group suspended (PFUS / PSUE). */
  suspensions: number;
  /** Entries applied at the remote so far. */
  appliedWrites: number;
  /** Host response of the P-VOLs' writes, ms (mean over the run). */
  writeResponseMsMean: number;
  journals: JournalStatus[];
}

export interface RemoteReport {
  wanLinks: Record<string, WanLinkReport>;
  groups: Record<string, RemoteGroupReport>;
  verifications: RemoteVerification[];
}
