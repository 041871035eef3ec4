/**
 * The FC fabric as a graph, for the engine's own path resolution.
 *
 * Owns: turning the topology's FC links into an adjacency list over devices, with a latency
 * weight per link (propagation + serialising a 4 KiB frame train) and per transit device
 * (switch, hub, bridge hop). Link ids are indexed in sorted order, which is the same order the
 * runtime link timelines use, so a path's link indices address those timelines directly.
 *
 * Invariants: adjacency lists are sorted by link id (deterministic tie-breaks); only links whose
 * both ends are FC ports are edges; every edge exists in both directions, with `dir` 0 for a→b
 * and 1 for b→a.
 *
 * Does not handle: zoning (the topology schema has none yet), LAN/WAN links, ISL trunking.
 */
import type { Device, Link, Port, Topology } from '../../model/topology.ts';
import {
  FC_BRIDGE_HOP_US,
  FC_BYTES_PER_US_PER_GFC,
  FC_HUB_HOP_US,
  FC_SWITCH_HOP_US,
  FIBRE_PROPAGATION_US_PER_KM,
  LAN_BYTES_PER_US_PER_GBPS,
} from '../constants.ts';

/** Bytes used to weigh a link's serialisation in path costs (one 4 KiB I/O). */
const WEIGHT_PROBE_BYTES = 4096;

export interface FcEdge {
  linkIndex: number;
  /** 0: traversed a→b, 1: b→a. */
  dir: 0 | 1;
  fromPortId: string;
  toDeviceId: string;
  toPortId: string;
  weightUs: number;
}

export interface LinkSpec {
  id: string;
  kind: 'fc' | 'lan' | 'wan';
  /** Payload rate of the slower end, bytes per µs. */
  bytesPerUs: number;
  /** One-way propagation, µs. */
  propagationUs: number;
  link: Link;
}

/** Payload rate of a port: FC in GFC × 100 MB/s, LAN/WAN in Gbit/s × 125 MB/s. */
export function portBytesPerUs(port: Port): number {
  return port.kind === 'fc' ? port.speedGbps * FC_BYTES_PER_US_PER_GFC : port.speedGbps * LAN_BYTES_PER_US_PER_GBPS;
}

/** Latency a transit device adds per traversal; undefined when the device does not forward FC. */
export function transitHopUs(device: Device): number | undefined {
  if (device.kind === 'fcSwitch') return FC_SWITCH_HOP_US;
  if (device.kind === 'fcHub') return FC_HUB_HOP_US;
  if (device.kind === 'bridge') return FC_BRIDGE_HOP_US;
  return undefined;
}

export class FcGraph {
  readonly devices = new Map<string, Device>();
  readonly links: LinkSpec[];
  private readonly adjacency = new Map<string, FcEdge[]>();

  /** `links` must already be validated (endpoints exist, kinds match) and sorted by id. */
  constructor(topology: Topology, sortedLinks: Link[]) {
    for (const d of topology.devices) this.devices.set(d.id, d);
    this.links = sortedLinks.map((l) => this.linkSpec(l));
    sortedLinks.forEach((link, i) => {
      if (this.links[i].kind !== 'fc') return;
      this.addEdge(link.a.deviceId, link.a.portId, link.b.deviceId, link.b.portId, i, 0);
      this.addEdge(link.b.deviceId, link.b.portId, link.a.deviceId, link.a.portId, i, 1);
    });
  }

  edgesFrom(deviceId: string): readonly FcEdge[] {
    return this.adjacency.get(deviceId) ?? [];
  }

  port(deviceId: string, portId: string): Port | undefined {
    return this.devices.get(deviceId)?.ports.find((p) => p.id === portId);
  }

  private linkSpec(link: Link): LinkSpec {
    const pa = this.port(link.a.deviceId, link.a.portId);
    const pb = this.port(link.b.deviceId, link.b.portId);
    const kind = pa?.kind ?? 'fc';
    const rate = Math.min(pa ? portBytesPerUs(pa) : Infinity, pb ? portBytesPerUs(pb) : Infinity);
    const propagationUs = (link.lengthM / 1000) * FIBRE_PROPAGATION_US_PER_KM;
    return { id: link.id, kind, bytesPerUs: Number.isFinite(rate) ? rate : FC_BYTES_PER_US_PER_GFC, propagationUs, link };
  }

  private addEdge(from: string, fromPort: string, to: string, toPort: string, linkIndex: number, dir: 0 | 1): void {
    const spec = this.links[linkIndex];
    const weightUs = spec.propagationUs + WEIGHT_PROBE_BYTES / spec.bytesPerUs;
    const list = this.adjacency.get(from) ?? [];
    list.push({ linkIndex, dir, fromPortId: fromPort, toDeviceId: to, toPortId: toPort, weightUs });
    this.adjacency.set(from, list);
  }
}
