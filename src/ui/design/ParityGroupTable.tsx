/**
 * An array's parity groups, one card each: tier, RAID level, disk count and disk size, with
 * the usable capacity that RAID level leaves. A group that LDEVs use cannot be removed.
 */
import { ParityGroup, RaidLevel, Tier, type DiskArray } from '../../model/topology.ts';
import { newParityGroup, usableCapacityGiB } from '../../model/factory.ts';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { editArray, removeAt, replaceAt } from './inspector-actions.ts';

const TIER_LABEL = { ssd: 'SSD', hdd15k: 'HDD 15k', hdd7k: 'HDD 7.2k' } as const;
const TIER_OPTIONS = Tier.options.map((t) => ({ value: t, label: TIER_LABEL[t] }));
const RAID_OPTIONS = RaidLevel.options.map((r) => ({ value: r, label: r }));

export function formatGiB(g: number): string {
  return g >= 1024 ? `${(g / 1024).toFixed(1)} TiB` : `${Math.round(g)} GiB`;
}

function ParityGroupCard({ array, index, group: g, inUse }: { array: DiskArray; index: number; group: ParityGroup; inUse: boolean }) {
  const patch = (p: Partial<ParityGroup>) => editArray(array.id, (a) => ({ ...a, parityGroups: replaceAt(a.parityGroups, index, (x) => ({ ...x, ...p })) }));
  return (
    <fieldset className="row-card" aria-label={`Parity group ${g.id}`}>
      <legend className="sr-only">Parity group {g.id}</legend>
      <div className="row-card-head">
        <strong className="mono">{g.id}</strong>
        <span className="muted">usable {formatGiB(usableCapacityGiB(g))}</span>
        <button
          type="button"
          className="btn-x"
          aria-label={`Remove parity group ${g.id}`}
          disabled={inUse}
          title={inUse ? 'LDEVs use this group' : 'Remove'}
          onClick={() => editArray(array.id, (a) => ({ ...a, parityGroups: removeAt(a.parityGroups, index) }))}
        >
          ×
        </button>
      </div>
      <div className="field-row">
        <SelectField label="Tier" accessibleName={`${g.id} tier`} value={g.tier} options={TIER_OPTIONS} onChange={(tier) => patch({ tier })} />
        <SelectField label="RAID" accessibleName={`${g.id} RAID level`} value={g.raid} options={RAID_OPTIONS} onChange={(raid) => patch({ raid })} />
      </div>
      <div className="field-row">
        <NumberField label="Disks" accessibleName={`${g.id} disk count`} value={g.diskCount} schema={ParityGroup.shape.diskCount} onCommit={(v) => v !== undefined && patch({ diskCount: v })} />
        <NumberField label="Disk size" accessibleName={`${g.id} disk size GiB`} unit="GiB" value={g.diskCapacityGiB} schema={ParityGroup.shape.diskCapacityGiB} onCommit={(v) => v !== undefined && patch({ diskCapacityGiB: v })} />
      </div>
    </fieldset>
  );
}

export function ParityGroupTable({ array }: { array: DiskArray }) {
  const inUse = new Set(array.ldevs.map((l) => l.parityGroupId));
  const total = array.parityGroups.reduce((sum, g) => sum + usableCapacityGiB(g), 0);
  return (
    <section className="form-section" aria-label="Parity groups">
      <h3>
        Parity groups ({array.parityGroups.length}) <span className="muted">· {formatGiB(total)} usable</span>
      </h3>
      {array.parityGroups.map((g, i) => (
        <ParityGroupCard key={g.id} array={array} index={i} group={g} inUse={inUse.has(g.id)} />
      ))}
      <button type="button" className="btn btn-small" onClick={() => editArray(array.id, (a) => ({ ...a, parityGroups: [...a.parityGroups, newParityGroup(a)] }))}>
        Add parity group
      </button>
    </section>
  );
}
