/**
 * A small backup SAN for the engine's tape, runbook and SAN-manager tests, built with SanBuilder
 * and finished with what the builder does not make (LAN ports and a LAN segment, a tape or DVD
 * library, runbooks, the SAN manager's policies, `clockStart`):
 *
 *   db ─hba0── fc-db ──┐            ┌── fc-arr0 ── arr1/fc0  hg-db (db): LUN 0 P, 1 S, 2 T, 3 R
 *   bk ─hba0── fc-bk ──┤── sw1 ─────┤── fc-arr1 ── arr1/fc1  hg-bk (bk): LUN 0 S, 1 T, 2 R
 *                      └─ fc-lib0…  └─ (library drive ports drive0…, one link each)
 *   db ─eth0── lan-db ── lan1 ── lan-bk ── eth0─ bk            (1 GbE unless told)
 *
 * LDEVs P (primary), S (secondary), T (third), R (restore target) on one SSD parity group, all
 * `ldevGiB` (default 4 GiB = 16,384 tracks of 256 KiB); extra LDEVs (`extraLdevs`) are reached by
 * db only (hg-db, LUN 4…). Copy group `G` / device `d` is P → S (local or host mirror on db).
 *
 * Owns: the fixture topology and a few run helpers (write tracks through the host probe, read a
 * job or a library's status). Link ids are named (above), so tests can say which link a path loads.
 *
 * Does not handle: assertions (the tests make them); every helper throws when its premise fails.
 */
import type { z } from 'zod';
import { Scenario, type Action, type ScenarioInput } from '../../model/scenario.ts';
import type { BackupConfig, Device, Link, Workload } from '../../model/topology.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import type { JobStatus, LibraryStatus } from '../backup-api.ts';
import { SanBuilder } from './san-builder.ts';

export type LtoGen = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface LibraryOptions {
  /** LTO generation of the drives (tape library), or 'dvd' for a DVD-RAM library. Default 8. */
  generation?: LtoGen | 'dvd';
  drives?: number;
  /** Scratch cartridges SBX001Ln… (DVD001D1… for DVD), slots 1…; default 4. */
  scratch?: number;
  /** Extra cartridges, e.g. a non-scratch one: `{ barcode: 'OLD001L8', slot: 20, scratch: false }`. */
  extra?: { barcode: string; slot: number; scratch: boolean }[];
  slots?: number;
}

export interface BackupSanOptions {
  ldevGiB?: number;
  /** Extra LDEVs (ids) of `ldevGiB`, on hg-db from LUN 4. */
  extraLdevs?: string[];
  /** LDEVs of another size: id → GiB (on hg-db after the extras). */
  sizedLdevs?: Record<string, number>;
  library?: LibraryOptions;
  lanGbps?: number;
  fcGbps?: number;
  /** Copy group G/d P → S: 'local' (ShadowImage), 'host-mirror' (db's mirror program) or none. */
  pair?: 'local' | 'host-mirror' | null;
  /** A second local pair G2/d2 P → T (MU 1) for a second split image. */
  secondPair?: boolean;
  /** A workload `oltp` on db driving P (LUN 0). */
  workload?: Partial<Omit<Workload, 'target' | 'id'>> | null;
  timeline?: { atS: number; action: Action }[];
  runbooks?: RunbookInput[];
  backup?: z.input<typeof BackupConfig>;
  clockStart?: string;
  durationS?: number;
  seed?: number;
}

export const TRACK_BYTES = 256 * 1024;
export const GIB = 1024 ** 3;

/** A barcode of the fixture: `SBX001L8`, or `DVD001D1` for DVD. */
export function barcode(n: number, generation: LtoGen | 'dvd' = 8): string {
  const serial = String(n).padStart(3, '0');
  return generation === 'dvd' ? `DVD${serial}D1` : `SBX${serial}L${generation}`;
}

const LINK_NAMES: Record<string, string> = { l1: 'fc-db', l2: 'fc-bk', l3: 'fc-arr0', l4: 'fc-arr1' };

function libraryDevice(o: LibraryOptions, fcGbps: number): Device {
  const gen = o.generation ?? 8;
  const drives = o.drives ?? 1;
  const ports = Array.from({ length: drives }, (_, i) => ({ id: `drive${i}`, kind: 'fc' as const, speedGbps: fcGbps, wwpn: `50:01:43:80:00:00:00:${(i + 1).toString(16).padStart(2, '0')}` }));
  const cartridges = [
    ...Array.from({ length: o.scratch ?? 4 }, (_, i) => ({ barcode: barcode(i + 1, gen), slot: i + 1, scratch: true })),
    ...(o.extra ?? []),
  ];
  const common = { id: 'lib1', name: 'lib1', siteId: 'main', position: { x: 0, y: 400 }, ports, driveCount: drives, slotCount: o.slots ?? 40, ioSlotCount: 2, cartridges };
  return gen === 'dvd' ? { ...common, kind: 'dvdLibrary' } : { ...common, kind: 'tapeLibrary', driveGeneration: `LTO-${gen}` as const };
}

/** The fixture scenario (see the header). */
export function backupScenario(opts: BackupSanOptions = {}): Scenario {
  const fcGbps = opts.fcGbps ?? 8;
  const gib = opts.ldevGiB ?? 4;
  const b = new SanBuilder('backup SAN');
  b.server('db', { speedGbps: fcGbps }).server('bk', { speedGbps: fcGbps }).fcSwitch('sw1', { ports: 16, speedGbps: fcGbps });
  b.array('arr1', { ports: 2, speedGbps: fcGbps, cacheGiB: 8 }).parityGroup('arr1', 'pg1', 'ssd', 'RAID5', 8);
  for (const id of ['P', 'S', 'T', 'R', ...(opts.extraLdevs ?? [])]) b.ldev('arr1', id, 'pg1', gib);
  for (const [id, size] of Object.entries(opts.sizedLdevs ?? {})) b.ldev('arr1', id, 'pg1', size);
  b.connect('db/hba0', 'sw1').connect('bk/hba0', 'sw1').connect('sw1', 'arr1/fc0').connect('sw1', 'arr1/fc1');
  b.hostGroup('arr1', 'hg-db', 'fc0', { servers: ['db'] }).hostGroup('arr1', 'hg-bk', 'fc1', { servers: ['bk'] });
  const dbLus = ['P', 'S', 'T', 'R', ...(opts.extraLdevs ?? []), ...Object.keys(opts.sizedLdevs ?? {})];
  dbLus.forEach((id, lun) => b.luPath('arr1', 'fc0', 'hg-db', lun, id));
  ['S', 'T', 'R'].forEach((id, lun) => b.luPath('arr1', 'fc1', 'hg-bk', lun, id));
  if (opts.pair) {
    const hm = opts.pair === 'host-mirror';
    b.copyGroup({ id: 'G', kind: opts.pair, ...(hm ? { serverId: 'db' } : {}), devices: [{ name: 'd', pvol: 'P', svol: 'S' }] });
  }
  if (opts.secondPair) b.copyGroup({ id: 'G2', kind: 'local', devices: [{ name: 'd2', pvol: 'P', svol: 'T', mu: 1 }] });
  if (opts.workload !== undefined && opts.workload !== null) {
    b.workload('db', { rw: 'randwrite', bs: '4k', rate_iops: 500, size: '1g', ...opts.workload, id: 'oltp', target: { arrayId: 'arr1', portId: 'fc0', lun: 0 } });
  }
  for (const e of opts.timeline ?? []) b.at(e.atS, e.action);
  const built = b.build({ seed: opts.seed ?? 1, durationS: opts.durationS ?? 600 });
  return finish(built, opts, fcGbps);
}

/** Adds the LAN, the library and the backup configuration to the builder's scenario and parses it again. */
function finish(built: Scenario, opts: BackupSanOptions, fcGbps: number): Scenario {
  const lan = opts.lanGbps ?? 1;
  const topo = built.topology;
  const devices: Device[] = topo.devices.map((d) => (d.kind === 'server' ? { ...d, ports: [...d.ports, { id: 'eth0', kind: 'lan', speedGbps: lan }] } : d));
  devices.push({ id: 'lan1', name: 'lan1', kind: 'lanSegment', siteId: 'main', position: { x: 0, y: 300 }, ports: [1, 2, 3, 4].map((i) => ({ id: `p${i}`, kind: 'lan' as const, speedGbps: lan })) });
  const library = libraryDevice(opts.library ?? {}, fcGbps);
  devices.push(library);
  const links: Link[] = topo.links.map((l) => ({ ...l, id: LINK_NAMES[l.id] ?? l.id }));
  links.push({ id: 'lan-db', a: { deviceId: 'db', portId: 'eth0' }, b: { deviceId: 'lan1', portId: 'p1' }, lengthM: 10 });
  links.push({ id: 'lan-bk', a: { deviceId: 'bk', portId: 'eth0' }, b: { deviceId: 'lan1', portId: 'p2' }, lengthM: 10 });
  library.ports.forEach((p, i) => links.push({ id: `fc-lib${i}`, a: { deviceId: 'lib1', portId: p.id }, b: { deviceId: 'sw1', portId: `p${8 + i}` }, lengthM: 10 }));
  const input: ScenarioInput = {
    ...built,
    topology: { ...topo, devices, links, backup: opts.backup ?? { freeVolumes: [], policies: [] } },
    runbooks: opts.runbooks ?? [],
    clockStart: opts.clockStart ?? '00:00',
  };
  return Scenario.parse(input);
}

/** A runbook document as written (schema defaults filled in by the scenario parse). */
export type RunbookInput = NonNullable<ScenarioInput['runbooks']>[number];

// ---------------------------------------------------------------- run helpers

/** Whole-track host writes now (the probe: same access rules and pair bookkeeping as a workload). */
export function writeTracks(sim: EngineSimulationHandle, ldevId: string, tracks: Iterable<number>, mirror?: string): number {
  let n = 0;
  for (const t of tracks) {
    const refused = sim.hostWriteTrack(ldevId, t, mirror);
    if (refused !== null) throw new Error(`write of ${ldevId} track ${t} refused: ${refused}`);
    n++;
  }
  return n;
}

/** `count` tracks from `first`, every `step`-th. */
export function trackRange(first: number, count: number, step = 1): number[] {
  return Array.from({ length: count }, (_, i) => first + i * step);
}

export function jobOf(sim: EngineSimulationHandle, id: string): JobStatus {
  const j = sim.backupStatus().jobs.find((x) => x.id === id);
  if (!j) throw new Error(`no job ${id}`);
  return j;
}

export function libraryOf(sim: EngineSimulationHandle, id = 'lib1'): LibraryStatus {
  const l = sim.backupStatus().libraries.find((x) => x.id === id);
  if (!l) throw new Error(`no library ${id}`);
  return l;
}

/** Applies a command and throws with its message when refused. */
export function must(sim: EngineSimulationHandle, action: Action): void {
  const r = sim.apply(action);
  if (!r.ok) throw new Error(`${action.type} refused: ${r.message}`);
}

/** Runs until `done(sim)` holds, in steps of `stepUs`, at most until `limitUs`; throws if it never holds. */
export function runUntilHolds(sim: EngineSimulationHandle, done: () => boolean, limitUs: number, stepUs = 1_000_000): void {
  while (!done()) {
    if (sim.nowUs() >= Math.min(limitUs, sim.endUs())) throw new Error(`condition not reached by ${sim.nowUs() / 1e6} s`);
    sim.runUntil(Math.min(sim.nowUs() + stepUs, limitUs));
  }
}

/** Runs until job `id` is done or failed. */
export function runJob(sim: EngineSimulationHandle, id: string, limitUs = sim.endUs()): JobStatus {
  runUntilHolds(sim, () => {
    const s = jobOf(sim, id).state;
    return s === 'done' || s === 'failed';
  }, limitUs);
  return jobOf(sim, id);
}

export function pairState(sim: EngineSimulationHandle, key = 'G/d'): string {
  const p = sim.replicationStatus().pairs.find((x) => x.key === key);
  if (!p) throw new Error(`no pair ${key}`);
  return p.state;
}

/** paircreate of `group` (fast pace), run until PAIR; then split it (`mode`) and run until PSUS unless quick. Returns the split time, µs. */
export function createAndSplit(sim: EngineSimulationHandle, group = 'G', mode: 'steady' | 'quick' = 'steady', key = `${group}/${group === 'G' ? 'd' : 'd2'}`): number {
  must(sim, { type: 'pairCreate', group, pace: 15, split: false });
  runUntilHolds(sim, () => pairState(sim, key) === 'PAIR', sim.endUs(), 10_000);
  const at = sim.nowUs();
  must(sim, { type: 'pairSplit', group, mode, access: mode === 'quick' ? 'r' : 'rw' });
  if (mode === 'steady') runUntilHolds(sim, () => pairState(sim, key) === 'PSUS', sim.endUs(), 10_000);
  return at;
}
