/**
 * Small typed wrappers the inspector forms use to edit one device of a known kind, so each form
 * states only the fields it changes. Each call is one undoable edit.
 */
import { useStore } from '../store/index.ts';
import type { DeviceKind, DeviceOf, DiskArray } from '../../model/topology.ts';

export function editDevice<K extends DeviceKind>(id: string, kind: K, fn: (d: DeviceOf<K>) => DeviceOf<K>): void {
  useStore.getState().updateDevice(id, (d) => (d.kind === kind ? fn(d as DeviceOf<K>) : d));
}

/** Patch top-level fields of a device of `kind`. */
export function patchDevice<K extends DeviceKind>(id: string, kind: K, patch: Partial<DeviceOf<K>>): void {
  editDevice(id, kind, (d) => ({ ...d, ...patch }));
}

export function editArray(id: string, fn: (a: DiskArray) => DiskArray): void {
  editDevice(id, 'array', fn);
}

/** Replace item `index` of a list by `fn(item)`. */
export function replaceAt<T>(list: readonly T[], index: number, fn: (item: T) => T): T[] {
  return list.map((item, i) => (i === index ? fn(item) : item));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Shallow patch that DELETES keys whose new value is undefined (optional fields cleared). */
export function setFields<T extends object>(obj: T, patch: Partial<T>): T {
  const next = { ...obj, ...patch } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
  return next as T;
}

/** Remove a port and every cable on it, as one undoable edit. */
export function removePort(deviceId: string, portId: string): void {
  useStore.getState().updateTopology((t) => ({
    ...t,
    devices: t.devices.map((d) => (d.id === deviceId ? { ...d, ports: d.ports.filter((p) => p.id !== portId) } : d)),
    links: t.links.filter(
      (l) => !((l.a.deviceId === deviceId && l.a.portId === portId) || (l.b.deviceId === deviceId && l.b.portId === portId)),
    ),
  }));
}
