/** Fields every device has: name (rename) and site. */
import { useStore } from '../store/index.ts';
import { Server, type Device } from '../../model/topology.ts';
import { TextField } from './fields/TextField.tsx';
import { SelectField } from './fields/SelectField.tsx';

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
    </section>
  );
}
