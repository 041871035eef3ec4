/**
 * Printing HDLM's `dlnkmgr view -path` and `dlnkmgr view -lu` in their layouts, from the hosts
 * dlnkmgr-view.ts builds.
 *
 * `-path`: a summary (`Paths:000002 OnlinePaths:000001`, then PathStatus `Online` when every
 * path is Online, else `Reduced`, with the I/O and error totals), a blank line, then one row per
 * path: PathID PathName DskName iLU ChaPort Status Type IO-Count IO-Errors DNum HDevName.
 * `-lu`: per array (Product, SerialNumber, LUs), one block per LU: iLU and HDevName on its first
 * path's row, the other paths below. Columns are as wide as their widest cell (HDLM pads to fixed
 * widths sized for hex LDEV numbers; SANdbox's LDEV ids are names); counts are right-aligned.
 * Every successful view ends with HDLM's completion message (KAPL01001-I) carrying the
 * simulated time as hh:mm:ss since the run started (no date: the simulation has none).
 *
 * Pure. Does not handle the mapping (dlnkmgr-view.ts) or parsing (dlnkmgr.ts).
 */
import type { DiskArray, Topology } from '../model/topology.ts';
import type { HdlmHost, HdlmPath } from './dlnkmgr-view.ts';
import { arraysOf, serialOf } from './topology-view.ts';

type Align = 'left' | 'right';

interface Column {
  head: string;
  align: Align;
  cell(p: HdlmPath): string;
  /** At least this wide (HDLM's widths for its fixed-size fields). */
  min?: number;
}

const id6 = (n: number): string => String(n).padStart(6, '0');

const PATH_COLUMNS: readonly Column[] = [
  { head: 'PathID', align: 'left', cell: (p) => id6(p.pathId) },
  { head: 'PathName', align: 'left', cell: (p) => p.pathName },
  { head: 'DskName', align: 'left', cell: (p) => p.dskName },
  { head: 'iLU', align: 'left', cell: (p) => p.ldevId },
  { head: 'ChaPort', align: 'left', cell: (p) => p.chaPort },
  { head: 'Status', align: 'left', cell: (p) => p.status, min: 10 },
  { head: 'Type', align: 'left', cell: (p) => p.type },
  { head: 'IO-Count', align: 'right', cell: (p) => String(p.ioCount), min: 10 },
  { head: 'IO-Errors', align: 'right', cell: (p) => String(p.ioErrors), min: 10 },
  { head: 'DNum', align: 'right', cell: () => '0' },
  { head: 'HDevName', align: 'left', cell: (p) => p.hDevName },
];

/** Rows of cells under heads: heads left-aligned, cells as the column says, trailing blanks trimmed. */
function table(heads: readonly { head: string; align: Align; min?: number }[], rows: readonly string[][]): string[] {
  const widths = heads.map((h, i) => Math.max(h.head.length, h.min ?? 0, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[], aligns: readonly Align[]) =>
    cells
      .map((c, i) => (aligns[i] === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join(' ')
      .trimEnd();
  return [line(heads.map((h) => h.head), heads.map(() => 'left')), ...rows.map((r) => line(r, heads.map((h) => h.align)))];
}

/** `hh:mm:ss` of `nowS` simulated seconds. */
export function clockOf(nowS: number): string {
  const s = Math.max(0, Math.floor(nowS));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

export function completedLine(nowS: number): string {
  return `KAPL01001-I The HDLM command completed normally. Operation name = view, completion time = ${clockOf(nowS)}`;
}

/** Blocks separated by a blank line, the completion message right under the last one. */
function withCompletion(blocks: readonly string[], nowS: number): string {
  const body = blocks.length === 0 ? ['(no server has a path to an LU)'] : blocks;
  return `${body.join('\n\n')}\n${completedLine(nowS)}\n`;
}

function summary(paths: readonly HdlmPath[]): string[] {
  const online = paths.filter((p) => p.status === 'Online').length;
  const state = online === paths.length ? 'Online' : 'Reduced';
  const ios = paths.reduce((n, p) => n + p.ioCount, 0);
  const errors = paths.reduce((n, p) => n + p.ioErrors, 0);
  return [`Paths:${id6(paths.length)} OnlinePaths:${id6(online)}`, `${'PathStatus'.padEnd(13)}${'IO-Count'.padEnd(13)}IO-Errors`, `${state.padEnd(13)}${String(ios).padEnd(13)}${errors}`];
}

/** One host's `-path` block (without the completion line). */
export function formatPathBlock(host: HdlmHost): string[] {
  const rows = host.paths.map((p) => PATH_COLUMNS.map((c) => c.cell(p)));
  return [...summary(host.paths), '', ...table(PATH_COLUMNS, rows)];
}

/** `dlnkmgr view -path`: the hosts' blocks (each after a `HostName:` line when `named`), then the completion line. */
export function formatViewPath(hosts: readonly HdlmHost[], nowS: number, named: boolean): string {
  const blocks = hosts.map((h) => [...(named ? [`HostName: ${h.serverId}`] : []), ...formatPathBlock(h)].join('\n'));
  return withCompletion(blocks, nowS);
}

const LU_COLUMNS: readonly { head: string; align: Align; min?: number }[] = [
  { head: 'iLU', align: 'left' },
  { head: 'HDevName', align: 'left' },
  ...PATH_COLUMNS.filter((c) => ['PathID', 'PathName', 'ChaPort', 'Status', 'Type', 'IO-Count', 'IO-Errors', 'DNum'].includes(c.head)),
];

function luRows(paths: readonly HdlmPath[]): string[][] {
  const lus = [...new Set(paths.map((p) => p.hDevName))].sort();
  return lus.flatMap((dev) =>
    paths
      .filter((p) => p.hDevName === dev)
      .map((p, i) => [i === 0 ? p.ldevId : '', i === 0 ? p.hDevName : '', id6(p.pathId), p.pathName, p.chaPort, p.status, p.type, String(p.ioCount), String(p.ioErrors), '0']),
  );
}

function arrayBlock(topology: Topology, array: DiskArray, paths: readonly HdlmPath[]): string[] {
  const lus = new Set(paths.map((p) => p.hDevName)).size;
  const head = [`Product       : ${array.name}`, `SerialNumber  : ${serialOf(topology, array.id) ?? array.id}`, `LUs           : ${lus}`];
  return [...head, '', ...table(LU_COLUMNS, luRows(paths))];
}

/** `dlnkmgr view -lu`: per host (a `HostName:` line when `named`) its LUs by array, then the completion line. */
export function formatViewLu(topology: Topology, hosts: readonly HdlmHost[], nowS: number, named: boolean): string {
  const blocks = hosts.map((h) => {
    const arrays = arraysOf(topology).filter((a) => h.paths.some((p) => p.arrayId === a.id));
    const parts = arrays.map((a) => arrayBlock(topology, a, h.paths.filter((p) => p.arrayId === a.id)).join('\n'));
    const body = parts.length === 0 ? ['LUs           : 0'] : parts;
    return [...(named ? [`HostName: ${h.serverId}`] : []), body.join('\n\n')].join('\n');
  });
  return withCompletion(blocks, nowS);
}
