import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.ts';

/** Nearest-rank quantile, the definition quantileUs documents. */
function exactQuantile(sorted: number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

// Latencies from 1 us to 1 hour, log-uniform so every decade is exercised.
const latencyUs = fc.double({ min: 0, max: Math.log(3.6e9), noNaN: true }).map((x) => Math.exp(x));

describe('latency histogram › quantiles', () => {
  it('are within 2% of the exact nearest-rank quantile on random data', () => {
    fc.assert(
      fc.property(fc.array(latencyUs, { minLength: 1, maxLength: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const h = new LatencyHistogram();
        for (const v of values) h.record(v);
        const exact = exactQuantile([...values].sort((a, b) => a - b), q);
        const got = h.quantileUs(q);
        expect(Math.abs(got - exact) / exact).toBeLessThanOrEqual(0.02);
      }),
      { numRuns: 300 },
    );
  });

  it('are monotone in q', () => {
    fc.assert(
      fc.property(fc.array(latencyUs, { minLength: 1, maxLength: 500 }), (values) => {
        const h = new LatencyHistogram();
        for (const v of values) h.record(v);
        let last = -Infinity;
        for (let q = 0; q <= 1; q += 0.01) {
          const x = h.quantileUs(q);
          expect(x).toBeGreaterThanOrEqual(last);
          last = x;
        }
      }),
      { numRuns: 100 },
    );
  });
});
