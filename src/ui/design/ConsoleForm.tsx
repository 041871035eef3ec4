/**
 * The management console's inspector form (SAN patent Figs. 12–13): "Open monitoring console"
 * (the Monitor tab), the alert thresholds (parity group busy %, volume response ms), the
 * notification rules — who is paged for which alerts: a role, the lowest severity, optionally
 * only some kinds and only some devices — and automatic volume moves (Fig. 15). Every field
 * validates with the model's schema (topology-monitoring.ts); each edit is one undoable step
 * (monitor/monitoring-edits.ts). A console without settings shows the defaults the engine uses;
 * the first edit writes them into the document.
 */
import { AlertKind, Monitoring, NotificationRule, type AlertSeverity } from '../../model/topology-monitoring.ts';
import { Tier } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { KIND_LABEL } from '../monitor/alert-view.ts';
import { SEVERITY_OPTIONS, addRule, monitoringOf, parseDeviceList, patchRule, removeRule, ruleSentence, setAutoMove, toggleKind, unknownDevices, type ConsoleDevice } from '../monitor/monitoring-edits.ts';
import { TIER_LABEL } from '../monitor/perf-table.ts';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { TextField } from './fields/TextField.tsx';
import { editDevice } from './inspector-actions.ts';
import { useDesignUi } from './useDesignUi.ts';

const M = Monitoring.shape;
const R = NotificationRule.shape;
const AUTO = M.autoMove.unwrap().shape;
/** A comma-separated list of ids (each as topology ids are written). */
const DEVICE_LIST = NotificationRule.shape.role.regex(/^\s*[A-Za-z0-9][A-Za-z0-9_.:-]*(\s*,\s*[A-Za-z0-9][A-Za-z0-9_.:-]*)*\s*,?\s*$/, 'device or cable ids separated by commas');
const TIER_OPTIONS = Tier.options.map((t) => ({ value: t, label: TIER_LABEL[t] }));

function edit(id: string, fn: (m: Monitoring) => Monitoring): void {
  editDevice(id, 'console', (d) => ({ ...d, monitoring: fn(monitoringOf(d)) }));
}

function RuleCard({ consoleId, m, index }: { consoleId: string; m: Monitoring; index: number }) {
  const rule = m.rules[index];
  const links = useStore((s) => s.scenario.topology);
  const unknown = unknownDevices(links, rule.deviceIds);
  const patch = (p: Partial<NotificationRule>) => edit(consoleId, (x) => patchRule(x, index, p));
  const name = `Rule ${rule.id}`;
  return (
    <fieldset className="row-card" aria-label={name}>
      <legend className="sr-only">{name}</legend>
      <div className="field-row">
        <TextField label="Role paged" value={rule.role} schema={R.role} onCommit={(v) => v !== undefined && patch({ role: v })} accessibleName={`${name} role paged`} />
        <SelectField<AlertSeverity> label="Severity" value={rule.minSeverity} options={SEVERITY_OPTIONS} onChange={(minSeverity) => patch({ minSeverity })} accessibleName={`${name} severity`} />
        <button type="button" className="btn-x" aria-label={`Remove ${name}`} onClick={() => edit(consoleId, (x) => removeRule(x, index))}>
          ×
        </button>
      </div>
      <details>
        <summary className="mon-label">Kinds: {rule.kinds ? rule.kinds.map((k) => KIND_LABEL[k]).join(', ') : 'every kind'}</summary>
        <fieldset className="checks">
          <legend>Only these kinds (none checked: every kind)</legend>
          {AlertKind.options.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={rule.kinds?.includes(k) ?? false} onChange={(e) => patch(toggleKind(rule, k, e.currentTarget.checked))} />
              {KIND_LABEL[k]}
            </label>
          ))}
        </fieldset>
      </details>
      <TextField
        label="Only devices (ids, comma-separated; blank: every device)"
        value={rule.deviceIds?.join(', ')}
        schema={DEVICE_LIST}
        optional
        placeholder="every device"
        onCommit={(v) => patch({ deviceIds: parseDeviceList(v) })}
        accessibleName={`${name} devices`}
      />
      {unknown.length > 0 && <p className="field-error">No device or cable {unknown.join(', ')} in this design.</p>}
      <p className="muted">{ruleSentence(rule)}.</p>
    </fieldset>
  );
}

function AutoMoveFields({ consoleId, m }: { consoleId: string; m: Monitoring }) {
  const a = m.autoMove;
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={a !== undefined} onChange={(e) => edit(consoleId, (x) => setAutoMove(x, e.currentTarget.checked))} />
        Move the busiest volume of a hot parity group automatically
      </label>
      {a && (
        <div className="field-row">
          <NumberField label="Above" unit="%" value={a.utilPct} schema={AUTO.utilPct} onCommit={(v) => v !== undefined && edit(consoleId, (x) => ({ ...x, autoMove: { ...a, utilPct: v } }))} />
          <NumberField label="For" unit="s" value={a.sustainS} schema={AUTO.sustainS} onCommit={(v) => v !== undefined && edit(consoleId, (x) => ({ ...x, autoMove: { ...a, sustainS: v } }))} />
          <SelectField label="To tier" value={a.targetTier} options={TIER_OPTIONS} onChange={(targetTier) => edit(consoleId, (x) => ({ ...x, autoMove: { ...a, targetTier } }))} />
        </div>
      )}
    </>
  );
}

export function ConsoleForm({ device }: { device: ConsoleDevice }) {
  const m = monitoringOf(device);
  const id = device.id;
  return (
    <>
      <section className="form-section" aria-label="Monitoring console">
        <p className="muted">The storage-management console: every device’s health, the alerts, the performance of every volume and volume moves.</p>
        <div>
          <button type="button" className="btn btn-primary" onClick={() => useDesignUi.getState().setSideTab('monitor')}>
            Open monitoring console
          </button>
        </div>
      </section>
      <section className="form-section" aria-label="Alert thresholds">
        <h3>Alert thresholds</h3>
        <div className="field-row">
          <NumberField label="Parity group busy over" unit="%" value={m.parityGroupUtilPct} schema={M.parityGroupUtilPct.unwrap()} onCommit={(v) => v !== undefined && edit(id, (x) => ({ ...x, parityGroupUtilPct: v }))} />
          <NumberField label="Volume response over" unit="ms" value={m.responseMs} schema={M.responseMs.unwrap()} onCommit={(v) => v !== undefined && edit(id, (x) => ({ ...x, responseMs: v }))} />
        </div>
        <p className="muted">Measured over each simulated second; a warning is raised when a value goes over, and again only after it has been back under 90 % of the limit.</p>
      </section>
      <section className="form-section" aria-label="Notification rules">
        <h3>Notification rules</h3>
        {m.rules.length === 0 && <p className="muted">No rule: alerts are listed on the console, nobody is paged.</p>}
        {m.rules.map((r, i) => (
          <RuleCard key={r.id} consoleId={id} m={m} index={i} />
        ))}
        <div>
          <button type="button" className="btn btn-small" onClick={() => edit(id, addRule)} disabled={m.rules.length >= 64}>
            Add rule
          </button>
        </div>
      </section>
      <section className="form-section" aria-label="Automatic volume moves">
        <h3>Automatic volume moves</h3>
        <AutoMoveFields consoleId={id} m={m} />
      </section>
    </>
  );
}
