/**
 * The side panel's "Remote" tab: remote copy at run time. A one-line legend of the states a
 * trainer meets (PFUL, PFUS, SSWS, RPO), a card per remote group (state, what the remote holds,
 * lag, journals, commands, the verdict of "verify remote"), a card per WAN link (state,
 * throughput, batches in flight, outage buttons), then the charts of lag and journal use over
 * time. A live region announces each command's answer once.
 */
import { CommandAnnouncer, RunNote } from '../sim/RunNote.tsx';
import { RemoteCharts } from './RemoteCharts.tsx';
import { RemoteGroupCard } from './RemoteGroupCard.tsx';
import { WanLinkCard } from './WanLinkCard.tsx';
import { LEGEND } from './remote-format.ts';
import { useGroupKeys, useWanIds } from './useRemote.ts';
import { useRemoteUi } from './useRemoteUi.ts';
import '../backup/backup.css';
import './remote.css';

/** Re-renders only itself when a command's answer arrives. */
function Announcer() {
  return <CommandAnnouncer note={useRemoteUi((s) => s.lastNote)} />;
}

function Legend() {
  return (
    <dl className="rm-legend" aria-label="What the remote states mean">
      {LEGEND.map((l) => (
        <div key={l.term}>
          <dt>{l.term}</dt>
          <dd>{l.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

function Groups() {
  const keys = useGroupKeys();
  return (
    <section className="bk-section" aria-label="Remote groups">
      <h3>Remote groups</h3>
      {keys.map((k) => (
        <RemoteGroupCard key={k} groupKey={k} />
      ))}
    </section>
  );
}

function WanLinks() {
  const ids = useWanIds();
  if (ids.length === 0) return null;
  return (
    <section className="bk-section" aria-label="WAN links">
      <h3>WAN links</h3>
      {ids.map((id) => (
        <WanLinkCard key={id} id={id} />
      ))}
    </section>
  );
}

export function RemotePanel() {
  const keys = useGroupKeys();
  if (keys.length === 0) {
    return (
      <div className="remote-panel">
        <RunNote />
        <p className="empty-note">
          No remote copy in this design. Put the arrays in two sites joined by a WAN link, then add a copy group of kind remote sync
          (TrueCopy) or remote async (Universal Replicator) in the Replication tab; its pairs show here while the emulation runs.
        </p>
        <WanLinks />
        <Announcer />
      </div>
    );
  }
  return (
    <div className="remote-panel">
      <RunNote />
      <Legend />
      <Groups />
      <WanLinks />
      <section className="bk-section" aria-label="Remote copy charts">
        <h3>Lag and journal over time</h3>
        <RemoteCharts />
      </section>
      <Announcer />
    </div>
  );
}
