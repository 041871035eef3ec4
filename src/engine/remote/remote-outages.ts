/**
 * What WAN outages and lost sites do to remote copy: a link going down loses every batch on the
 * wire (the journals resend from the first entry the remote has not received once it is back)
 * and suspends the synchronous pairs over it and every pair still copying over it (PSUE); the
 * write-reject reason of each P-VOL follows its fence level and the sites (`data` refuses while
 * the pair is suspended by an error, `status` while the remote cannot be told, a lost site's
 * volumes refuse everything).
 *
 * Owns the reject reasons the replication tables hold for remote P-VOLs.
 */
import { COPY, COPY_RS, PAIR, PSUE } from '../replication/pair-tables.ts';
import { BATCH_SLOTS, K_RESET, type JournalLink, type RemoteDeps, type RemoteGroup } from './remote-groups.ts';

/** What an outage changes in remote copy (RemoteCopy is one). */
export interface OutageTarget {
  readonly jls: JournalLink[];
  readonly groups: RemoteGroup[];
  readonly groupOf: Int32Array;
  updateReject(p: number): void;
}

/** A WAN link goes down or up (setWanLink, site loss). */
export function setWan(d: RemoteDeps, rc: OutageTarget, l: number, up: boolean): void {
  if (!d.wan.setUp(l, up, d.nowUs())) return;
  rc.jls.forEach((jl, j) => {
    if (jl.wan !== l) return;
    if (!up) {
      jl.epoch++;
      jl.credits = 0;
      jl.reads.length = 0;
      jl.ring.send = jl.ring.applied;
      for (let k = 0; k < BATCH_SLOTS; k++) jl.batchTag[k] = -1;
    } else {
      d.push(Math.ceil(d.nowUs() + d.wan.oneWayUs[l]), j, K_RESET + 8 * (jl.epoch & 0xfffffff));
    }
  });
  d.model.replication.pairs.forEach((pair, p) => {
    if (pair.remote === null || pair.remote.wan !== l) return;
    const s = d.repl.stateIndex(p);
    const copying = s === COPY || s === COPY_RS;
    if (!up && (copying || (pair.remote.mode === 'sync' && s === PAIR))) {
      const g = rc.groups[rc.groupOf[p]];
      d.repl.forceState(p, PSUE);
      if (g.suspendedAtUs !== d.nowUs()) g.suspensions++;
      g.suspendedAtUs = d.nowUs();
      g.suspendReason = `WAN link ${d.wan.links[l].id} down`;
    }
    rc.updateReject(p);
  });
}

/**
 * A site is lost (`down`): its arrays stop and every WAN link of the site goes down. Or it is
 * back: its arrays answer again and each WAN link of the site comes back up when the site at its
 * other end is not lost (`isLost`). Pairs stay in the state the loss left them in.
 */
export function setSite(d: RemoteDeps, rc: OutageTarget, arrayDown: Uint8Array, siteId: string, arrays: number[], down: boolean, isLost: (siteId: string) => boolean): void {
  for (const a of arrays) arrayDown[a] = down ? 1 : 0;
  d.wan.links.forEach((w, l) => {
    if (w.siteA !== siteId && w.siteB !== siteId) return;
    if (down) setWan(d, rc, l, false);
    else if (!isLost(w.siteA) && !isLost(w.siteB)) setWan(d, rc, l, true);
  });
  d.model.replication.pairs.forEach((pair, p) => {
    if (pair.remote !== null) rc.updateReject(p);
  });
}

/** Fence levels and lost sites as the write-reject reason of `p`'s P-VOL. */
export function updateReject(d: RemoteDeps, arrayDown: Uint8Array, p: number): void {
  const r = d.model.replication.pairs[p].remote!;
  const s = d.repl.stateIndex(p);
  let reason = -1;
  if (arrayDown[r.pArray] === 1) reason = d.reasons.siteDown;
  else if (r.mode === 'sync' && s === PSUE) {
    const reachable = d.wan.up[r.wan] === 1 && (r.sArray < 0 || arrayDown[r.sArray] === 0);
    if (r.fence === 'data' || (r.fence === 'status' && !reachable)) reason = d.reasons.fence;
  }
  d.repl.setRemoteReject(p, reason);
}
