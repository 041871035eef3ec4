/**
 * The event log (the bottom dock's "Events" tab): everything the run did that a person looks
 * for — actions, pair state changes, refused I/O, job steps, alerts — newest first, filterable by
 * device, kind and text; a click on an entry's device selects it on the canvas.
 *
 * Owns the filter state (local) and the table; the entries come from the store (sim.journal,
 * filled by every telemetry batch).
 */
import { useMemo, useState } from 'react';
import type { JournalKind } from '../../engine/api.ts';
import { useSelectOnCanvas } from '../monitor/useSelectOnCanvas.ts';
import { useStore } from '../store/index.ts';
import { devicesIn, filterEvents, JOURNAL_KINDS, KIND_LABEL, NO_FILTER, timeLabel, type EventFilter } from './event-filter.ts';

/** Rows drawn at most (the newest); the count says how many match. */
const ROWS_SHOWN = 500;

export function EventLogPanel() {
  const journal = useStore((s) => s.sim.journal);
  const [f, setF] = useState<EventFilter>(NO_FILTER);
  const select = useSelectOnCanvas();
  const devices = useMemo(() => devicesIn(journal), [journal]);
  const shown = useMemo(() => filterEvents(journal, f), [journal, f]);
  const rows = shown.slice(-ROWS_SHOWN).reverse();
  return (
    <section className="event-log" aria-label="Event log">
      <div className="event-log-filters">
        <label>
          Device{' '}
          <select value={f.deviceId} onChange={(e) => setF({ ...f, deviceId: e.currentTarget.value })}>
            <option value="">All devices</option>
            {devices.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{' '}
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.currentTarget.value as JournalKind | '' })}>
            <option value="">All kinds</option>
            {JOURNAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Text <input type="search" value={f.text} onChange={(e) => setF({ ...f, text: e.currentTarget.value })} placeholder="filter…" />
        </label>
        <span className="muted" data-testid="event-count">
          {shown.length === journal.length ? `${journal.length} events` : `${shown.length} of ${journal.length} events`}
          {shown.length > ROWS_SHOWN ? ` (newest ${ROWS_SHOWN} shown)` : ''}
        </span>
      </div>
      {journal.length === 0 ? (
        <p className="muted">Nothing has happened yet: press Play or Step. Actions, pair states, refused I/O, jobs and alerts appear here.</p>
      ) : (
        <div className="event-log-scroll">
          <table className="grid-table event-log-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">Device</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq} data-kind={e.kind} data-seq={e.seq}>
                  <td className="num">{timeLabel(e.timeUs)}</td>
                  <td>{KIND_LABEL[e.kind]}</td>
                  <td>
                    {e.deviceId ? (
                      <button type="button" className="link-button" onClick={() => select(e.deviceId)} title="Select on the canvas">
                        {e.deviceId}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{e.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
