/**
 * Unit tests of the WAN links (wan.ts) with the numbers the model makes exact: serialisation at
 * the circuit's payload rate (bandwidth × WAN_PAYLOAD_EFFICIENCY), 5 µs/km propagation, FIFO
 * queueing per direction, jitter and loss replayed from the link's own random stream
 * (`wan:<id>` under the root seed), outages (epoch, lost deliveries, -1 while down), in-flight
 * batches, per-second utilisation and throughput, and the report's downtime.
 *
 * Owns these tests only; the protocol that uses the links is tested in remote-copy.test.ts and
 * remote.prop.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { FIBRE_PROPAGATION_US_PER_KM, WAN_PAYLOAD_EFFICIENCY, WAN_RETRANSMIT_US } from '../constants.ts';
import { Rng, deriveSeed } from '../kernel/rng.ts';
import { WanLinks, type CompiledWan } from './wan.ts';

const SEED = 7;
const MIB = 1 << 20;

function link(o: Partial<CompiledWan> = {}): CompiledWan {
  return { id: 'wan1', name: 'WAN', bandwidthMbps: 1000, distanceKm: 0, lossPct: 0, jitterUs: 0, siteA: 'main', siteB: 'remote', ...o };
}

function wan(o: Partial<CompiledWan> = {}, seed = SEED): WanLinks {
  return new WanLinks([link(o)], seed);
}

/** Serialisation time of `bytes` at `mbps`, µs. */
const serialUs = (bytes: number, mbps: number) => bytes / ((mbps / 8) * WAN_PAYLOAD_EFFICIENCY);

/** The link's own random stream, as wan.ts seeds it. */
const streamOf = (id = 'wan1', seed = SEED) => new Rng(deriveSeed(seed, `wan:${id}`));

describe('WAN links › timing', () => {
  it('serialises at bandwidth × payload efficiency: 1 MiB at 1000 Mbps takes 8.837 ms (1460/1538 of 125 B/µs)', () => {
    const w = wan();
    expect(w.bytesPerUs[0]).toBeCloseTo(125 * (1460 / 1538), 12);
    const arrival = w.transmit(0, 0, MIB, 0);
    expect(arrival).toBeCloseTo(MIB / (125 * WAN_PAYLOAD_EFFICIENCY), 9);
    expect(arrival).toBeCloseTo(8836.77, 2);
    expect(w.status(0, 0).bytes).toBe(MIB);
  });

  it('adds 5 µs per km of propagation one way; a control signal pays propagation only', () => {
    expect(FIBRE_PROPAGATION_US_PER_KM).toBe(5);
    const w = wan({ distanceKm: 1000, bandwidthMbps: 100 });
    expect(w.oneWayUs[0]).toBe(5000);
    expect(w.status(0, 0).oneWayMs).toBe(5);
    expect(w.signal(0, 1234)).toBe(6234);
    const arrival = w.transmit(0, 0, 64 * 1024, 1000);
    expect(arrival).toBeCloseTo(1000 + serialUs(64 * 1024, 100) + 5000, 9);
  });

  it('queues FIFO per direction: two sends back to back leave one after the other; the other direction is independent', () => {
    const w = wan({ distanceKm: 200, bandwidthMbps: 100 });
    const s = serialUs(MIB, 100);
    const first = w.transmit(0, 0, MIB, 0);
    const second = w.transmit(0, 0, MIB, 0);
    expect(first).toBeCloseTo(s + 1000, 9);
    expect(second).toBeCloseTo(2 * s + 1000, 9);
    // The reverse direction has its own serialiser: not behind the two batches above.
    expect(w.transmit(0, 1, MIB, 0)).toBeCloseTo(s + 1000, 9);
    // A send after the queue drained starts at its own time.
    const later = 10 * s;
    expect(w.transmit(0, 0, MIB, later)).toBeCloseTo(later + s + 1000, 9);
    // A send while the queue is busy starts when the queue frees.
    expect(w.transmit(0, 0, 1000, later + 1)).toBeCloseTo(later + s + serialUs(1000, 100) + 1000, 9);
    expect(w.status(0, 0).reordered).toBe(0);
  });

  it('jitter adds a uniform delay in [0, jitter) drawn from the link stream, and counts every batch that arrives before an earlier-sent one', () => {
    const jitterUs = 20_000;
    const w = wan({ jitterUs, distanceKm: 100 });
    const rng = streamOf();
    const s = serialUs(4096, 1000);
    let lastArrival = 0;
    let reordered = 0;
    let jitterSeen = 0;
    for (let k = 0; k < 200; k++) {
      const arrival = w.transmit(0, 0, 4096, 0);
      const base = (k + 1) * s + 500;
      const jitter = rng.next() * jitterUs;
      expect(arrival).toBeCloseTo(base + jitter, 6);
      expect(arrival - base).toBeGreaterThanOrEqual(0);
      expect(arrival - base).toBeLessThan(jitterUs);
      if (arrival < lastArrival) reordered++;
      else lastArrival = arrival;
      jitterSeen = Math.max(jitterSeen, arrival - base);
    }
    expect(reordered).toBeGreaterThan(50); // 20 ms jitter over 33 µs batches reorders most of them
    expect(w.status(0, 0).reordered).toBe(reordered);
    expect(jitterSeen).toBeGreaterThan(jitterUs / 2);
    expect(w.status(0, 0).jitterMs).toBe(20);
  });

  it('without jitter or loss the link draws nothing from its stream: two seeds give the same times', () => {
    const a = wan({ distanceKm: 50 }, 1);
    const b = wan({ distanceKm: 50 }, 2);
    for (let k = 0; k < 20; k++) expect(a.transmit(0, k % 2, 1000 * (k + 1), 100 * k)).toBe(b.transmit(0, k % 2, 1000 * (k + 1), 100 * k));
  });
});

describe('WAN links › loss', () => {
  it('a lost attempt is resent after RTT + the retransmit reaction + serialisation, occupying the link again', () => {
    const lossPct = 30;
    const w = wan({ lossPct, distanceKm: 1000, bandwidthMbps: 100 });
    const rng = streamOf();
    const s = serialUs(MIB, 100);
    const rtt = 2 * 5000;
    let free = 0;
    let retransmits = 0;
    let sawRetransmit = false;
    for (let k = 0; k < 40; k++) {
      const at = k * 50_000;
      const start = Math.max(at, free);
      let losses = 0;
      while (rng.next() < lossPct / 100) losses++;
      const arrival = w.transmit(0, 0, MIB, at);
      // The first attempt plus one RTT + reaction + serialisation per loss, then propagation.
      expect(arrival).toBeCloseTo(start + s + losses * (rtt + WAN_RETRANSMIT_US + s) + 5000, 6);
      free = start + (losses + 1) * s;
      retransmits += losses;
      if (losses > 0) sawRetransmit = true;
    }
    expect(sawRetransmit).toBe(true);
    expect(w.status(0, 0).retransmits).toBe(retransmits);
    // Bytes count the payload once, whatever the resends.
    expect(w.status(0, 0).bytes).toBe(40 * MIB);
  });

  it('one known loss: the second attempt arrives exactly RTT + 1 ms + serialisation later', () => {
    // Find a seed whose first draw loses the batch and whose second does not.
    const lossPct = 50;
    let seed = 1;
    for (; seed < 1000; seed++) {
      const r = streamOf('wan1', seed);
      if (r.next() < 0.5 && r.next() >= 0.5) break;
    }
    const w = wan({ lossPct, distanceKm: 100, bandwidthMbps: 1000 }, seed);
    const s = serialUs(100_000, 1000);
    expect(w.transmit(0, 0, 100_000, 0)).toBeCloseTo(s + (1000 + WAN_RETRANSMIT_US + s) + 500, 9);
    expect(w.status(0, 0).retransmits).toBe(1);
    // The serialiser was busy for both attempts: the next batch queues behind 2 × s.
    expect(w.transmit(0, 0, 100_000, 0)).toBeGreaterThanOrEqual(3 * s + 500 - 1e-6);
  });
});

describe('WAN links › outages', () => {
  it('down: transmit and signal return -1 and cost nothing; the epoch increments once per outage; setUp reports only changes', () => {
    const w = wan({ distanceKm: 100 });
    expect(w.epoch[0]).toBe(0);
    expect(w.setUp(0, true, 0)).toBe(false); // already up
    expect(w.setUp(0, false, 10)).toBe(true);
    expect(w.setUp(0, false, 20)).toBe(false);
    expect(w.epoch[0]).toBe(1);
    expect(w.transmit(0, 0, MIB, 30)).toBe(-1);
    expect(w.transmit(0, 1, MIB, 30)).toBe(-1);
    expect(w.signal(0, 30)).toBe(-1);
    expect(w.status(0, 30).bytes).toBe(0);
    expect(w.status(0, 30).up).toBe(false);
    expect(w.setUp(0, true, 40)).toBe(true);
    expect(w.epoch[0]).toBe(1); // going up does not change the epoch
    expect(w.setUp(0, false, 50)).toBe(true);
    expect(w.epoch[0]).toBe(2);
  });

  it('counts batches on the wire; an outage loses them all; after it, sends start no earlier than the return', () => {
    const w = wan({ distanceKm: 1000, bandwidthMbps: 1000 });
    const s = serialUs(1000, 1000);
    const arrivals = [0, 1, 2].map(() => w.transmit(0, 0, 1000, 0));
    expect(w.inFlight(0, 0)).toBe(3);
    expect(w.inFlight(0, arrivals[0])).toBe(2); // arrived at its time
    expect(w.inFlight(0, arrivals[2])).toBe(0);
    w.transmit(0, 1, 1000, 6000);
    w.transmit(0, 0, 1000, 6000);
    expect(w.status(0, 6000).inFlight).toBe(2);
    w.setUp(0, false, 6001);
    expect(w.inFlight(0, 6001)).toBe(0);
    w.setUp(0, true, 9000);
    expect(w.inFlight(0, 9000)).toBe(0);
    expect(w.transmit(0, 0, 1000, 9000)).toBeCloseTo(9000 + s + 5000, 9);
    expect(w.transmit(0, 1, 1000, 8000)).toBeCloseTo(9000 + s + 5000, 9); // the queue restarts at the return
    expect(w.inFlight(0, 9000)).toBe(2);
  });

  it('reports the time spent down, including an outage still running', () => {
    const w = wan();
    w.setUp(0, false, 1_000_000);
    w.setUp(0, true, 3_500_000);
    expect(w.report(0, 4_000_000).downS).toBe(2.5);
    w.setUp(0, false, 5_000_000);
    expect(w.report(0, 5_250_000).downS).toBe(2.75);
    expect(w.report(0, 5_250_000).up).toBe(false);
  });

  // Regression (fixed in 7aa416f): batches lost in an outage kept the serialiser busy after the
  // link returned — a send queued behind bytes that would never arrive (with 16 reads of 1 MiB
  // outstanding on a 10 Mbps link, up to ≈ 14 s of phantom queue).
  it('after an outage a send does not queue behind the batches the outage lost', () => {
    const w = wan({ bandwidthMbps: 100 });
    const lost = w.transmit(0, 0, MIB, 0); // serialising until ≈ 88.4 ms
    expect(lost).toBeGreaterThan(80_000);
    w.setUp(0, false, 1000);
    w.setUp(0, true, 2000);
    expect(w.transmit(0, 0, 100, 2000)).toBeCloseTo(2000 + serialUs(100, 100), 6);
  });

  // Regression (fixed in 7aa416f): the would-be arrival of a batch lost in an outage made the
  // next batch count as reordered although no batch sent earlier ever arrived.
  it('a batch lost in an outage does not make the next one count as reordered', () => {
    // A seed whose first jitter draw is large and whose second is small.
    let seed = 1;
    for (; seed < 1000; seed++) {
      const r = streamOf('wan1', seed);
      if (r.next() > 0.9 && r.next() < 0.1) break;
    }
    const w = wan({ jitterUs: 1_000_000 }, seed);
    expect(w.transmit(0, 0, 100, 0)).toBeGreaterThan(900_000); // lost below
    w.setUp(0, false, 10);
    w.setUp(0, true, 20);
    expect(w.transmit(0, 0, 100, 20)).toBeLessThan(100_100);
    expect(w.status(0, 2_000_000).reordered).toBe(0);
  });
});

describe('WAN links › per-second accounting', () => {
  it('utilisation is the busier direction over the last second; throughput the payload bytes of that second; the report keeps the mean and the peak', () => {
    const w = wan({ bandwidthMbps: 100 });
    const s = serialUs(MIB, 100); // ≈ 88.4 ms
    for (let k = 0; k < 5; k++) w.transmit(0, 0, MIB, 0);
    w.transmit(0, 1, MIB, 0);
    expect(w.status(0, 0).utilizationPct).toBe(0); // no second closed yet
    w.closeSecond();
    const first = w.status(0, 1_000_000);
    expect(first.utilizationPct).toBeCloseTo((100 * 5 * s) / 1e6, 3);
    expect(first.throughputMBps).toBeCloseTo((6 * MIB) / 1e6, 3);
    expect(w.lastThroughputMBps(0)).toBeCloseTo(6.291456, 6);
    w.transmit(0, 1, MIB, 1_000_000);
    w.closeSecond();
    const second = w.status(0, 2_000_000);
    expect(second.utilizationPct).toBeCloseTo((100 * s) / 1e6, 3);
    expect(second.throughputMBps).toBeCloseTo(MIB / 1e6, 3);
    w.closeSecond(); // an idle second
    expect(w.status(0, 3_000_000).utilizationPct).toBe(0);
    const r = w.report(0, 3_000_000);
    expect(r.peakUtilizationPct).toBeCloseTo((100 * 5 * s) / 1e6, 3);
    expect(r.utilizationPct).toBeCloseTo((100 * 6 * s) / 1e6 / 3, 3);
    expect(r.downS).toBe(0);
    expect(r.bytes).toBe(7 * MIB);
  });

  it('utilisation is capped at 100 % when a second is booked past its length', () => {
    const w = wan({ bandwidthMbps: 10 });
    for (let k = 0; k < 3; k++) w.transmit(0, 0, 4 * MIB, 0); // ≈ 3.5 s of serialisation
    w.closeSecond();
    expect(w.status(0, 1_000_000).utilizationPct).toBe(100);
  });
});
