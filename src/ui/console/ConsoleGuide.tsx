/**
 * What the console can work on right now: a banner when nothing is loaded, when the emulator
 * cannot run the design, or when the design has no copy groups (pointing at the side panel's
 * copy groups and at the horcm.conf import); otherwise, in the empty log, the groups it knows,
 * how to start, and the tape, backup, runbook and SAN-manager commands when the design has a
 * library.
 */
import { useStore } from '../store/index.ts';
import { useConsole } from './console-store.ts';

/** The tape and backup commands, as `help` names them. */
const BACKUP_VERBS = ['mtx', 'backup', 'restore', 'jobs', 'catalog', 'vol', 'db', 'runbook', 'policy', 'schedule'] as const;

function useHasLibrary(): boolean {
  return useStore((s) => s.scenario.topology.devices.some((d) => d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary'));
}

function BackupVerbs() {
  return (
    <>
      {BACKUP_VERBS.map((v, i) => (
        <span key={v}>
          {i > 0 ? ', ' : ''}
          <code>{v}</code>
        </span>
      ))}
    </>
  );
}

function useGroupsSummary(): string {
  const groups = useStore((s) => s.scenario.topology.copyGroups);
  return (groups ?? [])
    .map((g) => `${g.id} (${g.kind}: ${g.devices.map((d) => d.name).join(', ')})`)
    .join(' · ');
}

export function ConsoleBanner() {
  const runState = useStore((s) => s.sim.runState);
  const error = useStore((s) => s.sim.error);
  const devices = useStore((s) => s.scenario.topology.devices.length);
  const groups = useStore((s) => s.scenario.topology.copyGroups?.length ?? 0);
  const openImport = () => useConsole.getState().setImportOpen(true);
  if (devices === 0 || runState === 'idle') {
    return (
      <p className="cci-banner" role="note">
        Nothing is loaded: open a design (Open… or Load demo in the toolbar) to use the console.
      </p>
    );
  }
  if (runState === 'error') {
    return (
      <p className="cci-banner cci-banner-error" role="note">
        <span aria-hidden="true">✖ </span>The emulator cannot run this design{error ? `: ${error}` : ''}. Fix the design, then try again.
      </p>
    );
  }
  if (groups === 0) {
    return (
      <p className="cci-banner" role="note">
        This design has no copy groups, so pair commands have nothing to address. Define them in the side panel (Replication → Copy
        groups) or{' '}
        <button type="button" className="cci-link" onClick={openImport}>
          import a horcm.conf
        </button>
        . <code>raidcom</code>, <code>help</code> and the tape and backup commands (<BackupVerbs />) work without them.
      </p>
    );
  }
  return null;
}

export function ConsolePlaceholder() {
  const summary = useGroupsSummary();
  const library = useHasLibrary();
  return (
    <>
      {summary ? <>Copy groups: {summary}.</> : null} Type <code>help</code> for the commands, e.g.{' '}
      <code>pairdisplay -g &lt;group&gt; -fc</code>. Tab completes, ↑/↓ recall.
      {library ? (
        <>
          {' '}
          Tape and backup: <BackupVerbs /> (e.g. <code>mtx -l &lt;library&gt; status</code>, <code>jobs</code>, <code>runbook list</code>).
        </>
      ) : null}
    </>
  );
}
