/**
 * A parity group's utilisation as a bar (0–100 %) with the console's threshold as a tick: blue
 * under the threshold, amber over it. The number is written beside it, so the bar is never the
 * only cue.
 */
import { formatUtil } from './move-view.ts';

export function UtilBar({ pct, thresholdPct, label }: { pct: number; thresholdPct: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, pct));
  const over = pct > thresholdPct;
  return (
    <span className="mon-bar-wrap">
      <span
        className={`mon-bar${over ? ' is-over' : ''}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped * 10) / 10}
        aria-valuetext={`${formatUtil(pct)}${over ? `, over the ${thresholdPct} % threshold` : ''}`}
      >
        <span className="mon-bar-fill" style={{ width: `${clamped}%` }} />
        <span className="mon-bar-mark" style={{ left: `${Math.min(100, thresholdPct)}%` }} title={`threshold ${thresholdPct} %`} />
      </span>
      <span className="mon-bar-text">{formatUtil(pct)}</span>
    </span>
  );
}
