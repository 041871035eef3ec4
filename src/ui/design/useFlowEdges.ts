/**
 * React Flow edges DERIVED from the document's links: `data` holds the link id; the edge
 * component reads kind and live utilisation from the store. Edge objects are reused while their
 * link object and selection are unchanged. Pairs across arrays are appended as 'pair' edges
 * (replication/usePairEdges.ts): not cables, never selectable.
 */
import { useMemo, useRef } from 'react';
import type { Edge } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import type { Link } from '../../model/topology.ts';
import { usePairEdges } from '../replication/usePairEdges.ts';
import type { PairFlowEdge } from '../replication/PairEdge.tsx';

export type LinkFlowEdge = Edge<{ linkId: string }>;

function toEdge(l: Link, selected: boolean): LinkFlowEdge {
  return {
    id: l.id,
    type: 'san',
    source: l.a.deviceId,
    sourceHandle: l.a.portId,
    target: l.b.deviceId,
    targetHandle: l.b.portId,
    data: { linkId: l.id },
    selected,
    ariaLabel: `Cable ${l.id}: ${l.a.deviceId} ${l.a.portId} to ${l.b.deviceId} ${l.b.portId}`,
  };
}

export function useFlowEdges(): (LinkFlowEdge | PairFlowEdge)[] {
  const cables = useCableEdges();
  const pairs = usePairEdges();
  return useMemo(() => (pairs.length === 0 ? cables : [...cables, ...pairs]), [cables, pairs]);
}

function useCableEdges(): LinkFlowEdge[] {
  const links = useStore((s) => s.scenario.topology.links);
  const selected = useStore((s) => s.selectedLinkIds);
  const cache = useRef(new Map<string, { link: Link; edge: LinkFlowEdge }>());
  return useMemo(() => {
    const sel = new Set(selected);
    const next = new Map<string, { link: Link; edge: LinkFlowEdge }>();
    const out = links.map((l) => {
      const prev = cache.current.get(l.id);
      const isSelected = sel.has(l.id);
      const edge = prev && prev.link === l && prev.edge.selected === isSelected ? prev.edge : toEdge(l, isSelected);
      next.set(l.id, { link: l, edge });
      return edge;
    });
    cache.current = next;
    return out;
  }, [links, selected]);
}
