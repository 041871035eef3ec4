/**
 * The palette's catalogue: one entry per thing a person can place, grouped as a SAN architect
 * thinks of them. Also the drag-and-drop payload format shared by the palette and the canvas.
 */
import type { DeviceKind } from '../../model/topology.ts';
import type { ServerClassName } from '../../model/factory.ts';
import { iconKey, type IconKey } from './icons.tsx';

export interface PaletteEntry {
  key: string;
  kind: DeviceKind;
  serverClass?: ServerClassName;
  label: string;
  hint: string;
  icon: IconKey;
}

function entry(kind: DeviceKind, label: string, hint: string, serverClass?: ServerClassName): PaletteEntry {
  return { key: serverClass ? `server-${serverClass}` : kind, kind, serverClass, label, hint, icon: iconKey(kind, serverClass) };
}

export const PALETTE_GROUPS: readonly { title: string; entries: PaletteEntry[] }[] = [
  {
    title: 'Hosts',
    entries: [
      entry('server', 'Mainframe', 'Server, mainframe class: 2 FC HBAs, 1 NIC', 'mainframe'),
      entry('server', 'UNIX server', 'Server, UNIX class: 2 FC HBAs, 1 NIC', 'unix'),
      entry('server', 'PC server', 'Server, PC class: 2 FC HBAs, 1 NIC', 'pc'),
      entry('client', 'LAN client', 'Drives a server’s application load over the LAN'),
    ],
  },
  {
    title: 'Fabric',
    entries: [
      entry('fcSwitch', 'FC switch', '16 FC ports, zoning, 1 WAN port'),
      entry('fcHub', 'FC hub', '8 FC ports on a shared loop'),
      entry('bridge', 'FC-SCSI bridge', 'Connects SCSI tape drives to the fabric'),
    ],
  },
  {
    title: 'Storage',
    entries: [
      entry('array', 'Disk array', '4 FC ports, 64 GiB cache, 1 parity group'),
      entry('tapeLibrary', 'Tape library', '2 LTO-8 drives, one FC port each'),
      entry('dvdLibrary', 'DVD-RAM library', 'Optical library, 1 FC port'),
    ],
  },
  {
    title: 'Network',
    entries: [
      entry('lanSegment', 'LAN segment', '24 Ethernet ports'),
      entry('wanLink', 'WAN link', '1000 Mbps, 100 km, joins two sites'),
      entry('console', 'Management console', 'Centralised monitoring console'),
    ],
  },
];

export const PALETTE_ENTRIES: readonly PaletteEntry[] = PALETTE_GROUPS.flatMap((g) => g.entries);

/** MIME type of the palette's drag payload. */
export const DRAG_MIME = 'application/x-sandbox-device';

export interface DragPayload {
  kind: DeviceKind;
  serverClass?: ServerClassName;
}

export function readDragPayload(text: string): DragPayload | null {
  try {
    const v = JSON.parse(text) as DragPayload;
    return PALETTE_ENTRIES.some((e) => e.kind === v.kind) ? v : null;
  } catch {
    return null;
  }
}
