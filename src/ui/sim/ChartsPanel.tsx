/**
 * The charts region: a volume picker, one live chart per metric with a line per selected
 * volume (IOPS: read solid, write dashed; cache hit %; response time), and a table of the
 * latest values per selected volume.
 *
 * Performance shape (target: 8 volumes × 600 points at 4 Hz, no main-thread task > 50 ms):
 * one chart per metric, a 600-sample window, data rebuilt once per telemetry batch, stable
 * colours per LDEV. The charts are drawn with uPlot, not recharts: recharts (animation off,
 * no dots, memoised data) measured 134 ms mean / 360 ms worst per update for this load — see
 * docs/automation.md. Reads `sim` only, through narrow selectors.
 */
import { memo, useMemo } from 'react';
import { useStore } from '../store/index.ts';
import { latestValue, readSeries, type SeriesMetric, type SeriesRing, type VolumeInfo } from '../store/sim-slice.ts';
import { UplotChart, type ChartLine, type ChartSpec } from './UplotChart.tsx';
import './sim.css';

/** Colour-blind-friendly palette (Okabe–Ito plus extras); an LDEV keeps its colour by index. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D31', '#332288', '#117733', '#882255'];

interface Selected {
  volume: VolumeInfo;
  color: string;
}

function useSelectedVolumes(): Selected[] {
  const volumes = useStore((s) => s.sim.index.volumes);
  const selected = useStore((s) => s.sim.selectedLdevIds);
  return useMemo(() => {
    const byId = new Map(volumes.map((v, i) => [v.id, { volume: v, color: PALETTE[i % PALETTE.length] }]));
    return selected.flatMap((id) => byId.get(id) ?? []);
  }, [volumes, selected]);
}

/** Build the three chart specs once per telemetry batch (or selection change). */
function buildSpecs(ring: SeriesRing, selected: Selected[]): ChartSpec[] {
  const series = selected.map((s) => ({ ...s, data: readSeries(ring, s.volume.id) }));
  const t = series[0]?.data.t ?? new Float64Array(0);
  const line = (s: (typeof series)[number], metric: SeriesMetric, suffix: string, dashed: boolean): ChartLine => ({
    key: `${s.volume.id}:${metric}`,
    label: `${s.volume.name}${suffix}`,
    color: s.color,
    dashed,
    values: s.data[metric],
  });
  return [
    {
      title: 'IOPS',
      unit: 'I/O per s',
      t,
      lines: series.flatMap((s) => [line(s, 'readIops', ' read', false), line(s, 'writeIops', ' write', true)]),
    },
    { title: 'Cache hit %', unit: '%', t, yMax: 100, lines: series.map((s) => line(s, 'cacheHitPct', '', false)) },
    { title: 'Response time (ms)', unit: 'ms', t, lines: series.map((s) => line(s, 'responseMsMean', '', false)) },
  ];
}

function VolumePicker() {
  const volumes = useStore((s) => s.sim.index.volumes);
  const selected = useStore((s) => s.sim.selectedLdevIds);
  const toggle = useStore((s) => s.simActions.toggleLdev);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  return (
    <fieldset className="sim-picker">
      <legend>Volumes</legend>
      {volumes.length === 0 ? <p className="sim-muted">No LDEVs in this design.</p> : null}
      <ul>
        {volumes.map((v, i) => (
          <li key={v.id}>
            <label>
              <input type="checkbox" checked={selectedSet.has(v.id)} onChange={() => toggle(v.id)} />
              <span className="sim-swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
              <span className="sim-picker-text">
                <span className="sim-picker-name">{v.name}</span>
                <span className="sim-muted">{v.arrayName}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

const fmt = (v: number | null, digits: number) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits));

const LATEST_COLUMNS: { metric: SeriesMetric; testId: string; label: string; digits: number }[] = [
  { metric: 'readIops', testId: 'readIops', label: 'Read IOPS', digits: 0 },
  { metric: 'writeIops', testId: 'writeIops', label: 'Write IOPS', digits: 0 },
  { metric: 'cacheHitPct', testId: 'cacheHitPct', label: 'Cache hit %', digits: 1 },
  { metric: 'responseMsMean', testId: 'responseMs', label: 'Response ms', digits: 2 },
];

function LatestTable({ selected, ring }: { selected: Selected[]; ring: SeriesRing }) {
  return (
    <table className="sim-latest">
      <caption>Latest values</caption>
      <thead>
        <tr>
          <th scope="col">LDEV</th>
          {LATEST_COLUMNS.map((c) => (
            <th scope="col" key={c.metric}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {selected.map(({ volume, color }) => (
          <tr key={volume.id}>
            <th scope="row" title={`${volume.name} (${volume.arrayName})`}>
              <span className="sim-swatch" style={{ background: color }} aria-hidden="true" />
              {volume.name}
            </th>
            {LATEST_COLUMNS.map((c) => (
              <td key={c.metric} data-testid={`latest-${volume.id}-${c.testId}`}>
                {fmt(latestValue(ring, volume.id, c.metric), c.digits)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EmptyState({ error, running }: { error: string | null; running: boolean }) {
  if (error) {
    return (
      <div className="sim-empty sim-empty-error" role="alert">
        <strong>The emulator cannot run this design.</strong>
        <span>{error}</span>
      </div>
    );
  }
  return (
    <p className="sim-empty">
      {running ? 'Waiting for the first simulated second…' : 'Press Play to run the emulation — charts fill in as simulated seconds complete.'}
    </p>
  );
}

export function ChartsPanel() {
  const ring = useStore((s) => s.sim.series);
  const error = useStore((s) => s.sim.error);
  const running = useStore((s) => s.sim.runState === 'playing');
  const selected = useSelectedVolumes();
  const specs = useMemo(() => buildSpecs(ring, selected), [ring, selected]);
  return (
    <section className="sim-charts" aria-label="Charts">
      <VolumePicker />
      <div className="sim-chart-area">
        {error || ring.length === 0 ? (
          <EmptyState error={error} running={running} />
        ) : selected.length === 0 ? (
          <p className="sim-empty">Pick one or more volumes to chart.</p>
        ) : (
          specs.map((spec) => <UplotChart key={spec.title} spec={spec} />)
        )}
      </div>
      <LatestTable selected={selected} ring={ring} />
    </section>
  );
}
