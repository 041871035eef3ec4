/**
 * A device or cable named in the Monitor tab (an alert's device, a health row): its name as a
 * button that selects it on the canvas and brings it into view. An id the design does not have
 * (a device deleted since the run started) is shown as plain text.
 */
import { useStore } from '../store/index.ts';
import { useSelectOnCanvas } from './useSelectOnCanvas.ts';

function nameOf(devices: readonly { id: string; name: string }[], id: string): string | null {
  return devices.find((d) => d.id === id)?.name ?? null;
}

export function DeviceButton({ id }: { id: string }) {
  const name = useStore((s) => nameOf(s.scenario.topology.devices, id));
  const isLink = useStore((s) => s.scenario.topology.links.some((l) => l.id === id));
  const select = useSelectOnCanvas();
  if (name === null && !isLink) return <span className="mono">{id}</span>;
  const label = name ?? `cable ${id}`;
  return (
    <button type="button" className="mon-device" title={`Select ${label} (${id}) on the canvas`} aria-label={`Select ${label} on the canvas`} onClick={() => select(id)}>
      {label}
      {name !== null && name !== id && <span className="mon-device-id"> {id}</span>}
    </button>
  );
}
