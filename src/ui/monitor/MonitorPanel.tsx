/**
 * The side panel's "Monitor" tab — the SAN patent's management console (Figs. 12–13, 15): three
 * sections behind sub-tabs. Health & alerts: the devices and cables not OK (also tinted on the
 * canvas), the alert list with acknowledgements, and a summary of the console's notification
 * rules. Performance: every volume's IOPS, read %, cache hit % and response time, sortable, with
 * the busiest and idlest marked, and the parity groups' utilisation. Volume moves: predict and
 * start a move, and follow the running and finished ones, predicted vs measured.
 */
import type { KeyboardEvent } from 'react';
import { CommandAnnouncer, RunNote } from '../sim/RunNote.tsx';
import { AlertTable } from './AlertTable.tsx';
import { GroupUtilTable } from './GroupUtilTable.tsx';
import { HealthSection } from './HealthSection.tsx';
import { MoveList } from './MoveList.tsx';
import { MovePlanner } from './MovePlanner.tsx';
import { RulesSummary } from './RulesSummary.tsx';
import { VolumeTable } from './VolumeTable.tsx';
import { MONITOR_SECTIONS, useMonitorUi, type MonitorSection } from './useMonitorUi.ts';
import '../backup/backup.css';
import '../remote/remote.css';
import './monitor.css';

/** Screen readers hear the engine's answer to a Move once (the note under the planner stays). */
function Announcer() {
  return <CommandAnnouncer note={useMonitorUi((s) => s.note)} />;
}

function onSectionKey(e: KeyboardEvent, current: MonitorSection): void {
  const i = MONITOR_SECTIONS.findIndex((t) => t.id === current);
  let next: number;
  if (e.key === 'ArrowRight') next = (i + 1) % MONITOR_SECTIONS.length;
  else if (e.key === 'ArrowLeft') next = (i + MONITOR_SECTIONS.length - 1) % MONITOR_SECTIONS.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = MONITOR_SECTIONS.length - 1;
  else return;
  e.preventDefault();
  const id = MONITOR_SECTIONS[next].id;
  useMonitorUi.getState().setSection(id);
  document.getElementById(`monitor-tab-${id}`)?.focus();
}

function Section({ section }: { section: MonitorSection }) {
  switch (section) {
    case 'health':
      return (
        <>
          <HealthSection />
          <AlertTable />
          <RulesSummary />
        </>
      );
    case 'performance':
      return (
        <>
          <section className="bk-section" aria-labelledby="mon-perf-h">
            <h3 id="mon-perf-h">Volumes</h3>
            <VolumeTable />
          </section>
          <section className="bk-section" aria-labelledby="mon-groups-h">
            <h3 id="mon-groups-h">Parity groups</h3>
            <GroupUtilTable />
          </section>
        </>
      );
    case 'moves':
      return (
        <>
          <section className="bk-section" aria-labelledby="mon-plan-h">
            <h3 id="mon-plan-h">Move a volume between tiers</h3>
            <MovePlanner />
          </section>
          <section className="bk-section" aria-labelledby="mon-moves-h">
            <h3 id="mon-moves-h">Moves of this run</h3>
            <MoveList />
          </section>
        </>
      );
  }
}

export function MonitorPanel() {
  const section = useMonitorUi((s) => s.section);
  return (
    <div className="backup-panel monitor-panel">
      <RunNote />
      <div className="backup-tabs" role="tablist" aria-label="Monitor sections">
        {MONITOR_SECTIONS.map((t) => (
          <button
            key={t.id}
            id={`monitor-tab-${t.id}`}
            type="button"
            role="tab"
            className="backup-tab"
            aria-selected={section === t.id}
            aria-controls={`monitor-section-${t.id}`}
            tabIndex={section === t.id ? 0 : -1}
            onClick={() => useMonitorUi.getState().setSection(t.id)}
            onKeyDown={(e) => onSectionKey(e, section)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="backup-section" role="tabpanel" id={`monitor-section-${section}`} aria-labelledby={`monitor-tab-${section}`}>
        <Section section={section} />
      </div>
      <Announcer />
    </div>
  );
}
