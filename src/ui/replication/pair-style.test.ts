/** Pair looks and words: state → tone and colour, the label's parts, the split duration. */
import { describe, expect, it } from 'vitest';
import { PAIR_STATES, type PairStatus } from '../../engine/api.ts';
import { PAIR_LEGEND, TONE_COLOUR, formatDuration, formatGiB, formatPct, isAnimated, isCopying, pairDetails, pairLabel, splitForS, toneOf } from './pair-style.ts';

function pair(patch: Partial<PairStatus> = {}): PairStatus {
  return {
    key: 'G/d1', group: 'G', device: 'd1', kind: 'local', mu: 0, pvol: 'p', svol: 's',
    state: 'PAIR', svolState: 'PAIR', copyPct: 100, pace: 3, pendingTracks: 0, pDirtyTracks: 0, sDirtyTracks: 0,
    dirtyTracks: 0, trackCount: 1000, tracksCopied: 0, bytesCopied: 0, splitAtS: null, svolAccess: 'none', preservedTracks: 0,
    ...patch,
  };
}

describe('pair style › tones', () => {
  it('groups the states as the legend says', () => {
    expect(toneOf('SMPL')).toBe('smpl');
    expect(['COPY', 'COPY(RS)', 'COPY(RS-R)'].map((s) => toneOf(s as never))).toEqual(['copy', 'copy', 'copy']);
    expect(toneOf('PAIR')).toBe('pair');
    expect(['PSUS', 'PSUS(SP)', 'COPY(SP)'].map((s) => toneOf(s as never))).toEqual(['split', 'split', 'split']);
    expect(toneOf('PSUE')).toBe('error');
    expect(['PFUL', 'PFUS'].map((s) => toneOf(s as never))).toEqual(['full', 'full']);
  });

  it('gives every state a tone, every tone a distinct colour and a legend entry', () => {
    const tones = new Set(PAIR_STATES.map(toneOf));
    expect(tones.size).toBe(6);
    expect(new Set(Object.values(TONE_COLOUR)).size).toBe(6);
    expect(PAIR_LEGEND.map((e) => e.tone).sort()).toEqual([...tones].sort());
    for (const s of PAIR_STATES) expect(PAIR_LEGEND.find((e) => e.tone === toneOf(s))!.states).toContain(s === 'COPY(RS-R)' ? 'COPY' : s);
  });

  it('animates the copying blue states only, and shows a copy % for every state that copies', () => {
    expect(PAIR_STATES.filter(isAnimated)).toEqual(['COPY', 'COPY(RS)', 'COPY(RS-R)']);
    expect(PAIR_STATES.filter(isCopying)).toEqual(['COPY', 'COPY(SP)', 'PSUS(SP)', 'COPY(RS)', 'COPY(RS-R)']);
  });
});

describe('pair style › split duration', () => {
  it('formats m:ss, then h:mm:ss, rounding down and never negative', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5.99)).toBe('0:05');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(599.5)).toBe('9:59');
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(-3)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });

  it('counts from splitAtS to now, or null when not split', () => {
    expect(splitForS(pair(), 100)).toBeNull();
    expect(splitForS(pair({ splitAtS: 40 }), 105.5)).toBe(65.5);
    expect(splitForS(pair({ splitAtS: 40 }), 39)).toBe(0);
  });
});

describe('pair style › labels', () => {
  it('says the state alone in PAIR and SMPL', () => {
    expect(pairLabel(pair(), 10)).toBe('PAIR');
    expect(pairLabel(pair({ state: 'SMPL', copyPct: 0 }), 10)).toBe('SMPL');
  });

  it('adds the copy %, rounded down, while copying', () => {
    expect(pairLabel(pair({ state: 'COPY', copyPct: 42.9 }), 10)).toBe('COPY · 42%');
    expect(pairLabel(pair({ state: 'COPY(RS)', copyPct: 99.99 }), 10)).toBe('COPY(RS) · 99%');
    expect(formatPct(100)).toBe('100%');
    expect(formatPct(-1)).toBe('0%');
  });

  it('adds the dirty tracks and the split duration while split', () => {
    expect(pairLabel(pair({ state: 'PSUS', splitAtS: 30, dirtyTracks: 1204 }), 95)).toBe('PSUS · 1,204 dirty · split 1:05');
    expect(pairDetails(pair({ state: 'PSUS(SP)', copyPct: 12, splitAtS: 30, dirtyTracks: 3 }), 31)).toEqual(['12%', '3 dirty', 'split 0:01']);
  });

  it('says preserved tracks for a taken snapshot', () => {
    expect(pairLabel(pair({ kind: 'snapshot', svol: null, state: 'PSUS', splitAtS: 0, preservedTracks: 2048 }), 61)).toBe('PSUS · 2,048 preserved · split 1:01');
  });

  it('formats capacities as the inspector does', () => {
    expect(formatGiB(200)).toBe('200 GiB');
    expect(formatGiB(2048)).toBe('2.0 TiB');
  });
});
