/**
 * Pinning: a pinned device keeps its position through auto-layout. Pinning is explicit (the
 * inspector's "Pinned" box or the node's pin button); dragging a device does NOT pin it, so a
 * person can tidy by hand and still re-run auto-layout over everything they did not pin.
 * Each toggle is one undoable edit of the design slice.
 */
import type { Device } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';

/** The device with `pinned` set or cleared (the key is dropped when cleared: saved files stay tidy). */
export function withPinned(d: Device, pinned: boolean): Device {
  if ((d.pinned ?? false) === pinned) return d;
  if (pinned) return { ...d, pinned: true };
  const { pinned: _dropped, ...rest } = d;
  void _dropped;
  return rest as Device;
}

export function setPinned(deviceId: string, pinned: boolean): void {
  const s = useStore.getState();
  s.updateDevice(deviceId, (d) => withPinned(d, pinned));
  const name = s.scenario.topology.devices.find((d) => d.id === deviceId)?.name ?? deviceId;
  s.setNotice(pinned ? `Pinned ${name}: auto-layout leaves it where it is` : `Unpinned ${name}`);
}
