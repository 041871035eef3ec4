/**
 * Tape (LTO generation, drives, slots) and DVD-RAM library (drives, slots) fields, the
 * import/export slots, and the library's cartridges (CartridgeTable).
 */
import { DvdLibrary, LtoGeneration, TapeLibrary, type DeviceOf } from '../../model/topology.ts';
import { CartridgeTable } from './CartridgeTable.tsx';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { patchDevice } from './inspector-actions.ts';

type Library = DeviceOf<'tapeLibrary'> | DeviceOf<'dvdLibrary'>;

const LTO_OPTIONS = LtoGeneration.options.map((g) => ({ value: g, label: g }));

export function LibraryForm({ device }: { device: Library }) {
  const schema = device.kind === 'tapeLibrary' ? TapeLibrary.shape : DvdLibrary.shape;
  const patch = (p: { driveCount?: number; slotCount?: number; ioSlotCount?: number }) => patchDevice(device.id, device.kind, p);
  return (
    <>
      <section className="form-section" aria-label="Library">
        {device.kind === 'tapeLibrary' && (
          <SelectField
            label="Drive generation"
            value={device.driveGeneration}
            options={LTO_OPTIONS}
            onChange={(g) => patchDevice(device.id, 'tapeLibrary', { driveGeneration: g })}
          />
        )}
        <div className="field-row">
          <NumberField label="Drives" value={device.driveCount} schema={schema.driveCount} onCommit={(v) => v !== undefined && patch({ driveCount: v })} />
          <NumberField label="Slots" value={device.slotCount} schema={schema.slotCount} onCommit={(v) => v !== undefined && patch({ slotCount: v })} />
          <NumberField
            label="I/O slots"
            accessibleName="Import/export slots"
            value={device.ioSlotCount}
            schema={schema.ioSlotCount.unwrap()}
            onCommit={(v) => v !== undefined && patch({ ioSlotCount: v })}
          />
        </div>
      </section>
      <CartridgeTable device={device} />
    </>
  );
}
