/**
 * The flat path tables the I/O path reads: for every multipath path of every workload
 * (fabric/workload-paths.ts), the FC links its I/Os cross (forward link-direction resources),
 * its array front-end port, its LUN and its unloaded one-way latency; for every host-mirror
 * pair, the same for the mirror program's second leg (server → S-VOL).
 *
 * Owns: building those tables once from the compiled model, in model order, with hop resources
 * of all paths in one list (`hopResource[start, end)` per path): resource = link × 2 +
 * direction (0 a→b, 1 b→a), so a read's return trip is `resource ^ 1`.
 *
 * Invariants: workload w's paths are [wlPathStart[w], wlPathEnd[w]), its resolved target's route
 * first; a workload without a route has none; a pair that is not a host mirror has an empty leg
 * range and port -1.
 *
 * Does not handle: queueing on the links (fabric/link-timelines.ts), choosing a path and
 * re-routing around failures (host/multipath.ts).
 */
import type { CompiledModel } from '../compile.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { FcHop } from '../fabric/path-resolver.ts';

export interface HostPaths {
  wlPathStart: Int32Array;
  wlPathEnd: Int32Array;
  pathWorkload: Int32Array;
  pathPort: Int32Array;
  pathLun: Int32Array;
  pathHopStart: Int32Array;
  pathHopEnd: Int32Array;
  /** Transit-device latency plus every link's propagation, one way, µs. */
  pathOneWayUs: Float64Array;
  /** Transit-device latency only, one way, µs. */
  pathTransitUs: Float64Array;
  /** Per workload: the host-mirror pair duplexing its writes, or -1. */
  wlMirror: Int32Array;
  legHopStart: Int32Array;
  legHopEnd: Int32Array;
  legPort: Int32Array;
  legTransitUs: Float64Array;
  legOneWayUs: Float64Array;
  hopResource: number[];
}

/** One way latency of `hops` plus `transitUs` (the same float steps wherever a path is (re)built). */
export function oneWayUs(hops: readonly FcHop[], transitUs: number, propagationUs: Float64Array): number {
  let us = transitUs;
  for (const h of hops) us += propagationUs[h.linkIndex];
  return us;
}

export function buildHostPaths(m: CompiledModel, propagationUs: Float64Array): HostPaths {
  const hops: number[] = [];
  const addHops = (pathHops: readonly FcHop[]): void => {
    for (const h of pathHops) hops.push(h.linkIndex * 2 + h.dir);
  };
  const n = m.workloads.length;
  const wlPathStart = new Int32Array(n);
  const wlPathEnd = new Int32Array(n);
  const total = m.workloads.reduce((s, w) => s + w.paths.length, 0);
  const pathWorkload = new Int32Array(total);
  const pathPort = new Int32Array(total);
  const pathLun = new Int32Array(total);
  const pathHopStart = new Int32Array(total);
  const pathHopEnd = new Int32Array(total);
  const pathOneWayUs = new Float64Array(total);
  const pathTransitUs = new Float64Array(total);
  let p = 0;
  m.workloads.forEach((w, i) => {
    wlPathStart[i] = p;
    for (const path of w.paths) {
      pathWorkload[p] = i;
      pathPort[p] = path.frontEndPortIndex;
      pathLun[p] = path.lun;
      pathHopStart[p] = hops.length;
      addHops(path.hops);
      pathHopEnd[p] = hops.length;
      pathTransitUs[p] = path.transitUs;
      pathOneWayUs[p] = oneWayUs(path.hops, path.transitUs, propagationUs);
      p++;
    }
    wlPathEnd[i] = p;
  });
  const pairs = m.replication.pairs;
  const legHopStart = new Int32Array(pairs.length);
  const legHopEnd = new Int32Array(pairs.length);
  const legPort = new Int32Array(pairs.length).fill(-1);
  const legTransitUs = new Float64Array(pairs.length);
  const legOneWayUs = new Float64Array(pairs.length);
  pairs.forEach((pair, i) => {
    legHopStart[i] = hops.length;
    if (pair.sLeg !== null) {
      addHops(pair.sLeg.hops);
      legOneWayUs[i] = oneWayUs(pair.sLeg.hops, pair.sLeg.transitUs, propagationUs);
      legPort[i] = pair.sLeg.frontEndPortIndex;
      legTransitUs[i] = pair.sLeg.transitUs;
    }
    legHopEnd[i] = hops.length;
  });
  return {
    wlPathStart,
    wlPathEnd,
    pathWorkload,
    pathPort,
    pathLun,
    pathHopStart,
    pathHopEnd,
    pathOneWayUs,
    pathTransitUs,
    wlMirror: Int32Array.from(m.workloads, (w) => w.mirrorPair),
    legHopStart,
    legHopEnd,
    legPort,
    legTransitUs,
    legOneWayUs,
    hopResource: hops,
  };
}

/**
 * When a read's data that left the array at `fromUs` (+ the path's transit, already added by the
 * caller) reaches the host if no link queues it: the same floating-point steps as the real
 * return trip (simulation.ts `readReturned`) with every link free, so the real arrival is never
 * earlier (queueing only adds).
 */
export function unqueuedReturnUs(links: LinkTimelines, hopResource: Int32Array, start: number, end: number, fromUs: number, bytes: number): number {
  let t = fromUs;
  for (let h = end - 1; h >= start; h--) {
    const link = (hopResource[h] ^ 1) >> 1;
    t = t + bytes * links.usPerByte[link] + links.propagationUs[link];
  }
  return t;
}
