/**
 * What `raidcom get host_grp`, `raidcom get hba_wwn` and `raidcom get lun` print, in CCI's
 * column layouts:
 *
 *   PORT   GID  GROUP_NAME                       Serial# HMD          HMO_BITs
 *   PORT   GID  GROUP_NAME                       HWWN             Serial# NICK_NAME
 *   PORT   GID  HMD            LUN  NUM     LDEV  CM    Serial#  HMO_BITs
 *
 * Owns: the layouts. Each column is CCI's width, widened to its widest cell (long host group
 * names, LDEV ids as the topology spells them), so the same state always prints the same text;
 * trailing blanks are trimmed. SANdbox models no host mode: HMD is `LINUX/IRIX` (CCI's default)
 * and HMO_BITs empty; NUM (LUSE size) is 1 and CM (command device) `-`. GID is the host group's
 * position on its port (topology-view.ts). Pure functions of their inputs.
 */
import type { DiskArray } from '../model/topology.ts';
import { hostGroupNumber } from './topology-view.ts';

/** Host mode SANdbox prints for every host group. */
export const DEFAULT_HMD = 'LINUX/IRIX';

interface Column {
  head: string;
  width: number;
  right?: boolean;
  /** Blanks before the column. */
  gap: number;
}

function table(columns: readonly Column[], rows: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.width, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => ' '.repeat(i === 0 ? 0 : columns[i].gap) + (columns[i].right === true ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('')
      .trimEnd();
  return [line(columns.map((c) => c.head)), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/** `10:00:00:00:c9:3a:10:01` → `10000000c93a1001`, as CCI prints a WWN. */
export const hwwn = (wwpn: string): string => wwpn.replaceAll(':', '');

const gid = (array: DiskArray, portId: string, hostGroupId: string): string => String(hostGroupNumber(array, portId, hostGroupId));

const HOST_GRP: readonly Column[] = [
  { head: 'PORT', width: 6, gap: 0 },
  { head: 'GID', width: 3, right: true, gap: 1 },
  { head: 'GROUP_NAME', width: 32, gap: 2 },
  { head: 'Serial#', width: 7, right: true, gap: 1 },
  { head: 'HMD', width: 12, gap: 1 },
  { head: 'HMO_BITs', width: 0, gap: 1 },
];

/** `raidcom get host_grp -port <port>`: every host group of the port, by GID. */
export function formatHostGroups(array: DiskArray, serial: number, portId: string): string {
  const rows = array.hostGroups.filter((h) => h.portId === portId).map((h) => [portId, gid(array, portId, h.id), h.name, String(serial), DEFAULT_HMD, '']);
  return table(HOST_GRP, rows);
}

const HBA_WWN: readonly Column[] = [
  { head: 'PORT', width: 6, gap: 0 },
  { head: 'GID', width: 3, right: true, gap: 1 },
  { head: 'GROUP_NAME', width: 32, gap: 2 },
  { head: 'HWWN', width: 16, gap: 1 },
  { head: 'Serial#', width: 7, right: true, gap: 1 },
  { head: 'NICK_NAME', width: 0, gap: 1 },
];

/** `raidcom get hba_wwn -port <port>-<gid>`: one line per WWPN of the host group (sorted). */
export function formatHbaWwns(array: DiskArray, serial: number, hostGroupId: string): string {
  const h = array.hostGroups.find((g) => g.id === hostGroupId);
  if (h === undefined) return table(HBA_WWN, []);
  const g = gid(array, h.portId, h.id);
  const rows = [...h.wwpns].sort().map((w) => [h.portId, g, h.name, hwwn(w), String(serial), '-']);
  return table(HBA_WWN, rows);
}

const LUN: readonly Column[] = [
  { head: 'PORT', width: 6, gap: 0 },
  { head: 'GID', width: 3, right: true, gap: 1 },
  { head: 'HMD', width: 13, gap: 2 },
  { head: 'LUN', width: 5, right: true, gap: 0 },
  { head: 'NUM', width: 5, right: true, gap: 0 },
  { head: 'LDEV', width: 9, right: true, gap: 0 },
  { head: 'CM', width: 4, right: true, gap: 0 },
  { head: 'Serial#', width: 11, right: true, gap: 0 },
  { head: 'HMO_BITs', width: 0, gap: 2 },
];

/** `raidcom get lun -port <port>-<gid>`: the host group's LU paths, by LUN. */
export function formatLuns(array: DiskArray, serial: number, hostGroupId: string): string {
  const h = array.hostGroups.find((g) => g.id === hostGroupId);
  if (h === undefined) return table(LUN, []);
  const g = gid(array, h.portId, h.id);
  const paths = array.luPaths.filter((p) => p.hostGroupId === h.id && p.portId === h.portId).sort((a, b) => a.lun - b.lun);
  const rows = paths.map((p) => [h.portId, g, DEFAULT_HMD, String(p.lun), '1', p.ldevId, '-', String(serial), '']);
  return table(LUN, rows);
}
