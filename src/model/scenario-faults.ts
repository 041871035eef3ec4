/**
 * Fault, repair and volume-move actions (the SAN patent's storage-management half, Figs. 12–15).
 *
 * Owns the zod schemas of `setFault` (inject or clear a failure of one component) and
 * `moveVolume` (move an LDEV to another parity group while hosts keep using it).
 *
 * A component is one of:
 *  - `link`: an FC or LAN cable cut (`linkId` of the topology's link);
 *  - `port`: one port of a device — a server's FC port is its HBA, a switch port, an array's
 *    front-end port;
 *  - `device`: a whole FC switch, hub or bridge;
 *  - `controller`: an array controller (cluster): every front-end port whose id starts `CLn-`
 *    (a port id without that prefix belongs to controller 1);
 *  - `disk`: one disk (0-based) of a parity group — RAID rebuilds onto a spare;
 *  - `tapeDrive`: one drive (0-based) of a tape or DVD-RAM library;
 *  - `site`: a whole site (disaster): its servers stop, its arrays stop answering, its WAN links
 *    go down — the `siteLoss` action is the same failure; a repair brings the site back (its
 *    servers' workloads are started again by whoever restarts them, its pairs stay suspended
 *    until resynchronised).
 */
import { z } from 'zod';
import { Id } from './topology.ts';

export const FaultComponent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), linkId: Id }),
  z.object({ kind: z.literal('port'), deviceId: Id, portId: Id }),
  z.object({ kind: z.literal('device'), deviceId: Id }),
  z.object({ kind: z.literal('controller'), arrayId: Id, controller: z.number().int().min(1).max(8) }),
  z.object({ kind: z.literal('disk'), arrayId: Id, parityGroupId: Id, disk: z.number().int().min(0).max(31) }),
  z.object({ kind: z.literal('tapeDrive'), libraryId: Id, drive: z.number().int().min(0).max(63) }),
  z.object({ kind: z.literal('site'), siteId: Id }),
]);
export type FaultComponent = z.infer<typeof FaultComponent>;
export type FaultKind = FaultComponent['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['link', 'port', 'device', 'controller', 'disk', 'tapeDrive', 'site'];

/** A component fails (`failed: true`) or is repaired (`failed: false`) now. */
export const SetFault = z.object({ type: z.literal('setFault'), component: FaultComponent, failed: z.boolean() });
export type SetFault = z.infer<typeof SetFault>;

/**
 * Move `ldevId` to parity group `parityGroupId` of the same array (another tier, or a quieter
 * group): a background copy while writes go to both, then a switch-over. The host's address
 * (port, LUN) does not change.
 */
export const MoveVolume = z.object({ type: z.literal('moveVolume'), ldevId: Id, parityGroupId: Id });
export type MoveVolume = z.infer<typeof MoveVolume>;

/** The controller (cluster) of an array port id: `CL2-B` → 2; 1 for an id without the `CLn-` prefix. */
export function portController(portId: string): number {
  const m = /^CL(\d+)-/i.exec(portId);
  return m ? Number(m[1]) : 1;
}

/** A short human label of a component, e.g. `link l3`, `port srv1/hba0`, `disk ar1/PG1-1#2`. */
export function componentLabel(c: FaultComponent): string {
  switch (c.kind) {
    case 'link':
      return `link ${c.linkId}`;
    case 'port':
      return `port ${c.deviceId}/${c.portId}`;
    case 'device':
      return `device ${c.deviceId}`;
    case 'controller':
      return `controller ${c.arrayId}/CL${c.controller}`;
    case 'disk':
      return `disk ${c.arrayId}/${c.parityGroupId}#${c.disk}`;
    case 'tapeDrive':
      return `drive ${c.libraryId}#${c.drive}`;
    case 'site':
      return `site ${c.siteId}`;
  }
}

/** The device a component belongs to (alerts and the health view key on it). */
export function componentDevice(c: FaultComponent): string {
  switch (c.kind) {
    case 'link':
      return c.linkId;
    case 'port':
    case 'device':
      return c.deviceId;
    case 'controller':
    case 'disk':
      return c.arrayId;
    case 'tapeDrive':
      return c.libraryId;
    case 'site':
      return c.siteId;
  }
}
