/**
 * The colour legend of pair states (each swatch beside its state names and meaning). The canvas
 * shows it compact and collapsible, so it never hides the design for long.
 */
import { PAIR_LEGEND, TONE_COLOUR } from './pair-style.ts';

function Entries({ compact }: { compact: boolean }) {
  return (
    <ul className={`pair-legend${compact ? ' is-compact' : ''}`} aria-label="Pair states">
      {PAIR_LEGEND.map((e) => (
        <li key={e.tone}>
          <span className={`pair-swatch tone-${e.tone}`} style={{ background: TONE_COLOUR[e.tone] }} aria-hidden="true" />
          <span className="pair-legend-states">{e.states}</span>
          {!compact && <span className="muted"> {e.meaning}</span>}
        </li>
      ))}
    </ul>
  );
}

export function PairLegend({ compact = false }: { compact?: boolean }) {
  if (!compact) return <Entries compact={false} />;
  return (
    <details className="pair-legend-box" open>
      <summary>Pair states</summary>
      <Entries compact />
    </details>
  );
}
