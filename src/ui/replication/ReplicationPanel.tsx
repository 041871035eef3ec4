/**
 * The side panel's "Replication" tab: the pair panel (legend, command options, every pair with
 * its figures and commands, the engine's answers announced politely), the snapshot pools, and
 * the copy groups editor.
 */
import { useStore } from '../store/index.ts';
import { CommandOptions } from './CommandOptions.tsx';
import { CopyGroupsEditor } from './CopyGroupsEditor.tsx';
import { PairLegend } from './PairLegend.tsx';
import { PairTable } from './PairTable.tsx';
import { PoolList } from './PoolList.tsx';
import { useReplicationUi } from './useReplicationUi.ts';
import './replication.css';

function RunNote() {
  const runState = useStore((s) => s.sim.runState);
  const error = useStore((s) => s.sim.error);
  if (runState === 'error') return <p className="field-error">The run could not start: {error}</p>;
  if (runState === 'idle' || runState === 'loading') return <p className="muted">Loading the design into the emulator…</p>;
  return null;
}

/** Screen readers hear each command's answer once (the notes under the rows stay visible). */
function Announcer() {
  const note = useReplicationUi((s) => s.lastNote);
  return (
    <p className="sr-only" aria-live="polite">
      {note ? `${note.command}: ${note.text}` : ''}
    </p>
  );
}

export function ReplicationPanel() {
  return (
    <div className="replication-panel">
      <section className="pair-panel" aria-label="Pairs">
        <h3>Pairs</h3>
        <RunNote />
        <PairLegend />
        <CommandOptions />
        <PairTable />
        <Announcer />
      </section>
      <PoolList />
      <CopyGroupsEditor />
    </div>
  );
}
