/** Monitor tab › alerts: acknowledgements per run, filters, the tab's count and tone, words. */
import { describe, expect, it } from 'vitest';
import { AlertKind } from '../../model/topology-monitoring.ts';
import {
  KIND_LABEL,
  NO_ACKS,
  acknowledge,
  acknowledgeAll,
  acksFor,
  alertSimTime,
  filterAlerts,
  isAcked,
  pagedText,
  tabCount,
  unackedCounts,
} from './alert-view.ts';
import { alert, linkCut } from './monitor-fixtures.ts';

describe('monitor › alerts › acknowledgements', () => {
  it('acknowledges one alert by seq and keeps the others open', () => {
    const acks = acknowledge(NO_ACKS, 3, 2);
    expect(acks).toEqual({ generation: 3, upTo: 0, seqs: [2] });
    expect([1, 2, 3].map((s) => isAcked(acks, s))).toEqual([false, true, false]);
    expect(acknowledge(acks, 3, 2)).toBe(acks);
  });

  it('Acknowledge all covers every seq raised so far, not the alerts raised after it', () => {
    const alerts = linkCut().alerts;
    const one = acknowledge(NO_ACKS, 1, 9);
    const all = acknowledgeAll(one, 1, alerts);
    expect(all).toEqual({ generation: 1, upTo: 4, seqs: [9] });
    expect(alerts.every((a) => isAcked(all, a.seq))).toBe(true);
    expect(isAcked(all, 5)).toBe(false);
    expect(acknowledgeAll(all, 1, alerts)).toBe(all);
    expect(acknowledgeAll(acknowledge(all, 1, 5), 1, [alert(7)])).toEqual({ generation: 1, upTo: 7, seqs: [9] });
  });

  it('belongs to its run: read with another generation nothing is acknowledged', () => {
    const acks = acknowledgeAll(NO_ACKS, 1, linkCut().alerts);
    expect(acksFor(acks, 1)).toBe(acks);
    const next = acksFor(acks, 2);
    expect(next).toEqual({ generation: 2, upTo: 0, seqs: [] });
    expect(isAcked(next, 1)).toBe(false);
    // Acknowledging in the new run starts from nothing.
    expect(acknowledge(acks, 2, 3)).toEqual({ generation: 2, upTo: 0, seqs: [3] });
  });
});

describe('monitor › alerts › filter and counts', () => {
  const alerts = linkCut().alerts; // critical 1, warning 2, warning 3, info 4

  it('shows the newest first and filters by severity at or above', () => {
    const none = acksFor(NO_ACKS, 0);
    expect(filterAlerts(alerts, none, { severity: 'all', unackedOnly: false }).map((a) => a.seq)).toEqual([4, 3, 2, 1]);
    expect(filterAlerts(alerts, none, { severity: 'warning', unackedOnly: false }).map((a) => a.seq)).toEqual([3, 2, 1]);
    expect(filterAlerts(alerts, none, { severity: 'critical', unackedOnly: false }).map((a) => a.seq)).toEqual([1]);
  });

  it('"unacknowledged only" hides the acknowledged ones', () => {
    const acks = acknowledge(acknowledge(NO_ACKS, 0, 1), 0, 3);
    expect(filterAlerts(alerts, acks, { severity: 'all', unackedOnly: true }).map((a) => a.seq)).toEqual([4, 2]);
  });

  it('counts unacknowledged alerts per severity; the tab shows critical + warning in the worst colour', () => {
    const none = acksFor(NO_ACKS, 0);
    expect(unackedCounts(alerts, none)).toEqual({ critical: 1, warning: 2, info: 1 });
    expect(tabCount(unackedCounts(alerts, none))).toEqual({ count: 3, tone: 'error' });
    const critAcked = acknowledge(none, 0, 1);
    expect(tabCount(unackedCounts(alerts, critAcked))).toEqual({ count: 2, tone: 'warning' });
    expect(tabCount(unackedCounts(alerts, acknowledgeAll(none, 0, alerts)))).toBeNull();
    expect(tabCount(unackedCounts([alert(1, { severity: 'info' })], none))).toBeNull();
  });
});

describe('monitor › alerts › words', () => {
  it('has a label for every alert kind', () => {
    for (const k of AlertKind.options) expect(KIND_LABEL[k]).toMatch(/\w/);
  });

  it('writes the simulated time and who was paged', () => {
    expect(alertSimTime(12_000_000)).toBe('12.0 s');
    expect(alertSimTime(1_234_567_000)).toBe('1,234.6 s');
    expect(pagedText(['storage-admin', 'operator'])).toBe('paged: storage-admin, operator');
    expect(pagedText([])).toBe('nobody paged');
  });
});
