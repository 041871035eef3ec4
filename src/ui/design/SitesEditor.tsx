/** The document's sites: rename, main/remote kind, add a site, remove an unused one. */
import { useStore } from '../store/index.ts';
import { Site, type Topology } from '../../model/topology.ts';
import { TextField } from './fields/TextField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { removeAt, replaceAt } from './inspector-actions.ts';

const KIND_OPTIONS = [
  { value: 'main', label: 'Main' },
  { value: 'remote', label: 'Remote' },
] as const;

function addSite(t: Topology): Topology {
  let n = t.sites.length + 1;
  while (t.sites.some((s) => s.id === `site-${n}`)) n++;
  const hasRemote = t.sites.some((s) => s.kind === 'remote');
  return { ...t, sites: [...t.sites, { id: hasRemote ? `site-${n}` : 'remote', name: hasRemote ? `Site ${n}` : 'Remote site', kind: 'remote' }] };
}

export function SitesEditor() {
  const topology = useStore((s) => s.scenario.topology);
  const update = useStore.getState().updateTopology;
  const used = new Set(topology.devices.map((d) => d.siteId));
  return (
    <section className="form-section" aria-label="Sites">
      <h3>Sites</h3>
      {topology.sites.map((site, i) => (
        <div className="field-row site-row" key={site.id}>
          <TextField
            label={`Site ${site.id} name`}
            compact
            value={site.name}
            schema={Site.shape.name}
            onCommit={(v) => v !== undefined && update((t) => ({ ...t, sites: replaceAt(t.sites, i, (s) => ({ ...s, name: v })) }))}
          />
          <SelectField
            label={`Site ${site.id} kind`}
            compact
            value={site.kind}
            options={KIND_OPTIONS}
            onChange={(kind) => update((t) => ({ ...t, sites: replaceAt(t.sites, i, (s) => ({ ...s, kind })) }))}
          />
          <button
            type="button"
            className="btn-x"
            aria-label={`Remove site ${site.name}`}
            disabled={used.has(site.id) || topology.sites.length === 1}
            title={used.has(site.id) ? 'Devices are in this site' : 'Remove site'}
            onClick={() => update((t) => ({ ...t, sites: removeAt(t.sites, i) }))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => update(addSite)} disabled={topology.sites.length >= 8}>
        Add site
      </button>
    </section>
  );
}
