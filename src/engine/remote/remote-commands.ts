/**
 * Remote copy's part in accepting pair commands: paircreate's remote options (`-f fence`,
 * `-f async CTG`, `-jp`, `-js`) checked against the copy group, and the refusal of a copy
 * (paircreate, pairresync) while the remote cannot be reached.
 *
 * Owns the refusal messages (EX_INVARG, EX_CMDRJE) naming the option or the link; changes only
 * the fence level of a pair being created.
 */
import type { CommandResult } from '../api.ts';
import { COPY, COPY_RS, PAIR, SMPL } from '../replication/pair-tables.ts';
import type { RemoteDeps } from './remote-groups.ts';

export interface CreateOptions {
  fence?: 'data' | 'status' | 'never';
  masterJournal?: number;
  restoreJournal?: number;
  consistencyGroup?: number;
}

/**
 * paircreate's remote options (`-f fence`, `-f async CTG`, `-jp`, `-js`) for the addressed
 * pairs: a fence level replaces the group's; journals and the consistency group must be the
 * group's (they are part of the design). A refusal names the option; null when accepted.
 */
export function createOptionsRefusal(d: RemoteDeps, indices: number[], a: CreateOptions): CommandResult | null {
  const pairs = d.model.replication.pairs;
  for (const p of indices) {
    const r = pairs[p].remote;
    if (r === null) {
      if (a.fence !== undefined || a.masterJournal !== undefined || a.restoreJournal !== undefined || a.consistencyGroup !== undefined) {
        return { ok: false, code: 'EX_INVARG', message: `${pairs[p].key} is a ${pairs[p].kind} pair: -f, -jp and -js are for remote copy` };
      }
      continue;
    }
    if (r.mode === 'sync' && (a.masterJournal !== undefined || a.restoreJournal !== undefined || a.consistencyGroup !== undefined)) {
      return { ok: false, code: 'EX_INVARG', message: `${pairs[p].key} is synchronous (TrueCopy): journals and -f async are for Universal Replicator groups` };
    }
    if (r.mode === 'async' && a.fence !== undefined) return { ok: false, code: 'EX_INVARG', message: `${pairs[p].key} is asynchronous: use -f async [CTG] -jp <id> -js <id>, not a fence level` };
    if (a.masterJournal !== undefined && a.masterJournal !== r.masterJournal) return { ok: false, code: 'EX_INVARG', message: `-jp ${a.masterJournal}: ${pairs[p].key} uses master journal ${r.masterJournal} (set in the copy group)` };
    if (a.restoreJournal !== undefined && a.restoreJournal !== r.restoreJournal) return { ok: false, code: 'EX_INVARG', message: `-js ${a.restoreJournal}: ${pairs[p].key} uses restore journal ${r.restoreJournal} (set in the copy group)` };
    if (a.consistencyGroup !== undefined && a.consistencyGroup !== r.ctg) return { ok: false, code: 'EX_INVARG', message: `CTG ${a.consistencyGroup}: ${pairs[p].key} is in consistency group ${r.ctg} (set in the copy group)` };
  }
  if (a.fence !== undefined) for (const p of indices) if (pairs[p].remote && d.repl.stateIndex(p) === SMPL) pairs[p].remote!.fence = a.fence;
  return null;
}

/** A copy cannot start while the remote cannot be reached (the WAN link or the other site is down): EX_CMDRJE, or null. */
export function unreachableRefusal(d: RemoteDeps, arrayDown: Uint8Array, indices: number[]): CommandResult | null {
  const pairs = d.model.replication.pairs;
  for (const p of indices) {
    const r = pairs[p].remote;
    if (r === null) continue;
    const s = d.repl.stateIndex(p);
    if (s === PAIR || s === COPY || s === COPY_RS) continue; // redundant: acceptance says so
    const link = d.wan.links[r.wan];
    if (d.wan.up[r.wan] === 0) return { ok: false, code: 'EX_CMDRJE', message: `${pairs[p].key}: the WAN link ${link.id} is down; the remote cannot be reached` };
    if (arrayDown[r.pArray] === 1 || (r.sArray >= 0 && arrayDown[r.sArray] === 1)) return { ok: false, code: 'EX_CMDRJE', message: `${pairs[p].key}: a site of the pair was lost` };
  }
  return null;
}
