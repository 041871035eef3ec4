/** The Remote tab's charts: lines per group and link, the PFUL threshold, colours by position. */
import { describe, expect, it } from 'vitest';
import { appendKeyed, emptyKeyedRing, emptyRemoteSeries, relayout, REMOTE_METRICS, WAN_METRICS } from '../store/remote-series.ts';
import { REMOTE_PALETTE, THRESHOLD_COLOUR, WAN_PALETTE, buildRemoteSpecs, colourOf } from './remote-chart-specs.ts';

function series() {
  const s = emptyRemoteSeries();
  const keys = ['ctg-0', 'sync:TC'];
  const groups = appendKeyed(relayout(s.groups, REMOTE_METRICS, keys), REMOTE_METRICS, Float64Array.of(1, 2), {
    lagS: Float64Array.of(0.5, 0, 2.5, 0),
    lagWrites: Float64Array.of(10, 0, 40, 0),
    journalPct: Float64Array.of(12, 0, 85, 0),
  });
  const wan = appendKeyed(relayout(emptyKeyedRing(WAN_METRICS), WAN_METRICS, ['wan1']), WAN_METRICS, Float64Array.of(1, 2), { throughputMBps: Float64Array.of(50, 0) });
  return { groups, wan };
}

describe('remote charts › specs', () => {
  it('draws lag in seconds and writes for every group, journal use for async groups with the 80 % line, and MB/s per link', () => {
    const specs = buildRemoteSpecs(series(), new Set(['ctg-0']), { wan1: 'Main–DR' });
    expect(specs.map((s) => s.title)).toEqual(['Lag, seconds behind (RPO)', 'Lag, writes behind', 'Master journal use (%)', 'WAN throughput (MB/s)']);
    const [lagS, lagW, journal, wan] = specs;
    expect(Array.from(lagS.t)).toEqual([1, 2]);
    expect(lagS.lines.map((l) => l.label)).toEqual(['CTG 0', 'TC (sync)']);
    expect(Array.from(lagS.lines[0].values)).toEqual([0.5, 2.5]);
    expect(Array.from(lagW.lines[1].values)).toEqual([0, 0]);
    expect(journal.yMax).toBe(100);
    expect(journal.lines.map((l) => l.label)).toEqual(['CTG 0', '80 % (PFUL)']);
    expect(Array.from(journal.lines[0].values)).toEqual([12, 85]);
    expect(Array.from(journal.lines[1].values)).toEqual([80, 80]);
    expect(journal.lines[1].color).toBe(THRESHOLD_COLOUR);
    expect(wan.lines.map((l) => [l.label, Array.from(l.values)])).toEqual([['Main–DR', [50, 0]]]);
  });

  it('gives a group the same colour in every chart, by its position among the keys', () => {
    const specs = buildRemoteSpecs(series(), new Set(['ctg-0', 'sync:TC']), {});
    expect(specs[0].lines[1].color).toBe(REMOTE_PALETTE[1]);
    expect(specs[2].lines[1].color).toBe(REMOTE_PALETTE[1]);
    expect(colourOf(['a', 'b'], 'b')).toBe(REMOTE_PALETTE[1]);
    expect(colourOf(['a'], 'zzz')).toBe(REMOTE_PALETTE[0]);
    expect(specs[3].lines[0].label).toBe('wan1'); // no name known: the id
    expect(specs[3].lines[0].color).toBe(WAN_PALETTE[0]);
  });
});
