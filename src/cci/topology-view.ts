/**
 * What the console needs to know about the topology, in CCI's terms: an array's serial number
 * (Seq#), where an LDEV is addressed (Port#, LU#), copy groups and their devices.
 *
 * Owns the two naming conventions SANdbox invents for CCI (docs/console.md):
 * - Seq#: arrays sorted by id get 64001, 64002, … (stable while the set of arrays is);
 * - Port#: `<port id>-<host group number>`, the number being the host group's position among the
 *   array's host groups on that port (`CL1-A-0`); an LDEV's address is its first LU path,
 *   sorted by port id, then LUN.
 * Pure functions of the topology.
 */
import type { CopyGroup, DiskArray, Ldev, LuPath, Topology } from '../model/topology.ts';

/** Seq# of the first array (sorted by id). */
export const FIRST_SERIAL = 64001;

export function arraysOf(topology: Topology): DiskArray[] {
  return topology.devices.filter((d): d is DiskArray => d.kind === 'array').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Seq# of `arrayId`, or null for an unknown array. */
export function serialOf(topology: Topology, arrayId: string): number | null {
  const i = arraysOf(topology).findIndex((a) => a.id === arrayId);
  return i < 0 ? null : FIRST_SERIAL + i;
}

export function arrayBySerial(topology: Topology, serial: number): DiskArray | null {
  return arraysOf(topology)[serial - FIRST_SERIAL] ?? null;
}

export interface LdevLocation {
  array: DiskArray;
  ldev: Ldev;
  serial: number;
}

export function findLdev(topology: Topology, ldevId: string): LdevLocation | null {
  const arrays = arraysOf(topology);
  for (let i = 0; i < arrays.length; i++) {
    const ldev = arrays[i].ldevs.find((l) => l.id === ldevId);
    if (ldev) return { array: arrays[i], ldev, serial: FIRST_SERIAL + i };
  }
  return null;
}

/** Host group number of `hostGroupId` on its port (position among the port's host groups), or 0. */
export function hostGroupNumber(array: DiskArray, portId: string, hostGroupId: string): number {
  const i = array.hostGroups.filter((h) => h.portId === portId).findIndex((h) => h.id === hostGroupId);
  return Math.max(0, i);
}

export interface LuAddress {
  /** `CL1-A-0`: port id and host group number. */
  port: string;
  lun: number;
}

function byPortThenLun(a: LuPath, b: LuPath): number {
  if (a.portId !== b.portId) return a.portId < b.portId ? -1 : 1;
  return a.lun - b.lun;
}

/** The LDEV's first LU path (by port id, then LUN), or null when it has none. */
export function luAddressOf(array: DiskArray, ldevId: string): LuAddress | null {
  const path = array.luPaths.filter((p) => p.ldevId === ldevId).sort(byPortThenLun)[0];
  if (path === undefined) return null;
  return { port: `${path.portId}-${hostGroupNumber(array, path.portId, path.hostGroupId)}`, lun: path.lun };
}

export function findGroup(topology: Topology, groupId: string): CopyGroup | undefined {
  return topology.copyGroups.find((g) => g.id === groupId);
}

/** Track size of an array in KiB (256 when the document predates the field). */
export function trackKiBOf(array: DiskArray | undefined): number {
  return array?.trackKiB ?? 256;
}
