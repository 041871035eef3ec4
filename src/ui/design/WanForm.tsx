/**
 * WAN link fields: bandwidth (Mbit/s), distance (km), loss (%) and jitter (µs), each validated
 * with the model's schema, then what the emulator derives from them — the one-way propagation
 * (5 µs per km of fibre), the round trip a synchronous remote write waits for, the line rate in
 * MB/s — what each end is cabled to, and the remote copy groups that cross the link.
 */
import { Fragment, useMemo } from 'react';
import { WanLink } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { NumberField } from './fields/NumberField.tsx';
import { patchDevice } from './inspector-actions.ts';
import { wanDelays, wanInfo } from './wan-info.ts';

const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));

function WanFacts({ device }: { device: WanLink }) {
  const topology = useStore((s) => s.scenario.topology);
  const info = useMemo(() => wanInfo(topology, device.id), [topology, device.id]);
  const d = wanDelays(device);
  return (
    <dl className="facts" aria-label="Derived from the fields">
      <dt>One-way delay</dt>
      <dd>{ms(d.oneWayMs)} ms (5 µs per km)</dd>
      <dt>Round trip</dt>
      <dd>{ms(d.rttMs)} ms — a synchronous remote write waits at least this long</dd>
      <dt>Line rate</dt>
      <dd>{d.lineMBps >= 100 ? d.lineMBps.toFixed(0) : d.lineMBps.toFixed(1)} MB/s</dd>
      {info.ends.map((e) => (
        <Fragment key={e.portId}>
          <dt>
            End <code>{e.portId}</code>
          </dt>
          <dd>{e.attached ?? 'not cabled'}</dd>
        </Fragment>
      ))}
      <dt>Remote copy groups</dt>
      <dd>{info.groups.length > 0 ? info.groups.join(', ') : 'none cross this link'}</dd>
    </dl>
  );
}

export function WanForm({ device }: { device: WanLink }) {
  const patch = (p: Partial<WanLink>) => patchDevice(device.id, 'wanLink', p);
  const s = WanLink.shape;
  return (
    <section className="form-section" aria-label="WAN circuit">
      <div className="field-row">
        <NumberField label="Bandwidth" unit="Mbit/s" value={device.bandwidthMbps} schema={s.bandwidthMbps} onCommit={(v) => v !== undefined && patch({ bandwidthMbps: v })} />
        <NumberField label="Distance" unit="km" value={device.distanceKm} schema={s.distanceKm} onCommit={(v) => v !== undefined && patch({ distanceKm: v })} />
      </div>
      <div className="field-row">
        <NumberField label="Loss" unit="%" value={device.lossPct} schema={s.lossPct.unwrap()} onCommit={(v) => v !== undefined && patch({ lossPct: v })} />
        <NumberField label="Jitter" unit="µs" value={device.jitterUs} schema={s.jitterUs.unwrap()} onCommit={(v) => v !== undefined && patch({ jitterUs: v })} />
      </div>
      <WanFacts device={device} />
    </section>
  );
}
