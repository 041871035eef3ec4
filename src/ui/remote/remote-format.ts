/**
 * How the Remote tab reads: a remote group's name, state word, tone and meaning; lag (RPO) as
 * writes, bytes and seconds; the prefix sentence ("the remote holds the primary's first n of N
 * writes") or the inconsistency warning; journal use and its tone against the 80 % (PFUL) and
 * full thresholds; a WAN link's one-line summary; and the verdict line of "verify remote".
 * Pure functions, shared by the panel, the charts and the badge on WAN link nodes.
 *
 * Colour is never the only cue: every tone goes with the state's own word.
 */
import type { JournalStatus, PairState, RemoteGroupStatus, RemoteVerification, WanLinkStatus } from '../../engine/api.ts';
import { formatBytes, formatCount, type Tone } from '../backup/backup-format.ts';

export { formatBytes, formatCount, type Tone };

/** Master journal use above which the group reads PFUL (the engine's threshold). */
export const PFUL_PCT = 80;

/** "CTG 0" for `ctg-0`, "TC-ERP (sync)" for `sync:TC-ERP`; anything else as it is. */
export function groupLabel(key: string): string {
  const ctg = /^ctg-(\d+)$/.exec(key);
  if (ctg) return `CTG ${ctg[1]}`;
  if (key.startsWith('sync:')) return `${key.slice(5)} (sync)`;
  return key;
}

/** "asynchronous · journal" / "synchronous · fence data". */
export function modeLabel(g: Pick<RemoteGroupStatus, 'mode' | 'fence'>): string {
  return g.mode === 'async' ? 'asynchronous · journal' : `synchronous · fence ${g.fence ?? 'never'}`;
}

export const MODE_MEANING: Record<RemoteGroupStatus['mode'], string> = {
  async: 'Universal Replicator style: the host is answered at once; writes go to the master journal in sequence order and the remote applies them strictly in that order',
  sync: 'TrueCopy style: the host is answered after the remote has the write, so response time grows with distance',
};

export const FENCE_MEANING: Record<'data' | 'status' | 'never', string> = {
  data: 'fence data: a write that cannot reach the remote is refused',
  status: 'fence status: a write is refused only when the S-VOL cannot be marked suspended',
  never: 'fence never: writes are always accepted; what the remote misses goes to the bitmap',
};

export const GROUP_TONE: Record<PairState, Tone> = {
  SMPL: 'idle',
  COPY: 'active',
  'COPY(RS)': 'active',
  'COPY(RS-R)': 'active',
  'COPY(SP)': 'active',
  PAIR: 'ok',
  PFUL: 'waiting',
  PSUS: 'waiting',
  'PSUS(SP)': 'waiting',
  SSWS: 'waiting',
  PFUS: 'error',
  PSUE: 'error',
};

/** What each state means for the remote copy (tooltips and the legend). */
export const STATE_MEANING: Record<PairState, string> = {
  SMPL: 'not paired: nothing is copied',
  COPY: 'initial copy running: the remote is not a usable image yet',
  'COPY(RS)': 'resync copying the bitmap: the remote is inconsistent until the copy ends',
  'COPY(RS-R)': 'restore copying back to the primary',
  'COPY(SP)': 'split pending: the last updates are being copied',
  PAIR: 'paired: every write is copied to the remote',
  PFUL: 'journal over 80 % full: still copying, but the remote is falling behind',
  PFUS: 'suspended because the journal stayed full: the remote froze at its last prefix; new writes go to the bitmap',
  PSUE: 'suspended by an error (the link or the remote failed): new writes go to the bitmap',
  PSUS: 'split: the remote keeps its image; new writes go to the bitmap',
  'PSUS(SP)': 'split, background copy running',
  SSWS: 'taken over at the remote: the S-VOL is writable; a swap resync reverses the copy',
};

/** The one-line legend under the tab's heading. */
export const LEGEND: readonly { term: string; meaning: string }[] = [
  { term: 'PFUL', meaning: 'journal over 80 %: still copying, falling behind' },
  { term: 'PFUS', meaning: 'journal stayed full: group suspended, remote frozen, writes to the bitmap' },
  { term: 'SSWS', meaning: 'taken over at the remote: S-VOL writable' },
  { term: 'RPO', meaning: 'how far behind the remote is: writes, bytes, and the age of the oldest write it lacks' },
];

/** A state that copies while the remote image is not a prefix image. */
export function isCopying(state: PairState): boolean {
  return GROUP_TONE[state] === 'active';
}

/** "1 write", "8,000 writes". */
export function formatWrites(n: number): string {
  const v = Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0;
  return `${formatCount(v)} write${v === 1 ? '' : 's'}`;
}

/** Lag in seconds: "0 s", "4 ms", "42.5 s", "130 s (2:10)". */
export function formatLagS(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  const v = Math.max(0, s);
  if (v === 0) return '0 s';
  if (v < 1) return `${Math.max(1, Math.round(v * 1000))} ms`;
  if (v < 60) return `${v.toFixed(1)} s`;
  const total = Math.round(v);
  return `${formatCount(total)} s (${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')})`;
}

/** Milliseconds with two decimals below 10 ms: "0.50 ms", "5.00 ms", "12.5 ms". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

/** Payload rate: "0 MB/s" when idle (a link that moves nothing shows a number, not a dash). */
export function formatRate(mbps: number): string {
  if (!Number.isFinite(mbps) || mbps <= 0) return '0 MB/s';
  return `${mbps >= 100 ? Math.round(mbps) : mbps.toFixed(1)} MB/s`;
}

/** "1,000 Mbit/s", "10 Gbit/s". */
export function formatBandwidth(mbps: number): string {
  if (mbps >= 10_000 && mbps % 1000 === 0) return `${formatCount(mbps / 1000)} Gbit/s`;
  return `${formatCount(mbps)} Mbit/s`;
}

/** Percent with one decimal below 10 %: "0.5 %", "86 %". */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return '—';
  const v = Math.round(Math.max(0, pct) * 10) / 10;
  return v < 10 && !Number.isInteger(v) ? `${v.toFixed(1)} %` : `${Math.round(v)} %`;
}

/**
 * What the remote holds, for people: the prefix while the image is consistent, a warning while
 * a copy makes it inconsistent, the takeover otherwise.
 */
export function prefixSentence(g: Pick<RemoteGroupStatus, 'state' | 'consistent' | 'appliedSeq' | 'lastSeq' | 'bitmapTracks'>): string {
  if (!g.consistent) {
    const left = g.bitmapTracks > 0 ? ` (${formatCount(g.bitmapTracks)} tracks still to copy)` : '';
    return `Inconsistent (resync copying): the remote is not a prefix of the primary’s writes until the copy ends${left}.`;
  }
  const holds = `the primary’s first ${formatCount(g.appliedSeq)} of ${formatCount(g.lastSeq)} writes`;
  if (g.state === 'SSWS') return `Taken over: the remote S-VOL is writable; it held ${holds}.`;
  if (g.lastSeq === 0) return 'No writes yet: the remote equals the primary.';
  if (g.appliedSeq >= g.lastSeq) return `The remote holds all ${formatCount(g.lastSeq)} of the primary’s writes (up to date).`;
  const frozen = g.state === 'PFUS' || g.state === 'PSUE' || g.state === 'PSUS' ? ', frozen while suspended' : '';
  return `The remote holds ${holds}${frozen}.`;
}

/** Tone of a journal by its state: normal ok, PFUL waiting, full error. */
export function journalTone(j: Pick<JournalStatus, 'state'>): Tone {
  return j.state === 'full' ? 'error' : j.state === 'PFUL' ? 'waiting' : 'ok';
}

/** "Master journal 0 · main-array". */
export function journalLabel(j: Pick<JournalStatus, 'role' | 'journalId' | 'arrayId'>): string {
  return `${j.role === 'master' ? 'Master' : 'Restore'} journal ${j.journalId} · ${j.arrayId}`;
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Binary bytes, as journal capacities are given (MiB in the design): "512 MiB", "1 GiB", "1.5 GiB". */
export function formatBinaryBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < BINARY.length - 1) {
    v /= 1024;
    u++;
  }
  const text = v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return `${text} ${BINARY[u]}`;
}

/** "86 % of 1 GiB · 8,000 entries · PFUL". */
export function journalText(j: Pick<JournalStatus, 'usedPct' | 'capacityBytes' | 'entries' | 'state'>): string {
  const state = j.state === 'normal' ? '' : ` · ${j.state === 'full' ? 'FULL' : 'PFUL'}`;
  return `${formatPct(j.usedPct)} of ${formatBinaryBytes(j.capacityBytes)} · ${formatCount(j.entries)} entr${j.entries === 1 ? 'y' : 'ies'}${state}`;
}

/** The master journal's use, the figure the group's gauge and chart show (null for sync groups). */
export function masterJournalPct(g: Pick<RemoteGroupStatus, 'journals'>): number | null {
  const masters = g.journals.filter((j) => j.role === 'master');
  return masters.length === 0 ? null : Math.max(...masters.map((j) => j.usedPct));
}

/** A link's round trip, ms (propagation only). */
export function rttMs(l: Pick<WanLinkStatus, 'oneWayMs'>): number {
  return l.oneWayMs * 2;
}

/** "up · 52.5 MB/s · 3 batches in flight" or "DOWN · outage". */
export function wanSummary(l: Pick<WanLinkStatus, 'up' | 'throughputMBps' | 'inFlight'>): string {
  if (!l.up) return 'DOWN · outage';
  return `up · ${formatRate(l.throughputMBps)} · ${formatCount(l.inFlight)} batch${l.inFlight === 1 ? '' : 'es'} in flight`;
}

/** "1,000 Mbit/s · 100 km · one-way 0.50 ms (RTT 1.00 ms)". */
export function wanGeometry(l: Pick<WanLinkStatus, 'bandwidthMbps' | 'distanceKm' | 'oneWayMs'>): string {
  return `${formatBandwidth(l.bandwidthMbps)} · ${formatCount(l.distanceKm)} km · one-way ${formatMs(l.oneWayMs)} (RTT ${formatMs(rttMs(l))})`;
}

export const VERDICT_TONE: Record<RemoteVerification['verdict'], Tone> = { PASS: 'ok', INCONSISTENT: 'waiting', FAIL: 'error' };

/** The verdict's headline, from its figures (the engine's own sentence is shown under it). */
export function verdictLine(v: RemoteVerification): string {
  switch (v.verdict) {
    case 'PASS': {
      const n = v.prefix ?? 0;
      const all = n >= v.lastSeq ? ' (up to date)' : '';
      return `PASS: the remote equals the primary after write ${formatCount(n)} of ${formatCount(v.lastSeq)}${all}`;
    }
    case 'INCONSISTENT':
      return 'INCONSISTENT: a resync is copying; the remote is not a prefix image until it ends';
    case 'FAIL':
      return `FAIL: the remote equals no prefix of the primary’s writes (${formatCount(v.mismatchedTracks)} of ${formatCount(v.tracksCompared)} tracks differ)`;
  }
}

/** The newest verification of any copy group of `g` (verifications are oldest first). */
export function latestVerification(g: Pick<RemoteGroupStatus, 'key' | 'copyGroups'>, all: readonly RemoteVerification[]): RemoteVerification | null {
  for (let i = all.length - 1; i >= 0; i--) {
    const v = all[i];
    if (v.group === g.key || g.copyGroups.includes(v.group)) return v;
  }
  return null;
}

/** Worst tone of the groups now: the tab's count colour. */
export function worstTone(groups: readonly Pick<RemoteGroupStatus, 'state'>[]): Tone {
  const order: Tone[] = ['error', 'waiting', 'active', 'ok', 'idle'];
  let best = order.length - 1;
  for (const g of groups) best = Math.min(best, order.indexOf(GROUP_TONE[g.state]));
  return order[best];
}
