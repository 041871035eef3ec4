/**
 * The Remote tab's charts (uPlot, as the live volume charts): lag in seconds (RPO) and in writes
 * per remote group, master journal use % with the 80 % (PFUL) line, and WAN throughput, over the
 * last 600 simulated seconds, under a key of colours with the newest values and the window's
 * peak journal use. Specs are rebuilt once per telemetry batch (the rings' version), never per point.
 */
import { useMemo } from 'react';
import { useStore } from '../store/index.ts';
import { latestKeyed, peakKeyed } from '../store/remote-series.ts';
import { UplotChart } from '../sim/UplotChart.tsx';
import '../sim/sim.css';
import { THRESHOLD_COLOUR, WAN_PALETTE, buildRemoteSpecs, colourOf } from './remote-chart-specs.ts';
import { formatLagS, formatPct, formatRate, formatWrites, groupLabel } from './remote-format.ts';

function splitKeys(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}

/** Async group keys and WAN names as stable strings (re-render only when membership changes). */
function useChartKeys(): { asyncKeys: ReadonlySet<string>; wanNames: Record<string, string> } {
  const asyncJoined = useStore((s) => (s.sim.remote?.groups ?? []).filter((g) => g.mode === 'async').map((g) => g.key).join('\n'));
  const wanJoined = useStore((s) => (s.sim.remote?.wanLinks ?? []).map((l) => `${l.id}\t${l.name}`).join('\n'));
  return useMemo(
    () => ({
      asyncKeys: new Set(splitKeys(asyncJoined)),
      wanNames: Object.fromEntries(splitKeys(wanJoined).map((line) => line.split('\t') as [string, string])),
    }),
    [asyncJoined, wanJoined],
  );
}

function WanKey({ wanNames }: { wanNames: Record<string, string> }) {
  const ring = useStore((s) => s.sim.remoteSeries.wan);
  if (ring.keys.length === 0) return null;
  return (
    <tbody>
      {ring.keys.map((id) => (
        <tr key={id}>
          <th scope="row">
            <span className="sim-swatch" style={{ background: colourOf(ring.keys, id, WAN_PALETTE) }} aria-hidden="true" />
            {wanNames[id] ?? id}
          </th>
          <td colSpan={3} data-testid={`chart-wan-${id}`}>
            WAN link: {formatRate(latestKeyed(ring, id, 'throughputMBps') ?? 0)} now
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function ChartKey({ asyncKeys, wanNames }: { asyncKeys: ReadonlySet<string>; wanNames: Record<string, string> }) {
  const ring = useStore((s) => s.sim.remoteSeries.groups);
  return (
    <table className="rm-chart-key">
      <caption>Key, with the newest values (and the peak journal use over the window)</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Lag, s</th>
          <th scope="col">Lag, writes</th>
          <th scope="col">Journal</th>
        </tr>
      </thead>
      <tbody>
        {ring.keys.map((k) => {
          const journal = latestKeyed(ring, k, 'journalPct');
          const peak = peakKeyed(ring, k, 'journalPct');
          const writes = latestKeyed(ring, k, 'lagWrites');
          return (
            <tr key={k}>
              <th scope="row">
                <span className="sim-swatch" style={{ background: colourOf(ring.keys, k) }} aria-hidden="true" />
                {groupLabel(k)}
              </th>
              <td data-testid={`chart-lag-s-${k}`}>{formatLagS(latestKeyed(ring, k, 'lagS'))}</td>
              <td data-testid={`chart-lag-writes-${k}`}>{writes === null ? '—' : formatWrites(writes)}</td>
              <td data-testid={`chart-journal-${k}`}>
                {asyncKeys.has(k) && journal !== null ? `${formatPct(journal)} (peak ${formatPct(peak ?? journal)})` : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
      <WanKey wanNames={wanNames} />
    </table>
  );
}

export function RemoteCharts() {
  const series = useStore((s) => s.sim.remoteSeries);
  const { asyncKeys, wanNames } = useChartKeys();
  const specs = useMemo(() => buildRemoteSpecs(series, asyncKeys, wanNames), [series, asyncKeys, wanNames]);
  if (series.groups.length === 0 && series.wan.length === 0) {
    return <p className="muted">The charts fill in as simulated seconds complete (press Play).</p>;
  }
  const shown = specs.filter((spec) => spec.lines.some((l) => l.key !== 'pful-threshold'));
  return (
    <div className="rm-charts">
      <ChartKey asyncKeys={asyncKeys} wanNames={wanNames} />
      {shown.map((spec) => (
        <div className="rm-chart-box" key={spec.title}>
          <div className="rm-chart">
            <UplotChart spec={spec} />
          </div>
          {spec.yMax === 100 && (
            <p className="rm-chart-note muted">
              <span className="sim-swatch" style={{ background: THRESHOLD_COLOUR }} aria-hidden="true" />
              grey line: 80 % — above it the group reads PFUL; at 100 % host writes wait, and if the journal stays full the group suspends (PFUS).
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
