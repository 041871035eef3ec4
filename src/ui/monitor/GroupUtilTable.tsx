/**
 * Parity groups under the performance table: array, group, tier and RAID level, state (degraded
 * or rebuilding with its progress, blocked), utilisation over the last second as a bar against
 * the console's threshold, the run mean, and the volumes on the group now.
 */
import { BackupPill } from '../backup/BackupPill.tsx';
import type { Tone } from '../backup/backup-format.ts';
import { ScrollBox } from '../backup/BackupPill.tsx';
import type { ParityGroupState } from '../../engine/api.ts';
import { formatNum, groupStateText, tierLabel } from './perf-table.ts';
import { UtilBar } from './UtilBar.tsx';
import { useConsoleMonitoring, useGroupRows } from './useMonitor.ts';

const STATE_TONE: Record<ParityGroupState, Tone> = { normal: 'ok', degraded: 'waiting', rebuilding: 'active', blocked: 'error' };

export function GroupUtilTable() {
  const rows = useGroupRows();
  const threshold = useConsoleMonitoring()?.monitoring.parityGroupUtilPct ?? 80;
  if (rows.length === 0) return <p className="muted">No parity group reported yet.</p>;
  return (
    <ScrollBox label="Parity group utilisation">
      <table className="grid-table bk-table mon-groups" aria-label="Parity groups">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Tier</th>
            <th scope="col">State</th>
            <th scope="col" title={`disk busy time over the last second; the tick is the console’s threshold (${threshold} %)`}>
              Busy (last s)
            </th>
            <th scope="col" className="num">
              Run mean
            </th>
            <th scope="col">Volumes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key} data-group={g.key} data-state={g.state}>
              <th scope="row">
                {g.groupId}
                <span className="bk-sub">{g.arrayName}</span>
              </th>
              <td>
                {tierLabel(g.tier)}
                <span className="bk-sub">{g.raid}</span>
              </td>
              <td>
                <BackupPill tone={STATE_TONE[g.state]} moving={g.state === 'rebuilding'}>
                  {groupStateText(g)}
                </BackupPill>
              </td>
              <td>
                <UtilBar pct={g.utilPct} thresholdPct={threshold} label={`${g.arrayName} ${g.groupId} busy`} />
              </td>
              <td className="num">{formatNum(g.meanUtilPct)} %</td>
              <td className="mono mon-vols">{g.ldevIds.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
