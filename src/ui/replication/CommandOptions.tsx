/** The pair panel's command options: copy pace (-c 1–15), split mode (steady / quick), -r. */
import { useId } from 'react';
import { PACE_MAX, PACE_MIN } from './pair-commands.ts';
import { useReplicationUi } from './useReplicationUi.ts';

const PACES = Array.from({ length: PACE_MAX - PACE_MIN + 1 }, (_, i) => PACE_MIN + i);

function paceWords(pace: number): string {
  return pace <= 5 ? 'slow' : pace <= 10 ? 'medium' : 'fast';
}

export function CommandOptions() {
  const options = useReplicationUi((s) => s.options);
  const set = useReplicationUi((s) => s.setOptions);
  const paceId = useId();
  return (
    <fieldset className="pair-options">
      <legend>Command options</legend>
      <label htmlFor={paceId} className="inline-label">
        Pace (-c)
      </label>
      <select id={paceId} value={options.pace} onChange={(e) => set({ pace: Number(e.currentTarget.value) })}>
        {PACES.map((p) => (
          <option key={p} value={p}>
            {p} · {paceWords(p)}
          </option>
        ))}
      </select>
      <span className="pair-options-group" role="radiogroup" aria-label="Split mode">
        <label className="check">
          <input type="radio" name="split-mode" checked={options.splitMode === 'steady'} onChange={() => set({ splitMode: 'steady' })} />
          Steady split
        </label>
        <label className="check">
          <input type="radio" name="split-mode" checked={options.splitMode === 'quick'} onChange={() => set({ splitMode: 'quick' })} />
          Quick split (-fq quick)
        </label>
      </span>
      <label className="check" title="pairsplit -r: the S-VOL is read-only to hosts once split">
        <input type="checkbox" checked={options.readOnly} onChange={(e) => set({ readOnly: e.currentTarget.checked })} />
        S-VOL read-only (-r)
      </label>
    </fieldset>
  );
}
