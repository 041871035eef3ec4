/**
 * Writes a database holds in memory while it is in backup mode (JP2002-041345 step 403: the
 * data on disk stays consistent for the split; step 405 flushes them to the primary only).
 *
 * Owns: the held writes in acceptance order (workload, block, size, write sequence number),
 * growable typed arrays; `drain` hands the selected ones back in that order and keeps the rest.
 *
 * Invariants: order is acceptance order; a drained write is handed out exactly once.
 */
export class HeldWrites {
  count = 0;
  private w = new Int32Array(1024);
  private block = new Float64Array(1024);
  private bytes = new Float64Array(1024);
  private seq = new Float64Array(1024);

  add(w: number, block: number, bytes: number, seq: number): void {
    if (this.count === this.w.length) this.grow();
    const i = this.count++;
    this.w[i] = w;
    this.block[i] = block;
    this.bytes[i] = bytes;
    this.seq[i] = seq;
  }

  /** Held writes of the workloads `select` accepts. */
  countOf(select: (w: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (select(this.w[i])) n++;
    return n;
  }

  /** Calls `flush` for every held write of a selected workload, in order, and keeps the others. */
  drain(select: (w: number) => boolean, flush: (w: number, block: number, bytes: number, seq: number) => void): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (select(this.w[i])) {
        flush(this.w[i], this.block[i], this.bytes[i], this.seq[i]);
        continue;
      }
      this.w[kept] = this.w[i];
      this.block[kept] = this.block[i];
      this.bytes[kept] = this.bytes[i];
      this.seq[kept] = this.seq[i];
      kept++;
    }
    this.count = kept;
  }

  private grow(): void {
    const n = this.w.length * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.w = copy(this.w, new Int32Array(n));
    this.block = copy(this.block, new Float64Array(n));
    this.bytes = copy(this.bytes, new Float64Array(n));
    this.seq = copy(this.seq, new Float64Array(n));
  }
}
