/**
 * The state of an FC switch's ports as Fabric OS would report it, derived from the topology's
 * links and the engine's active faults (`FaultStatus.faults`).
 *
 * Owns the rules (docs/console.md "Switch ports" repeats them):
 * - ports are numbered as zoning numbers them (model/zoning.ts `switchPortNumber`: the position
 *   among the switch's FC ports); the address is `DDPP00` (domain, port, AL_PA 00 in hex);
 * - a port with a failed-port fault on it is **Disabled** (`portdisable`, or a port failure
 *   from the scenario: both are the same `setFault { kind: 'port' }`), no light;
 * - a port with no cable, a cut cable (link fault), or a dark far end is **No_Light**; the far
 *   end is dark when its port failed (an HBA, an array port, another switch's port), its device
 *   failed (a switch, hub or bridge), its array controller failed (`CLn-*` ports of controller
 *   n; a port without that prefix belongs to controller 1, as the engine counts), or its server
 *   or array is in a lost site; a failed link therefore shows No_Light at both ends;
 * - otherwise **Online**, with what is attached: `F-Port` and the WWPN of the device's port (an
 *   N_Port: HBA, array port, bridge), `E-Port` and the neighbour's switch WWN and name (an ISL),
 *   `FL-Port` for a hub (a loop);
 * - a failed switch (a `device` fault on it) is `Faulty` and every port has no light;
 * - the speed is `N<Gb/s>` (auto-negotiated): the slower of the two ends when the port is online.
 * Switch and port WWNs are SANdbox's (`10:00:00:05:1e:00:00:<domain>`, `20:<port>:00:05:1e:00:
 * 00:<domain>`; 00:05:1e is Brocade's OUI): the design has none for switches.
 *
 * Pure. Does not handle printing (ports-format.ts) or the commands (ports.ts).
 */
import type { ActiveFault } from '../engine/api.ts';
import type { Device, DeviceOf, Topology } from '../model/topology.ts';
import { switchPortNumber } from '../model/zoning.ts';
import { portController } from '../model/scenario-faults.ts';

export type FcSwitch = DeviceOf<'fcSwitch'>;

export type PortState = 'Online' | 'No_Light';

export interface SwitchPort {
  index: number;
  portId: string;
  /** `010400`: domain, area (the port), AL_PA. */
  address: string;
  speedGbps: number;
  state: PortState;
  /** A port fault on this switch port (portdisable). */
  disabled: boolean;
  /** What the port's cable reaches (null: no cable). */
  peer: { deviceId: string; portId: string; linkId: string } | null;
  /** The Proto column's comment after `FC`: `F-Port  <wwpn>`, `E-Port  <wwn> "<name>"`, `Disabled`, or ''. */
  comment: string;
}

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');

export function switchWwnOf(sw: FcSwitch): string {
  return `10:00:00:05:1e:00:00:${hex2(sw.domainId)}`;
}

export function portWwnOf(sw: FcSwitch, index: number): string {
  return `20:${hex2(index)}:00:05:1e:00:00:${hex2(sw.domainId)}`;
}

export function portAddressOf(sw: FcSwitch, index: number): string {
  return `${hex2(sw.domainId)}${hex2(index)}00`;
}


/** Whether the end (deviceId, portId) is dark because of a fault on it or its device. */
function endDark(t: Topology, faults: readonly ActiveFault[], deviceId: string, portId: string): boolean {
  const device = t.devices.find((d) => d.id === deviceId);
  return faults.some(({ component: c }) => {
    switch (c.kind) {
      case 'port':
        return c.deviceId === deviceId && c.portId === portId;
      case 'device':
        return c.deviceId === deviceId;
      case 'controller':
        return c.arrayId === deviceId && portController(portId) === c.controller;
      case 'site':
        return device !== undefined && (device.kind === 'server' || device.kind === 'array') && device.siteId === c.siteId;
      default:
        return false;
    }
  });
}

function attached(t: Topology, peer: Device | undefined, peerPortId: string): string {
  if (peer === undefined) return '';
  if (peer.kind === 'fcSwitch') return `E-Port  ${switchWwnOf(peer)} "${peer.name}"`;
  if (peer.kind === 'fcHub') return `FL-Port  ${peer.id}`;
  const wwpn = peer.ports.find((p) => p.id === peerPortId)?.wwpn;
  return `F-Port  ${wwpn ?? `${peer.id}/${peerPortId}`}`;
}

function portOf(t: Topology, sw: FcSwitch, portId: string, speedGbps: number, faults: readonly ActiveFault[], switchFailed: boolean): SwitchPort {
  const index = switchPortNumber(sw, portId);
  const link = t.links.find((l) => (l.a.deviceId === sw.id && l.a.portId === portId) || (l.b.deviceId === sw.id && l.b.portId === portId));
  const far = link === undefined ? null : link.a.deviceId === sw.id && link.a.portId === portId ? link.b : link.a;
  const disabled = faults.some(({ component: c }) => c.kind === 'port' && c.deviceId === sw.id && c.portId === portId);
  const cut = link !== undefined && faults.some(({ component: c }) => c.kind === 'link' && c.linkId === link.id);
  const dark = far === null || switchFailed || disabled || cut || endDark(t, faults, far.deviceId, far.portId);
  const peerDevice = far === null ? undefined : t.devices.find((d) => d.id === far.deviceId);
  const peerSpeed = peerDevice?.ports.find((p) => p.id === far?.portId)?.speedGbps ?? speedGbps;
  return {
    index,
    portId,
    address: portAddressOf(sw, index),
    speedGbps: dark || peerSpeed >= speedGbps ? speedGbps : peerSpeed,
    state: dark ? 'No_Light' : 'Online',
    disabled,
    peer: far === null || link === undefined ? null : { deviceId: far.deviceId, portId: far.portId, linkId: link.id },
    comment: disabled ? 'Disabled' : dark ? '' : attached(t, peerDevice, far!.portId),
  };
}

export interface SwitchState {
  switch: FcSwitch;
  /** `Online`, or `Faulty` when the switch itself failed. */
  state: 'Online' | 'Faulty';
  ports: SwitchPort[];
}

/** The switch's FC ports in port-number order, with their state under `faults`. */
export function switchState(t: Topology, sw: FcSwitch, faults: readonly ActiveFault[]): SwitchState {
  const failed = faults.some(({ component: c }) => c.kind === 'device' && c.deviceId === sw.id);
  const ports = sw.ports.filter((p) => p.kind === 'fc').map((p) => portOf(t, sw, p.id, p.speedGbps, faults, failed));
  return { switch: sw, state: failed ? 'Faulty' : 'Online', ports };
}

/** The FC port with FOS number `index`, or undefined. */
export function portByNumber(sw: FcSwitch, index: number): { id: string } | undefined {
  return sw.ports.filter((p) => p.kind === 'fc')[index];
}
