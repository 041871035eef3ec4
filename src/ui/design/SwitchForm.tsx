/** FC switch fields: the fabric domain id (1…239, unique per fabric — the rules panel checks). */
import { FcSwitch, type DeviceOf } from '../../model/topology.ts';
import { NumberField } from './fields/NumberField.tsx';
import { patchDevice } from './inspector-actions.ts';

export function SwitchForm({ device }: { device: DeviceOf<'fcSwitch'> }) {
  return (
    <section className="form-section" aria-label="Switch">
      <NumberField
        label="Domain ID"
        value={device.domainId}
        schema={FcSwitch.shape.domainId}
        onCommit={(v) => v !== undefined && patchDevice(device.id, 'fcSwitch', { domainId: v })}
      />
    </section>
  );
}
