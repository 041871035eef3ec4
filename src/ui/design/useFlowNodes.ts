/**
 * React Flow nodes DERIVED from the document: one node per device, `data` holding only the id.
 * Node objects are reused while their device's position, name, kind and selection are unchanged,
 * so React Flow's equality check skips them. React Flow measures nodes and reports sizes as
 * 'dimensions' changes; we keep those sizes here (not in the document) and attach them as
 * `measured`, which a controlled flow must pass back for handles and edges to be placed.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Node, NodeChange } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import { KIND_LABEL } from './device-labels.ts';

export interface DeviceNodeData extends Record<string, unknown> {
  deviceId: string;
}
export type DeviceFlowNode = Node<DeviceNodeData>;

type Size = { width: number; height: number };

export function useFlowNodes(): { nodes: DeviceFlowNode[]; applyDimensions(changes: NodeChange[]): void } {
  const devices = useStore((s) => s.scenario.topology.devices);
  const selected = useStore((s) => s.selectedDeviceIds);
  const sizes = useRef(new Map<string, Size>());
  const cache = useRef(new Map<string, DeviceFlowNode>());
  const [sizeVersion, setSizeVersion] = useState(0);

  const nodes = useMemo(() => {
    void sizeVersion;
    const sel = new Set(selected);
    const next = new Map<string, DeviceFlowNode>();
    const out = devices.map((d) => {
      const prev = cache.current.get(d.id);
      const measured = sizes.current.get(d.id);
      const isSelected = sel.has(d.id);
      const ariaLabel = `${d.name}, ${KIND_LABEL[d.kind]} ${d.id}`;
      const same =
        prev &&
        prev.position === d.position &&
        prev.selected === isSelected &&
        prev.measured === measured &&
        prev.type === d.kind &&
        prev.ariaLabel === ariaLabel;
      const node: DeviceFlowNode = same
        ? prev
        : { id: d.id, type: d.kind, position: d.position, data: { deviceId: d.id }, selected: isSelected, measured, ariaLabel };
      next.set(d.id, node);
      return node;
    });
    cache.current = next;
    return out;
  }, [devices, selected, sizeVersion]);

  const applyDimensions = useCallback((changes: NodeChange[]) => {
    let changed = false;
    for (const c of changes) {
      if (c.type !== 'dimensions' || !c.dimensions) continue;
      const prev = sizes.current.get(c.id);
      if (prev && prev.width === c.dimensions.width && prev.height === c.dimensions.height) continue;
      sizes.current.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
      changed = true;
    }
    if (changed) setSizeVersion((v) => v + 1);
  }, []);

  return { nodes, applyDimensions };
}
