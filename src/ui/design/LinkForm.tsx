/** Inspector for one cable: its two ends, kind, length and live utilisation; Delete. */
import { useStore } from '../store/index.ts';
import { Link } from '../../model/topology.ts';
import { linkKind } from '../../model/connect-rules.ts';
import { NumberField } from './fields/NumberField.tsx';
import { deviceLabel } from './device-labels.ts';

export function LinkForm({ id }: { id: string }) {
  const link = useStore((s) => s.scenario.topology.links.find((l) => l.id === id));
  const topology = useStore((s) => s.scenario.topology);
  const util = useStore((s) => s.sim.live.linkUtilPct[id]);
  if (!link) return null;
  const kind = linkKind(topology, link);
  return (
    <div className="inspector">
      <header className="inspector-head">
        <span className={`port-dot port-dot-${kind ?? 'bad'} is-cabled large`} aria-hidden="true" />
        <div>
          <h2 className="inspector-title">Cable {link.id}</h2>
          <p className="muted">{kind ? `${kind.toUpperCase()} cable` : 'Mismatched ends'}</p>
        </div>
      </header>
      <dl className="facts">
        <dt>From</dt>
        <dd>
          {deviceLabel(topology, link.a.deviceId)} · <code>{link.a.portId}</code>
        </dd>
        <dt>To</dt>
        <dd>
          {deviceLabel(topology, link.b.deviceId)} · <code>{link.b.portId}</code>
        </dd>
        <dt>Utilisation</dt>
        <dd>{util === undefined ? 'not running' : `${util.toFixed(1)} %`}</dd>
      </dl>
      <NumberField
        label="Cable length"
        unit="m"
        value={link.lengthM}
        schema={Link.shape.lengthM}
        onCommit={(v) => v !== undefined && useStore.getState().updateLink(link.id, (l) => ({ ...l, lengthM: v }))}
      />
      <div className="inspector-actions">
        <button type="button" className="btn btn-danger" onClick={() => useStore.getState().deleteSelection()}>
          Delete cable
        </button>
      </div>
    </div>
  );
}
