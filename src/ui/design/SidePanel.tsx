/**
 * The right-hand panel: tabs "Inspector" (edit the selection, or the scenario when nothing is
 * selected), "Design rules" (checkDesign results, with counts on the tab), "Replication"
 * (pairs with their commands, pools, copy groups), "Backup" (runbooks, tape jobs and
 * libraries, the SAN manager's schedule, the catalog; the count of running jobs on the tab) and
 * "Remote" (remote groups with their lag, journals and commands, WAN links, charts; the count of
 * remote groups on the tab, in the worst state's colour) and "Monitor" (the management console:
 * health, alerts, performance, volume moves; the count of unacknowledged critical and warning
 * alerts on the tab, in the worst one's colour). The panel widens while Replication, Backup,
 * Remote or Monitor shows; selecting a device from the Monitor tab keeps its scroll position.
 * It also hosts the floating bitmap view, which the canvas and the pair table both open.
 * "Activity" (instructions and graded tasks, src/ui/activity/) is listed first, only when the
 * loaded scenario has an activity, and opens by itself when such a scenario is loaded.
 */
import type { KeyboardEvent } from 'react';
import { useDesignUi, type SideTab } from './useDesignUi.ts';
import { Inspector } from './Inspector.tsx';
import { DesignRulesPanel } from './DesignRulesPanel.tsx';
import { useDesignIssues } from './useDesignIssues.ts';
import { useScrollTopOnSelection } from './useScrollTopOnSelection.ts';
import { ReplicationPanel } from '../replication/ReplicationPanel.tsx';
import { BitmapWindow } from '../replication/BitmapWindow.tsx';
import { BackupPanel } from '../backup/BackupPanel.tsx';
import { BackupCount } from '../backup/BackupCount.tsx';
import { RemotePanel } from '../remote/RemotePanel.tsx';
import { RemoteCount } from '../remote/RemoteCount.tsx';
import { MonitorPanel } from '../monitor/MonitorPanel.tsx';
import { MonitorCount } from '../monitor/MonitorCount.tsx';
import { useStore } from '../store/index.ts';
import { ActivityPanel } from '../activity/ActivityPanel.tsx';
import { useActivityTab } from '../activity/useActivityTab.ts';

const ACTIVITY_TAB: { id: SideTab; label: string } = { id: 'activity', label: 'Activity' };
const TABS: readonly { id: SideTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'rules', label: 'Design rules' },
  { id: 'replication', label: 'Replication' },
  { id: 'backup', label: 'Backup' },
  { id: 'remote', label: 'Remote' },
  { id: 'monitor', label: 'Monitor' },
];

const WIDE: ReadonlySet<SideTab> = new Set<SideTab>(['replication', 'backup', 'remote', 'monitor']);

/** The tabs shown: Activity first when the scenario has an activity. */
function tabsFor(hasActivity: boolean): readonly { id: SideTab; label: string }[] {
  return hasActivity ? [ACTIVITY_TAB, ...TABS] : TABS;
}

function onTabKey(e: KeyboardEvent, current: SideTab, tabs: readonly { id: SideTab; label: string }[]): void {
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
  const i = tabs.findIndex((t) => t.id === current);
  const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
  useDesignUi.getState().setSideTab(next.id);
  document.getElementById(`tab-${next.id}`)?.focus();
}

function IssueCount() {
  const issues = useDesignIssues();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  if (issues.length === 0) return <span className="tab-count tab-count-ok">0</span>;
  return (
    <span className={`tab-count ${errors > 0 ? 'tab-count-error' : 'tab-count-warning'}`} aria-label={`${errors} errors, ${warnings} warnings`}>
      {errors > 0 ? errors : warnings}
    </span>
  );
}

function PairCount() {
  const n = useStore((s) => (s.scenario.topology.copyGroups ?? []).reduce((sum, g) => sum + g.devices.length, 0));
  if (n === 0) return null;
  return (
    <span className="tab-count tab-count-ok" aria-label={`${n} pair${n === 1 ? '' : 's'}`}>
      {n}
    </span>
  );
}

function TabPanel({ tab }: { tab: SideTab }) {
  const activity = useStore((s) => s.scenario.activity);
  if (tab === 'activity') return activity ? <ActivityPanel activity={activity} /> : <Inspector />;
  if (tab === 'inspector') return <Inspector />;
  if (tab === 'rules') return <DesignRulesPanel />;
  if (tab === 'backup') return <BackupPanel />;
  if (tab === 'remote') return <RemotePanel />;
  if (tab === 'monitor') return <MonitorPanel />;
  return <ReplicationPanel />;
}

export function SidePanel() {
  const tab = useDesignUi((s) => s.sideTab);
  const tabs = tabsFor(useStore((s) => s.scenario.activity !== undefined));
  useActivityTab();
  const panelRef = useScrollTopOnSelection<HTMLDivElement>(tab !== 'monitor');
  return (
    <aside className={`side-panel${WIDE.has(tab) ? ' is-wide' : ''}`} aria-label="Properties">
      <div className="tabs" role="tablist" aria-label="Side panel">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => useDesignUi.getState().setSideTab(t.id)}
            onKeyDown={(e) => onTabKey(e, tab, tabs)}
          >
            {t.label}
            {t.id === 'rules' && <IssueCount />}
            {t.id === 'replication' && <PairCount />}
            {t.id === 'backup' && <BackupCount />}
            {t.id === 'remote' && <RemoteCount />}
            {t.id === 'monitor' && <MonitorCount />}
          </button>
        ))}
      </div>
      <div ref={panelRef} className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <TabPanel tab={tab} />
      </div>
      <BitmapWindow />
    </aside>
  );
}
