/**
 * A cartridge holding several jobs: a backup to a named cartridge that already holds data
 * appends after it (a locate past the earlier job, which stays intact), and a restore of the
 * later job locates to where it starts. Each restore verifies against its own catalog entry.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation.ts';
import { backupScenario, barcode, jobOf, must, runJob, trackRange, writeTracks } from '../testing/backup-fixtures.ts';
import { TAPE_LOCATE_US } from './media.ts';

const CART = barcode(1); // SBX001L8

describe('tape jobs › several jobs on one cartridge', () => {
  it('appends a second backup after the first, and restores either one exactly', () => {
    const sim = createSimulation(backupScenario({ durationS: 3600 }));
    writeTracks(sim, 'P', trackRange(0, 2000));
    must(sim, { type: 'backupJob', job: 'bk1', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db', cartridges: [CART] });
    const first = runJob(sim, 'bk1');
    expect(first.cartridges).toEqual([expect.objectContaining({ barcode: CART, startBytes: 0 })]);
    writeTracks(sim, 'P', trackRange(3000, 1000)); // P changes: the second image differs
    must(sim, { type: 'backupJob', job: 'bk2', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db', cartridges: [CART] });
    const second = runJob(sim, 'bk2');
    // It starts where the first ended, after a locate on top of robot move and load.
    expect(second.cartridges).toEqual([expect.objectContaining({ barcode: CART, startBytes: first.bytesDone, bytes: 3000 * 256 * 1024 })]);
    const mountS = second.transferStartS! - second.startedS!;
    expect(mountS).toBeCloseTo(10 + 15 + TAPE_LOCATE_US / 1e6, 3);
    const cart = sim.backupStatus().libraries[0].cartridges.find((c) => c.barcode === CART)!;
    expect(cart.usedBytes).toBe(first.bytesDone + second.bytesDone);
    expect(cart.jobs).toEqual(['bk1', 'bk2']);
    // Restoring the first image (at BOT, no locate) and then the second (a locate).
    must(sim, { type: 'restoreJob', job: 'rs1', fromJob: 'bk1', target: 'R', path: 'lan-free', serverId: 'db' });
    const rs1 = runJob(sim, 'rs1');
    expect(rs1.verification?.passed).toBe(true);
    expect(rs1.transferStartS! - rs1.startedS!).toBeCloseTo(25, 3);
    expect(sim.ldevDigest('R')).not.toBe(sim.ldevDigest('P'));
    must(sim, { type: 'restoreJob', job: 'rs2', fromJob: 'bk2', target: 'R', path: 'lan-free', serverId: 'db' });
    const rs2 = runJob(sim, 'rs2');
    expect(rs2.verification?.passed).toBe(true);
    expect(rs2.transferStartS! - rs2.startedS!).toBeCloseTo(25 + TAPE_LOCATE_US / 1e6, 3);
    expect(sim.ldevDigest('R')).toBe(sim.ldevDigest('P')); // the second image is P as it is now
    expect(jobOf(sim, 'bk1').verification?.passed).toBe(true);
  });

  it('a cartridge that cannot take the whole second job spans to a scratch one', () => {
    const sim = createSimulation(backupScenario({ ldevGiB: 8, library: { generation: 'dvd' }, durationS: 36_000 }));
    writeTracks(sim, 'P', trackRange(0, 12_000)); // 3.15 GB
    const dvd = barcode(1, 'dvd');
    must(sim, { type: 'backupJob', job: 'a', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db', cartridges: [dvd] });
    const a = runJob(sim, 'a');
    expect(a.cartridges.map((c) => c.barcode)).toEqual([dvd]);
    must(sim, { type: 'backupJob', job: 'b', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db', cartridges: [dvd] });
    const b = runJob(sim, 'b');
    expect(b.state).toBe('done');
    expect(b.cartridges.length).toBe(2); // 4.7 GB disc: 1.55 GB left after job a
    expect(b.cartridges[0]).toMatchObject({ barcode: dvd, startBytes: a.bytesDone });
    expect(b.cartridges[0].bytes + a.bytesDone).toBeLessThanOrEqual(4_700_372_992);
    expect(b.verification?.passed).toBe(true);
  });
});
