/**
 * React Flow edges for pairs across arrays (pair-layout `crossArrayPairs`): each joins the
 * P-VOL's row on one array node to the S-VOL's row on the other, leaving from the side that
 * faces the other node. Edge objects are reused while their pair and sides are unchanged.
 * Ids are `pair:<group/device>`, so they never clash with cable (link) ids.
 */
import { useMemo, useRef } from 'react';
import { useStore } from '../store/index.ts';
import type { Topology } from '../../model/topology.ts';
import { crossArrayPairs, ldevHandleId, type PairRef } from './pair-layout.ts';
import type { PairFlowEdge } from './PairEdge.tsx';

export const PAIR_EDGE_PREFIX = 'pair:';

/** 'r' when the S-VOL's array is to the right of (or level with) the P-VOL's. */
function sideTowards(t: Topology, ref: PairRef): 'l' | 'r' {
  const p = t.devices.find((d) => d.id === ref.pArrayId)?.position.x ?? 0;
  const s = t.devices.find((d) => d.id === ref.sArrayId)?.position.x ?? 0;
  return s >= p ? 'r' : 'l';
}

function toEdge(ref: PairRef, side: 'l' | 'r'): PairFlowEdge {
  return {
    id: `${PAIR_EDGE_PREFIX}${ref.key}`,
    type: 'pair',
    source: ref.pArrayId!,
    sourceHandle: ldevHandleId(ref.pvol, side),
    target: ref.sArrayId!,
    targetHandle: ldevHandleId(ref.svol!, side === 'r' ? 'l' : 'r'),
    data: { pairKey: ref.key },
    selectable: false,
    focusable: false,
    deletable: false,
    zIndex: 1,
  };
}

/** What the edge object depends on (refs are rebuilt per topology object; compare content). */
function signature(ref: PairRef, side: 'l' | 'r'): string {
  return [ref.pvol, ref.svol, ref.pArrayId, ref.sArrayId, side].join('|');
}

export function usePairEdges(): PairFlowEdge[] {
  const topology = useStore((s) => s.scenario.topology);
  const cache = useRef(new Map<string, { sig: string; edge: PairFlowEdge }>());
  return useMemo(() => {
    const next = new Map<string, { sig: string; edge: PairFlowEdge }>();
    const out = crossArrayPairs(topology).map((ref) => {
      const side = sideTowards(topology, ref);
      const sig = signature(ref, side);
      const prev = cache.current.get(ref.key);
      const edge = prev && prev.sig === sig ? prev.edge : toEdge(ref, side);
      next.set(ref.key, { sig, edge });
      return edge;
    });
    cache.current = next;
    return out;
  }, [topology]);
}
