/**
 * The browser CciContext over a fake console environment: how `advance` lets time pass in
 * each run state, abandoning a command, and the acceptance time of recorded actions.
 */
import { describe, expect, it } from 'vitest';
import type { BackupStatus, FaultStatus } from '../../engine/api.ts';
import type { Action } from '../../model/scenario.ts';
import { createCciContext, EMPTY_BACKUP, EMPTY_FAULTS, isAbortError } from './cci-context.ts';
import { FAKE_TOPOLOGY as topology, FakeEnv } from './fake-env.ts';

const create: Action = { type: 'pairCreate', group: 'G', pace: 3, split: false };

const settledWithin = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 5));
  return done;
};

describe('console › cci context › advance', () => {
  it('steps a paused run by the time asked, capped at the end of the run', async () => {
    const env = new FakeEnv('paused', 98.5, 100);
    const ctx = createCciContext(env, new AbortController().signal);
    await ctx.advance(1);
    await ctx.advance(1);
    expect(env.steps).toEqual([1, 0.5]);
    expect(ctx.nowS()).toBe(100);
  });

  it('steps a ready run (not started yet)', async () => {
    const env = new FakeEnv('ready');
    await createCciContext(env, new AbortController().signal).advance(1);
    expect(env.steps).toEqual([1]);
  });

  it('waits for telemetry to move the clock of a playing run, without stepping it', async () => {
    const env = new FakeEnv('playing', 10);
    const ctx = createCciContext(env, new AbortController().signal);
    const p = ctx.advance(1);
    expect(await settledWithin(p)).toBe(false);
    env.tick({ nowS: 10.25 });
    await p;
    expect(env.steps).toEqual([]);
    expect(env.listeners.size).toBe(0);
  });

  it('stops waiting when a playing run pauses or finishes', async () => {
    const env = new FakeEnv('playing', 10);
    const p = createCciContext(env, new AbortController().signal).advance(1);
    env.tick({ runState: 'finished' });
    await p;
    expect(env.clockNow.nowS).toBe(10);
  });

  it('returns at once when the run is finished or nothing is loaded', async () => {
    for (const state of ['finished', 'idle', 'error'] as const) {
      const env = new FakeEnv(state, 100, 100);
      await createCciContext(env, new AbortController().signal).advance(1);
      expect(env.steps).toEqual([]);
    }
  });
});

describe('console › cci context › abandoning a command', () => {
  it('rejects a pending wait with an AbortError and unsubscribes', async () => {
    const env = new FakeEnv('playing');
    const controller = new AbortController();
    const p = createCciContext(env, controller.signal).advance(1);
    controller.abort();
    await expect(p).rejects.toSatisfy(isAbortError);
    expect(env.listeners.size).toBe(0);
  });

  it('neither steps nor applies after the abort', async () => {
    const env = new FakeEnv('paused');
    const controller = new AbortController();
    const ctx = createCciContext(env, controller.signal);
    controller.abort();
    await expect(ctx.advance(1)).rejects.toSatisfy(isAbortError);
    await expect(ctx.apply(create)).rejects.toSatisfy(isAbortError);
    expect(env.steps).toEqual([]);
    expect(env.applied).toEqual([]);
  });
});

describe('console › cci context › engine calls', () => {
  it('records when the first accepted action was applied', async () => {
    const env = new FakeEnv('paused', 42);
    const ctx = createCciContext(env, new AbortController().signal);
    env.result = { ok: false, code: 'EX_INVSTP', message: 'no' };
    await ctx.apply(create);
    expect(ctx.acceptedAtS()).toBeNull();
    env.result = { ok: true };
    await ctx.apply(create);
    env.clockNow = { ...env.clockNow, nowS: 50 };
    await ctx.apply(create);
    expect(ctx.acceptedAtS()).toBe(42);
  });

  it('answers an empty replication status when nothing is loaded, and reads the current topology', async () => {
    const env = new FakeEnv('idle');
    const ctx = createCciContext(env, new AbortController().signal);
    expect(await ctx.replication()).toEqual({ pairs: [], pools: [] });
    expect(ctx.topology).toBe(topology);
  });
});

/** The fake environment with a backup status (the engine's `backup()`), null until loaded. */
class BackupEnv extends FakeEnv {
  backupNow: BackupStatus | null = null;
  reads = 0;
  backup = async () => {
    this.reads++;
    return this.backupNow;
  };
}

describe('console › cci context › backup status', () => {
  it("reads the environment's status each time, and an empty one when nothing is loaded", async () => {
    const env = new BackupEnv('idle');
    const ctx = createCciContext(env, new AbortController().signal);
    expect(await ctx.backup!()).toEqual(EMPTY_BACKUP);
    env.backupNow = { ...EMPTY_BACKUP, clockStart: '22:00' };
    expect((await ctx.backup!()).clockStart).toBe('22:00');
    expect(env.reads).toBe(2);
  });

  it('offers no backup reader when the environment has none, so the tape commands can say so', () => {
    expect(createCciContext(new FakeEnv('paused'), new AbortController().signal).backup).toBeUndefined();
  });

  it('does not read after the command was abandoned', async () => {
    const env = new BackupEnv('paused');
    const controller = new AbortController();
    const ctx = createCciContext(env, controller.signal);
    controller.abort();
    await expect(ctx.backup!()).rejects.toSatisfy(isAbortError);
    expect(env.reads).toBe(0);
  });
});

describe('console › cci context › fault status', () => {
  class FaultsEnv extends FakeEnv {
    faultsNow: FaultStatus | null = null;
    reads = 0;
    faults = async () => {
      this.reads++;
      return this.faultsNow;
    };
  }

  it("reads the environment's fault status (dlnkmgr, switchshow), an empty one when nothing is loaded", async () => {
    const env = new FaultsEnv('paused');
    const ctx = createCciContext(env, new AbortController().signal);
    expect(await ctx.faults!()).toEqual(EMPTY_FAULTS);
    env.faultsNow = { ...EMPTY_FAULTS, alertCount: 3 };
    expect((await ctx.faults!()).alertCount).toBe(3);
    expect(env.reads).toBe(2);
    expect(createCciContext(new FakeEnv('paused'), new AbortController().signal).faults).toBeUndefined();
  });

  it('does not read after the command was abandoned', async () => {
    const env = new FaultsEnv('paused');
    const controller = new AbortController();
    const ctx = createCciContext(env, controller.signal);
    controller.abort();
    await expect(ctx.faults!()).rejects.toSatisfy(isAbortError);
    expect(env.reads).toBe(0);
  });
});
