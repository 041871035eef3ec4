/**
 * Small SANs for engine tests, built with SanBuilder: one host, one switch, one array.
 *
 *   host h1 (hba0) ── l1 ── sw1 ── l2 ── arr1/fc0
 *
 * The array has an SSD and a 15k-HDD parity group, LDEVs `ssd0` (SSD) and `hdd0` (HDD), and a
 * host group `hg1` on fc0 admitting h1 with LUN 0 → ssd0 and LUN 1 → hdd0. Tests add workloads
 * and break one thing at a time (a link, a WWPN, an LU path) to see each reject reason.
 */
import { SanBuilder } from './san-builder.ts';

export interface SmallSanOptions {
  cacheGiB?: number;
  linkGbps?: number;
  ldevGiB?: number;
  readOnlyHdd?: boolean;
  /** Leave the host unconnected (no route). */
  unplugged?: boolean;
  /** Host group admits another WWPN instead of the host's. */
  foreignHostGroup?: boolean;
}

export function smallSan(opts: SmallSanOptions = {}): SanBuilder {
  const gbps = opts.linkGbps ?? 8;
  const b = new SanBuilder('small SAN');
  b.server('h1', { hbas: 1, speedGbps: gbps }).fcSwitch('sw1', { ports: 8, speedGbps: gbps });
  b.array('arr1', { ports: 2, speedGbps: gbps, cacheGiB: opts.cacheGiB ?? 4 });
  b.parityGroup('arr1', 'pg-ssd', 'ssd', 'RAID5', 8).parityGroup('arr1', 'pg-hdd', 'hdd15k', 'RAID5', 8);
  b.ldev('arr1', 'ssd0', 'pg-ssd', opts.ldevGiB ?? 64).ldev('arr1', 'hdd0', 'pg-hdd', opts.ldevGiB ?? 64, opts.readOnlyHdd ?? false);
  if (!opts.unplugged) b.connect('h1/hba0', 'sw1');
  b.connect('sw1', 'arr1/fc0');
  const members = opts.foreignHostGroup ? { wwpns: ['10:00:00:00:00:00:99:99'] } : { servers: ['h1'] };
  b.hostGroup('arr1', 'hg1', 'fc0', members).luPath('arr1', 'fc0', 'hg1', 0, 'ssd0').luPath('arr1', 'fc0', 'hg1', 1, 'hdd0');
  return b;
}

/** Target of LUN `lun` on arr1/fc0. */
export const lunTarget = (lun: number): { arrayId: string; portId: string; lun: number } => ({ arrayId: 'arr1', portId: 'fc0', lun });
