/**
 * The inspector: what is selected decides the form. One device → its common fields, its
 * kind's form and its ports; one cable → the cable form; several → a summary with Delete;
 * nothing → the scenario (name, seed, duration, sites). Forms are keyed by id so their drafts
 * reset when the selection changes.
 */
import { useStore } from '../store/index.ts';
import { DeviceInspector } from './DeviceInspector.tsx';
import { LinkForm } from './LinkForm.tsx';
import { ScenarioForm } from './ScenarioForm.tsx';

function MultiSelection({ devices, links }: { devices: number; links: number }) {
  const parts = [devices > 0 ? `${devices} device${devices === 1 ? '' : 's'}` : '', links > 0 ? `${links} cable${links === 1 ? '' : 's'}` : ''];
  return (
    <div className="inspector">
      <h2 className="inspector-title">{parts.filter(Boolean).join(' and ')} selected</h2>
      <p className="muted">Drag any of them to move them together.</p>
      <button type="button" className="btn btn-danger" onClick={() => useStore.getState().deleteSelection()}>
        Delete selection
      </button>
    </div>
  );
}

export function Inspector() {
  const deviceIds = useStore((s) => s.selectedDeviceIds);
  const linkIds = useStore((s) => s.selectedLinkIds);
  if (deviceIds.length === 1 && linkIds.length === 0) return <DeviceInspector key={deviceIds[0]} id={deviceIds[0]} />;
  if (deviceIds.length === 0 && linkIds.length === 1) return <LinkForm key={linkIds[0]} id={linkIds[0]} />;
  if (deviceIds.length + linkIds.length > 1) return <MultiSelection devices={deviceIds.length} links={linkIds.length} />;
  return <ScenarioForm />;
}
