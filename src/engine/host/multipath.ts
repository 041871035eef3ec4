/**
 * Multipath I/O at run time (HDLM / dm-multipath): which of a workload's paths each I/O takes,
 * what the host does when a path fails and when it comes back, and where every path's route
 * runs now.
 *
 * Owns:
 *  - path choice (`pick`): `active-standby` takes the first usable path (the resolved target's
 *    route first, so a host that never fails over behaves as with one path); `round-robin`
 *    rotates over every usable path. Usable = LUN security lets the HBA use the LU on that port
 *    (`lun` >= 0) and the host has not taken the path out of service;
 *  - path states: OK → FAILING when a component on it fails (the host does not know yet: I/Os
 *    sent on it are lost and wait) → FAILED after the server's `failoverS` (the host notices
 *    and fails over: EV_FAULT FAULT_EV_PATH_DETECT); a repaired FAILED path is taken back at
 *    the next path check (`checkIntervalS`: FAULT_EV_PATH_CHECK);
 *  - routes: after every fault change each path (and each host-mirror leg) is routed again
 *    around the failed components, as the fabric's FSPF does; a changed route gets a new hop
 *    range (appended to `hopResource`); a route that no longer exists breaks the path;
 *  - which paths lost I/Os with the change (their old route crossed a failed component):
 *    the simulation retries those I/Os (`lostWith`);
 *  - counts per workload: I/O errors (no path left), retried I/Os, failovers; per path: I/Os.
 *
 * Invariants: with no fault, `pick` of an active-standby workload is its first path and nothing
 * here allocates per I/O; state changes happen only at fault events (deterministic); a path's
 * generation changes with every scheduled state change, so a stale event is ignored.
 *
 * Does not handle: the I/O lifecycle and the retries themselves (simulation.ts), which
 * components are down (faults/fabric-faults.ts), alerts (raised through `host.raise`).
 */
import type { AlertKind, AlertSeverity } from '../../model/topology-monitoring.ts';
import type { Server } from '../../model/topology.ts';
import type { CompiledModel } from '../compile.ts';
import { US_PER_S } from '../constants.ts';
import type { PathState, WorkloadPaths } from '../fault-api.ts';
import type { FcGraph } from '../fabric/fc-graph.ts';
import { resolveFcPath, type FcHop, type RouteFaults } from '../fabric/path-resolver.ts';
import type { RuntimeAccess } from '../fabric/runtime-access.ts';
import type { CompiledPath } from '../fabric/workload-paths.ts';
import { FAULT_EV_PATH_CHECK, FAULT_EV_PATH_DETECT } from '../events.ts';
import { oneWayUs, type HostPaths } from './host-paths.ts';

export const PATH_OK = 0;
export const PATH_FAILING = 1;
export const PATH_FAILED = 2;

export interface MultipathHost {
  nowUs(): number;
  /** Schedules EV_FAULT (`subKind` + 8 × generation) for path `p` at `atUs`. */
  schedule(atUs: number, subKind: number, p: number, generation: number): void;
  raise(severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string): void;
  /** A host-mirror pair's second leg lost its last route: the mirror cannot be kept (PSUE). */
  legLost(pair: number): void;
}

const DEFAULT_FAILOVER_S = 5;
const DEFAULT_CHECK_S = 5;

export class Multipath {
  readonly wlPathStart: Int32Array;
  readonly wlPathEnd: Int32Array;
  readonly pathWorkload: Int32Array;
  readonly port: Int32Array;
  readonly lun: Int32Array;
  readonly hopStart: Int32Array;
  readonly hopEnd: Int32Array;
  readonly oneWayUs: Float64Array;
  readonly transitUs: Float64Array;
  readonly legHopStart: Int32Array;
  readonly legHopEnd: Int32Array;
  readonly legPort: Int32Array;
  readonly legTransitUs: Float64Array;
  readonly legOneWayUs: Float64Array;
  /** Link-direction resources of every route (grows when a route changes: read it, do not keep it). */
  hopResource: Int32Array;
  private hopCount: number;
  readonly state: Uint8Array;
  /** 1 while no working route exists or an end of the path (HBA, array port) is down. */
  readonly broken: Uint8Array;
  readonly generation: Int32Array;
  /** When a FAILING path's failure is noticed (its waiting I/Os retry then). */
  readonly detectUs: Float64Array;
  readonly ios: Float64Array;
  /** 1 for paths whose previous route crossed a component that failed in the last change (valid until the next change). */
  readonly lost: Uint8Array;
  readonly legBroken: Uint8Array;
  // per workload
  readonly roundRobin: Uint8Array;
  readonly failoverUs: Float64Array;
  readonly checkUs: Float64Array;
  private readonly rr: Int32Array;
  readonly ioErrors: Float64Array;
  readonly retried: Float64Array;
  readonly failovers: Float64Array;
  /**
   * Per workload: the path `pick` returns now for an active-standby workload (recomputed at every
   * state or LUN change: the I/O path reads it instead of calling `pick`), -2 for round-robin.
   */
  readonly fixed: Int32Array;
  /** 1 while every path of the workload is out of service (a path-lost alert was raised). */
  private readonly allLost: Uint8Array;
  private readonly specs: CompiledPath[];
  private readonly model: CompiledModel;
  private readonly graph: FcGraph;
  private readonly host: MultipathHost;
  private readonly propagationUs: Float64Array;

  constructor(model: CompiledModel, paths: HostPaths, servers: readonly Server[], propagationUs: Float64Array, host: MultipathHost) {
    this.model = model;
    this.graph = model.graph;
    this.host = host;
    this.propagationUs = propagationUs;
    this.wlPathStart = paths.wlPathStart;
    this.wlPathEnd = paths.wlPathEnd;
    this.pathWorkload = paths.pathWorkload;
    this.port = paths.pathPort;
    this.lun = paths.pathLun;
    this.hopStart = paths.pathHopStart;
    this.hopEnd = paths.pathHopEnd;
    this.oneWayUs = paths.pathOneWayUs;
    this.transitUs = paths.pathTransitUs;
    this.legHopStart = paths.legHopStart;
    this.legHopEnd = paths.legHopEnd;
    this.legPort = paths.legPort;
    this.legTransitUs = paths.legTransitUs;
    this.legOneWayUs = paths.legOneWayUs;
    this.hopResource = Int32Array.from(paths.hopResource);
    this.hopCount = paths.hopResource.length;
    const n = paths.pathWorkload.length;
    this.state = new Uint8Array(n);
    this.broken = new Uint8Array(n);
    this.generation = new Int32Array(n);
    this.detectUs = new Float64Array(n);
    this.ios = new Float64Array(n);
    this.lost = new Uint8Array(n);
    this.legBroken = new Uint8Array(model.replication.pairs.length);
    this.specs = model.workloads.flatMap((w) => w.paths);
    const wn = model.workloads.length;
    const byId = new Map(servers.map((s) => [s.id, s]));
    this.roundRobin = new Uint8Array(wn);
    this.failoverUs = new Float64Array(wn);
    this.checkUs = new Float64Array(wn);
    this.rr = Int32Array.from(paths.wlPathStart);
    this.ioErrors = new Float64Array(wn);
    this.retried = new Float64Array(wn);
    this.failovers = new Float64Array(wn);
    this.allLost = new Uint8Array(wn);
    this.fixed = new Int32Array(wn);
    model.workloads.forEach((w, i) => {
      const mp = byId.get(w.serverId)?.multipath;
      this.roundRobin[i] = mp?.policy === 'round-robin' ? 1 : 0;
      this.failoverUs[i] = Math.round((mp?.failoverS ?? DEFAULT_FAILOVER_S) * US_PER_S);
      this.checkUs[i] = Math.round((mp?.checkIntervalS ?? DEFAULT_CHECK_S) * US_PER_S);
    });
    this.refreshFixed();
  }

  /** Recomputes `fixed` after path states or LUNs changed. */
  private refreshFixed(): void {
    for (let w = 0; w < this.fixed.length; w++) this.fixed[w] = this.roundRobin[w] === 1 ? -2 : this.pick(w);
  }

  private usable(p: number): boolean {
    return this.lun[p] >= 0 && this.state[p] !== PATH_FAILED;
  }

  /** The path the next I/O of `w` takes, or -1 when none is usable (the host gets an I/O error). */
  pick(w: number): number {
    const start = this.wlPathStart[w];
    const end = this.wlPathEnd[w];
    if (this.roundRobin[w] === 0) {
      for (let p = start; p < end; p++) if (this.usable(p)) return p;
      return -1;
    }
    const n = end - start;
    let p = this.rr[w];
    for (let k = 0; k < n; k++) {
      const q = p;
      p = p + 1 === end ? start : p + 1;
      if (this.usable(q)) {
        this.rr[w] = p;
        return q;
      }
    }
    return -1;
  }

  /** LUN security changed at run time: which (HBA, port) may use each workload's LU now. */
  refreshLuns(access: RuntimeAccess, ldevIdOf: (w: number) => string | null): void {
    for (let p = 0; p < this.specs.length; p++) {
      const w = this.pathWorkload[p];
      const ldevId = ldevIdOf(w);
      const s = this.specs[p];
      this.lun[p] = ldevId === null ? -1 : access.pathLun(this.model.workloads[w].serverId, s.hbaPortId, s.wwpn, this.arrayOf(w), s.arrayPortId, ldevId);
    }
    this.refreshFixed();
  }

  private arrayOf(w: number): string {
    return this.model.workloads[w].spec.target.arrayId;
  }

  /**
   * Components failed or were repaired: route every path and leg again around what is down now.
   * Sets `lost` for the paths whose old route crossed a failed component (their I/Os in flight
   * are lost), breaks the paths with no route left (FAILING, noticed after the failover time) and
   * schedules the path check of repaired ones.
   */
  faultsChanged(faults: RouteFaults): void {
    const now = this.host.nowUs();
    this.lost.fill(0);
    for (let p = 0; p < this.specs.length; p++) {
      const w = this.pathWorkload[p];
      const s = this.specs[p];
      const serverId = this.model.workloads[w].serverId;
      const oldValid = this.broken[p] === 0 && this.routeValid(this.hopStart[p], this.hopEnd[p], serverId, s.hbaPortId, faults);
      if (this.broken[p] === 0 && !oldValid) this.lost[p] = 1;
      const route = resolveFcPath(this.graph, serverId, s.hbaPortId, this.arrayOf(w), s.arrayPortId, faults);
      if (route === null) {
        if (this.broken[p] === 0) this.breakPath(p, now);
        continue;
      }
      if (!this.sameRoute(this.hopStart[p], this.hopEnd[p], route.hops)) {
        [this.hopStart[p], this.hopEnd[p]] = this.appendHops(route.hops);
        this.transitUs[p] = route.transitUs;
        this.oneWayUs[p] = oneWayUs(route.hops, route.transitUs, this.propagationUs);
      }
      if (this.broken[p] === 1) this.mendPath(p, now);
    }
    this.model.replication.pairs.forEach((pair, i) => {
      const leg = pair.sLeg;
      if (leg === null) return;
      // The mirror program writes through the host's multipath device too: its own HBA first, then the others.
      let route = resolveFcPath(this.graph, leg.serverId, leg.hbaPortId, leg.arrayId, leg.arrayPortId, faults);
      for (const hba of this.hbasOf(leg.serverId)) {
        if (route !== null) break;
        if (hba !== leg.hbaPortId) route = resolveFcPath(this.graph, leg.serverId, hba, leg.arrayId, leg.arrayPortId, faults);
      }
      if (route === null) {
        if (this.legBroken[i] === 0) {
          this.legBroken[i] = 1;
          this.host.legLost(i);
        }
        return;
      }
      this.legBroken[i] = 0;
      if (!this.sameRoute(this.legHopStart[i], this.legHopEnd[i], route.hops)) {
        [this.legHopStart[i], this.legHopEnd[i]] = this.appendHops(route.hops);
        this.legTransitUs[i] = route.transitUs;
        this.legOneWayUs[i] = oneWayUs(route.hops, route.transitUs, this.propagationUs);
      }
    });
    this.refreshFixed();
  }

  /** A server's FC ports with a WWPN (its HBAs), sorted by id. */
  private hbasOf(serverId: string): string[] {
    const d = this.graph.devices.get(serverId);
    return d ? d.ports.filter((p) => p.kind === 'fc' && p.wwpn !== undefined).map((p) => p.id).sort() : [];
  }

  private breakPath(p: number, now: number): void {
    this.broken[p] = 1;
    if (this.state[p] === PATH_OK) {
      this.state[p] = PATH_FAILING;
      this.detectUs[p] = now + this.failoverUs[this.pathWorkload[p]];
      this.host.schedule(this.detectUs[p], FAULT_EV_PATH_DETECT, p, ++this.generation[p]);
    }
  }

  private mendPath(p: number, now: number): void {
    this.broken[p] = 0;
    // A FAILING path is settled when its failure is noticed; a FAILED one waits for the check.
    if (this.state[p] === PATH_FAILED) this.host.schedule(now + this.checkUs[this.pathWorkload[p]], FAULT_EV_PATH_CHECK, p, ++this.generation[p]);
  }

  /** EV_FAULT for path `p`: the failure noticed (failover) or the path check. */
  event(subKind: number, p: number, generation: number): void {
    if (generation !== this.generation[p]) return;
    this.stateEvent(subKind, p);
    this.refreshFixed();
  }

  private stateEvent(subKind: number, p: number): void {
    const w = this.pathWorkload[p];
    if (subKind === FAULT_EV_PATH_DETECT) {
      if (this.state[p] !== PATH_FAILING) return;
      if (this.broken[p] === 0) {
        this.state[p] = PATH_OK; // repaired before the host noticed: its lost I/Os retry on it
        return;
      }
      this.state[p] = PATH_FAILED;
      this.failovers[w]++;
      const survivor = this.pick(w);
      const who = this.who(w);
      if (survivor < 0) {
        this.allLost[w] = 1;
        this.host.raise('critical', 'path-lost', this.model.workloads[w].serverId, `${who}: path ${this.label(p)} failed and no path is left: I/O errors`);
      } else {
        this.host.raise('warning', 'path-failover', this.model.workloads[w].serverId, `${who}: path ${this.label(p)} failed; I/O moves to ${this.label(survivor)}`);
      }
      return;
    }
    if (subKind === FAULT_EV_PATH_CHECK && this.state[p] === PATH_FAILED && this.broken[p] === 0) {
      this.state[p] = PATH_OK;
      const recovered = this.allLost[w] === 1;
      this.allLost[w] = 0;
      this.host.raise('info', 'repair', this.model.workloads[w].serverId, `${this.who(w)}: path ${this.label(p)} is back in service${recovered ? ' (I/O resumes)' : ''}`);
    }
  }

  private who(w: number): string {
    const wk = this.model.workloads[w];
    return `${wk.serverId}/${wk.workloadId}`;
  }

  label(p: number): string {
    const s = this.specs[p];
    return `${s.hbaPortId}→${s.arrayPortId}`;
  }

  /** Whether the route in hopResource[start, end) from the HBA avoids every failed component. */
  private routeValid(start: number, end: number, serverId: string, hbaPortId: string, faults: RouteFaults): boolean {
    if (faults.portDown(serverId, hbaPortId)) return false;
    for (let h = start; h < end; h++) {
      const r = this.hopResource[h];
      const link = r >> 1;
      if (faults.linkDown(link)) return false;
      const l = this.graph.links[link].link;
      const [from, to] = (r & 1) === 0 ? [l.a, l.b] : [l.b, l.a];
      if (faults.portDown(from.deviceId, from.portId) || faults.portDown(to.deviceId, to.portId)) return false;
      if (h < end - 1 && faults.deviceDown(to.deviceId)) return false;
    }
    return true;
  }

  private sameRoute(start: number, end: number, hops: readonly FcHop[]): boolean {
    if (end - start !== hops.length) return false;
    for (let k = 0; k < hops.length; k++) if (this.hopResource[start + k] !== hops[k].linkIndex * 2 + hops[k].dir) return false;
    return true;
  }

  private appendHops(hops: readonly FcHop[]): [number, number] {
    const start = this.hopCount;
    if (start + hops.length > this.hopResource.length) {
      const grown = new Int32Array(Math.max(16, 2 * (start + hops.length)));
      grown.set(this.hopResource.subarray(0, start));
      this.hopResource = grown;
    }
    for (const h of hops) this.hopResource[this.hopCount++] = h.linkIndex * 2 + h.dir;
    return [start, this.hopCount];
  }

  pathState(p: number): PathState {
    const s = this.state[p];
    if (s === PATH_FAILED) return 'failed';
    if (s === PATH_FAILING) return 'failing';
    const w = this.pathWorkload[p];
    if (this.lun[p] < 0) return 'standby';
    if (this.roundRobin[w] === 1) return 'active';
    // active-standby: the first usable path is active
    for (let q = this.wlPathStart[w]; q < p; q++) if (this.usable(q)) return 'standby';
    return 'active';
  }

  status(ldevIdOf: (w: number) => string | null): WorkloadPaths[] {
    return this.model.workloads.map((wk, w) => {
      const paths = [];
      for (let p = this.wlPathStart[w]; p < this.wlPathEnd[w]; p++) {
        const s = this.specs[p];
        paths.push({ hbaPortId: s.hbaPortId, arrayId: wk.spec.target.arrayId, arrayPortId: s.arrayPortId, lun: this.lun[p], state: this.pathState(p), ios: this.ios[p] });
      }
      return {
        serverId: wk.serverId,
        workloadId: wk.workloadId,
        ldevId: ldevIdOf(w),
        policy: this.roundRobin[w] === 1 ? ('round-robin' as const) : ('active-standby' as const),
        paths,
        ioErrors: this.ioErrors[w],
        retriedIos: this.retried[w],
        failovers: this.failovers[w],
      };
    });
  }
}
