/**
 * What the console prints: `pairdisplay` tables, `pairvolchk` lines, `raidcom get pool` and
 * `raidcom get snapshot` tables.
 *
 * Owns: the layouts and their column widths. Columns are padded to the widest cell of the table
 * (never narrower than CCI's header), so the same state always prints the same text. The
 * pairdisplay layout follows CCI's: two lines per pair, L (the P-VOL side) then R (the S-VOL
 * side), `Seq#` from topology-view.ts, `M` = `W` on the S-VOL line of a split pair whose S-VOL
 * hosts may write (or an S-VOL taken over, SSWS). Remote groups add a Fence column and `-fe`
 * extra columns (remote-format.ts fills them); without them the layout is the local one.
 * Pure functions of their inputs.
 */
import type { PairState, PairStatus, PoolStatus, ReplicationStatus } from '../engine/api.ts';
import type { CopyGroup, CopyGroupDevice, Topology } from '../model/topology.ts';
import { arraysOf, findGroup, findLdev, luAddressOf, serialOf, trackKiBOf } from './topology-view.ts';

// ---------------------------------------------------------------- pairs

/** The engine's status of a device, or a SMPL stand-in built from the topology. */
export function pairOf(status: ReplicationStatus, group: CopyGroup, device: CopyGroupDevice): PairStatus {
  const found = status.pairs.find((p) => p.group === group.id && p.device === device.name);
  return found ?? smplPair(group, device);
}

function smplPair(group: CopyGroup, d: CopyGroupDevice): PairStatus {
  return {
    key: `${group.id}/${d.name}`,
    group: group.id,
    device: d.name,
    kind: group.kind,
    mu: d.mu,
    pvol: d.pvol,
    svol: d.svol ?? null,
    state: 'SMPL',
    svolState: 'SMPL',
    copyPct: 100,
    pace: 3,
    pendingTracks: 0,
    pDirtyTracks: 0,
    sDirtyTracks: 0,
    dirtyTracks: 0,
    trackCount: 0,
    tracksCopied: 0,
    bytesCopied: 0,
    splitAtS: null,
    svolAccess: 'rw',
    preservedTracks: 0,
  };
}

const SPLIT_STATES: ReadonlySet<PairState> = new Set<PairState>(['PSUS', 'PSUS(SP)', 'PFUS']);

export function isSplit(state: PairState): boolean {
  return SPLIT_STATES.has(state);
}

interface DisplayRow {
  group: string;
  pairVol: string;
  port: string;
  luM: string;
  seq: string;
  ldev: string;
  ps: string;
  status: string;
  third: string;
  pldev: string;
  m: string;
  /** Remote groups: the Fence column (NEVER, DATA, STATUS, ASYNC). */
  fence: string | null;
  /** `-fe`: the cells of the extra columns. */
  extra: string[];
}

const NO_SERIAL = '-----';

function volumeAddress(topology: Topology, ldevId: string | null, mu: number): { port: string; luM: string; seq: string } {
  const loc = ldevId === null ? null : findLdev(topology, ldevId);
  const addr = loc === null ? null : luAddressOf(loc.array, loc.ldev.id);
  return {
    port: addr?.port ?? '-',
    luM: addr === null ? '-' : `${addr.lun}-${mu}`,
    seq: loc === null ? NO_SERIAL : String(loc.serial),
  };
}

function serialText(topology: Topology, ldevId: string | null): string {
  const loc = ldevId === null ? null : findLdev(topology, ldevId);
  return loc === null ? NO_SERIAL : String(loc.serial);
}

/** The S-VOL hosts may write: a split pair opened read-write, or an S-VOL taken over (SSWS). */
function svolWritable(pair: PairStatus): boolean {
  return (isSplit(pair.state) && pair.svolAccess === 'rw') || pair.svolState === 'SSWS';
}

function rowsOf(topology: Topology, pair: PairStatus, opts: PairDisplayOptions): [DisplayRow, DisplayRow] {
  const smpl = pair.state === 'SMPL';
  const showPct = opts.showPct;
  const pct = String(Math.floor(pair.copyPct));
  const base = { group: pair.group, fence: opts.fence === undefined ? null : opts.fence(pair) };
  const left: DisplayRow = {
    ...base,
    pairVol: `${pair.device}(L)`,
    ...volumeAddress(topology, pair.pvol, pair.mu),
    ldev: pair.pvol,
    ps: smpl ? 'SMPL' : 'P-VOL',
    status: smpl ? '----' : pair.state,
    third: smpl ? (showPct ? '-' : NO_SERIAL) : showPct ? pct : serialText(topology, pair.svol),
    pldev: smpl ? '----' : (pair.svol ?? '-'),
    m: '-',
    extra: opts.extra?.cells(pair, 'L') ?? [],
  };
  const right: DisplayRow = {
    ...base,
    pairVol: `${pair.device}(R)`,
    ...volumeAddress(topology, pair.svol, pair.mu),
    ldev: pair.svol ?? '-',
    ps: smpl ? 'SMPL' : 'S-VOL',
    status: smpl ? '----' : pair.svolState,
    third: smpl ? (showPct ? '-' : NO_SERIAL) : showPct ? pct : NO_SERIAL,
    pldev: smpl ? '----' : pair.pvol,
    m: svolWritable(pair) ? 'W' : '-',
    extra: opts.extra?.cells(pair, 'R') ?? [],
  };
  return [left, right];
}

const widest = (cells: string[], min: number): number => Math.max(min, ...cells.map((c) => c.length));

/** `Status,` (local) or `Status Fence,` (remote) with their widths. */
function statusCell(rows: DisplayRow[]): (r: DisplayRow) => string {
  const sW = widest(rows.map((r) => r.status), 4);
  if (rows.every((r) => r.fence === null)) return (r) => `${r.status},`.padEnd(sW + 1);
  const fW = widest(rows.map((r) => r.fence ?? '-'), 5);
  return (r) => `${r.status.padEnd(sW)} ${(r.fence ?? '-').padEnd(fW)},`;
}

/** The -fe columns: each padded to its widest cell (or head), one blank apart, no trailing blanks. */
function extraColumns(rows: DisplayRow[], heads: readonly string[]): { head: string; cells: (r: DisplayRow) => string } {
  const widths = heads.map((h, i) => widest(rows.map((r) => r.extra[i] ?? '-'), h.length));
  const join = (cells: readonly string[]): string => cells.map((c, i) => ` ${c.padEnd(widths[i])}`).join('').trimEnd();
  return { head: join(heads), cells: (r) => join(heads.map((_, i) => r.extra[i] ?? '-')) };
}

function renderRows(rows: DisplayRow[], opts: PairDisplayOptions): string {
  const showPct = opts.showPct;
  const gW = widest(rows.map((r) => r.group), 7);
  const pvW = widest(rows.map((r) => r.pairVol), 12);
  const portW = widest(rows.map((r) => r.port), 5);
  const luW = widest(rows.map((r) => r.luM), 5);
  const addr = (r: DisplayRow): string => `(${r.port.padEnd(portW)}, 0, ${r.luM.padStart(luW)})`;
  const aW = widest(rows.map(addr), 17);
  const lW = widest(rows.map((r) => r.ldev), 5);
  const status = statusCell(rows);
  const tW = showPct ? 4 : 6;
  const plW = widest(rows.map((r) => r.pldev), 7);
  const extra = extraColumns(rows, opts.extra?.heads ?? []);
  const fenceHead = opts.fence === undefined ? '' : 'Fence,';
  const head =
    `${'Group'.padEnd(gW)} ${'PairVol(L/R)'.padEnd(pvW)} ${'(Port#,TID, LU-M)'.padEnd(aW)},Seq#,LDEV#.P/S,Status,${fenceHead}` +
    `${showPct ? '   % ' : ' Seq#'},P-LDEV# M${extra.head}`;
  const lines = rows.map(
    (r) =>
      `${r.group.padEnd(gW)} ${r.pairVol.padEnd(pvW)} ${addr(r).padEnd(aW)}${r.seq} ${r.ldev.padStart(lW)}.${r.ps.padEnd(5)} ` +
      `${status(r)}${r.third.padStart(tW)} ${r.pldev.padEnd(plW)} ${r.m}${extra.cells(r)}`,
  );
  return [head, ...lines].join('\n') + '\n';
}

export interface PairDisplayOptions {
  showPct: boolean;
  localOnly: boolean;
  /** Remote groups: the Fence column's value for a pair (absent: no Fence column, the local layout). */
  fence?: (pair: PairStatus) => string;
  /** `-fe`: extra columns after `M`, their heads and each side's cells. */
  extra?: { heads: readonly string[]; cells: (pair: PairStatus, side: 'L' | 'R') => string[] };
}

/** The `pairdisplay` table for `pairs` (in the order given). */
export function formatPairDisplay(topology: Topology, pairs: PairStatus[], opts: PairDisplayOptions): string {
  const rows = pairs.flatMap((p) => {
    const [l, r] = rowsOf(topology, p, opts);
    return opts.localOnly ? [l] : [l, r];
  });
  return renderRows(rows, opts);
}

/** ` fence = NEVER` / ` fence = ASYNC CTGID = 2` after a remote pair's status, as CCI prints it. */
function volstatRemote(pair: PairStatus): string {
  const r = pair.remote;
  if (r === undefined) return '';
  if (r.mode === 'async') return ` fence = ASYNC${r.consistencyGroup === null ? '' : ` CTGID = ${r.consistencyGroup}`}`;
  return ` fence = ${(r.fence ?? 'never').toUpperCase()}`;
}

/** `pairvolchk : Volstat is P-VOL.[status = PAIR]` (S-VOL side with `svol`); remote pairs add the fence level. */
export function formatVolstat(pair: PairStatus, svol: boolean): string {
  if (pair.state === 'SMPL') return 'pairvolchk : Volstat is SMPL.\n';
  const extra = volstatRemote(pair);
  return svol ? `pairvolchk : Volstat is S-VOL.[status = ${pair.svolState}${extra}]\n` : `pairvolchk : Volstat is P-VOL.[status = ${pair.state}${extra}]\n`;
}

// ---------------------------------------------------------------- tables (raidcom)

interface Column {
  head: string;
  right?: boolean;
}

/** Columns padded to their widest cell, two spaces apart, no trailing blanks. */
export function formatTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => widest(rows.map((r) => r[i]), c.head.length));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (columns[i].right ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.head)), ...rows.map(line)].join('\n') + '\n';
}

const POOL_STATE: Record<PoolStatus['state'], string> = { normal: 'POLN', warning: 'POLF', full: 'POLS' };

function megabytes(tracks: number, trackKiB: number): string {
  return String(Math.floor((tracks * trackKiB) / 1024));
}

/** `raidcom get pool`: PID, POLS, U(%), AV_CAP(MB), TP_CAP(MB), W(%), Seq#, POOL_NAME. */
export function formatPools(topology: Topology, pools: PoolStatus[]): string {
  const arrays = arraysOf(topology);
  const rows = pools.map((p) => {
    const trackKiB = trackKiBOf(arrays.find((a) => a.id === p.arrayId));
    return [
      p.poolId,
      POOL_STATE[p.state],
      String(Math.floor(p.usedPct)),
      megabytes(p.capacityTracks - p.usedTracks, trackKiB),
      megabytes(p.capacityTracks, trackKiB),
      String(p.warningPct),
      String(serialOf(topology, p.arrayId) ?? NO_SERIAL),
      p.name,
    ];
  });
  const cols: Column[] = [
    { head: 'PID' },
    { head: 'POLS' },
    { head: 'U(%)', right: true },
    { head: 'AV_CAP(MB)', right: true },
    { head: 'TP_CAP(MB)', right: true },
    { head: 'W(%)', right: true },
    { head: 'Seq#' },
    { head: 'POOL_NAME' },
  ];
  return formatTable(cols, rows);
}

/** `raidcom get snapshot`: one line per snapshot pair. */
export function formatSnapshots(topology: Topology, pairs: PairStatus[]): string {
  const rows = pairs.map((p) => [
    p.group,
    p.device,
    'P-VOL',
    p.state,
    serialText(topology, p.pvol),
    p.pvol,
    String(p.mu),
    p.svol ?? '-',
    findGroup(topology, p.group)?.poolId ?? '-',
    String(p.preservedTracks),
  ]);
  const cols: Column[] = [
    { head: 'SnapShot_name' },
    { head: 'Dev_name' },
    { head: 'P/S' },
    { head: 'STAT' },
    { head: 'Serial#' },
    { head: 'LDEV#' },
    { head: 'MU#', right: true },
    { head: 'S-LDEV#' },
    { head: 'PID' },
    { head: 'PRSV(TRK)', right: true },
  ];
  return formatTable(cols, rows);
}
