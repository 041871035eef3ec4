/**
 * One live line chart drawn with recharts — the product's live charts (IOPS, cache hit %,
 * response time; 8 volumes × 600 points at 4 Hz within the 50 ms task budget). The
 * measurements behind this shape are in the performance note of docs/automation.md.
 *
 * Shipped shape (`series: 'layer'`): a recharts `LineChart` draws the chart — axes, ticks,
 * grid, layout and the X/Y scales — and `SeriesLayer`, a child of the chart, draws one SVG path
 * per line from the typed arrays through recharts' scale hooks (`useXAxisScale`,
 * `useYAxisScale`, `usePlotArea`). Per pixel column it keeps only the entry, min, max and exit
 * points on whole pixels, which is what uPlot's linear path builder draws, so nothing visible
 * is lost. recharts' own `<Line>` is not used for streaming: in recharts 3 it costs several µs
 * per point (a point object and a label entry per point, even with labels off, then a second
 * render from its store), which no shaping brought under the budget.
 *
 * Both series modes share the rest of the shaping: one chart per metric with a line per
 * volume; data derived once per telemetry batch (the spec only changes per batch); stable
 * keys and colours; no animation, dots, active dot, tooltip, syncId or accessibility layer
 * (its keyboard navigation drives the tooltip); explicit ticks with `interval={0}` (no text
 * measuring); a fixed measured size (ResizeObserver) instead of ResponsiveContainer; axis,
 * grid and margin props are constants or memoised; and each chart's update runs in a task of
 * its own (`chart-scheduler.ts`), so a batch is three short tasks instead of one long one.
 *
 * `series: 'line'` is the `<Line>` version kept for the bench (`?liveCharts=recharts-line`):
 * one array of row objects per chart, `XAxis type="number" domain={['dataMin','dataMax']}`
 * with `allowDataOverflow`, and (`decimate`) two rows per pixel column (each line's min and
 * max in time order) when the window has more samples than that.
 */
import { memo, useId, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { linePath, timeTicks, valueTicks } from './chart-math.ts';
import type { ChartSpec } from './chart-spec.ts';
import { useStaggeredValue } from './chart-scheduler.ts';
import { useElementSize } from './useElementSize.ts';

export interface RechartsLiveOptions {
  /** `layer`: recharts chart + SeriesLayer paths (shipped). `line`: a recharts `<Line>` per line. */
  series: 'layer' | 'line';
  /** Each chart's update in a task of its own. */
  stagger: boolean;
  /** `line` mode only: two rows per pixel column when the window is denser than that. */
  decimate: boolean;
}

export const SHIPPED_LIVE_OPTIONS: RechartsLiveOptions = { series: 'layer', stagger: true, decimate: true };

const MARGIN = { top: 6, right: 14, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 46;
const X_AXIS_HEIGHT = 22;
const TICK = { fontSize: 11, fill: '#4b5563' };
const GRID_STROKE = '#e3e7ed';
const formatSeconds = (v: number) => `${v}s`;
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const formatValueTick = (v: number) => (Math.abs(v) >= 1000 ? compact.format(v) : String(v));

// ------------------------------------------------------------------ axes

/** Window ends, round-second X ticks, nice Y ticks (fixed top for percentages): once per batch. */
function useAxes(spec: ChartSpec, width: number) {
  const t0 = spec.t.length > 0 ? spec.t[0] : 0;
  const t1 = spec.t.length > 0 ? spec.t[spec.t.length - 1] : 1;
  const yTicks = useMemo(() => {
    if (spec.yMax !== undefined) return valueTicks(spec.yMax, 4);
    let max = 0;
    for (const l of spec.lines) for (let i = 0; i < l.values.length; i++) if (l.values[i] > max) max = l.values[i];
    return valueTicks(max > 0 ? max * 1.05 : 1, 4);
  }, [spec]);
  const yMax = yTicks[yTicks.length - 1];
  const xDomain = useMemo(() => [t0, Math.max(t1, t0 + 1)] as [number, number], [t0, t1]);
  const xTicks = useMemo(() => timeTicks(t0, t1, Math.max(2, Math.floor(width / 60))), [t0, t1, width]);
  const yDomain = useMemo(() => [0, yMax] as [number, number], [yMax]);
  // A numeric axis is laid out over some data: the window's two ends are enough.
  const ends = useMemo(() => [{ t: xDomain[0] }, { t: xDomain[1] }], [xDomain]);
  return { xDomain, xTicks, yTicks, yDomain, ends };
}

// ------------------------------------------------------------------ shipped: the series layer

const SeriesLayer = memo(function SeriesLayer({ spec }: { spec: ChartSpec }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  const clipId = useId();
  if (!xScale || !yScale || !plot || spec.t.length === 0) return null;
  // Both axes are linear: two points of each scale give the whole mapping.
  const t0 = spec.t[0];
  const t1 = Math.max(spec.t[spec.t.length - 1], t0 + 1);
  const px0 = xScale(t0) ?? 0;
  const kx = ((xScale(t1) ?? 0) - px0) / (t1 - t0);
  const py0 = yScale(0) ?? 0;
  const ky = (yScale(1) ?? 0) - py0;
  return (
    <g className="sim-series">
      <clipPath id={clipId}>
        <rect x={plot.x} y={plot.y - 1} width={plot.width} height={plot.height + 2} />
      </clipPath>
      <g clipPath={`url(#${CSS.escape(clipId)})`} fill="none" strokeWidth={1.5} strokeLinejoin="round">
        {spec.lines.map((l) => (
          <path key={l.key} d={linePath(spec.t, l.values, px0 - kx * t0, kx, py0, ky)} stroke={l.color} strokeDasharray={l.dashed ? '5 3' : undefined} />
        ))}
      </g>
    </g>
  );
});

interface PlotProps {
  spec: ChartSpec;
  width: number;
  height: number;
  decimate: boolean;
}

const LayerPlot = memo(function LayerPlot({ spec, width, height }: PlotProps) {
  const { xDomain, xTicks, yTicks, yDomain, ends } = useAxes(spec, width);
  return (
    <LineChart width={width} height={height} data={ends} margin={MARGIN} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="t" type="number" domain={xDomain} allowDataOverflow ticks={xTicks} interval={0} tick={TICK} tickFormatter={formatSeconds} height={X_AXIS_HEIGHT} />
      <YAxis type="number" domain={yDomain} allowDataOverflow ticks={yTicks} interval={0} tick={TICK} tickFormatter={formatValueTick} width={Y_AXIS_WIDTH} />
      <SeriesLayer spec={spec} />
    </LineChart>
  );
});

// ------------------------------------------------------------------ measured: recharts <Line>

type Row = Record<string, number>;

const X_DATA_DOMAIN: [string, string] = ['dataMin', 'dataMax'];

function fullRows(spec: ChartSpec): Row[] {
  const rows: Row[] = new Array(spec.t.length);
  for (let i = 0; i < spec.t.length; i++) {
    const row: Row = { t: spec.t[i] };
    for (let j = 0; j < spec.lines.length; j++) row[`k${j}`] = spec.lines[j].values[i];
    rows[i] = row;
  }
  return rows;
}

/** Two rows per pixel column: each line's min and max in the order they occurred. */
function decimatedRows(spec: ChartSpec, columns: number): Row[] {
  const n = spec.t.length;
  const rows: Row[] = [];
  for (let c = 0; c < columns; c++) {
    const i0 = Math.floor((c * n) / columns);
    const i1 = Math.floor(((c + 1) * n) / columns) - 1;
    if (i1 < i0) continue;
    const first: Row = { t: spec.t[i0] };
    const second: Row = { t: spec.t[i1] };
    for (let j = 0; j < spec.lines.length; j++) {
      const v = spec.lines[j].values;
      let lo = i0;
      let hi = i0;
      for (let i = i0 + 1; i <= i1; i++) {
        if (v[i] < v[lo]) lo = i;
        else if (v[i] > v[hi]) hi = i;
      }
      first[`k${j}`] = v[Math.min(lo, hi)];
      second[`k${j}`] = v[Math.max(lo, hi)];
    }
    rows.push(first);
    if (i1 > i0) rows.push(second);
  }
  return rows;
}

/** The chart's rows `{ t, k0, k1, … }`: one per sample, or two per pixel column when denser. */
export function toRows(spec: ChartSpec, plotWidth: number, decimate: boolean): Row[] {
  const columns = Math.max(1, Math.floor(plotWidth));
  return decimate && spec.t.length > 2 * columns ? decimatedRows(spec, columns) : fullRows(spec);
}

const LinePlot = memo(function LinePlot({ spec, width, height, decimate }: PlotProps) {
  const plotWidth = width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right;
  const rows = useMemo(() => toRows(spec, plotWidth, decimate), [spec, plotWidth, decimate]);
  const { xTicks, yTicks, yDomain } = useAxes(spec, width);
  return (
    <LineChart width={width} height={height} data={rows} margin={MARGIN} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="t" type="number" domain={X_DATA_DOMAIN} allowDataOverflow ticks={xTicks} interval={0} tick={TICK} tickFormatter={formatSeconds} height={X_AXIS_HEIGHT} />
      <YAxis type="number" domain={yDomain} allowDataOverflow ticks={yTicks} interval={0} tick={TICK} tickFormatter={formatValueTick} width={Y_AXIS_WIDTH} />
      {spec.lines.map((l, j) => (
        <Line
          key={l.key}
          dataKey={`k${j}`}
          name={l.label}
          stroke={l.color}
          strokeWidth={1.5}
          strokeDasharray={l.dashed ? '5 3' : undefined}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
          type="linear"
        />
      ))}
    </LineChart>
  );
});

// ------------------------------------------------------------------ the figure

export const RechartsLiveChart = memo(function RechartsLiveChart({ spec, options = SHIPPED_LIVE_OPTIONS }: { spec: ChartSpec; options?: RechartsLiveOptions }) {
  const [hostRef, size] = useElementSize<HTMLDivElement>();
  const shown = useStaggeredValue(spec, options.stagger);
  const Plot = options.series === 'line' ? LinePlot : LayerPlot;
  return (
    <figure className="sim-chart" aria-label={`${spec.title} chart`}>
      <figcaption>
        {spec.title}
        {spec.lines.some((l) => l.dashed) ? <span className="sim-muted sim-key"> read ── write ╌╌</span> : null}
      </figcaption>
      <div className="sim-chart-plot" ref={hostRef}>
        <div className="sim-chart-layer">
          {size.width > 0 && size.height > 0 ? <Plot spec={shown} width={size.width} height={size.height} decimate={options.decimate} /> : null}
        </div>
      </div>
    </figure>
  );
});
