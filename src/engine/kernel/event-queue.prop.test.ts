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

type RelOp = { kind: 'push' | 'late'; delta: number } | { kind: 'abs'; offset: number } | { kind: 'pop' } | { kind: 'popNotAfter'; delta: number };

/** Model with late events: sort by (time, late?, seq). */
class LateModel {
  items: Array<{ timeUs: number; late: boolean; seq: number; a: number }> = [];
  private seq = 0;
  push(timeUs: number, late: boolean, a: number): void {
    this.items.push({ timeUs, late, seq: this.seq++, a });
    this.items.sort((x, y) => x.timeUs - y.timeUs || Number(x.late) - Number(y.late) || x.seq - y.seq);
  }
}

// Times relative to the last popped one: in the past, near (the wheel), around the wheel's
// 32,768 µs edge, and far (the heap); ties are frequent in the near band.
const deltaArb = fc.oneof(
  fc.integer({ min: 0, max: 6 }),
  fc.integer({ min: -3, max: -1 }),
  fc.integer({ min: 32_760, max: 32_775 }),
  fc.integer({ min: 0, max: 200_000 }),
);
const relOpArb: fc.Arbitrary<RelOp> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), delta: deltaArb }),
  fc.record({ kind: fc.constant('push' as const), delta: deltaArb }),
  fc.record({ kind: fc.constant('late' as const), delta: deltaArb }),
  // Absolute times from a small set: the same time reaches the heap (pushed while beyond the
  // window) and later the wheel (pushed once inside it), so the FIFO tie-break between the two
  // structures is exercised.
  fc.record({ kind: fc.constant('abs' as const), offset: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 32_764, max: 32_772 }), fc.integer({ min: 40_000, max: 40_003 })) }),
  fc.constant({ kind: 'pop' as const }),
  fc.record({ kind: fc.constant('popNotAfter' as const), delta: deltaArb }),
);

describe('event queue › model (wheel, heap, late events)', () => {
  it('pops exactly what a sorted model pops, across the wheel window and the heap', () => {
    fc.assert(
      fc.property(fc.array(relOpArb, { maxLength: 500 }), fc.integer({ min: 0, max: 100_000 }), (ops, start) => {
        const q = new EventQueue(2);
        const model = new LateModel();
        let now = start;
        let id = 0;
        const check = (limit: number): void => {
          const head = model.items[0];
          const expectPop = head !== undefined && head.timeUs <= limit;
          expect(limit === Infinity ? q.pop() : q.popNotAfter(limit)).toBe(expectPop);
          if (expectPop) {
            model.items.shift();
            expect([q.timeUs, q.a]).toEqual([head.timeUs, head.a]);
            now = head.timeUs;
          }
        };
        for (const op of ops) {
          if (op.kind === 'abs') {
            q.push(start + op.offset, 0, id, 0);
            model.push(start + op.offset, false, id);
            id++;
          } else if (op.kind === 'push' || op.kind === 'late') {
            const t = Math.max(0, now + op.delta);
            if (op.kind === 'late') q.pushLate(t, 0, id, 0);
            else q.push(t, 0, id, 0);
            model.push(t, op.kind === 'late', id);
            id++;
          } else if (op.kind === 'pop') {
            check(Infinity);
          } else {
            check(now + op.delta);
          }
          expect(q.size).toBe(model.items.length);
          expect(q.peekTimeUs()).toBe(model.items.length > 0 ? model.items[0].timeUs : Infinity);
        }
        while (model.items.length > 0) check(Infinity);
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('a far event pushed first still precedes a wheel event of the same time pushed later', () => {
    const q = new EventQueue(4);
    q.push(40_000, 1, 0, 0); // beyond the window from base 0: the heap
    q.push(20_000, 2, 0, 0); // the wheel
    expect(q.pop() && q.kind).toBe(2); // base → 20,000: 40,000 is inside the window now
    q.push(40_000, 3, 0, 0); // the wheel
    q.pushLate(40_000, 4, 0, 0); // the heap, late
    q.push(40_000, 5, 0, 0); // the wheel
    const order: number[] = [];
    while (q.pop()) order.push(q.kind);
    expect(order).toEqual([1, 3, 5, 4]);
  });

  it('clear() empties both structures and restarts the window at 0', () => {
    const q = new EventQueue(4);
    q.push(100, 1, 0, 0);
    q.push(10_000_000, 2, 0, 0);
    q.pushLate(5, 3, 0, 0);
    q.pop();
    q.clear();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
    q.push(7, 4, 0, 0);
    q.push(3, 5, 0, 0);
    expect(q.pop() && q.kind).toBe(5);
    expect(q.pop() && q.kind).toBe(4);
  });
});
