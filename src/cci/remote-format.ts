/**
 * What the console prints for remote copy: `pairdisplay` of remote groups (the Fence column)
 * and its `-fe` columns, and the journal table of `raidvchkscan -v jnl` / `raidcom get journal`.
 *
 * Owns: the mapping from the engine's remote status to CCI's columns (docs/console.md,
 * "Remote copy"):
 * - Fence: NEVER / DATA / STATUS for remote-sync pairs, ASYNC for remote-async ones;
 * - -fe: CTG, JID (the master journal on the L line, the restore journal on the R line), AP
 *   (active paths: 1 while the group's WAN link is up, 0 while it is down, `-` unknown), EM,
 *   E-Seq#, E-LDEV# (external volumes, which SANdbox has none of: `-`);
 * - journals: JNLS from the journal's role and fill and the remote group's state, Q-Marker the
 *   sequence number in hex (master: the last acknowledged write, restore: the last applied),
 *   Q-CNT the entries held, U(%) the use rounded down, D-SZ(BLK) the capacity in 512-byte blocks.
 * After `pairresync -swaps` a pair is shown from its new P-VOL (PairStatus.remote.pLdev).
 * Pure functions of their inputs; the layouts are format.ts's.
 */
import type { JournalStatus, PairStatus, RemoteGroupStatus, RemoteStatus } from '../engine/api.ts';
import type { CopyGroup, Topology } from '../model/topology.ts';
import { formatPairDisplay, formatTable } from './format.ts';
import { arraysOf, findGroup, serialOf } from './topology-view.ts';

export const isRemoteKind = (kind: string): boolean => kind === 'remote-sync' || kind === 'remote-async';

// ---------------------------------------------------------------- pairdisplay

/** The heads of pairdisplay's `-fe` columns. */
export const FE_HEADS: readonly string[] = ['CTG', 'JID', 'AP', 'EM', 'E-Seq#', 'E-LDEV#'];

/** The Fence column: the pair's own fence level, else the group's (a SMPL pair has no remote info yet). */
function fenceOf(group: CopyGroup, pair: PairStatus): string {
  const r = pair.remote;
  if ((r?.mode ?? (group.kind === 'remote-async' ? 'async' : 'sync')) === 'async') return 'ASYNC';
  return (r?.fence ?? group.fence ?? 'never').toUpperCase();
}

/** AP: 1 while the WAN link the pair crosses is up, 0 while it is down, `-` when unknown. */
function activePaths(pair: PairStatus, status: RemoteStatus | null): string {
  const link = pair.remote === undefined ? undefined : status?.wanLinks.find((w) => w.id === pair.remote?.wanLinkId);
  return link === undefined ? '-' : link.up ? '1' : '0';
}

const text = (n: number | null): string => (n === null ? '-' : String(n));

function feCells(pair: PairStatus, side: 'L' | 'R', status: RemoteStatus | null): string[] {
  const r = pair.remote;
  if (r === undefined) return FE_HEADS.map(() => '-');
  const jid = side === 'L' ? r.masterJournal : r.restoreJournal;
  return [text(r.consistencyGroup), text(jid), activePaths(pair, status), '-', '-', '-'];
}

/** The pair as pairdisplay shows it: from its current P-VOL (swapped after pairresync -swaps). */
function fromCurrentPvol(pair: PairStatus): PairStatus {
  const r = pair.remote;
  return r === undefined ? pair : { ...pair, pvol: r.pLdev, svol: r.sLdev };
}

export interface RemoteDisplayOptions {
  showPct: boolean;
  localOnly: boolean;
  /** `-fe`: the CTG, JID, AP, EM, E-Seq# and E-LDEV# columns. */
  showRemote: boolean;
}

/**
 * `pairdisplay` of `group`: remote groups get the Fence column (and `-fe` its columns); a local
 * group with `-fe` gets the `-fe` columns, all `-`. `status` (null when the console cannot read
 * it) gives AP.
 */
export function formatRemotePairDisplay(topology: Topology, group: CopyGroup, pairs: PairStatus[], opts: RemoteDisplayOptions, status: RemoteStatus | null): string {
  const remote = isRemoteKind(group.kind);
  return formatPairDisplay(topology, remote ? pairs.map(fromCurrentPvol) : pairs, {
    showPct: opts.showPct,
    localOnly: opts.localOnly,
    ...(remote ? { fence: (p: PairStatus) => fenceOf(group, p) } : {}),
    ...(opts.showRemote ? { extra: { heads: FE_HEADS, cells: (p: PairStatus, side: 'L' | 'R') => feCells(p, side, status) } } : {}),
  });
}

// ---------------------------------------------------------------- journals

/** One journal as the table lists it: topology journals without a group are SMPL. */
interface JournalLine {
  arrayId: string;
  journalId: number;
  capacityBytes: number;
  overflowWatchS: number | null;
  use: { journal: JournalStatus; group: RemoteGroupStatus } | null;
}

const SUSPENDED: Readonly<Record<string, string>> = { PFUS: 'JSF', PSUE: 'JSE', PSUS: 'JSN', 'PSUS(SP)': 'JSN', SSWS: 'JSN' };

/**
 * JNLS: P (master) or S (restore), then JNN normal, JNF over its high-water mark or full (the
 * master journal only), JSN suspended by an operation (pairsplit, takeover), JSF suspended because
 * the journal stayed full (PFUS), JSE suspended by an error or a link failure (PSUE).
 */
export function journalState(journal: JournalStatus, group: RemoteGroupStatus): string {
  if (group.state === 'SMPL') return 'SMPL';
  const p = journal.role === 'master' ? 'P' : 'S';
  const suspended = SUSPENDED[group.state];
  if (suspended !== undefined) return `${p}${suspended}`;
  return journal.role === 'master' && journal.state !== 'normal' ? 'PJNF' : `${p}JNN`;
}

/** The sequence number a journal marks, as CCI prints a Q-Marker: 8 hex digits. */
export function qMarker(journal: JournalStatus, group: RemoteGroupStatus): string {
  const seq = journal.role === 'master' ? group.lastSeq : group.appliedSeq;
  return seq.toString(16).padStart(8, '0');
}

const MIB = 1024 * 1024;
const BLOCK_BYTES = 512;

function journalLines(topology: Topology, status: RemoteStatus): JournalLine[] {
  const lines = new Map<string, JournalLine>();
  const key = (arrayId: string, id: number, group: string): string => `${arrayId}\u0000${String(id).padStart(3, '0')}\u0000${group}`;
  const declared = arraysOf(topology).flatMap((a) => (a.journals ?? []).map((j) => ({ arrayId: a.id, j })));
  for (const group of status.groups) {
    for (const journal of group.journals) {
      const own = declared.find((d) => d.arrayId === journal.arrayId && d.j.id === journal.journalId);
      const line = { arrayId: journal.arrayId, journalId: journal.journalId, capacityBytes: journal.capacityBytes, overflowWatchS: own?.j.overflowWatchS ?? null };
      lines.set(key(journal.arrayId, journal.journalId, group.key), { ...line, use: { journal, group } });
    }
  }
  for (const { arrayId, j } of declared) {
    if ([...lines.values()].some((l) => l.arrayId === arrayId && l.journalId === j.id)) continue;
    lines.set(key(arrayId, j.id, ''), { arrayId, journalId: j.id, capacityBytes: j.capacityMiB * MIB, overflowWatchS: j.overflowWatchS, use: null });
  }
  const serial = (l: JournalLine): number => serialOf(topology, l.arrayId) ?? Number.MAX_SAFE_INTEGER;
  return [...lines.entries()].sort(([ka, a], [kb, b]) => serial(a) - serial(b) || (ka < kb ? -1 : ka > kb ? 1 : 0)).map(([, l]) => l);
}

/** MU: the MU# of the first device of the group's first copy group (0 by default). */
function muOf(topology: Topology, group: RemoteGroupStatus): string {
  const first = group.copyGroups[0];
  return String((first === undefined ? undefined : findGroup(topology, first))?.devices[0]?.mu ?? 0);
}

function ctgOf(group: RemoteGroupStatus): string {
  const m = /^ctg-(\d+)$/.exec(group.key);
  return m === null ? '-' : m[1];
}

function cells(topology: Topology, status: RemoteStatus, l: JournalLine, timers: boolean): string[] {
  const head = [String(l.journalId).padStart(3, '0')];
  const blocks = String(Math.floor(l.capacityBytes / BLOCK_BYTES));
  const seq = String(serialOf(topology, l.arrayId) ?? '-----');
  const tail = timers ? [text(l.overflowWatchS), '-', '-'] : ['-', '-'];
  if (l.use === null || l.use.group.state === 'SMPL') return [...head, '-', '-', 'SMPL', '-', '-', '-', '-', blocks, seq, ...tail];
  const { journal, group } = l.use;
  const link = status.wanLinks.find((w) => w.id === group.wanLinkId);
  const ap = link === undefined ? '-' : link.up ? '1' : '0';
  const used = String(Math.floor(journal.usedPct));
  return [...head, muOf(topology, group), ctgOf(group), journalState(journal, group), ap, used, qMarker(journal, group), String(journal.entries), blocks, seq, ...tail];
}

export interface JournalTableOptions {
  header: 'JID' | 'JNLID';
  /** `-v jnlt`: DOW (the overflow watch, s), PBW and APW instead of Num and LDEV#. */
  timers: boolean;
  /** Only the journals of this array (null: every array). */
  arrayId: string | null;
}

/** The journal table: one line per journal and remote group using it, by Seq#, then JID. */
export function formatJournals(topology: Topology, status: RemoteStatus, opts: JournalTableOptions): string {
  const lines = journalLines(topology, status).filter((l) => opts.arrayId === null || l.arrayId === opts.arrayId);
  const right = true;
  const columns = [
    { head: opts.header },
    { head: 'MU' },
    { head: 'CTG' },
    { head: 'JNLS' },
    { head: 'AP' },
    { head: 'U(%)', right },
    { head: 'Q-Marker' },
    { head: 'Q-CNT', right },
    { head: 'D-SZ(BLK)', right },
    { head: 'Seq#' },
    ...(opts.timers ? [{ head: 'DOW', right }, { head: 'PBW' }, { head: 'APW' }] : [{ head: 'Num' }, { head: 'LDEV#' }]),
  ];
  return formatTable(
    columns,
    lines.map((l) => cells(topology, status, l, opts.timers)),
  );
}
