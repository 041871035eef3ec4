/**
 * WAN link fields: bandwidth, distance, loss, jitter, with the one-way propagation delay the
 * emulator derives from distance (5 µs per km of fibre).
 */
import { WanLink } from '../../model/topology.ts';
import { NumberField } from './fields/NumberField.tsx';
import { patchDevice } from './inspector-actions.ts';

const FIBRE_US_PER_KM = 5;

export function WanForm({ device }: { device: WanLink }) {
  const patch = (p: Partial<WanLink>) => patchDevice(device.id, 'wanLink', p);
  const s = WanLink.shape;
  return (
    <section className="form-section" aria-label="WAN circuit">
      <div className="field-row">
        <NumberField label="Bandwidth" unit="Mbps" value={device.bandwidthMbps} schema={s.bandwidthMbps} onCommit={(v) => v !== undefined && patch({ bandwidthMbps: v })} />
        <NumberField label="Distance" unit="km" value={device.distanceKm} schema={s.distanceKm} onCommit={(v) => v !== undefined && patch({ distanceKm: v })} />
      </div>
      <div className="field-row">
        <NumberField label="Loss" unit="%" value={device.lossPct} schema={s.lossPct} onCommit={(v) => v !== undefined && patch({ lossPct: v })} />
        <NumberField label="Jitter" unit="µs" value={device.jitterUs} schema={s.jitterUs} onCommit={(v) => v !== undefined && patch({ jitterUs: v })} />
      </div>
      <p className="muted">
        One-way propagation ≈ {((device.distanceKm * FIBRE_US_PER_KM) / 1000).toFixed(2)} ms (5 µs per km).
      </p>
    </section>
  );
}
