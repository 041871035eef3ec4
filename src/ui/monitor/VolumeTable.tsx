/**
 * The performance view across all volumes at once: one row per LDEV — its parity group (with the
 * tier and the array, and the group it is moving to), the group's utilisation, IOPS, read %, cache hit %,
 * response time of the last second and over the run — sortable by any column (a click on the
 * sorted one flips it), with the busiest row and the idlest row marked in two colours and with a
 * word, and a legend saying which is which. Rebuilt once per telemetry batch.
 */
import { useMemo } from 'react';
import { ScrollBox } from '../backup/BackupPill.tsx';
import { extremes, formatNum, sortRows, tierLabel, type PerfColumn, type VolumeRow } from './perf-table.ts';
import { useVolumeRows } from './useMonitor.ts';
import { useMonitorUi } from './useMonitorUi.ts';

const COLUMNS: readonly { id: PerfColumn; label: string; title: string; num: boolean }[] = [
  { id: 'ldev', label: 'Volume', title: 'LDEV name and id', num: false },
  { id: 'group', label: 'Parity group', title: 'the parity group (RAID group) it is on now, its tier and its array', num: false },
  { id: 'groupUtilPct', label: 'Group busy %', title: 'the parity group’s disk busy time over the last second', num: true },
  { id: 'iops', label: 'IOPS', title: 'reads + writes in the last second', num: true },
  { id: 'readPct', label: 'Read %', title: 'reads / I/Os in the last second', num: true },
  { id: 'cacheHitPct', label: 'Cache hit %', title: 'read cache hits / reads in the last second', num: true },
  { id: 'responseMs', label: 'Resp. ms', title: 'mean response time of the I/Os completed in the last second', num: true },
  { id: 'meanResponseMs', label: 'Run mean ms', title: 'mean response time over the run so far, weighted by I/Os', num: true },
];

function SortHeader({ c }: { c: (typeof COLUMNS)[number] }) {
  const sort = useMonitorUi((s) => s.sort);
  const active = sort.column === c.id;
  return (
    <th scope="col" className={c.num ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="mon-sort" title={`${c.title} — sort`} onClick={() => useMonitorUi.getState().sortBy(c.id)}>
        {c.label}
        <span className="mon-sort-mark" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
}

function Row({ r, mark }: { r: VolumeRow; mark: 'busiest' | 'idlest' | null }) {
  return (
    <tr className={mark ? `is-${mark}` : undefined} data-ldev-id={r.ldevId} data-mark={mark ?? undefined}>
      <th scope="row">
        {r.name}
        <span className="bk-sub mono">
          {r.ldevId}
          {mark && <span className={`mon-mark mark-${mark}`}> {mark}</span>}
        </span>
      </th>
      <td>
        {r.groupId ?? '—'}
        {r.movingTo && <span className="mon-moving"> → {r.movingTo}</span>}
        <span className="bk-sub">
          {r.tier ? `${tierLabel(r.tier)} · ` : ''}
          {r.arrayName}
        </span>
      </td>
      <td className="num">{formatNum(r.groupUtilPct)}</td>
      <td className="num" data-testid={`perf-iops-${r.ldevId}`}>
        {formatNum(r.iops, 0)}
      </td>
      <td className="num">{formatNum(r.readPct, 0)}</td>
      <td className="num">{formatNum(r.cacheHitPct)}</td>
      <td className="num">{formatNum(r.responseMs, 2)}</td>
      <td className="num">{formatNum(r.meanResponseMs, 2)}</td>
    </tr>
  );
}

function Legend() {
  return (
    <p className="mon-key" data-testid="perf-legend">
      <span className="mon-swatch is-busiest" aria-hidden="true" /> <strong>busiest</strong>: most IOPS in the last second ·{' '}
      <span className="mon-swatch is-idlest" aria-hidden="true" /> <strong>idlest</strong>: fewest. “—”: no value in that second (no reads, no completions).
    </p>
  );
}

export function VolumeTable() {
  const rows = useVolumeRows();
  const sort = useMonitorUi((s) => s.sort);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const marks = useMemo(() => extremes(rows), [rows]);
  if (rows.length === 0) return <p className="muted">No volumes in this design: add LDEVs to a disk array.</p>;
  return (
    <>
      <Legend />
      <ScrollBox label="Volume performance">
        <table className="grid-table bk-table mon-perf" aria-label="Performance of every volume">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader key={c.id} c={c} />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <Row key={r.ldevId} r={r} mark={marks.busiest.has(r.ldevId) ? 'busiest' : marks.idlest.has(r.ldevId) ? 'idlest' : null} />
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}
