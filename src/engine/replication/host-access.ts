/**
 * What hosts may do with the volumes of local replication now (docs/replication.md "States and
 * what hosts may do"): pure functions over the read-only view of the pair tables, called per
 * host I/O through `Replication` (pairs.ts `hostAccess`, `duplexing`).
 *
 * Owns the rules:
 * - the S-VOL of a local pair or host mirror: neither read nor written in COPY(SP) (a steady
 *   split draining); read only while paired (COPY, PAIR, COPY(RS), COPY(RS-R)); read / write
 *   once split (PSUS, PSUS(SP)), unless split with `-r` (then a write is refused as read-only);
 * - a P-VOL being restored (COPY(RS-R)) by a local pair, a host mirror or a snapshot: neither
 *   read nor written;
 * - the S-VOL presenting a snapshot: never written; read only while the image is taken (PSUS);
 * - a host mirror's program duplexes its server's writes in COPY, PAIR and COPY(RS).
 *
 * Invariants: the functions read the tables and change nothing; they allocate nothing (they run
 * per host I/O); a refusal is a reject-reason code given by the caller (`pair-state`, or
 * `read-only` for a write to an S-VOL split read-only).
 *
 * Does not handle: the LDEV read-only attribute and path refusals (simulation.ts checks them
 * first), what an allowed access does to the pairs (pairs.ts `beforeRead`, `beforeWrite`),
 * command acceptance (pair-acceptance.ts).
 */
import { ACCESS_OK, COPY, COPY_RS, COPY_RS_R, COPY_SP, PAIR, PSUS, PSUS_SP, SSWS, type PairTablesView } from './pair-tables.ts';

/**
 * May a host read (write) `ldev` now? ACCESS_OK, `pairStateReason`, or `readOnlyReason` (a write
 * to an S-VOL split read-only). Meaningful only for an LDEV some pair involves (`ldevFlag`).
 */
export function hostAccess(t: PairTablesView, ldev: number, isWrite: boolean, readOnlyReason: number, pairStateReason: number): number {
  const asS = t.sRole[ldev];
  if (asS >= 0 && t.pairs[asS].remote !== null) {
    // A remote S-VOL: writable only once taken over (SSWS) or split read/write; readable unless copying.
    const s = t.state[asS];
    if (isWrite && s !== SSWS && !(s === PSUS && t.svolReadOnly[asS] === 0)) return pairStateReason;
  } else if (asS >= 0) {
    const s = t.state[asS];
    if (s === COPY_SP) return pairStateReason; // steady split draining: unavailable
    if (s === COPY || s === PAIR || s === COPY_RS || s === COPY_RS_R) {
      if (isWrite) return pairStateReason; // read-only to hosts while paired
    } else if ((s === PSUS || s === PSUS_SP) && isWrite && t.svolReadOnly[asS] === 1) {
      return readOnlyReason;
    }
  }
  const roles = t.pRole[ldev];
  for (let k = 0; k < roles.length; k++) {
    if (t.state[roles[k]] === COPY_RS_R) return pairStateReason; // restore: P-VOL inaccessible
    if (isWrite && t.remoteReject[roles[k]] >= 0) return t.remoteReject[roles[k]]; // fence level, lost site
  }
  const snaps = t.snapshotsOf[ldev];
  for (let k = 0; k < snaps.length; k++) {
    if (t.state[snaps[k]] === COPY_RS_R) return pairStateReason;
  }
  const snap = t.snapshotSvol[ldev];
  if (snap >= 0) {
    if (isWrite) return pairStateReason; // snapshot images are read-only here
    const s = t.state[snap];
    if (s !== PSUS) return pairStateReason; // no image (PAIR), invalid (PSUE), or being restored
  }
  return ACCESS_OK;
}

/** Whether host-mirror pair `pair` duplexes its server's writes now. */
export function duplexing(t: PairTablesView, pair: number): boolean {
  const s = t.state[pair];
  return s === COPY || s === PAIR || s === COPY_RS;
}
