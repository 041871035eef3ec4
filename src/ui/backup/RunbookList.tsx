/**
 * Every runbook of the loaded scenario (idle until started) and any the engine runs besides,
 * each as a RunbookCard. The list is rebuilt only when the scenario's runbooks or the engine's
 * runbook statuses change (both keep their identity otherwise).
 */
import { useMemo } from 'react';
import { RunbookCard } from './RunbookCard.tsx';
import { runbookViews } from './runbook-view.ts';
import { useRunbookDefs, useRunbookStatuses } from './useBackup.ts';

export function RunbookList() {
  const defs = useRunbookDefs();
  const statuses = useRunbookStatuses();
  const views = useMemo(() => runbookViews(defs, statuses), [defs, statuses]);
  return (
    <section className="bk-section" aria-labelledby="bk-runbooks-h">
      <h3 id="bk-runbooks-h">Runbooks</h3>
      {views.length === 0 ? (
        <p className="empty-note">This scenario has no runbooks. Load a backup demo (Examples) or add runbooks to the scenario file.</p>
      ) : (
        views.map((rb) => <RunbookCard key={rb.id} rb={rb} />)
      )}
    </section>
  );
}
