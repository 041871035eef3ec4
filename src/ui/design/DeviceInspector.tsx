/**
 * Inspector for one device: header, name and site, then the form of its kind, then its ports.
 */
import type { Device } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { DeviceIcon, iconKey } from './icons.tsx';
import { KIND_LABEL } from './device-labels.ts';
import { useDevice } from './useDevice.ts';
import { DeviceCommonForm } from './DeviceCommonForm.tsx';
import { ServerForm } from './ServerForm.tsx';
import { ArrayForm } from './ArrayForm.tsx';
import { SwitchForm } from './SwitchForm.tsx';
import { LibraryForm } from './LibraryForm.tsx';
import { WanForm } from './WanForm.tsx';
import { ConsoleForm } from './ConsoleForm.tsx';
import { PortsTable } from './PortsTable.tsx';

function KindForm({ device }: { device: Device }) {
  switch (device.kind) {
    case 'server':
      return <ServerForm server={device} />;
    case 'array':
      return <ArrayForm array={device} />;
    case 'fcSwitch':
      return <SwitchForm device={device} />;
    case 'tapeLibrary':
    case 'dvdLibrary':
      return <LibraryForm device={device} />;
    case 'wanLink':
      return <WanForm device={device} />;
    case 'console':
      return <ConsoleForm device={device} />;
    default:
      return null;
  }
}

export function DeviceInspector({ id }: { id: string }) {
  const device = useDevice(id);
  if (!device) return null;
  return (
    <div className="inspector">
      <header className="inspector-head">
        <DeviceIcon icon={iconKey(device.kind, device.kind === 'server' ? device.serverClass : undefined)} size={28} />
        <div>
          <h2 className="inspector-title">{device.name}</h2>
          <p className="muted">
            {KIND_LABEL[device.kind]} · <code>{device.id}</code>
          </p>
        </div>
      </header>
      <DeviceCommonForm device={device} />
      <KindForm device={device} />
      <PortsTable device={device} />
      <div className="inspector-actions">
        <button type="button" className="btn btn-danger" onClick={() => useStore.getState().deleteSelection()}>
          Delete {device.name}
        </button>
      </div>
    </div>
  );
}
