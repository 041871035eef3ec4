/**
 * The "Run summary" view of the charts panel: the engine's report as recharts bar charts —
 * per selected LDEV mean read/write IOPS, cache hit %, mean and p99 response time; per link
 * utilisation %; rejected I/Os by reason.
 *
 * It draws `sim.lastReport` and asks the bridge for a fresh report only when the run settles:
 * paused, stepped or finished (while the view is open). It never re-renders per telemetry
 * frame: its selectors read the report, the selection, the design's names and the settled
 * time, which is `null` while the run plays. Bars are static (no animation); each value is
 * written at the end of its bar.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, LabelList, XAxis, YAxis } from 'recharts';
import { REJECT_REASONS, type Report } from '../../engine/api.ts';
import type { Topology } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { formatClock } from './RunControls.tsx';
import { wrapLabel } from './chart-math.ts';
import { getBridge } from './bridge.ts';
import { useElementSize } from './useElementSize.ts';

// ------------------------------------------------------------------ data

interface SummaryRow {
  id: string;
  name: string;
  /** The category label's lines, when not simply the wrapped name. */
  label?: string[];
  [metric: string]: number | string | string[] | undefined;
}

interface Summary {
  ldevs: SummaryRow[];
  links: SummaryRow[];
  linksTotal: number;
  rejected: SummaryRow[];
  rejectedTotal: number;
}

/** The busiest links shown; the rest are counted in the caption. */
const MAX_LINKS = 6;

const REASON_LABEL: Record<string, string> = {
  'no-route': 'No route',
  'not-in-host-group': 'Not in host group',
  'no-lu-path': 'No LU path',
  'read-only': 'Read-only LDEV',
  'queue-full': 'Queue full',
  'pair-state': 'Pair state',
  'backup-mode-full': 'Backup mode full',
  fence: 'Fence level (remote copy)',
  'site-down': 'Site lost',
  zoning: 'Zoning',
  'no-path': 'No path left (I/O error)',
  'ldev-blocked': 'LDEV blocked (RAID lost)',
};

/** A link as its two ends, "device port" each (the rows' label lines) and as one line. */
function linkLabel(topology: Topology, linkId: string): { name: string; label: string[] } {
  const link = topology.links.find((l) => l.id === linkId);
  if (!link) return { name: linkId, label: [linkId] };
  const end = (e: { deviceId: string; portId: string }) => `${topology.devices.find((d) => d.id === e.deviceId)?.name ?? e.deviceId} ${e.portId}`;
  const a = end(link.a);
  const b = end(link.b);
  return { name: `${a} ↔ ${b}`, label: [a, `↔ ${b}`] };
}

export function buildSummary(report: Report, ldevIds: string[], topology: Topology): Summary {
  const ldevs = ldevIds.flatMap((id) => {
    const l = report.ldevs[id];
    if (!l) return [];
    return [
      {
        id,
        name: l.name,
        readIops: l.readIops,
        writeIops: l.writeIops,
        cacheHitPct: l.cacheHitPct,
        responseMsMean: l.responseMsMean,
        responseMsP99: l.responseMsP99,
      },
    ];
  });
  const allLinks = Object.entries(report.links)
    .map(([id, l]) => ({ id, ...linkLabel(topology, id), utilizationPct: l.utilizationPct }))
    .sort((a, b) => b.utilizationPct - a.utilizationPct || a.name.localeCompare(b.name));
  const reasons = [...REJECT_REASONS, ...Object.keys(report.rejectedIos.byReason).filter((r) => !REJECT_REASONS.includes(r as never))];
  const byReason = report.rejectedIos.byReason as Record<string, number | undefined>;
  const rejected = reasons.map((r) => ({ id: r, name: REASON_LABEL[r] ?? r, count: byReason[r] ?? 0 }));
  return { ldevs, links: allLinks.slice(0, MAX_LINKS), linksTotal: allLinks.length, rejected, rejectedTotal: report.rejectedIos.total };
}

// ------------------------------------------------------------------ formatting

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatValue = (v: number, digits: number): string =>
  !Number.isFinite(v) ? '—' : digits === 0 ? grouped.format(Math.round(v)) : v.toFixed(digits);

// ------------------------------------------------------------------ one bar chart

interface BarSeries {
  key: string;
  label: string;
  color: string;
  digits: number;
}

const MARGIN = { top: 2, right: 4, bottom: 2, left: 0 };
const CATEGORY_WIDTH = 108;
const BAR_MIN = 11;
const ROW_GAP = 8;
const AXIS_LINE = { stroke: '#c3cad4' };
const BAR_COLORS = { primary: '#1f5f8b', secondary: '#8fb8d8', warn: '#b4532a' };

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A category tick: the row's name on up to two lines, with the full name as its SVG tooltip. */
function categoryTick(rows: SummaryRow[], chars: number) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return function CategoryTick(props: { x?: number | string; y?: number | string; payload?: { value: string } }) {
    const id = props.payload?.value ?? '';
    const row = byId.get(id);
    const full = row?.name ?? id;
    const lines = row?.label ? row.label.map((l) => cut(l, chars)) : wrapLabel(full, chars);
    const y = Number(props.y) - ((lines.length - 1) * 12) / 2;
    return (
      <text x={Number(props.x) - 4} y={y} dy={4} textAnchor="end" fontSize={11} fill="#374151" data-testid={`summary-label-${id}`}>
        <title>{full}</title>
        {lines.map((l, i) => (
          <tspan key={i} x={Number(props.x) - 4} dy={i === 0 ? 4 : 12}>
            {l}
          </tspan>
        ))}
      </text>
    );
  };
}

/** A value written just past the end of its bar; `data-testid` = summary-<row id>-<metric>. */
function valueLabel(rows: SummaryRow[], series: BarSeries) {
  return function ValueLabel(props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; index?: number; value?: unknown }) {
    const row = props.index === undefined ? undefined : rows[props.index];
    const x = Number(props.x) + Math.max(0, Number(props.width)) + 3;
    const y = Number(props.y) + Number(props.height) / 2;
    return (
      <text x={x} y={y} dominantBaseline="central" fontSize={10.5} fill="#1f2937" data-testid={row ? `summary-${row.id}-${series.key}` : undefined}>
        {formatValue(Number(props.value), series.digits)}
      </text>
    );
  };
}

interface SummaryChartProps {
  title: string;
  rows: SummaryRow[];
  series: BarSeries[];
  /** Fixed upper end of the value axis (e.g. 100 for percentages); else the largest value. */
  max?: number;
  note?: string;
  empty?: string;
  /** Width of the category labels (px) and the characters that fit on one of their lines. */
  categoryWidth?: number;
  labelChars?: number;
  wide?: boolean;
}

const SummaryChart = memo(function SummaryChart({ title, rows, series, max, note, empty, categoryWidth = CATEGORY_WIDTH, labelChars = 18, wide }: SummaryChartProps) {
  // Measured on the scrolling layer: its client width leaves out a scrollbar when one shows.
  const [layerRef, size] = useElementSize<HTMLDivElement>();
  const top = useMemo(() => {
    let m = max ?? 0;
    for (const r of rows) for (const s of series) m = Math.max(m, Number(r[s.key]) || 0);
    return m > 0 ? m : 1;
  }, [rows, series, max]);
  const tick = useMemo(() => categoryTick(rows, labelChars), [rows, labelChars]);
  // Every bar at least BAR_MIN px thick (its value label fits) and every two-line name its
  // two lines: with many volumes the chart grows taller than the figure and scrolls.
  const rowMin = useMemo(() => {
    const lines = Math.max(1, ...rows.map((r) => r.label?.length ?? wrapLabel(r.name, labelChars).length));
    return Math.max(series.length * BAR_MIN + ROW_GAP, lines * 12 + 4);
  }, [rows, series.length, labelChars]);
  const chartHeight = Math.max(size.height, rows.length * rowMin + MARGIN.top + MARGIN.bottom);
  const scrolls = size.height > 0 && chartHeight > size.height;
  // Room past the longest bar for its value label (~48 px).
  const domain = useMemo(() => {
    const plot = Math.max(40, size.width - categoryWidth - MARGIN.left - MARGIN.right);
    return [0, (top * plot) / Math.max(20, plot - 48)] as [number, number];
  }, [top, size.width, categoryWidth]);
  return (
    <figure className={`sim-chart sim-summary-chart${wide ? ' sim-summary-wide' : ''}`} aria-label={title}>
      <figcaption>
        {title}
        {series.length > 1
          ? series.map((s) => (
              <span key={s.key} className="sim-muted sim-key">
                <span className="sim-swatch" style={{ background: s.color }} aria-hidden="true" />
                {s.label}
              </span>
            ))
          : null}
        {note ? <span className="sim-muted sim-key">{note}</span> : null}
      </figcaption>
      <div className="sim-chart-plot">
        <div
          className="sim-chart-layer sim-summary-scroll"
          ref={layerRef}
          tabIndex={scrolls ? 0 : undefined}
          role={scrolls ? 'group' : undefined}
          aria-label={scrolls ? `${title} (scrolls)` : undefined}
        >
          {rows.length === 0 ? (
            <p className="sim-summary-none">{empty ?? 'Nothing to show.'}</p>
          ) : size.width > 0 && size.height > 0 ? (
            <BarChart
              width={size.width}
              height={chartHeight}
              data={rows}
              layout="vertical"
              margin={MARGIN}
              barCategoryGap={series.length > 1 ? '18%' : '28%'}
              barGap={1}
              maxBarSize={16}
              accessibilityLayer={false}
            >
              <XAxis type="number" hide domain={domain} allowDataOverflow />
              <YAxis type="category" dataKey="id" width={categoryWidth} tick={tick} tickLine={false} axisLine={AXIS_LINE} interval={0} />
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} minPointSize={1}>
                  <LabelList dataKey={s.key} content={valueLabel(rows, s)} />
                </Bar>
              ))}
            </BarChart>
          ) : null}
        </div>
      </div>
    </figure>
  );
});

const IOPS_SERIES: BarSeries[] = [
  { key: 'readIops', label: 'read', color: BAR_COLORS.primary, digits: 0 },
  { key: 'writeIops', label: 'write', color: BAR_COLORS.secondary, digits: 0 },
];
const CACHE_SERIES: BarSeries[] = [{ key: 'cacheHitPct', label: 'cache hit %', color: BAR_COLORS.primary, digits: 1 }];
const RESPONSE_SERIES: BarSeries[] = [
  { key: 'responseMsMean', label: 'mean', color: BAR_COLORS.primary, digits: 2 },
  { key: 'responseMsP99', label: 'p99', color: BAR_COLORS.secondary, digits: 2 },
];
const LINK_SERIES: BarSeries[] = [{ key: 'utilizationPct', label: 'utilisation %', color: BAR_COLORS.primary, digits: 1 }];
const REJECTED_SERIES: BarSeries[] = [{ key: 'count', label: 'rejected', color: BAR_COLORS.warn, digits: 0 }];

// ------------------------------------------------------------------ the view

/** The simulated second the run settled at (paused / stepped / finished), or null while it is not settled. */
const selectSettledAt = (s: { sim: { runState: string; nowS: number } }) =>
  s.sim.runState === 'paused' || s.sim.runState === 'finished' ? s.sim.nowS : null;

/** The report rounds `simSeconds` to the millisecond; the clock is exact. */
const sameInstant = (a: number, b: number) => Math.abs(a - b) < 0.001;

/** Fetch the report whenever the run settles at a new time and the shown report is older. */
function useReportOnSettle(): string | null {
  const settledAt = useStore(selectSettledAt);
  const generation = useStore((s) => s.sim.generation);
  const reportAt = useStore((s) => s.sim.lastReport?.simSeconds ?? null);
  const requested = useRef('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (settledAt === null || (reportAt !== null && sameInstant(reportAt, settledAt))) return;
    const key = `${generation}:${settledAt}`;
    if (requested.current === key) return;
    requested.current = key;
    getBridge()
      .report()
      .then(
        () => setError(null),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
  }, [settledAt, generation, reportAt]);
  return error;
}

function SummaryStatus({ report }: { report: Report }) {
  const runState = useStore((s) => s.sim.runState);
  const state = runState === 'playing' ? 'running — pause to refresh' : runState === 'finished' ? 'finished' : 'paused';
  return (
    <p className="sim-summary-status">
      Report at <strong>{formatClock(report.simSeconds)}</strong> ({state}) · {report.events.toLocaleString('en-US')} events
    </p>
  );
}

export function RunSummary() {
  const error = useReportOnSettle();
  const report = useStore((s) => s.sim.lastReport);
  const nowS = useStore((s) => (s.sim.runState === 'playing' ? Infinity : s.sim.nowS));
  const runState = useStore((s) => s.sim.runState);
  const selected = useStore((s) => s.sim.selectedLdevIds);
  const topology = useStore((s) => s.scenario.topology);
  // A report from before a reset (time ran backwards) is stale.
  const shown = report && report.simSeconds < nowS + 0.001 ? report : null;
  const summary = useMemo(() => (shown ? buildSummary(shown, selected, topology) : null), [shown, selected, topology]);

  if (error) {
    return (
      <div className="sim-empty sim-empty-error" role="alert">
        <strong>The report could not be read.</strong>
        <span>{error}</span>
      </div>
    );
  }
  if (!shown || !summary) {
    return (
      <p className="sim-empty">
        {runState === 'playing'
          ? 'No report yet — the summary is drawn when the run is paused, stepped or finished.'
          : 'No report yet — play the emulation, then pause it (or let it finish) to see the run summary.'}
      </p>
    );
  }
  const hiddenLinks = summary.linksTotal - summary.links.length;
  return (
    <div className="sim-summary">
      <SummaryStatus report={shown} />
      <div className="sim-summary-charts">
        <SummaryChart title="Mean IOPS" rows={summary.ldevs} series={IOPS_SERIES} empty="Pick volumes to compare." />
        <SummaryChart title="Cache hit %" rows={summary.ldevs} series={CACHE_SERIES} max={100} empty="Pick volumes to compare." />
        <SummaryChart title="Response ms" rows={summary.ldevs} series={RESPONSE_SERIES} empty="Pick volumes to compare." />
        <SummaryChart
          title="Link utilisation %"
          rows={summary.links}
          series={LINK_SERIES}
          max={100}
          note={hiddenLinks > 0 ? `busiest ${summary.links.length} of ${summary.linksTotal}` : undefined}
          empty="No links in this design."
          categoryWidth={172}
          labelChars={28}
          wide
        />
        <SummaryChart
          title="Rejected I/Os"
          rows={summary.rejected}
          series={REJECTED_SERIES}
          note={`${formatValue(summary.rejectedTotal, 0)} in all`}
        />
      </div>
    </div>
  );
}
