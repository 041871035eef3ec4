/**
 * What the console prints: `pairdisplay` tables, `pairvolchk` lines, `raidcom get pool` and
 * `raidcom get snapshot` tables.
 *
 * Owns: the layouts and their column widths. Columns are padded to the widest cell of the table
 * (never narrower than CCI's header), so the same state always prints the same text. The
 * pairdisplay layout follows CCI's: two lines per pair, L (the P-VOL side) then R (the S-VOL
 * side), `Seq#` from topology-view.ts, `M` = `W` on the S-VOL line of a split pair whose S-VOL
 * hosts may write. Pure functions of their inputs.
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

function rowsOf(topology: Topology, pair: PairStatus, showPct: boolean): [DisplayRow, DisplayRow] {
  const smpl = pair.state === 'SMPL';
  const pct = String(Math.floor(pair.copyPct));
  const base = { group: pair.group };
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
  };
  const writable = isSplit(pair.state) && pair.svolAccess === 'rw';
  const right: DisplayRow = {
    ...base,
    pairVol: `${pair.device}(R)`,
    ...volumeAddress(topology, pair.svol, pair.mu),
    ldev: pair.svol ?? '-',
    ps: smpl ? 'SMPL' : 'S-VOL',
    status: smpl ? '----' : pair.svolState,
    third: smpl ? (showPct ? '-' : NO_SERIAL) : showPct ? pct : NO_SERIAL,
    pldev: smpl ? '----' : pair.pvol,
    m: writable ? 'W' : '-',
  };
  return [left, right];
}

const widest = (cells: string[], min: number): number => Math.max(min, ...cells.map((c) => c.length));

function renderRows(rows: DisplayRow[], showPct: boolean): string {
  const gW = widest(rows.map((r) => r.group), 7);
  const pvW = widest(rows.map((r) => r.pairVol), 12);
  const portW = widest(rows.map((r) => r.port), 5);
  const luW = widest(rows.map((r) => r.luM), 5);
  const addr = (r: DisplayRow): string => `(${r.port.padEnd(portW)}, 0, ${r.luM.padStart(luW)})`;
  const aW = widest(rows.map(addr), 17);
  const lW = widest(rows.map((r) => r.ldev), 5);
  const sW = widest(rows.map((r) => r.status), 4);
  const tW = showPct ? 4 : 6;
  const plW = widest(rows.map((r) => r.pldev), 7);
  const head = `${'Group'.padEnd(gW)} ${'PairVol(L/R)'.padEnd(pvW)} ${'(Port#,TID, LU-M)'.padEnd(aW)},Seq#,LDEV#.P/S,Status,${showPct ? '   % ' : ' Seq#'},P-LDEV# M`;
  const lines = rows.map(
    (r) =>
      `${r.group.padEnd(gW)} ${r.pairVol.padEnd(pvW)} ${addr(r).padEnd(aW)}${r.seq} ${r.ldev.padStart(lW)}.${r.ps.padEnd(5)} ` +
      `${`${r.status},`.padEnd(sW + 1)}${r.third.padStart(tW)} ${r.pldev.padEnd(plW)} ${r.m}`,
  );
  return [head, ...lines].join('\n') + '\n';
}

export interface PairDisplayOptions {
  showPct: boolean;
  localOnly: boolean;
}

/** The `pairdisplay` table for `pairs` (in the order given). */
export function formatPairDisplay(topology: Topology, pairs: PairStatus[], opts: PairDisplayOptions): string {
  const rows = pairs.flatMap((p) => {
    const [l, r] = rowsOf(topology, p, opts.showPct);
    return opts.localOnly ? [l] : [l, r];
  });
  return renderRows(rows, opts.showPct);
}

/** `pairvolchk : Volstat is P-VOL.[status = PAIR]` (S-VOL side with `svol`). */
export function formatVolstat(pair: PairStatus, svol: boolean): string {
  if (pair.state === 'SMPL') return 'pairvolchk : Volstat is SMPL.\n';
  return svol ? `pairvolchk : Volstat is S-VOL.[status = ${pair.svolState}]\n` : `pairvolchk : Volstat is P-VOL.[status = ${pair.state}]\n`;
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
