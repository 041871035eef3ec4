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
