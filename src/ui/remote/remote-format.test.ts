/** Remote tab words and numbers: group names, lag, prefix sentence, journals, WAN links, verdicts, tones. */
import { describe, expect, it } from 'vitest';
import { PAIR_STATES } from '../../engine/api.ts';
import { FAILED, INCONSISTENT, asyncGroup, journal, outage, resyncing, suspended, syncGroup, takenOver, verification, wanLink } from './remote-fixtures.ts';
import {
  GROUP_TONE,
  STATE_MEANING,
  formatBandwidth,
  formatBinaryBytes,
  formatLagS,
  formatPct,
  formatRate,
  formatWrites,
  groupLabel,
  journalText,
  journalTone,
  latestVerification,
  masterJournalPct,
  modeLabel,
  prefixSentence,
  verdictLine,
  wanGeometry,
  wanSummary,
  worstTone,
} from './remote-format.ts';

describe('remote format › names', () => {
  it('names consistency groups and sync groups as people say them', () => {
    expect(groupLabel('ctg-0')).toBe('CTG 0');
    expect(groupLabel('ctg-17')).toBe('CTG 17');
    expect(groupLabel('sync:TC-ERP')).toBe('TC-ERP (sync)');
    expect(groupLabel('odd')).toBe('odd');
    expect(modeLabel(asyncGroup())).toBe('asynchronous · journal');
    expect(modeLabel(syncGroup())).toBe('synchronous · fence data');
    expect(modeLabel(syncGroup({ fence: null }))).toBe('synchronous · fence never');
  });

  it('has a tone and a meaning for every pair state, naming the journal thresholds and the takeover', () => {
    for (const s of PAIR_STATES) {
      expect(GROUP_TONE[s]).toBeDefined();
      expect(STATE_MEANING[s].length).toBeGreaterThan(10);
    }
    expect(STATE_MEANING.PFUL).toContain('80 %');
    expect(STATE_MEANING.PFUS).toContain('journal stayed full');
    expect(STATE_MEANING.SSWS).toContain('writable');
    expect(GROUP_TONE.PFUS).toBe('error');
    expect(GROUP_TONE.PFUL).toBe('waiting');
    expect(GROUP_TONE.PAIR).toBe('ok');
  });
});

describe('remote format › lag', () => {
  it('reads writes, seconds and bandwidth with units', () => {
    expect(formatWrites(1)).toBe('1 write');
    expect(formatWrites(8000)).toBe('8,000 writes');
    expect(formatWrites(-3)).toBe('0 writes');
    expect(formatLagS(0)).toBe('0 s');
    expect(formatLagS(0.004)).toBe('4 ms');
    expect(formatLagS(0.0001)).toBe('1 ms');
    expect(formatLagS(42.46)).toBe('42.5 s');
    expect(formatLagS(130)).toBe('130 s (2:10)');
    expect(formatLagS(null)).toBe('—');
    expect(formatRate(0)).toBe('0 MB/s');
    expect(formatRate(52.54)).toBe('52.5 MB/s');
    expect(formatRate(312.4)).toBe('312 MB/s');
    expect(formatBandwidth(1000)).toBe('1,000 Mbit/s');
    expect(formatBandwidth(10_000)).toBe('10 Gbit/s');
    expect(formatPct(0.5)).toBe('0.5 %');
    expect(formatPct(86.4)).toBe('86 %');
    expect(formatPct(0.001)).toBe('0 %');
    expect(formatPct(9.96)).toBe('10 %');
  });
});

describe('remote format › what the remote holds', () => {
  it('states the prefix n of N while consistent, and says when it is up to date or frozen', () => {
    expect(prefixSentence(asyncGroup())).toBe('The remote holds the primary’s first 11,990 of 12,000 writes.');
    expect(prefixSentence(asyncGroup({ appliedSeq: 12_000 }))).toBe('The remote holds all 12,000 of the primary’s writes (up to date).');
    expect(prefixSentence(asyncGroup({ lastSeq: 0, appliedSeq: 0 }))).toBe('No writes yet: the remote equals the primary.');
    expect(prefixSentence(suspended().groups[0])).toBe('The remote holds the primary’s first 12,000 of 26,000 writes, frozen while suspended.');
  });

  it('says "inconsistent (resync copying)" while a resync copies, with the tracks left, and names a takeover', () => {
    const s = prefixSentence(resyncing().groups[0]);
    expect(s).toMatch(/^Inconsistent \(resync copying\)/);
    expect(s).toContain('900 tracks still to copy');
    expect(s).not.toContain('first');
    expect(prefixSentence(takenOver().groups[0])).toMatch(/^Taken over: the remote S-VOL is writable; it held the primary’s first 12,000 of 12,000 writes\.$/);
  });
});

describe('remote format › journals', () => {
  it('tones a journal by its state and reads its use with capacity and entries', () => {
    expect(journalTone(journal())).toBe('ok');
    expect(journalTone(journal({ usedPct: 86 }))).toBe('waiting');
    expect(journalTone(journal({ usedPct: 100 }))).toBe('error');
    expect(journalText(journal({ usedPct: 86, entries: 8000 }))).toBe('86 % of 1 GiB · 8,000 entries · PFUL');
    expect(journalText(journal({ usedPct: 100, entries: 1, state: 'full' }))).toBe('100 % of 1 GiB · 1 entry · FULL');
    expect(journalText(journal())).toBe('13 % of 1 GiB · 1,600 entries');
    expect(formatBinaryBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBinaryBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBinaryBytes(0)).toBe('0 B');
  });

  it('takes the master journal’s use for the gauge (restore journals do not count; sync groups have none)', () => {
    expect(masterJournalPct(outage().groups[0])).toBe(86);
    expect(masterJournalPct(syncGroup())).toBeNull();
  });
});

describe('remote format › WAN links', () => {
  it('sums a link up in one line and shows its geometry with the round trip', () => {
    expect(wanSummary(wanLink())).toBe('up · 52.5 MB/s · 3 batches in flight');
    expect(wanSummary(wanLink({ inFlight: 1 }))).toBe('up · 52.5 MB/s · 1 batch in flight');
    expect(wanSummary(outage().wanLinks[0])).toBe('DOWN · outage');
    expect(wanGeometry(wanLink())).toBe('1,000 Mbit/s · 100 km · one-way 0.50 ms (RTT 1.00 ms)');
    expect(wanGeometry(wanLink({ distanceKm: 1000, oneWayMs: 5 }))).toBe('1,000 Mbit/s · 1,000 km · one-way 5.00 ms (RTT 10.0 ms)');
  });
});

describe('remote format › verify remote', () => {
  it('builds the verdict line from the figures', () => {
    expect(verdictLine(verification())).toBe('PASS: the remote equals the primary after write 11,990 of 12,000');
    expect(verdictLine(verification({ prefix: 12_000 }))).toBe('PASS: the remote equals the primary after write 12,000 of 12,000 (up to date)');
    expect(verdictLine(INCONSISTENT)).toMatch(/^INCONSISTENT: a resync is copying/);
    expect(verdictLine(FAILED)).toBe('FAIL: the remote equals no prefix of the primary’s writes (3 of 40,960 tracks differ)');
  });

  it('finds the newest verification of any copy group of the group', () => {
    const g = asyncGroup();
    const older = verification({ group: 'UR-LOG', atS: 10 });
    const newer = verification({ group: 'UR-DB', atS: 20 });
    const other = verification({ group: 'TC-ERP', atS: 30 });
    expect(latestVerification(g, [older, newer, other])).toBe(newer);
    expect(latestVerification(g, [older])).toBe(older);
    expect(latestVerification(g, [other])).toBeNull();
    expect(latestVerification(g, [verification({ group: 'ctg-0' })])?.group).toBe('ctg-0');
  });
});

describe('remote format › the tab’s colour', () => {
  it('takes the worst tone of the groups', () => {
    expect(worstTone([])).toBe('idle');
    expect(worstTone([asyncGroup(), syncGroup()])).toBe('ok');
    expect(worstTone(outage().groups)).toBe('error'); // the sync group is PSUE
    expect(worstTone([asyncGroup({ state: 'PFUL' }), syncGroup()])).toBe('waiting');
    expect(worstTone([asyncGroup({ state: 'COPY(RS)' }), syncGroup()])).toBe('active');
  });
});
