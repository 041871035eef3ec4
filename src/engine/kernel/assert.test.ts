import { afterEach, describe, expect, it } from 'vitest';
import { assert, assertFail, EngineAssertionError, resetAssertContext, setAssertContext } from './assert.ts';

describe('assert', () => {
  afterEach(() => resetAssertContext());

  describe('passing condition', () => {
    it('returns without throwing', () => {
      expect(() => assert(1 + 1 === 2, 'arithmetic')).not.toThrow();
    });
  });

  describe('failing condition', () => {
    it('throws an EngineAssertionError naming the seed and the simulated time', () => {
      let nowUs = 1500;
      setAssertContext(424242, () => nowUs);
      nowUs = 2500; // the clock is read at failure time, not when the context was set
      let caught: unknown;
      try {
        assert(false, 'queue overflow');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EngineAssertionError);
      const error = caught as EngineAssertionError;
      expect(error.message).toBe('queue overflow (seed=424242, t=2500us)');
      expect(error.seed).toBe(424242);
      expect(error.nowUs).toBe(2500);
    });

    it('still reports the original message when the clock reader throws', () => {
      setAssertContext(7, () => {
        throw new Error('clock gone');
      });
      expect(() => assertFail('bitmap bit set for a clean track')).toThrow(/bitmap bit set for a clean track \(seed=7, t=NaNus\)/);
    });
  });
});

describe('the assertion context and dropped simulations', () => {
  it('reads the clock of a live simulation and does not keep a dropped one reachable', async () => {
    const { createSimulation } = await import('../simulation.ts');
    const { smallSan, lunTarget } = await import('../testing/small-sans.ts');
    const b = smallSan();
    b.workload('h1', { id: 'w', target: lunTarget(0), rw: 'randread', iodepth: 1, startAtS: 0 } as never);
    let sim: ReturnType<typeof createSimulation> | null = createSimulation(b.build({ durationS: 1 }));
    sim.runUntil(5_000);
    expect(() => assertFail('probe')).toThrow(/seed=\d+, t=5000us/);
    const ref = new WeakRef(sim);
    sim = null;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) return; // run with --expose-gc to check collection (the bench does)
    gc();
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(ref.deref()).toBeUndefined();
  });
});
