import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../engine/api.ts';
import { devicesIn, filterEvents, NO_FILTER, timeLabel } from './event-filter.ts';

const e = (seq: number, kind: JournalEntry['kind'], deviceId: string, text: string): JournalEntry => ({ seq, timeUs: seq * 1_000_000, kind, deviceId, text });
const log = [e(1, 'action', 'l3', 'timeline: setFault'), e(2, 'alert', 'l3', 'critical fault: link l3 failed'), e(3, 'pair-state', 'array1', 'pair G/d: PAIR → PSUS'), e(4, 'rejected-io', 'mail', 'mail/mail: 12 I/Os refused (no-path)')];

describe('event log filters', () => {
  it('filters by device, by kind and by text, keeping the order', () => {
    expect(filterEvents(log, NO_FILTER).map((x) => x.seq)).toEqual([1, 2, 3, 4]);
    expect(filterEvents(log, { ...NO_FILTER, deviceId: 'l3' }).map((x) => x.seq)).toEqual([1, 2]);
    expect(filterEvents(log, { ...NO_FILTER, kind: 'alert' }).map((x) => x.seq)).toEqual([2]);
    expect(filterEvents(log, { deviceId: 'l3', kind: 'action', text: '' }).map((x) => x.seq)).toEqual([1]);
    expect(filterEvents(log, { ...NO_FILTER, text: 'NO-PATH' }).map((x) => x.seq)).toEqual([4]);
  });
  it('lists the devices once, sorted, and formats times', () => {
    expect(devicesIn(log)).toEqual(['array1', 'l3', 'mail']);
    expect(timeLabel(1_234_567)).toBe('1.235 s');
  });
});
