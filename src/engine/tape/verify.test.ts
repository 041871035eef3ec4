/**
 * Verification by track digests (verify.ts): `compareWithImage` on hand-made images, then in the
 * simulation a backup compared with the wrong image (a later split of P) and a backup of a live
 * volume written while the job runs — each FAIL with exactly the tracks that differ — and the
 * default reference (the split of the pair whose S-VOL is backed up) passing.
 */
import { describe, expect, it } from 'vitest';
import { TrackDigests } from '../block/track-digests.ts';
import { createSimulation } from '../simulation.ts';
import { backupScenario, createAndSplit, must, runJob, trackRange, writeTracks } from '../testing/backup-fixtures.ts';
import { compareWithImage, type ReferenceImage } from './verify.ts';

function volume(trackCount: number, content: Record<number, number>): TrackDigests {
  const d = new TrackDigests(trackCount);
  for (const [t, v] of Object.entries(content)) d.set(Number(t), v);
  return d;
}

const image = (content: Record<number, number>, trackCount = 100): ReferenceImage => ({ digests: volume(trackCount, content), atUs: 12_500_000, label: 'P at the split of G/d' });

const list = (content: Record<number, number>) => {
  const tracks = Object.keys(content).map(Number).sort((a, b) => a - b);
  return { tracks: Int32Array.from(tracks), digests: Uint32Array.from(tracks.map((t) => content[t])) };
};

describe('verify › compareWithImage', () => {
  it('passes when every track matches, counting every track of the volume as compared', () => {
    const tape = list({ 3: 0xaa, 40: 0xbb });
    const v = compareWithImage(tape.tracks, tape.digests, image({ 3: 0xaa, 40: 0xbb }), 100, 'the tape of bk');
    expect(v).toEqual({
      passed: true,
      tracksCompared: 100,
      mismatches: 0,
      firstMismatch: null,
      against: 'P at the split of G/d (12.500 s)',
      line: 'PASS: the tape of bk equals P at the split of G/d (12.500 s): 100 tracks compared digest by digest',
    });
  });

  it('counts a changed track, a track only the image has and a track only the tape has; first mismatch is the lowest', () => {
    const tape = list({ 3: 0xaa, 40: 0xcc, 77: 0xdd });
    const v = compareWithImage(tape.tracks, tape.digests, image({ 3: 0xaa, 40: 0xbb, 12: 0xee }), 100, 'the tape of bk');
    expect(v).toMatchObject({ passed: false, mismatches: 3, firstMismatch: 12 });
    expect(v.line).toBe('FAIL: the tape of bk differs from P at the split of G/d (12.500 s) on 3 of 100 tracks (first: track 12)');
  });

  it('treats a never-written track (digest 0) on the tape as equal to an absent one', () => {
    const tape = list({ 3: 0xaa, 50: 0 });
    expect(compareWithImage(tape.tracks, tape.digests, image({ 3: 0xaa }), 100, 'x').passed).toBe(true);
  });

  it('compares a whole volume with a track list (a restore checked against the catalog), with thousands separators', () => {
    const catalog: ReferenceImage = { list: list({ 1: 7, 2: 8 }), atUs: 0, label: 'the catalog of bk' };
    expect(compareWithImage(null, null, catalog, 20_480, 'R', volume(20_480, { 1: 7, 2: 8 })).line).toBe(
      'PASS: R equals the catalog of bk (0.000 s): 20,480 tracks compared digest by digest',
    );
    const extra = compareWithImage(null, null, catalog, 20_480, 'R', volume(20_480, { 1: 7, 2: 8, 9_000: 1 }));
    expect(extra).toMatchObject({ passed: false, mismatches: 1, firstMismatch: 9_000 });
  });
});

describe('verify › in the simulation', () => {
  it('FAILs a backup of S against a later split of P, counting the tracks P changed in between', () => {
    const sim = createSimulation(backupScenario({ pair: 'local', secondPair: true }));
    must(sim, { type: 'pairCreate', group: 'G2', pace: 15, split: false });
    writeTracks(sim, 'P', trackRange(0, 300));
    createAndSplit(sim, 'G'); // image 1: P as written so far
    writeTracks(sim, 'P', [30, 10, 20, 4_000]); // three changed tracks and one new one
    sim.runUntil(sim.nowUs() + 1_000_000);
    must(sim, { type: 'pairSplit', group: 'G2', mode: 'steady', access: 'rw' }); // image 2
    sim.runUntil(sim.nowUs() + 1_000_000);
    must(sim, { type: 'backupJob', job: 'wrong', source: 'S', libraryId: 'lib1', path: 'lan-free', serverId: 'bk', verifyAgainst: { group: 'G2' } });
    must(sim, { type: 'backupJob', job: 'right', source: 'S', libraryId: 'lib1', path: 'lan-free', serverId: 'bk' });
    const wrong = runJob(sim, 'wrong');
    const right = runJob(sim, 'right');
    expect(wrong.verification).toMatchObject({ passed: false, tracksCompared: 16_384, mismatches: 4, firstMismatch: 10 });
    expect(wrong.verification!.line).toMatch(/^FAIL: the tape of wrong differs from P at the split of G2\/d2 .* on 4 of 16,384 tracks \(first: track 10\)$/);
    expect(right.verification).toMatchObject({ passed: true, mismatches: 0 });
    expect(right.verification!.against).toMatch(/^P at the split of G\/d /);
    expect(sim.report().catalog.wrong.verification!.passed).toBe(false);
  });

  it('FAILs a backup of a live volume written while it runs, on exactly the planned tracks rewritten', () => {
    const sim = createSimulation(backupScenario({}));
    writeTracks(sim, 'P', trackRange(0, 300));
    must(sim, { type: 'backupJob', job: 'live', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db' });
    // The reference is P as the job started; the drive is still mounting, so these reach the tape:
    writeTracks(sim, 'P', [299, 298, 5]);
    writeTracks(sim, 'P', [1_000]); // not planned: on neither side
    const job = runJob(sim, 'live');
    expect(job.tracksPlanned).toBe(300);
    expect(job.verification).toMatchObject({ passed: false, mismatches: 3, firstMismatch: 5, tracksCompared: 16_384 });
    expect(job.verification!.against).toBe('P as the job started (0.000 s)');
  });

  it('PASSes the same live backup when nothing writes P during the job (control)', () => {
    const sim = createSimulation(backupScenario({}));
    writeTracks(sim, 'P', trackRange(0, 300));
    must(sim, { type: 'backupJob', job: 'quiet', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'db' });
    expect(runJob(sim, 'quiet').verification).toMatchObject({ passed: true, mismatches: 0 });
  });
});
