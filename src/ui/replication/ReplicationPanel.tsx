/**
 * The side panel's "Replication" tab: the pair panel (legend, command options, every pair with
 * its figures and commands, the engine's answers announced politely), the snapshot pools, and
 * the copy groups editor.
 */
import { CommandAnnouncer, RunNote } from '../sim/RunNote.tsx';
import { CommandOptions } from './CommandOptions.tsx';
import { CopyGroupsEditor } from './CopyGroupsEditor.tsx';
import { PairLegend } from './PairLegend.tsx';
import { PairTable } from './PairTable.tsx';
import { PoolList } from './PoolList.tsx';
import { useReplicationUi } from './useReplicationUi.ts';
import './replication.css';

/** Re-renders only itself when a command's answer arrives. */
function Announcer() {
  return <CommandAnnouncer note={useReplicationUi((s) => s.lastNote)} />;
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
