/**
 * One live line chart drawn with uPlot (canvas): the live charts' renderer, because recharts
 * could not update 8 volumes × 600 points within the 50 ms budget (docs/automation.md).
 *
 * The uPlot instance lives outside React: it is created when the set of lines changes (keys,
 * colours, dashes) and otherwise only receives `setData`, so a telemetry batch costs one
 * canvas redraw and no React reconciliation of points. Resizes follow the container.
 *
 * Gaps: a sample without a value (NaN in telemetry: cache hit % of a second without reads,
 * response time of a second without completions) is handed to uPlot as null and drawn as a
 * gap (`spanGaps: false`), never as a line at 0 nor bridged across.
 */
import { memo, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { withGaps } from './chart-math.ts';
import type { ChartSpec } from './chart-spec.ts';

const AXIS_FONT = '11px system-ui, sans-serif';
const GRID = { stroke: '#e3e7ed', width: 1 };
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

function yRange(spec: ChartSpec): uPlot.Scale.Range {
  return (_u, _min, max) => [0, spec.yMax ?? (max > 0 ? max * 1.1 : 1)];
}

function makeOptions(spec: ChartSpec, width: number, height: number): uPlot.Options {
  return {
    width,
    height,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false }, y: { range: yRange(spec) } },
    axes: [
      { font: AXIS_FONT, grid: GRID, ticks: GRID, values: (_u, splits) => splits.map((s) => `${s}s`), size: 28 },
      { font: AXIS_FONT, grid: GRID, ticks: GRID, size: 46, values: (_u, splits) => splits.map((v) => (Math.abs(v) >= 1000 ? COMPACT.format(v) : String(v))) },
    ],
    series: [
      {},
      ...spec.lines.map((l) => ({
        label: l.label,
        stroke: l.color,
        width: 1.5,
        dash: l.dashed ? [5, 3] : undefined,
        points: { show: false },
        spanGaps: false,
      })),
    ],
  };
}

/** The lines' identity: a new uPlot instance only when this changes. */
const shapeKey = (spec: ChartSpec) => spec.lines.map((l) => `${l.key}|${l.color}|${l.dashed ? 1 : 0}`).join(',');

const toData = (spec: ChartSpec): uPlot.AlignedData => [spec.t, ...spec.lines.map((l) => withGaps(l.values))];

export const UplotChart = memo(function UplotChart({ spec }: { spec: ChartSpec }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const specRef = useRef(spec);
  specRef.current = spec;
  const shape = shapeKey(spec);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const plot = new uPlot(makeOptions(specRef.current, host.clientWidth, host.clientHeight), toData(specRef.current), host);
    plotRef.current = plot;
    const observer = new ResizeObserver(() => {
      if (host.clientWidth > 0 && host.clientHeight > 0) plot.setSize({ width: host.clientWidth, height: host.clientHeight });
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [shape]);

  useEffect(() => {
    plotRef.current?.setData(toData(spec));
  }, [spec]);

  return (
    <figure className="sim-chart" aria-label={`${spec.title} chart`}>
      <figcaption>
        {spec.title}
        {spec.lines.some((l) => l.dashed) ? <span className="sim-muted sim-key"> read ── write ╌╌</span> : null}
      </figcaption>
      <div className="sim-chart-plot" ref={hostRef} />
    </figure>
  );
});
