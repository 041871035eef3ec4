/**
 * The count on the Remote tab: remote groups (consistency groups and synchronous groups), in the
 * colour of the worst state now — red when one is suspended (PFUS / PSUE), amber over 80 % of
 * its journal (PFUL), split or taken over, green otherwise. Selects one string, so a telemetry
 * batch re-renders it only when the count or the tone changes.
 */
import { useStore } from '../store/index.ts';
import { worstTone } from './remote-format.ts';
import { designRemoteKeys } from './remote-topology.ts';

const CLASS = { error: 'tab-count-error', waiting: 'tab-count-warning', active: 'tab-count-ok', ok: 'tab-count-ok', idle: 'tab-count-ok' } as const;
const WORD = { error: 'one suspended', waiting: 'one needs attention', active: 'copying', ok: 'all fine', idle: 'idle' } as const;

export function RemoteCount() {
  const summary = useStore((s) => {
    const groups = s.sim.remote?.groups;
    if (groups) return `${groups.length}|${worstTone(groups)}`;
    return `${designRemoteKeys(s.scenario.topology).length}|ok`;
  });
  const [n, tone] = summary.split('|') as [string, keyof typeof CLASS];
  if (n === '0') return null;
  const count = Number(n);
  const label = `${count} remote group${count === 1 ? '' : 's'}${tone === 'error' || tone === 'waiting' ? `, ${WORD[tone]}` : ''}`;
  return (
    <span className={`tab-count ${CLASS[tone]}`} aria-label={label} data-testid="remote-group-count">
      {count}
    </span>
  );
}
