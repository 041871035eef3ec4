/**
 * What backup actions change on the hosts' side of the I/O path: a database's backup mode
 * (JP2002-041345 steps 403 / 405) and the workloads' access when LUN security changes during a
 * run (embodiment 3: the backup server's WWPN let in for the backup window only).
 *
 * Owns: setting the per-workload hold flags of a server and flushing its held writes, in
 * acceptance order, through the ordinary write path when backup mode ends (a write to a volume
 * still mirrored is duplexed; after the split it goes to the primary only, as step 405 says);
 * re-resolving every workload's LU after a host-group change.
 *
 * Does not handle: holding a write (the simulation's I/O path, `hold`), the membership itself
 * (fabric/runtime-access.ts).
 */
import type { CompiledModel } from '../compile.ts';
import type { RuntimeAccess } from '../fabric/runtime-access.ts';
import type { IoCursor } from '../io-cursor.ts';
import { reasonCode } from '../metrics/collector.ts';
import type { Replication } from '../replication/pairs.ts';
import type { HeldWrites } from './held-writes.ts';

export interface HostControlParts {
  model: CompiledModel;
  held: HeldWrites;
  wlHold: Uint8Array;
  wlLdev: Int32Array;
  wlReject: Int8Array;
  wlMirror: Int32Array;
  repl: Replication;
  cursor: IoCursor;
  nowUs(): number;
  access(): RuntimeAccess;
  /** The simulation's write path from the cursor (see simulation.ts `sendWrite`). */
  sendWrite(w: number, ldev: number, block: number, bytes: number, seq: number, duplex: number, paired: boolean): void;
  /** After access was resolved again: multipath re-reads which paths LUN security lets each workload use. */
  refreshed(): void;
}

export class HostControl {
  private readonly p: HostControlParts;

  constructor(p: HostControlParts) {
    this.p = p;
  }

  setBackupMode(serverId: string, on: boolean): void {
    const p = this.p;
    p.model.workloads.forEach((wk, w) => {
      if (wk.serverId === serverId) p.wlHold[w] = on ? 1 : 0;
    });
    if (on) return;
    p.held.drain(
      (w) => p.wlHold[w] === 0,
      (w, block, bytes, seq) => {
        const ldev = p.wlLdev[w];
        if (ldev < 0) return;
        const mirror = p.wlMirror[w];
        const duplex = mirror >= 0 && p.repl.duplexing(mirror) ? mirror : -1;
        p.cursor[0] = p.nowUs();
        p.sendWrite(w, ldev, block, bytes, seq, duplex, p.repl.ldevFlag[ldev] === 1);
      },
    );
  }

  heldWrites(serverId: string): number {
    return this.p.held.countOf((w) => this.p.model.workloads[w].serverId === serverId);
  }

  /** LUN security changed: every workload's access is resolved again (a workload with no physical path stays refused). */
  refreshAccess(): void {
    const p = this.p;
    p.model.workloads.forEach((wk, w) => {
      const r = p.access().resolve(wk.serverId, wk.spec.target);
      if (r === null || wk.hops.length === 0) return;
      if (r.ok) {
        p.wlReject[w] = -1;
        p.wlLdev[w] = p.model.ldevs.findIndex((l) => l.id === r.ldevId);
      } else {
        p.wlReject[w] = reasonCode(r.reason);
      }
    });
    p.refreshed();
  }
}
