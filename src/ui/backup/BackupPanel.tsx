/**
 * The side panel's "Backup" tab: four sections behind sub-tabs — Runbooks (the stepper, with the
 * jobs of the run under it), Jobs & libraries, Schedule (the SAN manager's night as a Gantt
 * chart, then the policies editor it is planned from) and Catalog — and a live region that
 * announces each runbook command's answer once.
 */
import type { KeyboardEvent } from 'react';
import { CommandAnnouncer, RunNote } from '../sim/RunNote.tsx';
import { CatalogTable } from './CatalogTable.tsx';
import { JobList } from './JobList.tsx';
import { LibraryList } from './LibraryList.tsx';
import { PoliciesEditor } from './PoliciesEditor.tsx';
import { RunbookList } from './RunbookList.tsx';
import { ScheduleView } from './ScheduleView.tsx';
import { BACKUP_SECTIONS, useBackupUi, type BackupSection } from './useBackupUi.ts';
import './backup.css';

/** Re-renders only itself when a command's answer arrives. */
function Announcer() {
  return <CommandAnnouncer note={useBackupUi((s) => s.lastNote)} />;
}

function onSectionKey(e: KeyboardEvent, current: BackupSection): void {
  const i = BACKUP_SECTIONS.findIndex((t) => t.id === current);
  let next: number;
  if (e.key === 'ArrowRight') next = (i + 1) % BACKUP_SECTIONS.length;
  else if (e.key === 'ArrowLeft') next = (i + BACKUP_SECTIONS.length - 1) % BACKUP_SECTIONS.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = BACKUP_SECTIONS.length - 1;
  else return;
  e.preventDefault();
  const id = BACKUP_SECTIONS[next].id;
  useBackupUi.getState().setSection(id);
  document.getElementById(`backup-tab-${id}`)?.focus();
}

function Section({ section }: { section: BackupSection }) {
  switch (section) {
    case 'runbooks':
      return (
        <>
          <RunbookList />
          <JobList heading="Jobs of this run" compact />
        </>
      );
    case 'jobs':
      return (
        <>
          <JobList heading="Jobs" />
          <LibraryList />
        </>
      );
    case 'schedule':
      return (
        <>
          <ScheduleView />
          <PoliciesEditor />
        </>
      );
    case 'catalog':
      return <CatalogTable />;
  }
}

export function BackupPanel() {
  const section = useBackupUi((s) => s.section);
  return (
    <div className="backup-panel">
      <RunNote />
      <div className="backup-tabs" role="tablist" aria-label="Backup sections">
        {BACKUP_SECTIONS.map((t) => (
          <button
            key={t.id}
            id={`backup-tab-${t.id}`}
            type="button"
            role="tab"
            className="backup-tab"
            aria-selected={section === t.id}
            aria-controls={`backup-section-${t.id}`}
            tabIndex={section === t.id ? 0 : -1}
            onClick={() => useBackupUi.getState().setSection(t.id)}
            onKeyDown={(e) => onSectionKey(e, section)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="backup-section" role="tabpanel" id={`backup-section-${section}`} aria-labelledby={`backup-tab-${section}`}>
        <Section section={section} />
      </div>
      <Announcer />
    </div>
  );
}
