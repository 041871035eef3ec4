/**
 * The SAN manager's backup through a replica from the free-volume pool (SAN patent Fig. 19 and
 * claims 5–8): accept the scheduled request, pick a free LDEV at least as large as the data set,
 * create the replica (a local pair), split it at the backup time, copy the replica directly to
 * the backup device, delete the pair and return the LDEV to the pool.
 *
 * Owns: choosing the free volume (the first in pool order on the data set's array, large
 * enough, not in use) and the generated runbook (steps 1–8, the claim's order).
 *
 * Does not handle: running it (ops/runbooks.ts), the candidate pairs (compile-replication.ts:
 * group `SANM-<policy>`, device = the free LDEV id).
 */
import type { Runbook } from '../../model/scenario.ts';
import type { BackupPolicy } from '../../model/topology.ts';
import type { CompiledModel } from '../compile.ts';
import { SANM_PREFIX } from '../replication/compile-replication.ts';

/** The free volume a replica of `ldevId` takes, or null when none is free and large enough. */
export function pickFreeVolume(model: CompiledModel, pool: readonly string[], ldevId: string, inUse: ReadonlySet<string>): string | null {
  const source = model.ldevs.find((l) => l.id === ldevId);
  if (!source) return null;
  for (const id of pool) {
    if (inUse.has(id)) continue;
    const candidate = model.replication.pairs.find((p) => p.group.startsWith(SANM_PREFIX) && p.device === id && model.ldevs[p.pvol].id === ldevId);
    if (candidate) return id;
  }
  return null;
}

export function replicaRunbook(policy: BackupPolicy, jobId: string, free: string): Runbook {
  const group = `${SANM_PREFIX}${policy.id}`;
  const pair = { group, device: free };
  return {
    id: `sanm-${jobId}`,
    name: `SAN manager: ${policy.tenant} ${policy.ldevId} → replica ${free} → ${policy.libraryId}`,
    description: `Fig. 19: the scheduled backup of ${policy.ldevId} through a replica taken from the free-volume pool.`,
    stepMode: false,
    steps: [
      { n: 1, title: `Accept the scheduled backup of ${policy.ldevId} (${policy.tenant})`, actor: policy.ldevId, durationS: 0 },
      { n: 2, title: `Take free volume ${free} from the pool and create the replica (paircreate)`, action: { type: 'pairCreate', ...pair, pace: 15, split: false }, durationS: 0 },
      { n: 3, title: 'Wait for the replica copy (PAIR)', until: { kind: 'pairState', ...pair, states: ['PAIR'] }, durationS: 0 },
      { n: 4, title: 'Split the replica at the backup time (pairsplit)', action: { type: 'pairSplit', ...pair, mode: 'quick', access: 'r' }, durationS: 0 },
      { n: 5, title: `Copy ${free} directly to ${policy.libraryId} (${policy.path})`, action: { type: 'backupJob', job: jobId, source: free, libraryId: policy.libraryId, path: policy.path, serverId: policy.serverId, backupServerId: policy.backupServerId, verifyAgainst: pair }, until: { kind: 'jobDone', job: jobId }, durationS: 0 },
      { n: 6, title: 'Receive the result', durationS: 0 },
      { n: 7, title: `Delete the replica pair and return ${free} to the pool (pairsplit -S)`, action: { type: 'pairDelete', ...pair }, durationS: 0 },
      { n: 8, title: 'Report completion', durationS: 0 },
    ],
  };
}
