/**
 * One remote group (a consistency group of asynchronous copy groups, or one synchronous copy
 * group): its state as a pill with its meaning, what the remote holds ("the primary's first n
 * of N writes", or "inconsistent (resync copying)"), the lag as writes, bytes and seconds (RPO),
 * the bitmap a resync will copy, its journals' gauges, why it is (or last was) suspended, the writes the fence
 * level refused, the buttons (verify remote, take over, swap resync, resync) and the newest
 * verdict of "verify remote". Subscribes to its own group (which keeps its identity between
 * batches unless it changed).
 */
import { memo } from 'react';
import type { RemoteGroupStatus } from '../../engine/api.ts';
import { BackupPill } from '../backup/BackupPill.tsx';
import { formatSimS } from '../backup/backup-format.ts';
import { JournalGauge } from './JournalGauge.tsx';
import { RemoteNoteLine } from './RemoteNoteLine.tsx';
import { VerifyLine } from './VerifyLine.tsx';
import { GROUP_VERBS, groupLine } from './remote-commands.ts';
import {
  FENCE_MEANING,
  GROUP_TONE,
  MODE_MEANING,
  STATE_MEANING,
  formatBytes,
  formatCount,
  formatLagS,
  formatWrites,
  groupLabel,
  isCopying,
  modeLabel,
  prefixSentence,
} from './remote-format.ts';
import { runGroupCommand, runVerify } from './run-remote-command.ts';
import { useGroup, useLatestVerification, useWanLink } from './useRemote.ts';
import { groupTarget, useRemoteUi } from './useRemoteUi.ts';

function LagFacts({ g }: { g: RemoteGroupStatus }) {
  return (
    <dl className="rm-facts">
      <div>
        <dt>Behind, writes</dt>
        <dd data-testid={`lag-writes-${g.key}`}>{formatWrites(g.lagWrites)}</dd>
      </div>
      <div>
        <dt>Behind, bytes</dt>
        <dd data-testid={`lag-bytes-${g.key}`}>{formatBytes(g.lagBytes)}</dd>
      </div>
      <div>
        <dt title="age of the oldest write the remote does not hold yet">Behind, time (RPO)</dt>
        <dd data-testid={`lag-s-${g.key}`}>{formatLagS(g.lagS)}</dd>
      </div>
      <div>
        <dt title="tracks recorded in the bitmap: what a resync will copy">Bitmap</dt>
        <dd data-testid={`bitmap-${g.key}`}>{formatCount(g.bitmapTracks)} tracks</dd>
      </div>
    </dl>
  );
}

const SUSPENDED: ReadonlySet<string> = new Set(['PFUS', 'PSUE', 'PSUS']);

/** Why the group is suspended now (red), or when it last was (quiet, once it copies again). */
function Suspension({ g }: { g: RemoteGroupStatus }) {
  const now = SUSPENDED.has(g.state);
  return (
    <p className={now ? 'rm-suspended' : 'rm-sub muted'} data-testid={`suspended-${g.key}`}>
      {now ? 'Suspended' : 'Last suspended'} at {formatSimS(g.suspendedAtS)}
      {g.suspendReason ? `: ${g.suspendReason}` : ''}
    </p>
  );
}

function Actions({ g }: { g: RemoteGroupStatus }) {
  const label = groupLabel(g.key);
  const verifying = useRemoteUi((s) => s.verifying.includes(g.key));
  const first = g.copyGroups[0];
  return (
    <div className="bk-actions rm-actions" role="group" aria-label={`Commands for ${label}`}>
      <button
        type="button"
        className="btn btn-small btn-primary"
        aria-label={`Verify remote ${label}`}
        title="check the remote image against the primary’s write history: which prefix of the writes it equals"
        disabled={verifying || first === undefined}
        onClick={() => void runVerify(g.key, first)}
      >
        {verifying ? 'Verifying…' : 'Verify remote'}
      </button>
      {GROUP_VERBS.map((v) => (
        <button
          key={v.verb}
          type="button"
          className="btn btn-small"
          aria-label={`${v.label} ${label}`}
          title={[v.summary, ...g.copyGroups.map((c) => groupLine(v.verb, c))].join('\n')}
          onClick={() => void runGroupCommand(v.verb, g.key, g.copyGroups)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

function Head({ g }: { g: RemoteGroupStatus }) {
  const wan = useWanLink(g.wanLinkId);
  const tone = GROUP_TONE[g.state];
  return (
    <>
      <div className="rm-head">
        <strong className="rm-name">{groupLabel(g.key)}</strong>
        <span className="rm-mode" title={MODE_MEANING[g.mode]}>
          {modeLabel(g)}
        </span>
        <span title={STATE_MEANING[g.state]} data-testid={`state-${g.key}`}>
          <BackupPill tone={tone} moving={isCopying(g.state)}>
            {g.state}
          </BackupPill>
        </span>
      </div>
      <p className="rm-sub">
        {STATE_MEANING[g.state]}
        {g.fence && <span title={FENCE_MEANING[g.fence]}> · {FENCE_MEANING[g.fence].split(':')[0]}</span>}
      </p>
      <p className="rm-sub muted">
        copy group{g.copyGroups.length === 1 ? '' : 's'} <span className="mono">{g.copyGroups.join(', ')}</span> · {g.pairs.length} pair
        {g.pairs.length === 1 ? '' : 's'} · over <span className="mono">{wan?.name ?? g.wanLinkId}</span>
      </p>
    </>
  );
}

export const RemoteGroupCard = memo(function RemoteGroupCard({ groupKey }: { groupKey: string }) {
  const g = useGroup(groupKey);
  const verification = useLatestVerification(g);
  if (!g) {
    return (
      <article className="rm-card tone-idle" aria-label={`Remote group ${groupLabel(groupKey)}`} data-group-key={groupKey}>
        <div className="rm-head">
          <strong className="rm-name">{groupLabel(groupKey)}</strong>
        </div>
        <p className="muted">Not reported by this run (is the design loaded without errors?).</p>
      </article>
    );
  }
  return (
    <article className={`rm-card tone-${GROUP_TONE[g.state]}`} aria-label={`Remote group ${groupLabel(g.key)}`} data-group-key={g.key} data-state={g.state}>
      <Head g={g} />
      <p className={`rm-prefix${g.consistent ? '' : ' is-inconsistent'}`} data-testid={`prefix-${g.key}`}>
        {!g.consistent && <span aria-hidden="true">⚠ </span>}
        {prefixSentence(g)}
      </p>
      <LagFacts g={g} />
      {g.journals.length > 0 && (
        <div className="rm-journals">
          {g.journals.map((j) => (
            <JournalGauge key={`${j.arrayId}/${j.journalId}/${j.role}`} journal={j} />
          ))}
        </div>
      )}
      {g.suspendedAtS !== null && <Suspension g={g} />}
      {(g.fencedWrites > 0 || g.fence === 'data' || g.fence === 'status') && (
        <p className="rm-sub" data-testid={`fenced-${g.key}`}>
          Host writes refused by the fence level: <strong>{formatCount(g.fencedWrites)}</strong>
        </p>
      )}
      <Actions g={g} />
      <RemoteNoteLine target={groupTarget(g.key)} />
      {verification && <VerifyLine groupKey={g.key} v={verification} />}
    </article>
  );
});
