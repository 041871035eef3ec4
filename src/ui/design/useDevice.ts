/**
 * Narrow selector: one device of the document by id. The id → device map is built once per
 * topology object (WeakMap), so hundreds of nodes each selecting their own device stay O(1)
 * per store update, and a node re-renders only when ITS device object changes.
 */
import { useStore } from '../store/index.ts';
import type { Device, Topology } from '../../model/topology.ts';

const indexByTopology = new WeakMap<Topology, Map<string, Device>>();

export function deviceById(topology: Topology, id: string): Device | undefined {
  let index = indexByTopology.get(topology);
  if (!index) {
    index = new Map();
    for (const d of topology.devices) if (!index.has(d.id)) index.set(d.id, d);
    indexByTopology.set(topology, index);
  }
  return index.get(id);
}

export function useDevice(id: string): Device | undefined {
  return useStore((s) => deviceById(s.scenario.topology, id));
}
