/**
 * Counterexamples found by the model-based tests (pairs.prop.test.ts), each reduced by hand to
 * a short runbook and pinned here under a name that says what went wrong. Each test asserts the
 * spec (DESIGN.md "Local pairs", "Copy-on-write snapshots"), not the engine's old behaviour, and
 * failed before its fix.
 *
 * Topology: LDEVs p, s, t, v of 41 tracks; G: p → s; C: the cascade s → t; SN: snapshots of p
 * (g0 presented on v, g1); SS: a snapshot of s; one pool of 12 tracks.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import type { PairState } from '../api.ts';
import { createSimulation } from '../simulation.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { smallSan } from '../testing/small-sans.ts';

const TRACKS = 41;
const SETTLE_US = 60_000_000;

function scenario() {
  const b = smallSan();
  for (const v of ['p', 's', 't', 'v']) b.ldev('arr1', v, 'pg-ssd', 0.01);
  b.pool('arr1', 'pool1', 'pg-ssd', 0.003);
  b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd', pvol: 'p', svol: 's' }] });
  b.copyGroup({ id: 'C', kind: 'local', devices: [{ name: 'd', pvol: 's', svol: 't' }] });
  b.copyGroup({ id: 'SN', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g0', pvol: 'p', svol: 'v', mu: 0 }, { name: 'g1', pvol: 'p', mu: 1 }] });
  b.copyGroup({ id: 'SS', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'g0', pvol: 's', mu: 0 }] });
  return b.build({ durationS: 3600 });
}

/** A runbook over one simulation: every step must be accepted unless the test says otherwise. */
class Runbook {
  readonly sim: EngineSimulationHandle = createSimulation(scenario());

  write(vol: string, ...tracks: number[]): this {
    for (const t of tracks) expect(this.sim.hostWriteTrack(vol, t), `write ${vol}[${t}]`).toBeNull();
    return this;
  }

  /** A pair command that must be accepted. */
  run(action: Action): this {
    const r = this.sim.apply(action);
    expect(r.ok, `${action.type}: ${r.message ?? ''}`).toBe(true);
    return this;
  }

  settle(): this {
    this.sim.runUntil(this.sim.nowUs() + SETTLE_US);
    return this;
  }

  state(key: string): PairState {
    return this.sim.replicationStatus().pairs.find((p) => p.key === key)!.state;
  }

  read(vol: string, t: number): number | string {
    return this.sim.hostReadTrack(vol, t);
  }

  /** Every track of `a` reads as the same track of `b`. */
  expectSame(a: string, b: string): void {
    for (let t = 0; t < TRACKS; t++) expect(this.read(a, t), `${a}[${t}] vs ${b}[${t}]`).toBe(this.read(b, t));
  }
}

const create = (group: string, device?: string): Action => ({ type: 'pairCreate', group, device, pace: 3, split: false });
const split = (group: string, device?: string, mode: 'steady' | 'quick' = 'steady'): Action => ({ type: 'pairSplit', group, device, mode, access: 'rw' });
const resync = (group: string, device?: string): Action => ({ type: 'pairResync', group, device, restore: false });
const restore = (group: string, device?: string): Action => ({ type: 'pairResync', group, device, restore: true });

describe('pair regressions › reports', () => {
  it('a snapshot preserving after its restore reports copy-on-write, not an update copy', () => {
    // Tracks 0 and 1 hold data before the snapshot (never-written tracks are noted as zero, not copied).
    const rb = new Runbook().write('p', 0, 1).run(create('SN', 'g0')).run(split('SN', 'g0')).write('p', 0).run(restore('SN', 'g0')).settle();
    expect(rb.state('SN/g0')).toBe('PSUS');
    rb.write('p', 1);
    const reasons = rb.sim.report().pairs['SN/g0'].copies.map((c) => `${c.reason} ${c.tracks}`);
    expect(reasons).toEqual(['copy-on-write 1', 'snapshot-restore 1', 'copy-on-write 1']);
  });
});

describe('pair regressions › split', () => {
  it('a split accepted during an initial copy that is then suspended does not split the pair after a later resync', () => {
    const rb = new Runbook().write('p', 0, 1, 2).run(create('G')).run(split('G')).run({ type: 'pairSuspend', group: 'G' });
    expect(rb.state('G/d')).toBe('PSUE');
    rb.run(resync('G')).settle();
    expect(rb.state('G/d')).toBe('PAIR');
    rb.expectSame('s', 'p');
  });
});

describe('pair regressions › restore conflicts', () => {
  it('restoring a cascade onto the S-VOL of a pair in PAIR is refused (else S != P with nothing pending)', () => {
    const rb = new Runbook().run(create('G')).run(create('C')).run(split('C')).write('t', 0);
    expect(rb.sim.apply(restore('C'))).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    rb.settle();
    expect(rb.state('G/d')).toBe('PAIR');
    rb.expectSame('s', 'p');
  });

  it('restoring a snapshot of the S-VOL of a pair in PAIR is refused', () => {
    const rb = new Runbook().run(create('G')).run(create('SS')).run(split('SS')).write('p', 0).settle();
    expect(rb.sim.apply(restore('SS'))).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    rb.settle();
    rb.expectSame('s', 'p');
  });

  it('restoring a cascade onto a quick-split S-VOL that is still draining is refused', () => {
    const rb = new Runbook().run(create('G')).run(create('C')).run(split('C')).write('t', 5).write('p', 0, 1, 2, 3).run(split('G', undefined, 'quick'));
    expect(rb.state('G/d')).toBe('PSUS(SP)');
    expect(rb.sim.apply(restore('C'))).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    rb.settle();
    expect(rb.state('G/d')).toBe('PSUS');
    rb.expectSame('s', 'p');
  });

  it('a group restore of two snapshot generations of one P-VOL is refused (else the newer generation loses its image)', () => {
    const rb = new Runbook().run(create('SN')).run(split('SN', 'g1')).write('p', 1).run(split('SN', 'g0'));
    const g0Image = rb.sim.snapshotTrack('SN/g0', 1);
    expect(rb.sim.apply(restore('SN'))).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    rb.settle();
    expect(rb.sim.snapshotTrack('SN/g0', 1)).toBe(g0Image);
  });

  it('restoring a snapshot onto a P-VOL that a local pair is restoring is refused', () => {
    const rb = new Runbook().run(create('G')).run(create('SN', 'g0')).run(split('SN', 'g0')).write('p', 2).settle();
    rb.run(split('G')).write('s', 0).run(restore('G'));
    expect(rb.state('G/d')).toBe('COPY(RS-R)');
    expect(rb.sim.apply(restore('SN', 'g0'))).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    rb.settle();
    expect(rb.state('G/d')).toBe('PAIR');
    rb.expectSame('s', 'p');
  });

  it('resyncing a pair whose S-VOL a cascade is restoring is refused (else the cascade ends with S != P)', () => {
    // Ten tracks to restore at pace 3: the restore spans several cycles, G's resync copies in between.
    const rb = new Runbook().run(create('G')).run(create('C')).run(split('G')).run(split('C')).write('t', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9).write('p', 20);
    rb.run(restore('C'));
    expect(rb.state('C/d')).toBe('COPY(RS-R)');
    expect(rb.sim.apply(resync('G'))).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    rb.settle();
    expect(rb.state('C/d')).toBe('PAIR');
    rb.expectSame('t', 's');
  });
});
