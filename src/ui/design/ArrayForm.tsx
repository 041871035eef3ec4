/** Disk array fields: cache and track size, then parity groups, LDEVs, snapshot pools, journals and host groups. */
import { DiskArray } from '../../model/topology.ts';
import { NumberField } from './fields/NumberField.tsx';
import { patchDevice } from './inspector-actions.ts';
import { ParityGroupTable } from './ParityGroupTable.tsx';
import { LdevTable } from './LdevTable.tsx';
import { HostGroupList } from './HostGroupList.tsx';
import { PoolTable } from './PoolTable.tsx';
import { JournalTable } from './JournalTable.tsx';

export function ArrayForm({ array }: { array: DiskArray }) {
  return (
    <>
      <section className="form-section" aria-label="Array">
        <div className="field-row">
          <NumberField
            label="Cache"
            unit="GiB"
            value={array.cacheGiB}
            schema={DiskArray.shape.cacheGiB}
            onCommit={(v) => v !== undefined && patchDevice(array.id, 'array', { cacheGiB: v })}
          />
          <NumberField
            label="Track"
            unit="KiB"
            value={array.trackKiB}
            schema={DiskArray.shape.trackKiB}
            onCommit={(v) => v !== undefined && patchDevice(array.id, 'array', { trackKiB: v })}
          />
        </div>
      </section>
      <ParityGroupTable array={array} />
      <LdevTable array={array} />
      <PoolTable array={array} />
      <JournalTable array={array} />
      <HostGroupList array={array} />
    </>
  );
}
