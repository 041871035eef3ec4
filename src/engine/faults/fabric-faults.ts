/**
 * Which fabric components are down: cut links, failed ports (an HBA, a switch port, an array
 * front-end port), failed switches, hubs and bridges, and failed array controllers.
 *
 * Owns: validating a `link` / `port` / `device` / `controller` fault against the document (an
 * unknown id is refused with a message naming it), the down-sets, the `RouteFaults` view the
 * path resolver routes around, and the health those faults give devices and links.
 *
 * A controller is a cluster of front-end ports: port ids `CLn-x` belong to controller n (CCI's
 * naming); a port id without that prefix belongs to controller 1. Its failure takes all of its
 * ports down; the cache is duplexed across controllers (as on enterprise arrays), so accepted
 * writes survive it.
 *
 * Invariants: changes only through `setFailed`, each followed by `changed()` (multipath
 * re-routes); lookups do not allocate except at fault time.
 *
 * Does not handle: what a broken path does to I/O (host/multipath.ts, simulation.ts), disks
 * and tape drives (their own fault targets).
 */
import { portController, type FaultComponent } from '../../model/scenario-faults.ts';
import type { Device } from '../../model/topology.ts';
import type { DeviceHealth } from '../fault-api.ts';
import type { LinkSpec } from '../fabric/fc-graph.ts';
import type { RouteFaults } from '../fabric/path-resolver.ts';
import type { FaultTarget } from './fault-system.ts';

const TRANSIT: ReadonlySet<string> = new Set(['fcSwitch', 'fcHub', 'bridge']);
const key = (a: string, b: string | number): string => `${a}\u0000${b}`;

export class FabricFaults implements FaultTarget, RouteFaults {
  private readonly devices: Map<string, Device>;
  private readonly links: readonly LinkSpec[];
  private readonly linkIndex = new Map<string, number>();
  private readonly linkIsDown: Uint8Array;
  private readonly ports = new Set<string>();
  private readonly devicesDown = new Set<string>();
  private readonly controllers = new Set<string>();
  private readonly changed: () => void;
  /** Called when a link attached to a WAN circuit (device id) is cut or mended: remote copy sees the circuit go down. */
  private readonly wanLink: (wanDeviceId: string, up: boolean) => void;

  constructor(devices: readonly Device[], links: readonly LinkSpec[], changed: () => void, wanLink: (wanDeviceId: string, up: boolean) => void) {
    this.devices = new Map(devices.map((d) => [d.id, d]));
    this.links = links;
    links.forEach((l, i) => this.linkIndex.set(l.id, i));
    this.linkIsDown = new Uint8Array(links.length);
    this.changed = changed;
    this.wanLink = wanLink;
  }

  check(c: FaultComponent): string | null {
    switch (c.kind) {
      case 'link':
        return this.linkIndex.has(c.linkId) ? null : `no link "${c.linkId}"`;
      case 'port': {
        const d = this.devices.get(c.deviceId);
        if (!d) return `no device "${c.deviceId}"`;
        return d.ports.some((p) => p.id === c.portId) ? null : `${c.deviceId} has no port "${c.portId}"`;
      }
      case 'device': {
        const d = this.devices.get(c.deviceId);
        if (!d) return `no device "${c.deviceId}"`;
        return TRANSIT.has(d.kind) ? null : `${c.deviceId} is a ${d.kind}: only a switch, hub or bridge fails as a whole (fail its ports, controller or disks instead)`;
      }
      case 'controller': {
        const d = this.devices.get(c.arrayId);
        if (!d || d.kind !== 'array') return `no disk array "${c.arrayId}"`;
        return d.ports.some((p) => portController(p.id) === c.controller) ? null : `${c.arrayId} has no ports on controller CL${c.controller}`;
      }
      default:
        return `${c.kind} is not a fabric component`;
    }
  }

  setFailed(c: FaultComponent, failed: boolean): void {
    switch (c.kind) {
      case 'link': {
        const i = this.linkIndex.get(c.linkId)!;
        this.linkIsDown[i] = failed ? 1 : 0;
        const l = this.links[i].link;
        for (const end of [l.a, l.b]) if (this.devices.get(end.deviceId)?.kind === 'wanLink') this.wanLink(end.deviceId, !failed);
        break;
      }
      case 'port':
        this.toggle(this.ports, key(c.deviceId, c.portId), failed);
        break;
      case 'device':
        this.toggle(this.devicesDown, c.deviceId, failed);
        break;
      case 'controller':
        this.toggle(this.controllers, key(c.arrayId, c.controller), failed);
        break;
      default:
        return;
    }
    this.changed();
  }

  private toggle(set: Set<string>, k: string, on: boolean): void {
    if (on) set.add(k);
    else set.delete(k);
  }

  linkDown(link: number): boolean {
    return this.linkIsDown[link] === 1;
  }

  portDown(deviceId: string, portId: string): boolean {
    if (this.ports.size > 0 && this.ports.has(key(deviceId, portId))) return true;
    return this.controllers.size > 0 && this.controllers.has(key(deviceId, portController(portId)));
  }

  deviceDown(deviceId: string): boolean {
    return this.devicesDown.size > 0 && this.devicesDown.has(deviceId);
  }

  /** Failed links and devices are `failed`; a device with a failed port or controller is `degraded`. */
  health(into: Record<string, DeviceHealth>): void {
    this.links.forEach((l, i) => {
      if (this.linkIsDown[i] === 1) into[l.id] = 'failed';
    });
    for (const d of this.devicesDown) into[d] = 'failed';
    for (const k of [...this.ports, ...this.controllers]) {
      const d = k.slice(0, k.indexOf('\u0000'));
      if (into[d] === undefined) into[d] = 'degraded';
    }
  }
}
