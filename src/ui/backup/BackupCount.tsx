/**
 * The count on the Backup tab: tape jobs running now (holding or moving a drive). Selects one
 * number, so a telemetry batch re-renders it only when the count changes.
 */
import { useStore } from '../store/index.ts';
import { runningJobCount } from './useBackup.ts';

export function BackupCount() {
  const n = useStore((s) => runningJobCount(s.sim.backup));
  if (n === 0) return null;
  return (
    <span className="tab-count tab-count-ok" aria-label={`${n} running job${n === 1 ? '' : 's'}`} data-testid="backup-running-count">
      {n}
    </span>
  );
}
