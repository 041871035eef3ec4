/**
 * The flat path tables the I/O path reads: for every workload, the FC links its I/Os cross
 * (forward link-direction resources), its array front-end port and its unloaded one-way
 * latency; for every host-mirror pair, the same for the mirror program's second leg (server →
 * S-VOL).
 *
 * Owns: building those tables once from the compiled model, in model order, with hop resources
 * of all paths in one Int32Array (`hopResource[start, end)` per path): resource = link × 2 +
 * direction (0 a→b, 1 b→a), so a read's return trip is `resource ^ 1`.
 *
 * Invariants: a workload without a path (refused I/Os) has an empty hop range; a pair that is
 * not a host mirror has an empty leg range and port -1.
 *
 * Does not handle: queueing on the links (fabric/link-timelines.ts), path choice (compile.ts).
 */
import type { CompiledModel } from '../compile.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { FcHop } from '../fabric/path-resolver.ts';

export interface HostPaths {
  wlPort: Int32Array;
  wlHopStart: Int32Array;
  wlHopEnd: Int32Array;
  /** Transit-device latency plus every link's propagation, one way, µs. */
  wlOneWayUs: Float64Array;
  /** Transit-device latency only, one way, µs. */
  wlTransitUs: Float64Array;
  /** Per workload: the host-mirror pair duplexing its writes, or -1. */
  wlMirror: Int32Array;
  legHopStart: Int32Array;
  legHopEnd: Int32Array;
  legPort: Int32Array;
  legTransitUs: Float64Array;
  legOneWayUs: Float64Array;
  hopResource: Int32Array;
}

export function buildHostPaths(m: CompiledModel, propagationUs: Float64Array): HostPaths {
  const hops: number[] = [];
  /** Appends a path's hops; returns its one-way latency. */
  const addPath = (pathHops: FcHop[], transitUs: number): number => {
    let oneWayUs = transitUs;
    for (const h of pathHops) {
      hops.push(h.linkIndex * 2 + h.dir);
      oneWayUs += propagationUs[h.linkIndex];
    }
    return oneWayUs;
  };
  const n = m.workloads.length;
  const wlHopStart = new Int32Array(n);
  const wlHopEnd = new Int32Array(n);
  const wlOneWayUs = new Float64Array(n);
  m.workloads.forEach((w, i) => {
    wlHopStart[i] = hops.length;
    wlOneWayUs[i] = addPath(w.hops, w.transitUs);
    wlHopEnd[i] = hops.length;
  });
  const pairs = m.replication.pairs;
  const legHopStart = new Int32Array(pairs.length);
  const legHopEnd = new Int32Array(pairs.length);
  const legPort = new Int32Array(pairs.length).fill(-1);
  const legTransitUs = new Float64Array(pairs.length);
  const legOneWayUs = new Float64Array(pairs.length);
  pairs.forEach((p, i) => {
    legHopStart[i] = hops.length;
    if (p.sLeg !== null) {
      legOneWayUs[i] = addPath(p.sLeg.hops, p.sLeg.transitUs);
      legPort[i] = p.sLeg.frontEndPortIndex;
      legTransitUs[i] = p.sLeg.transitUs;
    }
    legHopEnd[i] = hops.length;
  });
  return {
    wlPort: Int32Array.from(m.workloads, (w) => w.frontEndPortIndex),
    wlHopStart,
    wlHopEnd,
    wlOneWayUs,
    wlTransitUs: Float64Array.from(m.workloads, (w) => w.transitUs),
    wlMirror: Int32Array.from(m.workloads, (w) => w.mirrorPair),
    legHopStart,
    legHopEnd,
    legPort,
    legTransitUs,
    legOneWayUs,
    hopResource: Int32Array.from(hops),
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
