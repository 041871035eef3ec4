/**
 * A back-end-only run for volume-move tests: open-loop random I/O driven straight into
 * `DiskArrays` (no fabric, no hosts), an event queue for the moves' copy steps, and the
 * once-per-second sample — the parts of the simulation a move touches, so its tests do not
 * depend on the simulation's wiring.
 *
 * Owns: per load, Poisson arrivals (seeded), uniform random blocks over the LDEV, the read/write
 * mix; per second, the I/Os completed and the worst response of each load, and each group's busy
 * µs (recorded independently of the move code, so tests can check its numbers).
 *
 * Does not handle: front-end ports, links, replication, rejects (nothing here refuses an I/O).
 */
import type { Monitoring } from '../../model/topology-monitoring.ts';
import type { Scenario } from '../../model/scenario.ts';
import { DiskArrays } from '../array/array.ts';
import { VolumeMoves } from '../array/volume-move.ts';
import { compileScenario, type CompiledModel } from '../compile.ts';
import { US_PER_S } from '../constants.ts';
import { createIoCursor } from '../io-cursor.ts';
import { EventQueue } from '../kernel/event-queue.ts';
import { Rng } from '../kernel/rng.ts';

export interface HarnessLoad {
  ldevId: string;
  iops: number;
  /** Percent of I/Os that are reads. */
  readPct: number;
  bs: number;
}

export interface HarnessAlert {
  timeUs: number;
  severity: string;
  kind: string;
  deviceId: string;
  message: string;
}

const EV_IO = 0;
const EV_MOVE = 1;
const EV_SAMPLE = 2;

export class MoveHarness {
  readonly model: CompiledModel;
  readonly arrays: DiskArrays;
  readonly moves: VolumeMoves;
  readonly alerts: HarnessAlert[] = [];
  /** [load][second - 1]: I/Os completed during that second. */
  readonly completedBySecond: number[][];
  /** [load][second - 1]: the worst response (µs) of I/Os issued during that second. */
  readonly worstResponseUsBySecond: number[][];
  /** [second - 1][group]: busy µs of the group during that second (from `busyUs`, not the move code). */
  readonly groupBusyBySecond: number[][] = [];
  now = 0;
  private readonly queue = new EventQueue(1024);
  private readonly cursor = createIoCursor();
  private readonly loads: HarnessLoad[];
  private readonly loadLdev: number[];
  private readonly rngs: Rng[];
  private seq = 0;
  private lastBusy: number[];

  constructor(scenario: Scenario, loads: HarnessLoad[], monitoring?: Monitoring, seed = 1) {
    this.model = compileScenario(scenario, seed);
    withDiskCapacities(this.model, scenario);
    this.arrays = new DiskArrays(this.model, this.cursor);
    this.moves = new VolumeMoves(this.model, this.arrays, {
      nowUs: () => this.now,
      schedule: (atUs, move, generation) => {
        if (!Number.isInteger(atUs) || atUs < this.now) throw new Error(`move event at ${atUs} µs (now ${this.now})`);
        this.queue.push(atUs, EV_MOVE, move, generation);
      },
      raise: (severity, kind, deviceId, message) => this.alerts.push({ timeUs: this.now, severity, kind, deviceId, message }),
      monitoring,
    });
    this.loads = loads;
    this.loadLdev = loads.map((l) => {
      const i = this.model.ldevs.findIndex((x) => x.id === l.ldevId);
      if (i < 0) throw new Error(`harness: no LDEV ${l.ldevId}`);
      return i;
    });
    const root = new Rng(seed);
    this.rngs = loads.map((l, i) => root.fork(`load ${i} ${l.ldevId}`));
    this.completedBySecond = loads.map(() => []);
    this.worstResponseUsBySecond = loads.map(() => []);
    this.lastBusy = Array.from(this.arrays.parityGroups.busyUs);
    loads.forEach((l, i) => this.queue.push(Math.ceil(this.rngs[i].exp(US_PER_S / l.iops)), EV_IO, i, 0));
    this.queue.pushLate(US_PER_S, EV_SAMPLE, 1, 0);
  }

  ldev(id: string): number {
    return this.model.ldevs.findIndex((l) => l.id === id);
  }

  group(id: string): number {
    return this.model.parityGroups.findIndex((g) => g.id === id);
  }

  /** Runs every event up to `us` inclusive; `onSample(second)` after each sample. */
  runUntil(us: number, onSample?: (second: number) => void): void {
    const q = this.queue;
    while (q.popNotAfter(us)) {
      this.now = q.timeUs;
      if (q.kind === EV_IO) this.io(q.a);
      else if (q.kind === EV_MOVE) this.moves.event(q.a, q.b);
      else {
        this.sample(q.a);
        onSample?.(q.a);
      }
    }
    this.now = us;
  }

  /** The content digest of every LDEV, by id. */
  digests(): Record<string, number> {
    return Object.fromEntries(this.model.ldevs.map((l, i) => [l.id, this.arrays.digests[i].digestOfAll()]));
  }

  private io(load: number): void {
    const l = this.loads[load];
    const ldev = this.loadLdev[load];
    const rng = this.rngs[load];
    const blocks = Math.floor(this.model.ldevs[ldev].capacityBytes / l.bs);
    const block = rng.int(blocks);
    const isRead = rng.next() * 100 < l.readPct;
    this.cursor[0] = this.now;
    if (isRead) this.arrays.serveRead(ldev, block, l.bs, -1);
    else this.arrays.acceptWrite(ldev, block, l.bs, load, this.seq++, false);
    const second = Math.floor(this.now / US_PER_S);
    const done = this.completedBySecond[load];
    const worst = this.worstResponseUsBySecond[load];
    while (done.length <= second) done.push(0);
    while (worst.length <= second) worst.push(0);
    done[second]++;
    worst[second] = Math.max(worst[second], this.cursor[0] - this.now);
    this.queue.push(this.now + Math.max(1, Math.ceil(rng.exp(US_PER_S / l.iops))), EV_IO, load, 0);
  }

  private sample(second: number): void {
    const busy = this.arrays.parityGroups.busyUs;
    this.groupBusyBySecond.push(Array.from(busy, (b, g) => b - this.lastBusy[g]));
    this.lastBusy = Array.from(busy);
    this.moves.sample(second);
    this.queue.pushLate((second + 1) * US_PER_S, EV_SAMPLE, second + 1, 0);
  }
}

/**
 * Copies each parity group's `diskCapacityGiB` from the scenario into the compiled model when
 * compile.ts does not carry it yet (volume-move.ts reads it for the capacity check).
 */
export function withDiskCapacities(model: CompiledModel, scenario: Scenario): void {
  for (const d of scenario.topology.devices) {
    if (d.kind !== 'array') continue;
    for (const pg of d.parityGroups) {
      const g = model.parityGroups.find((x) => x.id === `${d.id}/${pg.id}`) as { diskCapacityGiB?: number } | undefined;
      if (g && g.diskCapacityGiB === undefined) g.diskCapacityGiB = pg.diskCapacityGiB;
    }
  }
}
