/**
 * The console's alert list: time (simulated seconds and the scenario's clock); a severity chip
 * with the kind, the message and the roles the notification rules paged; the device (selects it
 * on the canvas) — newest first — with Acknowledge per row and Acknowledge all, a severity filter
 * and "unacknowledged only". Acknowledgements belong to this run (useMonitorUi); the engine
 * neither knows nor cares. The list scrolls inside its own box, so the rest of the tab stays
 * in reach when a run raises many alerts.
 */
import { memo, useMemo } from 'react';
import type { AlertRecord } from '../../engine/api.ts';
import { BackupPill } from '../backup/BackupPill.tsx';
import { wallClockSeconds } from '../backup/backup-format.ts';
import type { Tone } from '../backup/backup-format.ts';
import { useStore } from '../store/index.ts';
import { KIND_LABEL, SEVERITY_FILTERS, SEVERITY_LABEL, alertSimTime, filterAlerts, isAcked, pagedText, type SeverityFilter } from './alert-view.ts';
import { DeviceButton } from './DeviceButton.tsx';
import { useAcks, useAlerts } from './useMonitor.ts';
import { useMonitorUi } from './useMonitorUi.ts';

const SEVERITY_TONE: Record<AlertRecord['severity'], Tone> = { critical: 'error', warning: 'waiting', info: 'active' };

const AlertRow = memo(function AlertRow({ a, acked, clockStart }: { a: AlertRecord; acked: boolean; clockStart: string }) {
  const generation = useStore((s) => s.sim.generation);
  return (
    <tr className={`mon-alert sev-${a.severity}${acked ? ' is-acked' : ''}`} data-seq={a.seq} data-severity={a.severity} data-acked={acked}>
      <td className="num mon-time">
        {alertSimTime(a.timeUs)}
        <span className="bk-sub">{wallClockSeconds(clockStart, a.timeUs / 1e6)}</span>
      </td>
      <td className="mon-msg">
        <span className="mon-alert-head">
          <BackupPill tone={SEVERITY_TONE[a.severity]}>{SEVERITY_LABEL[a.severity]}</BackupPill> <span className="mon-kind">{KIND_LABEL[a.kind]}</span>
        </span>
        <span className="mon-alert-text">{a.message}</span>
        <span className={`bk-sub${a.notified.length > 0 ? ' mon-paged' : ''}`}>{pagedText(a.notified)}</span>
      </td>
      <td className="mon-dev">
        <DeviceButton id={a.deviceId} />
      </td>
      <td className="mon-ack">
        {acked ? (
          <span className="mon-acked">
            <span aria-hidden="true">✓ </span>acknowledged
          </span>
        ) : (
          <button type="button" className="btn btn-small" aria-label={`Acknowledge alert ${a.seq}: ${a.message}`} onClick={() => useMonitorUi.getState().acknowledge(a.seq, generation)}>
            Acknowledge
          </button>
        )}
      </td>
    </tr>
  );
});

function Filters({ alerts }: { alerts: readonly AlertRecord[] }) {
  const filter = useMonitorUi((s) => s.filter);
  const generation = useStore((s) => s.sim.generation);
  const acks = useAcks();
  const open = alerts.some((a) => !isAcked(acks, a.seq));
  return (
    <div className="mon-filters" role="group" aria-label="Alert filters">
      <label className="mon-filter">
        <span>Show</span>
        <select value={filter.severity} onChange={(e) => useMonitorUi.getState().setFilter({ severity: e.currentTarget.value as SeverityFilter })}>
          {SEVERITY_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.unackedOnly} onChange={(e) => useMonitorUi.getState().setFilter({ unackedOnly: e.currentTarget.checked })} />
        Unacknowledged only
      </label>
      <button type="button" className="btn btn-small" disabled={!open} onClick={() => useMonitorUi.getState().acknowledgeAll(alerts, generation)}>
        Acknowledge all
      </button>
    </div>
  );
}

export function AlertTable() {
  const alerts = useAlerts();
  const total = useStore((s) => s.sim.faults?.alertCount ?? 0);
  const clockStart = useStore((s) => s.scenario.clockStart);
  const acks = useAcks();
  const filter = useMonitorUi((s) => s.filter);
  const shown = useMemo(() => filterAlerts(alerts, acks, filter), [alerts, acks, filter]);
  return (
    <section className="bk-section" aria-labelledby="mon-alerts-h">
      <h3 id="mon-alerts-h">
        Alerts
        <span className="mon-h-sub">
          {' '}
          · {total.toLocaleString('en-US')} raised{total > alerts.length ? `, the newest ${alerts.length} kept` : ''}
        </span>
      </h3>
      <Filters alerts={alerts} />
      {shown.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {alerts.length === 0 ? 'No alerts in this run yet.' : 'No alert matches the filters.'}
        </p>
      ) : (
        <div className="mon-alerts-box" role="region" aria-label="Alert list" tabIndex={0}>
          <table className="grid-table bk-table mon-alerts">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Alert</th>
                <th scope="col">Device</th>
                <th scope="col">
                  <span className="sr-only">Acknowledgement</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <AlertRow key={a.seq} a={a} acked={isAcked(acks, a.seq)} clockStart={clockStart} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
