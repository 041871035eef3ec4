/**
 * Narrow selectors over the sim slice's replication status: one pair or one pool by key. The
 * key → item maps are built once per status object (WeakMap), and unchanged pairs keep their
 * identity across batches (sim-slice `mergeReplication`), so a badge re-renders only when its
 * own pair changed.
 */
import type { PairStatus, PoolStatus, ReplicationStatus } from '../../engine/api.ts';
import { useStore } from '../store/index.ts';

interface Index {
  pairs: Map<string, PairStatus>;
  pools: Map<string, PoolStatus>;
}

const indexes = new WeakMap<ReplicationStatus, Index>();

function indexOf(r: ReplicationStatus): Index {
  let i = indexes.get(r);
  if (!i) {
    i = { pairs: new Map(r.pairs.map((p) => [p.key, p])), pools: new Map(r.pools.map((p) => [p.key, p])) };
    indexes.set(r, i);
  }
  return i;
}

export function pairByKey(r: ReplicationStatus | null, key: string): PairStatus | undefined {
  return r ? indexOf(r).pairs.get(key) : undefined;
}

export function poolByKey(r: ReplicationStatus | null, key: string): PoolStatus | undefined {
  return r ? indexOf(r).pools.get(key) : undefined;
}

export function usePairStatus(key: string): PairStatus | undefined {
  return useStore((s) => pairByKey(s.sim.replication, key));
}

export function usePoolStatus(arrayId: string, poolId: string): PoolStatus | undefined {
  return useStore((s) => poolByKey(s.sim.replication, `${arrayId}/${poolId}`));
}

/** Simulated seconds now (re-renders ~4×/s while playing: use in small leaf components only). */
export function useNowS(): number {
  return useStore((s) => s.sim.nowS);
}
