/**
 * The Monitor tab's health view: every device and cable that is not OK now — failed first, then
 * degraded — with what it is and why (the faults on it, its parity groups, its failed paths),
 * each name selecting it on the canvas, where the same devices and cables are tinted (failed red,
 * degraded amber). One line says all is well when nothing is wrong.
 */
import { useMemo } from 'react';
import { BackupPill } from '../backup/BackupPill.tsx';
import { useStore } from '../store/index.ts';
import { DeviceButton } from './DeviceButton.tsx';
import { healthCounts, healthRows } from './health-view.ts';
import { useFaults } from './useMonitor.ts';

function CanvasKey() {
  return (
    <p className="mon-key" aria-label="Canvas colours">
      On the canvas: <span className="mon-swatch is-failed" aria-hidden="true" /> failed · <span className="mon-swatch is-degraded" aria-hidden="true" /> degraded
    </p>
  );
}

export function HealthSection() {
  const faults = useFaults();
  const topology = useStore((s) => s.scenario.topology);
  const rows = useMemo(() => (faults ? healthRows(faults, topology) : []), [faults, topology]);
  const counts = faults ? healthCounts(faults) : { failed: 0, degraded: 0 };
  return (
    <section className="bk-section" aria-labelledby="mon-health-h">
      <h3 id="mon-health-h">
        Health
        {rows.length > 0 && (
          <span className="mon-h-sub">
            {' '}
            · {counts.failed} failed, {counts.degraded} degraded
          </span>
        )}
      </h3>
      {faults === null ? (
        <p className="muted">Waiting for the emulator’s first report…</p>
      ) : rows.length === 0 ? (
        <p className="mon-all-ok" data-testid="health-all-ok">
          <span aria-hidden="true">✓ </span>Every device and cable is OK.
        </p>
      ) : (
        <ul className="mon-health" aria-label="Devices and cables not OK">
          {rows.map((r) => (
            <li key={r.id} className={`mon-health-row is-${r.health}`} data-health-id={r.id} data-health={r.health}>
              <div className="mon-health-head">
                <BackupPill tone={r.health === 'failed' ? 'error' : 'waiting'}>{r.health}</BackupPill>
                <DeviceButton id={r.id} />
                <span className="muted">{r.what}</span>
              </div>
              {r.reasons.length > 0 && (
                <ul className="mon-reasons">
                  {r.reasons.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <CanvasKey />
    </section>
  );
}
