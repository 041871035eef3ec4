/** Fields every device has: name (rename), site, and whether auto-layout may move it (pinned). */
import { useStore } from '../store/index.ts';
import { Server, type Device } from '../../model/topology.ts';
import { TextField } from './fields/TextField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { setPinned } from '../layout/pin-edits.ts';

export function DeviceCommonForm({ device }: { device: Device }) {
  const sites = useStore((s) => s.scenario.topology.sites);
  const options = sites.map((s) => ({ value: s.id, label: `${s.name} (${s.kind})` }));
  return (
    <section className="form-section" aria-label="General">
      <div className="field-row">
        <TextField
          label="Name"
          value={device.name}
          schema={Server.shape.name}
          onCommit={(v) => v !== undefined && useStore.getState().renameDevice(device.id, v)}
        />
        <SelectField
          label="Site"
          value={device.siteId}
          options={options}
          onChange={(siteId) => useStore.getState().updateDevice(device.id, (d) => ({ ...d, siteId }))}
        />
      </div>
      <label className="check" title="Auto-layout never moves a pinned device; dragging does not pin">
        <input type="checkbox" checked={device.pinned ?? false} onChange={(e) => setPinned(device.id, e.currentTarget.checked)} />
        Pinned (auto-layout leaves it where it is)
      </label>
    </section>
  );
}
