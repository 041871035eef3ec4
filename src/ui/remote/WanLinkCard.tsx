/**
 * One WAN link: up or DOWN, its geometry (bandwidth, distance, one-way delay and round trip),
 * what crosses it now (payload MB/s, utilisation, batches in flight) and so far (bytes,
 * retransmits after loss, batches that arrived out of order), and the outage buttons (the
 * `setWanLink` action). Subscribes to its own link.
 */
import { memo } from 'react';
import { BackupPill } from '../backup/BackupPill.tsx';
import { RemoteNoteLine } from './RemoteNoteLine.tsx';
import { wanLine } from './remote-commands.ts';
import { formatBytes, formatCount, formatMs, formatPct, formatRate, wanGeometry } from './remote-format.ts';
import { runWanCommand } from './run-remote-command.ts';
import { useWanLink } from './useRemote.ts';
import { wanTarget } from './useRemoteUi.ts';

export const WanLinkCard = memo(function WanLinkCard({ id }: { id: string }) {
  const l = useWanLink(id);
  if (!l) return null;
  return (
    <article className={`rm-card rm-wan ${l.up ? 'tone-ok' : 'tone-error'}`} aria-label={`WAN link ${l.name}`} data-wan-id={l.id} data-up={l.up}>
      <div className="rm-head">
        <strong className="rm-name">{l.name}</strong>
        <span className="mono muted">{l.id}</span>
        <span data-testid={`wan-state-${l.id}`} title={l.up ? 'the link carries traffic' : 'outage: nothing crosses; batches in flight are resent when it is back'}>
          <BackupPill tone={l.up ? 'ok' : 'error'}>{l.up ? 'UP' : 'DOWN'}</BackupPill>
        </span>
      </div>
      <p className="rm-sub">
        {wanGeometry(l)} · loss {formatPct(l.lossPct)} · jitter {formatMs(l.jitterMs)}
      </p>
      <dl className="rm-facts">
        <div>
          <dt>Throughput</dt>
          <dd data-testid={`wan-rate-${l.id}`}>{formatRate(l.throughputMBps)}</dd>
        </div>
        <div>
          <dt title="the busier direction, over the last whole second">Utilisation</dt>
          <dd>{formatPct(l.utilizationPct)}</dd>
        </div>
        <div>
          <dt title="journal batches, sync updates and track copies on the wire now">In flight</dt>
          <dd data-testid={`wan-inflight-${l.id}`}>
            {formatCount(l.inFlight)} batch{l.inFlight === 1 ? '' : 'es'}
          </dd>
        </div>
        <div>
          <dt>Delivered</dt>
          <dd>{formatBytes(l.bytes)}</dd>
        </div>
        <div>
          <dt title="batches lost on the line and sent again">Retransmits</dt>
          <dd>{formatCount(l.retransmits)}</dd>
        </div>
        <div>
          <dt title="batches that arrived after one sent later than them; the remote still applies in sequence order">Reordered</dt>
          <dd>{formatCount(l.reordered)}</dd>
        </div>
      </dl>
      <div className="bk-actions" role="group" aria-label={`Outage of ${l.name}`}>
        <button type="button" className={`btn btn-small${l.up ? ' btn-danger' : ''}`} aria-label={`Start outage of ${l.name}`} title={wanLine(l.id, false)} onClick={() => void runWanCommand(l.id, false)}>
          Start outage
        </button>
        <button type="button" className={`btn btn-small${l.up ? '' : ' btn-primary'}`} aria-label={`End outage of ${l.name}`} title={wanLine(l.id, true)} onClick={() => void runWanCommand(l.id, true)}>
          End outage
        </button>
      </div>
      <RemoteNoteLine target={wanTarget(l.id)} />
    </article>
  );
});
