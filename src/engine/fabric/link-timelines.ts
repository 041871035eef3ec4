/**
 * Per-direction resource timelines of every link (FC, LAN, WAN cables).
 *
 * Owns: each link direction's `nextFreeUs` (analytic FIFO serialisation: a transfer starts at
 * max(arrival, nextFreeUs) and occupies the direction for bytes / rate), the busy time it
 * accumulates (whole run and current sample second) and bytes carried.
 *
 * Invariants: resource index = linkIndex * 2 + dir (dir 0 = a→b, 1 = b→a); nextFreeUs never
 * decreases; busy time only grows by the serialisation of transfers actually made.
 *
 * Does not handle: frame loss, credit starvation (buffer-to-buffer credits), WAN jitter; the
 * caller keeps reservations close to the current simulated time, which is what keeps FIFO
 * order meaningful.
 */
import type { IoCursor } from '../io-cursor.ts';
import type { LinkSpec } from './fc-graph.ts';

export class LinkTimelines {
  readonly linkCount: number;
  readonly ids: string[];
  readonly kinds: ('fc' | 'lan' | 'wan')[];
  readonly nextFreeUs: Float64Array;
  readonly bytesPerUs: Float64Array;
  /** 1 / bytesPerUs: serialisation multiplies (a division per transfer is measurably slower). */
  readonly usPerByte: Float64Array;
  readonly propagationUs: Float64Array;
  /** Busy µs per direction in closed seconds (whole run so far = busyUs + secondBusyUs). */
  readonly busyUs: Float64Array;
  /** Busy µs per direction since the last sample (`closeSecond`). */
  readonly secondBusyUs: Float64Array;
  readonly bytes: Float64Array;
  private readonly cursor: IoCursor;

  constructor(links: LinkSpec[], cursor: IoCursor) {
    this.cursor = cursor;
    const n = links.length;
    this.linkCount = n;
    this.ids = links.map((l) => l.id);
    this.kinds = links.map((l) => l.kind);
    this.nextFreeUs = new Float64Array(2 * n);
    this.busyUs = new Float64Array(2 * n);
    this.secondBusyUs = new Float64Array(2 * n);
    this.bytesPerUs = Float64Array.from(links, (l) => l.bytesPerUs);
    this.usPerByte = Float64Array.from(links, (l) => 1 / l.bytesPerUs);
    this.propagationUs = Float64Array.from(links, (l) => l.propagationUs);
    this.bytes = new Float64Array(n);
  }

  /** Sends `bytes` into direction `resource`; advances the cursor to when the last bit arrives at the far end. */
  transfer(resource: number, bytes: number): void {
    const arrivalUs = this.cursor[0];
    const link = resource >> 1;
    const serialUs = bytes * this.usPerByte[link];
    const free = this.nextFreeUs[resource];
    const start = arrivalUs > free ? arrivalUs : free;
    const end = start + serialUs;
    this.nextFreeUs[resource] = end;
    this.secondBusyUs[resource] += serialUs;
    this.bytes[link] += bytes;
    this.cursor[0] = end + this.propagationUs[link];
  }

  /**
   * Streams `bytes` along `resources` (link directions in order) from the cursor, cut-through:
   * a large transfer (a job's chunk, many frames) starts on the next link as soon as its head
   * arrives there, and cannot end there before its tail has arrived. Each link is reserved for
   * bytes / rate, FIFO as in `transfer`. Advances the cursor to when the tail reaches the far
   * end of the last link.
   */
  stream(resources: readonly number[], bytes: number): void {
    let headUs = this.cursor[0];
    let tailUs = headUs;
    for (const resource of resources) {
      const link = resource >> 1;
      const serialUs = bytes * this.usPerByte[link];
      const free = this.nextFreeUs[resource];
      const start = headUs > free ? headUs : free;
      const end = Math.max(start + serialUs, tailUs);
      this.nextFreeUs[resource] = end;
      this.secondBusyUs[resource] += serialUs;
      this.bytes[link] += bytes;
      headUs = start + this.propagationUs[link];
      tailUs = end + this.propagationUs[link];
    }
    this.cursor[0] = tailUs;
  }

  /** Busy µs of direction `resource` over the whole run so far. */
  totalBusyUs(resource: number): number {
    return this.busyUs[resource] + this.secondBusyUs[resource];
  }

  /** Ends a sample second: its busy time joins the run total and the second restarts at 0. */
  closeSecond(): void {
    for (let r = 0; r < this.secondBusyUs.length; r++) {
      this.busyUs[r] += this.secondBusyUs[r];
      this.secondBusyUs[r] = 0;
    }
  }
}
