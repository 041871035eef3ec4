/**
 * A whole site lost (a disaster) and brought back: `siteLoss`, or `setFault` with a `site`
 * component.
 *
 * Owns: validating the site, what losing it does — the workloads of its servers stop, every
 * LDEV of its arrays refuses I/O (`site-down`), remote copy sees its arrays gone and its WAN
 * links down (remote/remote-copy.ts `setSite`) — and what the repair does: the arrays answer
 * again and the WAN links come back. The servers' workloads are not restarted
 * (whoever restarts the servers does), and pairs suspended by the loss stay suspended until
 * they are resynchronised, as after a real disaster.
 *
 * Invariants: `ldevSiteDown` is 1 exactly for the LDEVs of arrays in a lost site.
 *
 * Does not handle: takeover (the remote copy commands).
 */
import type { FaultComponent } from '../../model/scenario-faults.ts';
import type { CompiledModel } from '../compile.ts';
import type { DeviceHealth } from '../fault-api.ts';
import type { RemoteCopy } from '../remote/remote-copy.ts';
import type { FaultTarget } from './fault-system.ts';

export class SiteFaults implements FaultTarget {
  /** Per LDEV: 1 while its array's site is lost. */
  readonly ldevSiteDown: Uint8Array;
  private readonly lost = new Set<string>();

  constructor(
    private readonly model: CompiledModel,
    private readonly remote: RemoteCopy,
    private readonly stopWorkload: (w: number) => void,
    /** Called after every change (the I/O path's per-LDEV refusals are recomputed). */
    private readonly changed: () => void,
  ) {
    this.ldevSiteDown = new Uint8Array(model.ldevs.length);
  }

  check(c: FaultComponent): string | null {
    if (c.kind !== 'site') return `${c.kind} is not a site`;
    return this.model.siteIds.includes(c.siteId) ? null : `no site "${c.siteId}"`;
  }

  setFailed(c: FaultComponent, failed: boolean): void {
    if (c.kind !== 'site') return;
    const m = this.model;
    const arrays = m.arraySites.flatMap((s, a) => (s === c.siteId ? [a] : []));
    if (failed) {
      this.lost.add(c.siteId);
      m.workloads.forEach((w, i) => {
        if (m.serverSite.get(w.serverId) === c.siteId) this.stopWorkload(i);
      });
    } else {
      this.lost.delete(c.siteId);
    }
    this.remote.setSite(c.siteId, arrays, failed, (siteId) => this.lost.has(siteId));
    m.ldevs.forEach((l, i) => (this.ldevSiteDown[i] = this.lost.has(m.arraySites[l.arrayIndex]) ? 1 : 0));
    this.changed();
  }

  /** Every server and array of a lost site is failed. */
  health(into: Record<string, DeviceHealth>): void {
    if (this.lost.size === 0) return;
    const m = this.model;
    m.arrays.forEach((a, i) => {
      if (this.lost.has(m.arraySites[i])) into[a.id] = 'failed';
    });
    for (const [server, site] of m.serverSite) if (this.lost.has(site)) into[server] = 'failed';
  }
}
