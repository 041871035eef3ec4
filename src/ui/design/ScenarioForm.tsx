/**
 * Shown when nothing is selected: the scenario's name, seed and duration, and the sites every
 * device belongs to (a WAN link needs a main and a remote site), and the training activity
 * (title, instructions, tasks; src/ui/activity/ActivityEditor.tsx), and the timeline (times, notes,
 * ids; TimelineEditor.tsx).
 */
import { useStore } from '../store/index.ts';
import { Scenario } from '../../model/scenario.ts';
import { TextField } from './fields/TextField.tsx';
import { NumberField } from './fields/NumberField.tsx';
import { SitesEditor } from './SitesEditor.tsx';
import { ActivityEditor } from '../activity/ActivityEditor.tsx';
import { TimelineEditor } from './TimelineEditor.tsx';

export function ScenarioForm() {
  const name = useStore((s) => s.scenario.name);
  const seed = useStore((s) => s.scenario.seed);
  const durationS = useStore((s) => s.scenario.durationS);
  const counts = useStore((s) => `${s.scenario.topology.devices.length} devices · ${s.scenario.topology.links.length} cables`);
  const meta = useStore.getState().setScenarioMeta;
  return (
    <div className="inspector">
      <header className="inspector-head">
        <div>
          <h2 className="inspector-title">Scenario</h2>
          <p className="muted">{counts}. Select a device or cable to edit it.</p>
        </div>
      </header>
      <section className="form-section" aria-label="Scenario">
        <TextField label="Scenario name" value={name} schema={Scenario.shape.name} onCommit={(v) => v !== undefined && meta({ name: v })} />
        <div className="field-row">
          <NumberField label="Seed" value={seed} schema={Scenario.shape.seed} onCommit={(v) => v !== undefined && meta({ seed: v })} />
          <NumberField label="Duration" unit="s" value={durationS} schema={Scenario.shape.durationS} onCommit={(v) => v !== undefined && meta({ durationS: v })} />
        </div>
      </section>
      <SitesEditor />
      <ActivityEditor />
      <TimelineEditor />
    </div>
  );
}
