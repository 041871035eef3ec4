import { describe, expect, it } from 'vitest';
import type { PairState } from '../engine/api.ts';
import { runCci } from './execute.ts';
import { WAIT_STATUSES } from './parse.ts';
import { fakeContext, pair, type FakeContext } from './test-topology.ts';
import { statusAccepts } from './wait.ts';

/** VG01 with both pairs in `state` from `atS` on (COPY before). */
function reachesAt(state: PairState, atS: number): (ctx: FakeContext) => void {
  return (ctx) => {
    const s = ctx.now >= atS ? state : 'COPY';
    ctx.current = { pairs: [pair('VG01', 'dev1', 'db-p', 'db-s', { state: s }), pair('VG01', 'dev2', 'log-p', 'log-s', { state: s, copyPct: 50 })], pools: [] };
  };
}

function copying(ctx: FakeContext): FakeContext {
  reachesAt('PAIR', Infinity)(ctx);
  return ctx;
}

describe('cci › pairevtwait', () => {
  it('returns at once, printing nothing, when the pairs are already there', async () => {
    const ctx = fakeContext();
    const out = await runCci('pairevtwait -g VG01 -d dev1 -s pair -t 60', ctx);
    expect(out).toEqual({ exitCode: 0, stdout: '', stderr: '', actions: [] });
    expect(ctx.advances).toEqual([]);
  });

  it('polls in steps of at most 1 s of simulated time until every pair matches', async () => {
    const ctx = copying(fakeContext({ onAdvance: reachesAt('PAIR', 13.5) }));
    const out = await runCci('pairevtwait -g VG01 -s psus pair -t 60', ctx);
    expect(out.exitCode).toBe(0);
    expect(ctx.advances).toEqual([1, 1, 1, 1]);
    expect(ctx.now).toBe(14);
    expect(ctx.applied).toEqual([]);
  });

  it('times out with EX_EWSTOT after -t seconds, naming the pairs still pending', async () => {
    const ctx = copying(fakeContext());
    const out = await runCci('pairevtwait -g VG01 -s pair -t 2.5', ctx);
    expect(ctx.advances).toEqual([1, 1, 0.5]);
    expect(out.exitCode).toBe(233);
    expect(out.stderr).toBe(
      'pairevtwait: [EX_EWSTOT] Timeout waiting for specified status\n  VG01/dev1 is COPY (100%), VG01/dev2 is COPY (50%), waiting for pair; 2.5 s passed\n',
    );
  });

  it('-t 0 checks once', async () => {
    const ctx = copying(fakeContext());
    const out = await runCci('pairevtwait -g VG01 -s pair -t 0', ctx);
    expect(out.exitCode).toBe(233);
    expect(ctx.advances).toEqual([]);
  });

  it('gives up with EX_EWSTOT when the run ended and the clock cannot move', async () => {
    const ctx = copying(fakeContext({ now: 599.5, endS: 600 }));
    const out = await runCci('pairevtwait -g VG01 -s pair -t 60', ctx);
    expect(out.exitCode).toBe(233);
    expect(out.stderr).toContain('the run ended at t=600.000s');
    expect(ctx.advances).toEqual([1, 1]);
  });

  it('returns EX_EWSUSE at once when a pair is PSUE and psue was not asked for', async () => {
    const ctx = fakeContext();
    ctx.current = { pairs: [pair('VG01', 'dev1', 'db-p', 'db-s', { state: 'PSUE', svolState: 'PSUE' })], pools: [] };
    const out = await runCci('pairevtwait -g VG01 -d dev1 -s psus -t 60', ctx);
    expect(out.exitCode).toBe(234);
    expect(out.stderr).toBe('pairevtwait: [EX_EWSUSE] Pair suspended at WAIT state\n  VG01/dev1 is PSUE, waiting for psus\n');
    expect(ctx.advances).toEqual([]);
    expect((await runCci('pairevtwait -g VG01 -d dev1 -s PSUE -t 60', ctx)).exitCode).toBe(0);
  });

  it('a device the engine does not list counts as SMPL', async () => {
    const ctx = fakeContext();
    ctx.current = { pairs: [], pools: [] };
    expect((await runCci('pairevtwait -g VG01 -s smpl -t 1', ctx)).exitCode).toBe(0);
  });

  it('status names: copy covers every COPY state, pair covers PFUL, psus/ssus cover PSUS(SP) and PFUS', () => {
    const accepted = (s: (typeof WAIT_STATUSES)[number]) =>
      (['SMPL', 'COPY', 'PAIR', 'COPY(SP)', 'PSUS(SP)', 'PSUS', 'COPY(RS)', 'COPY(RS-R)', 'PSUE', 'PFUL', 'PFUS'] as PairState[]).filter((st) => statusAccepts(s, st));
    expect(accepted('copy')).toEqual(['COPY', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)']);
    expect(accepted('rcpy')).toEqual(['COPY(RS-R)']);
    expect(accepted('pair')).toEqual(['PAIR', 'PFUL']);
    expect(accepted('psus')).toEqual(['PSUS(SP)', 'PSUS', 'PFUS']);
    expect(accepted('ssus')).toEqual(accepted('psus'));
    expect(accepted('smpl')).toEqual(['SMPL']);
    expect(accepted('psue')).toEqual(['PSUE']);
  });
});

describe('cci › sleep', () => {
  it('lets the simulated time pass, and stops at the end of the run', async () => {
    const ctx = fakeContext();
    expect(await runCci('sleep 30', ctx)).toEqual({ exitCode: 0, stdout: '', stderr: '', actions: [] });
    expect(ctx.now).toBe(40);
    ctx.endS = 45;
    expect((await runCci('sleep 30', ctx)).exitCode).toBe(0);
    expect(ctx.now).toBe(45);
  });

  it('keeps asking when the context moves the clock by less than asked', async () => {
    const ctx = fakeContext();
    ctx.advance = async (s) => {
      ctx.advances.push(s);
      ctx.now += Math.min(s, 0.25);
    };
    await runCci('sleep 1', ctx);
    expect(ctx.advances).toEqual([1, 0.75, 0.5, 0.25]);
    expect(ctx.now).toBe(11);
  });
});
