/**
 * The Monitor tab's health list: every device and cable that is not OK (FaultStatus.health),
 * with its name, what it is, its state, and why — the faults on it, its parity groups that are
 * not normal, its workloads' failed paths — failed first, then degraded, then by name.
 *
 * Also the canvas tint: `healthClass` turns a device's or a link's health into the class the
 * node and the cable draw with (red failed, amber degraded, nothing when OK).
 *
 * Does not handle: deciding health (the engine does, from the faults and their consequences).
 */
import type { DeviceHealth, FaultStatus } from '../../engine/api.ts';
import type { Topology } from '../../model/topology.ts';
import { KIND_LABEL } from '../design/device-labels.ts';
import { groupStateText } from './perf-table.ts';

export interface HealthRow {
  id: string;
  name: string;
  /** "FC switch", "Disk array", "Cable" … */
  what: string;
  /** true for a link (cable) id, false for a device. */
  isLink: boolean;
  health: Exclude<DeviceHealth, 'ok'>;
  reasons: string[];
}

function describe(topology: Pick<Topology, 'devices' | 'links'>, id: string): { name: string; what: string; isLink: boolean } {
  const d = topology.devices.find((x) => x.id === id);
  if (d) return { name: d.name, what: KIND_LABEL[d.kind], isLink: false };
  const l = topology.links.find((x) => x.id === id);
  if (l) return { name: `${l.a.deviceId} ${l.a.portId} ↔ ${l.b.deviceId} ${l.b.portId}`, what: 'Cable', isLink: true };
  return { name: id, what: 'Unknown', isLink: false };
}

function reasonsOf(status: FaultStatus, id: string): string[] {
  const out = status.faults.filter((f) => f.deviceId === id).map((f) => `${f.label} failed at ${(f.sinceUs / 1e6).toFixed(1)} s`);
  for (const g of status.parityGroups) if (g.arrayId === id && g.state !== 'normal') out.push(`parity group ${g.parityGroupId} ${groupStateText(g)}`);
  for (const w of status.paths) {
    if (w.serverId !== id) continue;
    const failed = w.paths.filter((p) => p.state === 'failed' || p.state === 'failing').length;
    if (failed > 0) out.push(`${w.workloadId}: ${failed} of ${w.paths.length} path${w.paths.length === 1 ? '' : 's'} failed`);
    if (w.ioErrors > 0) out.push(`${w.workloadId}: ${w.ioErrors.toLocaleString('en-US')} I/O errors (no path left)`);
  }
  return out;
}

const ORDER: Record<HealthRow['health'], number> = { failed: 0, degraded: 1 };

export function healthRows(status: FaultStatus, topology: Pick<Topology, 'devices' | 'links'>): HealthRow[] {
  const rows: HealthRow[] = [];
  for (const [id, health] of Object.entries(status.health)) {
    if (health === 'ok') continue;
    rows.push({ id, ...describe(topology, id), health, reasons: reasonsOf(status, id) });
  }
  return rows.sort((a, b) => ORDER[a.health] - ORDER[b.health] || a.name.localeCompare(b.name, 'en', { numeric: true }) || a.id.localeCompare(b.id));
}

/** The class a canvas node or cable takes for its health ('' when OK or unknown). */
export function healthClass(health: DeviceHealth | undefined): string {
  return health === 'failed' ? ' health-failed' : health === 'degraded' ? ' health-degraded' : '';
}

/** Counts for the Health section's heading. */
export function healthCounts(status: FaultStatus): { failed: number; degraded: number } {
  let failed = 0;
  let degraded = 0;
  for (const h of Object.values(status.health)) {
    if (h === 'failed') failed++;
    else if (h === 'degraded') degraded++;
  }
  return { failed, degraded };
}
