/**
 * FC switch fields: the fabric domain id (1…239, unique per fabric — the rules panel checks), and
 * the fabric's zoning as the switch sees it: where the fabric's database is (its principal
 * switch), the effective configuration with its zones, the default zone (editable), and how to
 * edit zones (the console's Fabric OS commands).
 */
import { FcSwitch, type DeviceOf, type Zoning } from '../../model/topology.ts';
import { effectiveZoneSets, fabricZoning } from '../../model/zoning.ts';
import { useStore } from '../store/index.ts';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { patchDevice } from './inspector-actions.ts';

const DEFAULT_ZONE_OPTIONS = [
  { value: 'allaccess', label: 'All access (every device sees every device)' },
  { value: 'noaccess', label: 'No access (nobody talks without a zone)' },
] as const;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function ZoningSummary({ device }: { device: DeviceOf<'fcSwitch'> }) {
  const topology = useStore((s) => s.scenario.topology);
  const fabric = fabricZoning(topology, device.id);
  if (!fabric) {
    return (
      <p className="muted">
        No zoning database in this fabric: every device sees every device. Create zones in the console: <code>login {device.id}</code>, then{' '}
        <code>zonecreate</code>, <code>cfgcreate</code>, <code>cfgenable</code>.
      </p>
    );
  }
  if (fabric.switchId !== device.id) {
    return <p className="muted">The fabric&apos;s zoning database is on its principal switch {fabric.switchId}: select it to see the zones.</p>;
  }
  const z: Zoning = fabric.zoning;
  const sets = effectiveZoneSets(z);
  const cfg = z.effectiveCfg === undefined ? undefined : z.cfgs.find((c) => c.name === z.effectiveCfg);
  return (
    <>
      <p>
        {plural(z.aliases.length, 'alias', 'aliases')} · {plural(z.zones.length, 'zone', 'zones')} · {plural(z.cfgs.length, 'configuration', 'configurations')}. Effective:{' '}
        <strong>{cfg ? cfg.name : 'none'}</strong>
        {cfg ? ` (${plural(sets?.length ?? 0, 'zone', 'zones')})` : ` — the default zone decides`}.
      </p>
      {cfg && (
        <ul className="zoning-zones">
          {cfg.members.map((name, i) => (
            <li key={name}>
              <code>{name}</code>: {sets?.[i] ? [...sets[i]].join('; ') : 'not defined'}
            </li>
          ))}
        </ul>
      )}
      <SelectField
        label="Default zone"
        value={z.defaultZone}
        options={DEFAULT_ZONE_OPTIONS}
        onChange={(v) => patchDevice(device.id, 'fcSwitch', { zoning: { ...z, defaultZone: v } })}
      />
      <p className="muted">
        Edit zones in the console (<code>login {device.id}</code>, <code>zonecreate</code>, <code>cfgenable</code>, <code>cfgshow</code>).
      </p>
    </>
  );
}

export function SwitchForm({ device }: { device: DeviceOf<'fcSwitch'> }) {
  return (
    <>
      <section className="form-section" aria-label="Switch">
        <NumberField
          label="Domain ID"
          value={device.domainId}
          schema={FcSwitch.shape.domainId}
          onCommit={(v) => v !== undefined && patchDevice(device.id, 'fcSwitch', { domainId: v })}
        />
      </section>
      <section className="form-section" aria-label="Zoning">
        <h3>Zoning</h3>
        <ZoningSummary device={device} />
      </section>
    </>
  );
}
