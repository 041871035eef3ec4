/**
 * The Remote tab's charts as data, pure: lag in seconds (RPO) and in writes per remote group,
 * master journal use % per asynchronous group with the 80 % (PFUL) threshold drawn as a grey
 * line, and payload MB/s per WAN link — each over the sim slice's remote rings (the last 600
 * samples). A group keeps its colour by its position in the key list; WAN links take the
 * canvas's WAN orange first.
 */
import type { ChartLine, ChartSpec } from '../sim/chart-spec.ts';
import { readKeyed, readTimes, type KeyedRing, type RemoteSeries } from '../store/remote-series.ts';
import { PFUL_PCT, groupLabel } from './remote-format.ts';

/** Okabe–Ito order, as the volume charts use (a colour-blind-friendly palette). */
export const REMOTE_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D31', '#332288'];
/** WAN links: the canvas's WAN orange first, then the palette's other hues. */
export const WAN_PALETTE = ['#c2410c', '#332288', '#117733', '#882255'];
export const THRESHOLD_COLOUR = '#9ca3af';

export function colourOf(keys: readonly string[], key: string, palette: readonly string[] = REMOTE_PALETTE): string {
  const i = keys.indexOf(key);
  return palette[(i < 0 ? 0 : i) % palette.length];
}

function lines<M extends string>(
  ring: KeyedRing<M>,
  metric: M,
  keys: readonly string[],
  label: (k: string) => string,
  palette: readonly string[] = REMOTE_PALETTE,
): ChartLine[] {
  return keys.map((k) => ({ key: `${k}:${metric}`, label: label(k), color: colourOf(ring.keys, k, palette), dashed: false, values: readKeyed(ring, k, metric) }));
}

/**
 * The four charts. `asyncKeys`: the groups that have a journal (sync groups have none, so they
 * get no journal line); `wanNames`: display names by WAN link id.
 */
export function buildRemoteSpecs(series: RemoteSeries, asyncKeys: ReadonlySet<string>, wanNames: Readonly<Record<string, string>>): ChartSpec[] {
  const g = series.groups;
  const t = readTimes(g);
  const journalKeys = g.keys.filter((k) => asyncKeys.has(k));
  const threshold: ChartLine = {
    key: 'pful-threshold',
    label: `${PFUL_PCT} % (PFUL)`,
    color: THRESHOLD_COLOUR,
    dashed: false,
    values: new Float64Array(t.length).fill(PFUL_PCT),
  };
  const w = series.wan;
  return [
    { title: 'Lag, seconds behind (RPO)', unit: 's', t, lines: lines(g, 'lagS', g.keys, groupLabel) },
    { title: 'Lag, writes behind', unit: 'writes', t, lines: lines(g, 'lagWrites', g.keys, groupLabel) },
    { title: 'Master journal use (%)', unit: '%', t, yMax: 100, lines: [...lines(g, 'journalPct', journalKeys, groupLabel), threshold] },
    { title: 'WAN throughput (MB/s)', unit: 'MB/s', t: readTimes(w), lines: lines(w, 'throughputMBps', w.keys, (id) => wanNames[id] ?? id, WAN_PALETTE) },
  ];
}
