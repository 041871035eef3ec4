/**
 * The count on the Monitor tab: unacknowledged critical and warning alerts of this run, red when
 * one of them is critical, amber otherwise; nothing when every such alert is acknowledged.
 * Re-renders when the alert list (shared structurally between batches), the acknowledgements or
 * the run change.
 */
import { useMemo } from 'react';
import { tabCount, unackedCounts } from './alert-view.ts';
import { useAcks, useAlerts } from './useMonitor.ts';

export function MonitorCount() {
  const alerts = useAlerts();
  const acks = useAcks();
  const counts = useMemo(() => unackedCounts(alerts, acks), [alerts, acks]);
  const shown = tabCount(counts);
  if (!shown) return null;
  const label = `${counts.critical} critical and ${counts.warning} warning alert${shown.count === 1 ? '' : 's'} not acknowledged`;
  return (
    <span className={`tab-count tab-count-${shown.tone}`} aria-label={label} title={label} data-testid="monitor-alert-count">
      {shown.count}
    </span>
  );
}
