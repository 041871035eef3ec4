/**
 * Lookup helpers over a topology document: id → device / port maps built once per call, and
 * the few names every rule module shares (forwarding FC devices, port-kind labels).
 *
 * The maps keep the FIRST occurrence of a duplicated id (duplicates are reported by
 * `design-rules.ts`, not here). Nothing is cached between calls: documents are plain data and
 * may be edited in place by callers.
 */
import type { Device, DeviceKind, DiskArray, Endpoint, LuTarget, Port, PortKind, Server, Topology } from './topology.ts';

/** Devices that forward FC frames between any two of their FC ports. */
export const FC_FORWARDING_KINDS: ReadonlySet<DeviceKind> = new Set<DeviceKind>(['fcSwitch', 'fcHub', 'bridge']);

/** The name of each device kind, as people say it (palette, canvas, default device names). */
export const DEVICE_KIND_LABEL: Record<DeviceKind, string> = {
  server: 'Server',
  client: 'LAN client',
  fcSwitch: 'FC switch',
  fcHub: 'FC hub',
  bridge: 'FC-SCSI bridge',
  array: 'Disk array',
  tapeLibrary: 'Tape library',
  dvdLibrary: 'DVD-RAM library',
  lanSegment: 'LAN segment',
  wanLink: 'WAN link',
  console: 'Management console',
};

export const PORT_KIND_LABEL: Record<PortKind, string> = { fc: 'FC', lan: 'LAN', wan: 'WAN' };

export interface IndexedDevice {
  device: Device;
  deviceIndex: number;
  ports: Map<string, { port: Port; portIndex: number }>;
}

export interface TopologyIndex {
  devices: Map<string, IndexedDevice>;
}

/** Build the id maps of a topology (first occurrence wins). O(devices + ports). */
export function buildIndex(topology: Topology): TopologyIndex {
  const devices = new Map<string, IndexedDevice>();
  topology.devices.forEach((device, deviceIndex) => {
    if (devices.has(device.id)) return;
    const ports = new Map<string, { port: Port; portIndex: number }>();
    device.ports.forEach((port, portIndex) => {
      if (!ports.has(port.id)) ports.set(port.id, { port, portIndex });
    });
    devices.set(device.id, { device, deviceIndex, ports });
  });
  return { devices };
}

/** `deviceId/portId`: ids cannot contain `/`, so the key is unambiguous. */
export function endpointKey(e: Endpoint): string {
  return `${e.deviceId}/${e.portId}`;
}

/** Linear lookup, for callers (the canvas) that must not build a whole index per call. */
export function findDevice(topology: Topology, deviceId: string): Device | undefined {
  return topology.devices.find((d) => d.id === deviceId);
}

export function findPort(device: Device, portId: string): Port | undefined {
  return device.ports.find((p) => p.id === portId);
}

/**
 * The LDEV a server's workload addresses at (array port, LUN): the LU path at that LUN in a host
 * group of the port that lists one of the server's WWPNs (host groups by id, as the engine's
 * access check takes them) — LUNs are per host group, so two servers' LUN 0 on one port may be
 * different LDEVs. Undefined when no such LU path exists.
 */
export function workloadLdevId(array: DiskArray, server: Pick<Server, 'ports'>, target: LuTarget): string | undefined {
  const wwpns = new Set(server.ports.flatMap((p) => (p.wwpn ? [p.wwpn] : [])));
  const groups = array.hostGroups.filter((g) => g.portId === target.portId && g.wwpns.some((w) => wwpns.has(w))).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const g of groups) {
    const lp = array.luPaths.find((p) => p.portId === target.portId && p.hostGroupId === g.id && p.lun === target.lun);
    if (lp) return lp.ldevId;
  }
  return undefined;
}
