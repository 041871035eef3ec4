/**
 * The Monitor tab's read-only summary of the console's settings: the thresholds that raise
 * alerts, who each notification rule pages, and the automatic-move rule. They are edited in the
 * console device's inspector (ConsoleForm); the button goes there.
 */
import { tierLabel } from './perf-table.ts';
import { ruleSentence } from './monitoring-edits.ts';
import { useConsoleMonitoring } from './useMonitor.ts';
import { useStore } from '../store/index.ts';
import { useDesignUi } from '../design/useDesignUi.ts';

function editConsole(id: string): void {
  useStore.getState().select([id], []);
  useDesignUi.getState().setSideTab('inspector');
}

export function RulesSummary() {
  const c = useConsoleMonitoring();
  if (!c) {
    return (
      <section className="bk-section" aria-labelledby="mon-rules-h">
        <h3 id="mon-rules-h">Notification rules</h3>
        <p className="muted">
          This design has no management console. Add one from the palette to set the alert thresholds, who is paged for which alerts, and
          automatic volume moves; until then the defaults apply (parity group over 80 %, response over 20 ms) and nobody is paged.
        </p>
      </section>
    );
  }
  const m = c.monitoring;
  return (
    <section className="bk-section" aria-labelledby="mon-rules-h">
      <h3 id="mon-rules-h">Notification rules</h3>
      <p className="rm-sub">
        Thresholds: a parity group busier than <strong>{m.parityGroupUtilPct} %</strong>, a volume slower than <strong>{m.responseMs} ms</strong> (over one second) raises a
        warning.
      </p>
      {m.rules.length === 0 ? (
        <p className="muted">No rule: alerts are listed here but nobody is paged.</p>
      ) : (
        <ul className="mon-rules" aria-label="Who is paged">
          {m.rules.map((r) => (
            <li key={r.id}>
              <span className="mono">{r.id}</span> {ruleSentence(r)}
            </li>
          ))}
        </ul>
      )}
      <p className="rm-sub">
        {m.autoMove
          ? `Automatic moves: a parity group above ${m.autoMove.utilPct} % for ${m.autoMove.sustainS} s moves its busiest volume to the least busy ${tierLabel(m.autoMove.targetTier)} group of the same array.`
          : 'Automatic moves: off.'}
      </p>
      <div>
        <button type="button" className="btn btn-small" onClick={() => editConsole(c.consoleId)}>
          Edit in {c.name}’s inspector
        </button>
      </div>
    </section>
  );
}
