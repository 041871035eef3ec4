/**
 * Human words for devices: kind labels and the one-line summary a node shows under its name.
 * Pure functions of the document, shared by the canvas, the inspector and the rules panel.
 */
import { DEVICE_KIND_LABEL } from '../../model/lookup.ts';
import type { Device, DeviceKind, Topology } from '../../model/topology.ts';

export const KIND_LABEL: Record<DeviceKind, string> = DEVICE_KIND_LABEL;

const CLASS_LABEL = { mainframe: 'Mainframe', unix: 'UNIX', pc: 'PC' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A short line of the device's key facts, e.g. `64 GiB cache · 3 LDEVs`. */
export function deviceSummary(d: Device): string {
  const fc = d.ports.filter((p) => p.kind === 'fc').length;
  switch (d.kind) {
    case 'server':
      return `${CLASS_LABEL[d.serverClass]} · ${plural(fc, 'HBA')} · ${plural(d.workloads.length, 'workload')}`;
    case 'array':
      return `${d.cacheGiB} GiB cache · ${plural(d.ldevs.length, 'LDEV')}`;
    case 'fcSwitch':
      return `Domain ${d.domainId} · ${fc} FC ports`;
    case 'fcHub':
      return `${fc}-port loop`;
    case 'bridge':
      return `${fc} FC ports`;
    case 'tapeLibrary':
      return `${d.driveGeneration} · ${plural(d.driveCount, 'drive')}`;
    case 'dvdLibrary':
      return `${plural(d.driveCount, 'drive')} · ${d.slotCount} slots`;
    case 'lanSegment':
      return `${d.ports.length} LAN ports`;
    case 'wanLink':
      return `${d.bandwidthMbps} Mbps · ${d.distanceKm} km`;
    default:
      return 'LAN attached';
  }
}

/** `Name (id)` of a device id, or the bare id when it is not in the document. */
export function deviceLabel(t: Topology, id: string | undefined): string {
  if (!id) return '';
  const d = t.devices.find((x) => x.id === id);
  return d ? `${d.name} (${d.id})` : id;
}
