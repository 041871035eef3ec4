import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';

type Op = { push: true; timeUs: number; kind: number } | { push: false };

/** Model: a list kept sorted by (time, insertion sequence); pop takes the head. */
class SortedModel {
  private items: Array<{ timeUs: number; seq: number; kind: number; a: number }> = [];
  private seq = 0;
  push(timeUs: number, kind: number, a: number): void {
    this.items.push({ timeUs, seq: this.seq++, kind, a });
    this.items.sort((x, y) => x.timeUs - y.timeUs || x.seq - y.seq);
  }
  pop(): { timeUs: number; kind: number; a: number } | undefined {
    return this.items.shift();
  }
  get size(): number {
    return this.items.length;
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  // A narrow time range makes equal times common, which is where FIFO ties matter.
  fc.record({ push: fc.constant(true as const), timeUs: fc.integer({ min: 0, max: 20 }), kind: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ push: fc.constant(true as const), timeUs: fc.integer({ min: 0, max: 2 ** 45 }), kind: fc.integer() }),
  fc.constant({ push: false as const }),
);

describe('event queue › model', () => {
  it('pops exactly what a sorted-array model pops under random push/pop interleavings', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), fc.integer({ min: 1, max: 8 }), (ops, initialCapacity) => {
        const q = new EventQueue(initialCapacity);
        const model = new SortedModel();
        let id = 0;
        for (const op of ops) {
          if (op.push) {
            q.push(op.timeUs, op.kind, id, ~id);
            model.push(op.timeUs, op.kind, id);
            id++;
          } else {
            const expected = model.pop();
            expect(q.pop()).toBe(expected !== undefined);
            if (expected) expect([q.timeUs, q.kind, q.a, q.b]).toEqual([expected.timeUs, expected.kind, expected.a, ~expected.a]);
          }
          expect(q.size).toBe(model.size);
        }
        // Drain: the rest must come out in model order too.
        for (let expected = model.pop(); expected; expected = model.pop()) {
          expect(q.pop()).toBe(true);
          expect([q.timeUs, q.a]).toEqual([expected.timeUs, expected.a]);
        }
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
