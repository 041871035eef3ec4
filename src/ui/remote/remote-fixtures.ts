/**
 * Hand-made RemoteStatus fixtures for the Remote tab's tests (unit and sim-slice tests): a
 * 100 km WAN link carrying an asynchronous consistency group (two copy groups, master and
 * restore journals) and a synchronous group with fence level `data`; the moments a trainer shows
 * — healthy, a WAN outage with the lag growing and the journal over 80 % (PFUL), the group
 * suspended because the journal stayed full (PFUS), a resync copying the bitmap (inconsistent),
 * a takeover at the remote (SSWS) — and the three verdicts of "verify remote". Tests only: the
 * app never imports this file (it shows what the engine reports, nothing else).
 */
import type { JournalStatus, RemoteGroupStatus, RemoteStatus, RemoteVerification, WanLinkStatus } from '../../engine/api.ts';

const MIB = 1024 * 1024;

export function wanLink(overrides: Partial<WanLinkStatus> = {}): WanLinkStatus {
  return {
    id: 'wan1',
    name: 'Main–DR 100 km',
    up: true,
    bandwidthMbps: 1000,
    distanceKm: 100,
    oneWayMs: 0.5,
    lossPct: 0.1,
    jitterMs: 0.2,
    bytes: 1_250_000_000,
    inFlight: 3,
    retransmits: 2,
    reordered: 5,
    utilizationPct: 42,
    throughputMBps: 52.5,
    ...overrides,
  };
}

export function journal(overrides: Partial<JournalStatus> = {}): JournalStatus {
  const capacityBytes = overrides.capacityBytes ?? 1024 * MIB;
  const usedPct = overrides.usedPct ?? 12.5;
  return {
    arrayId: 'main-array',
    journalId: 0,
    role: 'master',
    capacityBytes,
    usedBytes: Math.round((capacityBytes * usedPct) / 100),
    usedPct,
    entries: 1600,
    state: usedPct >= 100 ? 'full' : usedPct > 80 ? 'PFUL' : 'normal',
    ...overrides,
  };
}

export function asyncGroup(overrides: Partial<RemoteGroupStatus> = {}): RemoteGroupStatus {
  return {
    key: 'ctg-0',
    mode: 'async',
    copyGroups: ['UR-DB', 'UR-LOG'],
    pairs: ['UR-DB/db', 'UR-LOG/log'],
    state: 'PAIR',
    fence: null,
    wanLinkId: 'wan1',
    lastSeq: 12_000,
    appliedSeq: 11_990,
    lagWrites: 10,
    lagBytes: 10 * 8192,
    lagS: 0.004,
    consistent: true,
    bitmapTracks: 0,
    journals: [journal(), journal({ arrayId: 'dr-array', journalId: 1, role: 'restore', usedPct: 0.5, entries: 64 })],
    suspendedAtS: null,
    suspendReason: null,
    fencedWrites: 0,
    ...overrides,
  };
}

export function syncGroup(overrides: Partial<RemoteGroupStatus> = {}): RemoteGroupStatus {
  return {
    key: 'sync:TC-ERP',
    mode: 'sync',
    copyGroups: ['TC-ERP'],
    pairs: ['TC-ERP/erp'],
    state: 'PAIR',
    fence: 'data',
    wanLinkId: 'wan1',
    lastSeq: 4_000,
    appliedSeq: 4_000,
    lagWrites: 0,
    lagBytes: 0,
    lagS: 0,
    consistent: true,
    bitmapTracks: 0,
    journals: [],
    suspendedAtS: null,
    suspendReason: null,
    fencedWrites: 0,
    ...overrides,
  };
}

export function verification(overrides: Partial<RemoteVerification> = {}): RemoteVerification {
  return {
    group: 'UR-DB',
    atS: 120,
    verdict: 'PASS',
    prefix: 11_990,
    lastSeq: 12_000,
    tracksCompared: 40_960,
    mismatchedTracks: 0,
    message: 'PASS: the remote equals the primary after write 11,990 of 12,000',
    ...overrides,
  };
}

export const INCONSISTENT = verification({
  atS: 310,
  verdict: 'INCONSISTENT',
  prefix: null,
  lastSeq: 30_000,
  message: 'INCONSISTENT: a resync is copying the bitmap; the remote is not a prefix of the primary until it ends',
});

export const FAILED = verification({
  atS: 400,
  verdict: 'FAIL',
  prefix: null,
  lastSeq: 31_000,
  mismatchedTracks: 3,
  message: 'FAIL: the remote equals no prefix of the primary’s writes (3 tracks differ)',
});

export function remoteStatus(overrides: Partial<RemoteStatus> = {}): RemoteStatus {
  return { wanLinks: [wanLink()], groups: [asyncGroup(), syncGroup()], verifications: [], ...overrides };
}

/** The link is down: nothing moves, the lag grows, the master journal is over 80 %. */
export function outage(): RemoteStatus {
  return remoteStatus({
    wanLinks: [wanLink({ up: false, inFlight: 0, throughputMBps: 0, utilizationPct: 0 })],
    groups: [
      asyncGroup({
        state: 'PFUL',
        lastSeq: 20_000,
        appliedSeq: 12_000,
        lagWrites: 8_000,
        lagBytes: 8_000 * 8192,
        lagS: 42.5,
        journals: [journal({ usedPct: 86, entries: 8_000 }), journal({ arrayId: 'dr-array', journalId: 1, role: 'restore', usedPct: 0, entries: 0 })],
      }),
      syncGroup({ state: 'PSUE', suspendedAtS: 60, suspendReason: 'the WAN link went down', fencedWrites: 37 }),
    ],
  });
}

/** The journal stayed full longer than the overflow watch: the group suspended, the remote froze. */
export function suspended(): RemoteStatus {
  const s = outage();
  s.groups[0] = asyncGroup({
    state: 'PFUS',
    lastSeq: 26_000,
    appliedSeq: 12_000,
    lagWrites: 14_000,
    lagBytes: 14_000 * 8192,
    lagS: 130,
    bitmapTracks: 2_310,
    suspendedAtS: 250,
    suspendReason: 'the master journal stayed full for 60 s (overflow watch)',
    journals: [journal({ usedPct: 100, entries: 12_800, state: 'full' })],
  });
  return s;
}

/** pairresync is copying the bitmap: the remote is not a prefix image until it ends. */
export function resyncing(): RemoteStatus {
  const s = remoteStatus();
  s.groups[0] = asyncGroup({ state: 'COPY(RS)', consistent: false, lastSeq: 30_000, appliedSeq: 12_000, lagWrites: 18_000, lagBytes: 18_000 * 8192, lagS: 190, bitmapTracks: 900 });
  s.verifications = [INCONSISTENT];
  return s;
}

/** The main site is lost; the remote took over (SSWS) and takes writes. */
export function takenOver(): RemoteStatus {
  const s = remoteStatus({ wanLinks: [wanLink({ up: false, inFlight: 0, throughputMBps: 0, utilizationPct: 0 })] });
  s.groups[0] = asyncGroup({ state: 'SSWS', lagWrites: 0, lagBytes: 0, lagS: 0, appliedSeq: 12_000, lastSeq: 12_000, bitmapTracks: 40 });
  return s;
}
