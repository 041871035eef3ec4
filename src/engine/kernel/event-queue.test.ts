import { describe, expect, it } from 'vitest';
import { EngineAssertionError } from './assert.ts';
import { EventQueue } from './event-queue.ts';

function drain(q: EventQueue): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  while (q.pop()) out.push([q.timeUs, q.kind, q.a, q.b]);
  return out;
}

describe('event queue', () => {
  describe('empty', () => {
    it('pops false, peeks Infinity and leaves the fields untouched', () => {
      const q = new EventQueue();
      q.push(5, 1, 2, 3);
      q.pop();
      expect(q.pop()).toBe(false);
      expect(q.peekTimeUs()).toBe(Infinity);
      expect(q.size).toBe(0);
      expect([q.timeUs, q.kind, q.a, q.b]).toEqual([5, 1, 2, 3]);
    });
  });

  describe('order', () => {
    it('pops in time order with the payload of each event', () => {
      const q = new EventQueue();
      q.push(30, 3, -30, 300);
      q.push(10, 1, -10, 100);
      q.push(20, 2, -20, 200);
      expect(q.peekTimeUs()).toBe(10);
      expect(drain(q)).toEqual([
        [10, 1, -10, 100],
        [20, 2, -20, 200],
        [30, 3, -30, 300],
      ]);
    });
  });

  describe('ties', () => {
    it('pop in insertion order', () => {
      const q = new EventQueue(2);
      for (let i = 0; i < 50; i++) q.push(7, 0, i, 0);
      q.push(3, 9, 999, 0);
      const order = drain(q).map(([, , a]) => a);
      expect(order).toEqual([999, ...Array.from({ length: 50 }, (_, i) => i)]);
    });

    it('pop in insertion order even when pushed between pops', () => {
      const q = new EventQueue();
      q.push(5, 0, 1, 0);
      q.push(5, 0, 2, 0);
      q.pop();
      q.push(5, 0, 3, 0);
      q.push(4, 0, 0, 0);
      expect(drain(q).map(([, , a]) => a)).toEqual([0, 2, 3]);
    });
  });

  describe('growth', () => {
    it('doubles past its initial capacity without losing events', () => {
      const q = new EventQueue(1);
      for (let i = 999; i >= 0; i--) q.push(i, 0, i, 0);
      expect(q.size).toBe(1000);
      expect(drain(q).map(([t]) => t)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    });
  });

  describe('clear', () => {
    it('empties the queue', () => {
      const q = new EventQueue();
      q.push(1, 0, 0, 0);
      q.clear();
      expect(q.size).toBe(0);
      expect(q.pop()).toBe(false);
    });
  });

  describe('bad input', () => {
    it.each([-1, 1.5, NaN, Infinity])('rejects time %s', (timeUs) => {
      expect(() => new EventQueue().push(timeUs, 0, 0, 0)).toThrow(EngineAssertionError);
    });

    it('rejects a fractional or out-of-int32 payload', () => {
      const q = new EventQueue();
      expect(() => q.push(1, 0.5, 0, 0)).toThrow(EngineAssertionError);
      expect(() => q.push(1, 0, 2 ** 31, 0)).toThrow(EngineAssertionError);
      expect(() => q.push(1, 0, 0, -(2 ** 31) - 1)).toThrow(EngineAssertionError);
      expect(q.size).toBe(0);
    });

    it('accepts times beyond 2^32 us (simulations longer than 71 minutes)', () => {
      const q = new EventQueue();
      q.push(2 ** 40, 0, 1, 0);
      q.push(2 ** 33, 0, 2, 0);
      expect(drain(q).map(([t]) => t)).toEqual([2 ** 33, 2 ** 40]);
    });
  });
});

describe('event queue › pushLate', () => {
  it('runs a late event after every normal event of the same time, even ones pushed later', () => {
    const q = new EventQueue(4);
    q.pushLate(10, 9, 0, 0);
    q.push(10, 1, 0, 0);
    q.push(5, 2, 0, 0);
    q.pushLate(10, 8, 0, 0);
    q.push(10, 3, 0, 0);
    q.push(11, 4, 0, 0);
    const order: number[] = [];
    while (q.pop()) order.push(q.kind);
    expect(order).toEqual([2, 1, 3, 9, 8, 4]);
  });

  it('keeps late events FIFO among themselves and before later times', () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 50; i++) q.pushLate(100, 0, i, 0);
    for (let i = 0; i < 50; i++) q.push(100 + (i % 2), 1, i, 0);
    const seen: string[] = [];
    while (q.pop()) seen.push(`${q.timeUs}:${q.kind}:${q.a}`);
    const at100 = seen.filter((s) => s.startsWith('100:'));
    expect(at100.slice(0, 25).every((s) => s.startsWith('100:1:'))).toBe(true);
    expect(at100.slice(25).map((s) => Number(s.split(':')[2]))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(seen.slice(75).every((s) => s.startsWith('101:1:'))).toBe(true);
  });
});
