/**
 * A pair's state as a pill (tone colour + the CCI state name, so colour is never the only cue)
 * followed by its details: copy % while copying, dirty (or preserved) tracks and the split
 * duration while split. Subscribes to ONE pair's status; only a split pair also follows the
 * clock (SplitDetails), so a telemetry batch re-renders just the badges whose numbers moved.
 */
import { memo } from 'react';
import type { PairStatus } from '../../engine/api.ts';
import { isAnimated, pairDetails, toneOf } from './pair-style.ts';
import { useNowS, usePairStatus } from './useReplication.ts';

export function StatePill({ state }: { state: PairStatus['state'] | null }) {
  const tone = state ? toneOf(state) : 'smpl';
  const moving = state && isAnimated(state) ? ' is-moving' : '';
  return <span className={`pair-pill tone-${tone}${moving}`}>{state ?? '—'}</span>;
}

function SplitDetails({ pair }: { pair: PairStatus }) {
  const nowS = useNowS();
  return <Details parts={pairDetails(pair, nowS)} />;
}

function Details({ parts }: { parts: string[] }) {
  if (parts.length === 0) return null;
  return <span className="pair-details">{parts.join(' · ')}</span>;
}

/** The details without the pill (the pair table shows them in columns instead). */
export function PairDetailsText({ pair }: { pair: PairStatus }) {
  return pair.splitAtS === null ? <Details parts={pairDetails(pair, 0)} /> : <SplitDetails pair={pair} />;
}

export const PairBadge = memo(function PairBadge({ pairKey }: { pairKey: string }) {
  const pair = usePairStatus(pairKey);
  return (
    <span className="pair-badge" data-pair-state={pair?.state ?? ''}>
      <StatePill state={pair?.state ?? null} />
      {pair && <PairDetailsText pair={pair} />}
    </span>
  );
});
