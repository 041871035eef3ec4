/**
 * Host workloads in fio's vocabulary, as generators of I/O requests.
 *
 * Owns: each workload's current parameters (rw, rwmixread, bs, iodepth | rate_iops, size,
 * skew, runtime), its seeded random stream, its sequential cursor, and its run state (active,
 * I/Os in flight, generation, completed and refused I/Os). The simulation asks it "read or write?" and "which block?".
 *
 *   rw         read/write/rw: sequential, block after block, wrapping at the working set;
 *              randread/randwrite/randrw: random blocks, uniform or Zipf(θ) via ZipfSampler,
 *              ranks spread over the working set with `scatter` (hot blocks not contiguous).
 *   rwmixread  percent of reads for randrw and rw (read/randread 100, write/randwrite 0).
 *   iodepth    closed loop: this many I/Os outstanding; a completion issues the next (fio default 1).
 *   rate_iops  open loop: Poisson arrivals, exponential inter-arrival times.
 *   size       working set from the start of the LU (default the LU), in whole blocks of bs.
 *
 * Invariants: one Rng per workload, seeded `deriveSeed(seed, 'workload:<server>/<workload>')`,
 * so adding a device or workload never perturbs another stream; draws happen only where the
 * outcome is random (a pure-read workload draws no read/write coin); `generation` increases at
 * every start, so stale runtime-expiry and arrival events are recognised and ignored.
 *
 * Does not handle: multipath, think time, fio's `bssplit`, verify.
 */
import type { Workload } from '../../model/topology.ts';
import { parseSizeBytes } from '../../model/units.ts';
import type { CompiledWorkload } from '../compile.ts';
import { US_PER_S, ZIPF_THETA_MAX } from '../constants.ts';
import { Rng, ZipfSampler, deriveSeed, scatter } from '../kernel/rng.ts';

/** ZipfSampler and scatter work on at most 2^32 items. */
const MAX_BLOCKS = 4294967296;

/** Fields `setWorkload` may change. */
export type WorkloadChanges = Partial<Pick<Workload, 'rw' | 'rwmixread' | 'bs' | 'iodepth' | 'rate_iops' | 'size' | 'skew' | 'runtime'>>;

export class Workloads {
  readonly count: number;
  readonly keys: string[];
  readonly compiled: CompiledWorkload[];
  readonly specs: Workload[];
  readonly rngs: Rng[];
  readonly zipfs: (ZipfSampler | null)[];
  // parameters
  readonly bytes: Float64Array;
  readonly readFraction: Float64Array;
  readonly sequential: Uint8Array;
  readonly closedLoop: Uint8Array;
  readonly iodepth: Int32Array;
  readonly meanInterArrivalUs: Float64Array;
  readonly workingSetBlocks: Float64Array;
  readonly runtimeUs: Float64Array;
  // run state
  readonly active: Uint8Array;
  readonly inflight: Int32Array;
  readonly generation: Int32Array;
  readonly cursorBlock: Float64Array;
  /** Open loop: float time of the next arrival (events are at its ceiling). */
  readonly nextArrivalUs: Float64Array;
  /** I/Os completed without error, and I/Os refused (any reason), over the run. */
  readonly completed: Float64Array;
  readonly rejected: Float64Array;

  constructor(compiled: CompiledWorkload[], seed: number) {
    const n = compiled.length;
    this.count = n;
    this.compiled = compiled;
    this.keys = compiled.map((w) => `${w.serverId}/${w.workloadId}`);
    this.specs = compiled.map((w) => w.spec);
    this.rngs = compiled.map((w) => new Rng(deriveSeed(seed, `workload:${w.serverId}/${w.workloadId}`)));
    this.zipfs = compiled.map(() => null);
    this.bytes = new Float64Array(n);
    this.readFraction = new Float64Array(n);
    this.sequential = new Uint8Array(n);
    this.closedLoop = new Uint8Array(n);
    this.iodepth = new Int32Array(n);
    this.meanInterArrivalUs = new Float64Array(n);
    this.workingSetBlocks = new Float64Array(n);
    this.runtimeUs = new Float64Array(n);
    this.active = new Uint8Array(n);
    this.inflight = new Int32Array(n);
    this.generation = new Int32Array(n);
    this.cursorBlock = new Float64Array(n);
    this.nextArrivalUs = new Float64Array(n);
    this.completed = new Float64Array(n);
    this.rejected = new Float64Array(n);
    for (let w = 0; w < n; w++) this.configure(w, compiled[w].spec);
  }

  /** Index of `server/workload`, or -1. */
  indexOf(serverId: string, workloadId: string): number {
    return this.keys.indexOf(`${serverId}/${workloadId}`);
  }

  /** Applies `setWorkload` changes; throws with a field-naming message if a size is invalid. */
  change(w: number, changes: WorkloadChanges): void {
    const spec: Workload = { ...this.specs[w], ...changes };
    if (changes.rate_iops !== undefined) delete spec.iodepth;
    if (changes.iodepth !== undefined) delete spec.rate_iops;
    this.configure(w, spec);
  }

  private configure(w: number, spec: Workload): void {
    const bytes = parseSizeBytes(spec.bs ?? '4k');
    const luBytes = this.compiled[w].luBytes;
    const sizeBytes = Math.min(spec.size !== undefined ? parseSizeBytes(spec.size) : luBytes, luBytes);
    const blocks = Math.min(MAX_BLOCKS, Math.max(1, Math.floor(sizeBytes / bytes)));
    this.specs[w] = spec;
    this.bytes[w] = bytes;
    this.workingSetBlocks[w] = blocks;
    const mix = (spec.rwmixread ?? 70) / 100;
    this.readFraction[w] = spec.rw === 'read' || spec.rw === 'randread' ? 1 : spec.rw === 'write' || spec.rw === 'randwrite' ? 0 : mix;
    this.sequential[w] = spec.rw === 'read' || spec.rw === 'write' || spec.rw === 'rw' ? 1 : 0;
    this.closedLoop[w] = spec.rate_iops === undefined ? 1 : 0;
    this.iodepth[w] = spec.iodepth ?? 1;
    this.meanInterArrivalUs[w] = spec.rate_iops !== undefined ? US_PER_S / spec.rate_iops : 0;
    this.runtimeUs[w] = spec.runtime !== undefined ? Math.round(spec.runtime * US_PER_S) : 0;
    if (this.cursorBlock[w] >= blocks) this.cursorBlock[w] = 0;
    const skew = spec.skew;
    const zipf = skew !== undefined && skew.kind === 'zipf' && skew.theta > 0 && blocks > 1;
    this.zipfs[w] = zipf ? new ZipfSampler(blocks, Math.min(skew.theta, ZIPF_THETA_MAX), this.rngs[w]) : null;
  }

  /** Read (true) or write (false) for the next I/O. */
  nextIsRead(w: number): boolean {
    const f = this.readFraction[w];
    if (f >= 1) return true;
    if (f <= 0) return false;
    return this.rngs[w].next() < f;
  }

  /** Block index (in units of bs) of the next I/O within the working set. */
  nextBlock(w: number): number {
    const blocks = this.workingSetBlocks[w];
    if (this.sequential[w] === 1) {
      const b = this.cursorBlock[w];
      this.cursorBlock[w] = b + 1 < blocks ? b + 1 : 0;
      return b;
    }
    const zipf = this.zipfs[w];
    if (zipf !== null) return scatter(zipf.next(), blocks);
    return this.rngs[w].int(blocks);
  }

  /** Time until the next open-loop arrival, µs (float). */
  nextInterArrivalUs(w: number): number {
    return this.rngs[w].exp(this.meanInterArrivalUs[w]);
  }
}
