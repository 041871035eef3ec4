/**
 * ParityGroups disk choice against a plain sort-based model: every read takes the
 * earliest-free disk, every destage the `destageDisks` earliest-free distinct disks, ties to the
 * lowest index — for RAID1/5/6 and disk counts that are not powers of two.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledParityGroup } from '../compile.ts';
import { RAID_WRITE_PENALTY, TIER_MODELS } from '../constants.ts';
import { createIoCursor } from '../io-cursor.ts';
import type { RaidLevel, Tier } from '../../model/topology.ts';
import { ParityGroups } from './parity-group.ts';

/** The reference: free times per disk, chosen by scanning. */
class ScanModel {
  readonly free: number[];
  constructor(
    readonly disks: number,
    readonly tier: Tier,
    readonly raid: RaidLevel,
  ) {
    this.free = new Array<number>(disks).fill(0);
  }

  /** The `k` earliest-free distinct disks, ties to the lower index. */
  earliest(k: number): number[] {
    const order = this.free.map((f, d) => [f, d]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return order.slice(0, k).map(([, d]) => d);
  }

  read(atUs: number, bytes: number): number {
    const [d] = this.earliest(1);
    const serviceUs = TIER_MODELS[this.tier].positioningUs + bytes * (1 / TIER_MODELS[this.tier].mediaBytesPerUs);
    const end = Math.max(atUs, this.free[d]) + serviceUs;
    this.free[d] = end;
    return end;
  }

  destageNow(atUs: number, bytes: number): number {
    const disks = Math.min(this.disks, this.raid === 'RAID6' ? 3 : 2);
    const opUs = TIER_MODELS[this.tier].positioningUs + bytes * (1 / TIER_MODELS[this.tier].mediaBytesPerUs);
    const perDisk = (opUs * RAID_WRITE_PENALTY[this.raid]) / disks;
    let last = 0;
    for (const d of this.earliest(disks)) {
      this.free[d] = Math.max(atUs, this.free[d]) + perDisk;
      last = Math.max(last, this.free[d]);
    }
    return last;
  }
}

const groupArb = fc.record({
  disks: fc.integer({ min: 1, max: 19 }),
  tier: fc.constantFrom<Tier>('ssd', 'hdd15k', 'hdd7k'),
  raid: fc.constantFrom<RaidLevel>('RAID1', 'RAID5', 'RAID6'),
});
const opArb = fc.record({
  read: fc.boolean(),
  gapUs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
  kib: fc.constantFrom(4, 8, 64, 256),
});

describe('parity groups › disk choice', () => {
  it('reads and destages occupy exactly the disks a scan would choose, with the same times', () => {
    fc.assert(
      fc.property(groupArb, fc.array(opArb, { maxLength: 120 }), ({ disks, tier, raid }, ops) => {
        const groups: CompiledParityGroup[] = [
          { id: 'a/other', arrayIndex: 0, tier: 'ssd', raid: 'RAID5', diskCount: 3, diskCapacityGiB: 1200 },
          { id: 'a/pg', arrayIndex: 0, tier, raid, diskCount: disks, diskCapacityGiB: 1200 },
        ];
        const cursor = createIoCursor();
        const pg = new ParityGroups(groups, cursor, [new Int32Array(4)]);
        const model = new ScanModel(disks, tier, raid);
        let t = 0;
        for (const op of ops) {
          t += op.gapUs;
          cursor[0] = t;
          if (op.read) {
            pg.read(1, op.kib * 1024);
            expect(cursor[0]).toBe(model.read(t, op.kib * 1024));
          } else {
            pg.destageNow(1, op.kib * 1024, true);
            expect(cursor[0]).toBe(model.destageNow(t, op.kib * 1024));
          }
          const start = pg.diskStart[1];
          expect(Array.from(pg.diskNextFreeUs.subarray(start, start + disks))).toEqual(model.free);
          expect(Array.from(pg.diskNextFreeUs.subarray(0, 3))).toEqual([0, 0, 0]); // the other group is untouched
        }
      }),
      { numRuns: 300 },
    );
  });
});
