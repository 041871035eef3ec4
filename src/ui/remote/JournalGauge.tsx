/**
 * One journal's use as a gauge: the fill in its tone (green normal, amber over 80 % — PFUL —,
 * red full), a tick at the 80 % threshold, and the figures as text beside it ("86 % of 1.07 GB ·
 * 8,000 entries · PFUL"), so colour is never the only cue.
 */
import type { JournalStatus } from '../../engine/api.ts';
import { PFUL_PCT, journalLabel, journalText, journalTone } from './remote-format.ts';

export function JournalGauge({ journal }: { journal: JournalStatus }) {
  const pct = Math.min(100, Math.max(0, journal.usedPct));
  const label = journalLabel(journal);
  const text = journalText(journal);
  return (
    <div className="rm-journal" data-testid={`journal-${journal.arrayId}-${journal.journalId}`} data-journal-state={journal.state}>
      <span className="rm-journal-label">{label}</span>
      <div
        className={`rm-gauge tone-${journalTone(journal)}`}
        role="meter"
        aria-label={`${label} use`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-valuetext={text}
      >
        <div className="rm-gauge-fill" style={{ width: `${pct}%` }} />
        <span className="rm-gauge-mark" style={{ left: `${PFUL_PCT}%` }} title="80 %: above it the group reads PFUL" aria-hidden="true" />
      </div>
      <span className="rm-journal-text">{text}</span>
    </div>
  );
}
