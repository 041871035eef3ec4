/**
 * WAN links at run time: the circuits between sites that remote copy crosses.
 *
 * Owns, per link and direction: serialisation at the circuit's payload rate (FIFO, an analytic
 * `nextFreeUs` as for FC links), propagation (5 µs per km), jitter (a uniform extra delay per
 * batch, which reorders batches), loss (each attempt is lost with `lossPct`; a lost batch is
 * resent after a round trip and the fast-retransmit reaction, and serialised again), outages
 * (`setUp`): a batch whose delivery falls after the link went down is lost — its `epoch` no
 * longer matches and the receiver drops it; the counters the status and report show
 * (bytes, retransmits, reorderings, in-flight batches, per-second utilisation and throughput).
 *
 * Invariants: times are µs (fractional inside, integer in events); a transmission while the link
 * is down returns -1 and costs nothing; the random stream is the link's own
 * (`wan:<id>`), drawn only by `transmit`, so runs replay identically.
 *
 * Does not handle: what the batches carry (remote-copy.ts), FC and LAN cables (fabric/).
 */
import type { WanLinkReport, WanLinkStatus } from '../remote-api.ts';
import { FIBRE_PROPAGATION_US_PER_KM, US_PER_S, WAN_PAYLOAD_EFFICIENCY, WAN_RETRANSMIT_US } from '../constants.ts';
import { Rng, deriveSeed } from '../kernel/rng.ts';

export interface CompiledWan {
  id: string;
  name: string;
  bandwidthMbps: number;
  distanceKm: number;
  lossPct: number;
  jitterUs: number;
  /** Sites at its two ends (a: end-a side), as compiled. */
  siteA: string;
  siteB: string;
}

/** Arrival times remembered per link for the in-flight count (a ring; older ones have arrived). */
const IN_FLIGHT_RING = 4096;

export class WanLinks {
  readonly links: readonly CompiledWan[];
  /** Payload bytes per µs. */
  readonly bytesPerUs: Float64Array;
  readonly oneWayUs: Float64Array;
  readonly up: Uint8Array;
  /** Incremented when a link goes down: deliveries sent in an earlier epoch are lost. */
  readonly epoch: Int32Array;
  private readonly nextFreeUs: Float64Array; // [2 * link + dir]
  private readonly lastArrivalUs: Float64Array; // [2 * link + dir]
  private readonly rngs: Rng[];
  private readonly bytes: Float64Array;
  private readonly retransmits: Float64Array;
  private readonly reordered: Float64Array;
  private readonly arrivals: Float64Array; // [link * IN_FLIGHT_RING + k]
  private readonly arrivalHead: Int32Array;
  private readonly downSinceUs: Float64Array;
  private readonly downTotalUs: Float64Array;
  // per-second accounting
  private readonly secBusyUs: Float64Array; // [2 * link + dir]
  private readonly secBytes: Float64Array;
  private readonly lastUtilPct: Float64Array;
  private readonly lastMBps: Float64Array;
  private readonly sumUtilPct: Float64Array;
  private readonly peakUtilPct: Float64Array;
  private seconds = 0;

  constructor(links: readonly CompiledWan[], seed: number) {
    const n = links.length;
    this.links = links;
    this.bytesPerUs = Float64Array.from(links, (l) => (l.bandwidthMbps / 8) * WAN_PAYLOAD_EFFICIENCY);
    this.oneWayUs = Float64Array.from(links, (l) => l.distanceKm * FIBRE_PROPAGATION_US_PER_KM);
    this.up = new Uint8Array(n).fill(1);
    this.epoch = new Int32Array(n);
    this.nextFreeUs = new Float64Array(2 * n);
    this.lastArrivalUs = new Float64Array(2 * n);
    this.rngs = links.map((l) => new Rng(deriveSeed(seed, `wan:${l.id}`)));
    this.bytes = new Float64Array(n);
    this.retransmits = new Float64Array(n);
    this.reordered = new Float64Array(n);
    this.arrivals = new Float64Array(n * IN_FLIGHT_RING).fill(-1);
    this.arrivalHead = new Int32Array(n);
    this.downSinceUs = new Float64Array(n).fill(-1);
    this.downTotalUs = new Float64Array(n);
    this.secBusyUs = new Float64Array(2 * n);
    this.secBytes = new Float64Array(n);
    this.lastUtilPct = new Float64Array(n);
    this.lastMBps = new Float64Array(n);
    this.sumUtilPct = new Float64Array(n);
    this.peakUtilPct = new Float64Array(n);
  }

  indexOf(id: string): number {
    return this.links.findIndex((l) => l.id === id);
  }

  /**
   * Sends `bytes` over link `l` in direction `dir` (0: from end-a's site, 1: back) at `atUs`:
   * returns when they are delivered at the far end (after queueing, serialisation, propagation,
   * jitter and any retransmissions), or -1 when the link is down now.
   */
  transmit(l: number, dir: number, bytes: number, atUs: number): number {
    if (this.up[l] === 0) return -1;
    const k = 2 * l + dir;
    const serialUs = bytes / this.bytesPerUs[l];
    const start = atUs > this.nextFreeUs[k] ? atUs : this.nextFreeUs[k];
    let end = start + serialUs;
    const rng = this.rngs[l];
    const loss = this.links[l].lossPct / 100;
    const rttUs = 2 * this.oneWayUs[l];
    let busy = serialUs;
    // Each attempt is lost with `loss`; the resend leaves after the loss is detected.
    while (loss > 0 && rng.next() < loss) {
      this.retransmits[l]++;
      end += rttUs + WAN_RETRANSMIT_US + serialUs;
      busy += serialUs;
    }
    this.nextFreeUs[k] = start + busy;
    this.secBusyUs[k] += busy;
    this.secBytes[l] += bytes;
    this.bytes[l] += bytes;
    const jitter = this.links[l].jitterUs > 0 ? rng.next() * this.links[l].jitterUs : 0;
    const arrival = end + this.oneWayUs[l] + jitter;
    if (arrival < this.lastArrivalUs[k]) this.reordered[l]++;
    else this.lastArrivalUs[k] = arrival;
    const h = this.arrivalHead[l];
    this.arrivals[l * IN_FLIGHT_RING + h] = arrival;
    this.arrivalHead[l] = (h + 1) % IN_FLIGHT_RING;
    return arrival;
  }

  /** A control message (read-journal command, acknowledgement): propagation only, -1 when down. */
  signal(l: number, atUs: number): number {
    return this.up[l] === 0 ? -1 : atUs + this.oneWayUs[l];
  }

  /** Takes the link down or up at `nowUs`; down: every delivery still on the wire is lost. */
  setUp(l: number, up: boolean, nowUs: number): boolean {
    if ((this.up[l] === 1) === up) return false;
    this.up[l] = up ? 1 : 0;
    if (!up) {
      this.epoch[l]++;
      this.downSinceUs[l] = nowUs;
      // What was still being serialised or on the wire is lost: the sender is idle from now, and
      // a lost batch's would-be arrival does not make later batches look reordered.
      for (const k of [2 * l, 2 * l + 1]) {
        if (this.nextFreeUs[k] > nowUs) this.nextFreeUs[k] = nowUs;
        if (this.lastArrivalUs[k] > nowUs) this.lastArrivalUs[k] = nowUs;
      }
      for (let k = 0; k < IN_FLIGHT_RING; k++) if (this.arrivals[l * IN_FLIGHT_RING + k] > nowUs) this.arrivals[l * IN_FLIGHT_RING + k] = -1;
    } else {
      this.downTotalUs[l] += nowUs - this.downSinceUs[l];
      this.downSinceUs[l] = -1;
      this.nextFreeUs[2 * l] = Math.max(this.nextFreeUs[2 * l], nowUs);
      this.nextFreeUs[2 * l + 1] = Math.max(this.nextFreeUs[2 * l + 1], nowUs);
    }
    return true;
  }

  /** Batches on the wire at `nowUs`. */
  inFlight(l: number, nowUs: number): number {
    let n = 0;
    for (let k = 0; k < IN_FLIGHT_RING; k++) if (this.arrivals[l * IN_FLIGHT_RING + k] > nowUs) n++;
    return n;
  }

  /** Closes a simulated second: per-second utilisation and throughput. */
  closeSecond(): void {
    this.seconds++;
    for (let l = 0; l < this.links.length; l++) {
      const busy = Math.max(this.secBusyUs[2 * l], this.secBusyUs[2 * l + 1]);
      const util = Math.min(100, (100 * busy) / US_PER_S);
      this.lastUtilPct[l] = util;
      this.lastMBps[l] = this.secBytes[l] / 1e6;
      this.sumUtilPct[l] += util;
      if (util > this.peakUtilPct[l]) this.peakUtilPct[l] = util;
      this.secBusyUs[2 * l] = 0;
      this.secBusyUs[2 * l + 1] = 0;
      this.secBytes[l] = 0;
    }
  }

  /** Payload MB/s of the last whole second. */
  lastThroughputMBps(l: number): number {
    return this.lastMBps[l];
  }

  status(l: number, nowUs: number): WanLinkStatus {
    const c = this.links[l];
    return {
      id: c.id,
      name: c.name,
      up: this.up[l] === 1,
      bandwidthMbps: c.bandwidthMbps,
      distanceKm: c.distanceKm,
      oneWayMs: this.oneWayUs[l] / 1000,
      lossPct: c.lossPct,
      jitterMs: c.jitterUs / 1000,
      bytes: this.bytes[l],
      inFlight: this.inFlight(l, nowUs),
      retransmits: this.retransmits[l],
      reordered: this.reordered[l],
      utilizationPct: round3(this.lastUtilPct[l]),
      throughputMBps: round3(this.lastMBps[l]),
    };
  }

  report(l: number, nowUs: number): WanLinkReport {
    const { inFlight: _inFlight, throughputMBps: _t, utilizationPct: _u, ...rest } = this.status(l, nowUs);
    const down = this.downTotalUs[l] + (this.downSinceUs[l] >= 0 ? nowUs - this.downSinceUs[l] : 0);
    return {
      ...rest,
      utilizationPct: round3(this.seconds > 0 ? this.sumUtilPct[l] / this.seconds : 0),
      peakUtilizationPct: round3(this.peakUtilPct[l]),
      downS: round3(down / US_PER_S),
    };
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
