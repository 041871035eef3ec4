/**
 * The reference scenario used by the throughput benchmarks (Node and worker): 8 hosts, two FC
 * switches (fabrics A and B), two arrays, 32 LDEVs, every host driving 4 LDEVs with random
 * 4 KiB 70/30 randrw at iodepth 8.
 *
 * Layout: host h0N has hba0 on switch swA and hba1 on swB; hosts h01–h04 use array arr1,
 * h05–h08 arr2. Each array has 8 ports (fc0–fc3 on swA, fc4–fc7 on swB), an SSD and a 15k HDD
 * RAID5 parity group; LDEVs `10:00`…`10:0F` (arr1) and `20:00`…`20:0F` (arr2) alternate between
 * the two groups. A host's k-th LDEV is reached over fabric A for even k and B for odd k, on
 * port fc{(host + k) mod 4 (+4 on B)}.
 *
 * Sizes are those of the seed patents' era (Hitachi Lightning 9900: OPEN-9 LDEVs of ~7.3 GB,
 * 16–32 GB of cache): 8 GiB LDEVs and 16 GiB of cache per array, so uniform random I/O hits
 * ~12 % in cache. Throughput of the engine depends on this footprint — the LRU cache and the
 * track digests are random-access tables — so the benchmark also reports `--ldev-gib` /
 * `--cache-gib` variants (see bench/node-sim.ts).
 *
 * Invariants: fixed by code; changing it changes the benchmark baseline — say so in the commit.
 */
import type { Scenario } from '../../model/scenario.ts';
import { SanBuilder } from './san-builder.ts';

const HOSTS = 8;
const LDEVS_PER_HOST = 4;

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

export interface ReferenceOptions {
  durationS?: number;
  seed?: number;
  /** LDEV size, GiB (default 8). */
  ldevGiB?: number;
  /** Cache per array, GiB (default 16). */
  cacheGiB?: number;
}

export function referenceScenario(opts: ReferenceOptions = {}): Scenario {
  const b = new SanBuilder('reference 8x2');
  b.fcSwitch('swA', { ports: 32, speedGbps: 16, domainId: 1 }).fcSwitch('swB', { ports: 32, speedGbps: 16, domainId: 2 });
  for (const [a, prefix] of [['arr1', '10'], ['arr2', '20']] as const) {
    b.array(a, { ports: 8, speedGbps: 16, cacheGiB: opts.cacheGiB ?? 16 });
    b.parityGroup(a, 'pg-ssd', 'ssd', 'RAID5', 16).parityGroup(a, 'pg-hdd', 'hdd15k', 'RAID5', 16);
    for (let p = 0; p < 8; p++) b.connect(`${a}/fc${p}`, p < 4 ? 'swA' : 'swB');
    for (let i = 0; i < 16; i++) b.ldev(a, `${prefix}:${hex2(i)}`, i % 2 === 0 ? 'pg-ssd' : 'pg-hdd', opts.ldevGiB ?? 8);
  }
  for (let h = 1; h <= HOSTS; h++) {
    const host = `h0${h}`;
    b.server(host, { hbas: 2, speedGbps: 16 }).connect(`${host}/hba0`, 'swA').connect(`${host}/hba1`, 'swB');
    const array = h <= 4 ? 'arr1' : 'arr2';
    const prefix = h <= 4 ? '10' : '20';
    for (let k = 0; k < LDEVS_PER_HOST; k++) {
      const port = `fc${((h + k) % 4) + (k % 2 === 0 ? 0 : 4)}`;
      const ldev = `${prefix}:${hex2(((h - 1) % 4) * LDEVS_PER_HOST + k)}`;
      const hg = `hg-${host}-${port}`;
      b.hostGroup(array, hg, port, { servers: [host] }).luPath(array, port, hg, k, ldev);
      b.workload(host, { id: `oltp${k}`, rw: 'randrw', rwmixread: 70, bs: '4k', iodepth: 8, startAtS: 0, target: { arrayId: array, portId: port, lun: k } });
    }
  }
  return b.build({ seed: opts.seed ?? 42, durationS: opts.durationS ?? 60 });
}
