/**
 * Unit tests of the journal ring (journal.ts): append and trim with the used-byte count, growth
 * beyond the initial capacity with the ring wrapped (entries keep their order and fields),
 * void entries (on the master and on the restore side), clear, and the live / restore entry
 * counts, checked against a plain array model after every step of a long mixed sequence.
 *
 * Owns these tests only; when entries move is remote-copy.ts's business (remote-copy.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { JournalRing } from './journal.ts';

const TRACK = 256 * 1024;

/** Appends entry number `k` with fields derived from k (so order and contents can be read back). */
function put(r: JournalRing, k: number, bytes = TRACK): void {
  r.append(k + 1, k + 1, k % 3, 10 * k, bytes, k % 5, 1000 + k, 7 * k);
}

/** The fields of absolute entry `e`. */
function read(r: JournalRing, e: number) {
  const i = r.at(e);
  return { jseq: r.jseq[i], hseq: r.hseq[i], pair: r.pair[i], block: r.block[i], bytes: r.bytes[i], writer: r.writer[i], wseq: r.wseq[i], ackUs: r.ackUs[i], received: r.received[i] };
}

/** Marks entries [from, to) received as remote-copy.ts's `arrive` does. */
function receive(r: JournalRing, from: number, to: number): void {
  for (let e = from; e < to; e++) {
    const i = r.at(e);
    if (r.received[i] === 1) continue;
    r.received[i] = 1;
    if (r.pair[i] >= 0) {
      r.restoreBytes += r.bytes[i];
      r.restoreEntries++;
    }
  }
}

/** Applies entries up to `to` as remote-copy.ts's `applyGroup` does. */
function apply(r: JournalRing, to: number): void {
  for (; r.applied < to; r.applied++) {
    const i = r.at(r.applied);
    if (r.pair[i] >= 0 && r.received[i] === 1) {
      r.restoreBytes -= r.bytes[i];
      r.restoreEntries--;
    }
  }
}

describe('journal ring › append and trim', () => {
  it('append counts bytes and entries; trim releases only applied entries, in order', () => {
    const r = new JournalRing(16);
    for (let k = 0; k < 10; k++) put(r, k, 1000 + k);
    expect(r.tail).toBe(10);
    expect(r.head).toBe(0);
    expect(r.entries).toBe(10);
    expect(r.usedBytes).toBe(10 * 1000 + 45);
    r.trim(5); // nothing applied yet: the trim is clamped to `applied`
    expect(r.head).toBe(0);
    expect(r.usedBytes).toBe(10 * 1000 + 45);
    r.applied = 4;
    r.trim(6);
    expect(r.head).toBe(4);
    expect(r.usedBytes).toBe(6 * 1000 + (4 + 5 + 6 + 7 + 8 + 9));
    expect(r.entries).toBe(6);
    r.trim(2); // behind the head: nothing
    expect(r.head).toBe(4);
    expect(read(r, 4)).toMatchObject({ jseq: 5, hseq: 5, pair: 1, block: 40, bytes: 1004, writer: 4, wseq: 1004, ackUs: 28, received: 0 });
  });

  it('the capacity is a power of two of at least 16', () => {
    const small = new JournalRing(1);
    for (let k = 0; k < 16; k++) put(small, k);
    expect(small.jseq.length).toBe(16); // 16 entries fit without growing
    put(small, 16);
    expect(small.jseq.length).toBe(32);
    expect(new JournalRing(1000).jseq.length).toBe(1024);
  });
});

describe('journal ring › growth', () => {
  it('grows beyond its capacity with the ring wrapped and keeps every entry, in order, with its fields', () => {
    const r = new JournalRing(16);
    // Wrap the ring: 12 in, 12 applied and trimmed, then 10 more (slots 12..15, 0..5).
    for (let k = 0; k < 12; k++) put(r, k);
    r.applied = 12;
    r.trim(12);
    for (let k = 12; k < 22; k++) put(r, k);
    expect(r.at(r.head)).toBeGreaterThan(r.at(r.tail - 1)); // wrapped
    receive(r, 12, 15);
    // 16 in use: the next append doubles the ring (twice over, to 64 slots).
    for (let k = 22; k < 60; k++) put(r, k);
    expect(r.jseq.length).toBe(64);
    expect(r.tail - r.head).toBe(48);
    for (let e = r.head; e < r.tail; e++) {
      expect(read(r, e)).toEqual({ jseq: e + 1, hseq: e + 1, pair: e % 3, block: 10 * e, bytes: TRACK, writer: e % 5, wseq: 1000 + e, ackUs: 7 * e, received: e < 15 ? 1 : 0 });
    }
    expect(r.usedBytes).toBe(48 * TRACK);
    expect(r.entries).toBe(48);
    expect(r.restoreEntries).toBe(3);
    expect(r.restoreBytes).toBe(3 * TRACK);
  });
});

describe('journal ring › void entries', () => {
  it('a void entry carries nothing: its bytes leave the used count (and the restore side if received and not applied), voiding twice is nothing', () => {
    const r = new JournalRing(16);
    for (let k = 0; k < 6; k++) put(r, k);
    receive(r, 0, 4);
    apply(r, 2);
    expect(r.restoreEntries).toBe(2);
    expect(r.voidEntry(3)).toBe(TRACK); // received, not applied
    expect(r.restoreEntries).toBe(1);
    expect(r.restoreBytes).toBe(TRACK);
    expect(r.voidEntry(5)).toBe(TRACK); // not received
    expect(r.restoreEntries).toBe(1);
    expect(r.voidEntry(5)).toBe(0);
    expect(r.voidEntry(1)).toBe(TRACK); // applied, not trimmed: the restore side no longer holds it
    expect(r.restoreEntries).toBe(1);
    expect(r.entries).toBe(3);
    expect(r.usedBytes).toBe(3 * TRACK);
    expect(read(r, 3)).toMatchObject({ pair: -1, bytes: 0, jseq: 4, hseq: 4 }); // keeps its place in the sequence
    // Trim past the void entries: the live count only loses the live ones.
    apply(r, 6);
    r.trim(6);
    expect(r.entries).toBe(0);
    expect(r.usedBytes).toBe(0);
    expect(r.restoreEntries).toBe(0);
    expect(r.restoreBytes).toBe(0);
  });
});

describe('journal ring › clear', () => {
  it('clear drops every entry: all cursors meet at the tail and appends continue from there', () => {
    const r = new JournalRing(16);
    for (let k = 0; k < 9; k++) put(r, k);
    receive(r, 0, 5);
    apply(r, 3);
    r.send = 7;
    r.clear();
    expect([r.head, r.applied, r.send, r.tail]).toEqual([9, 9, 9, 9]);
    expect(r.entries).toBe(0);
    expect(r.usedBytes).toBe(0);
    expect(r.restoreEntries).toBe(0);
    expect(r.restoreBytes).toBe(0);
    put(r, 9);
    expect(r.tail).toBe(10);
    expect(read(r, 9)).toMatchObject({ jseq: 10, received: 0 });
    expect(r.usedBytes).toBe(TRACK);
  });
});

describe('journal ring › against a plain model', () => {
  it('a long mixed sequence of append / receive / apply / trim / void keeps the counts of a plain array model', () => {
    type E = { bytes: number; live: boolean; received: boolean };
    const model: E[] = [];
    const r = new JournalRing(16);
    let head = 0;
    let applied = 0;
    // A fixed pseudo-random walk (LCG) so the test is reproducible without a seed parameter.
    let x = 12345;
    const rand = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    for (let step = 0; step < 4000; step++) {
      const op = rand(10);
      if (op < 4) {
        const bytes = 512 * (1 + rand(512));
        r.append(model.length + 1, model.length + 1, rand(4), rand(1000), bytes, 0, step, step);
        model.push({ bytes, live: true, received: false });
      } else if (op < 6 && model.length > applied) {
        const to = applied + rand(model.length - applied + 1);
        for (let e = applied; e < to; e++) model[e].received = true;
        receive(r, applied, to);
      } else if (op < 8) {
        let to = applied;
        while (to < model.length && model[to].received) to++;
        applied = to;
        apply(r, to);
        if (rand(2) === 0) {
          head = applied;
          r.trim(applied);
        }
      } else if (model.length > head) {
        const e = head + rand(model.length - head);
        const m = model[e];
        expect(r.voidEntry(e)).toBe(m.live ? m.bytes : 0);
        m.live = false;
      }
      const held = model.slice(head);
      const waiting = model.slice(applied).filter((m) => m.live && m.received);
      expect(r.head).toBe(head);
      expect(r.tail).toBe(model.length);
      expect(r.entries).toBe(held.filter((m) => m.live).length);
      expect(r.usedBytes).toBe(held.reduce((s, m) => s + (m.live ? m.bytes : 0), 0));
      expect(r.restoreEntries).toBe(waiting.length);
      expect(r.restoreBytes).toBe(waiting.reduce((s, m) => s + m.bytes, 0));
    }
    expect(r.jseq.length).toBeGreaterThan(16); // the walk made it grow
    for (let e = head; e < model.length; e++) expect(r.jseq[r.at(e)]).toBe(e + 1);
  });
});
