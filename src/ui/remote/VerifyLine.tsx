/**
 * The verdict of "verify remote", large: PASS (green) — the remote equals the primary after
 * write n of N —, INCONSISTENT (amber) while a resync copies, FAIL (red) with the tracks that
 * differ; the engine's own sentence and the figures under it. Text only.
 */
import type { RemoteVerification } from '../../engine/api.ts';
import { formatSimS } from '../backup/backup-format.ts';
import { VERDICT_TONE, formatCount, verdictLine } from './remote-format.ts';

const MARK = { PASS: '✓ ', INCONSISTENT: '≈ ', FAIL: '✗ ' } as const;

export function VerifyLine({ groupKey, v }: { groupKey: string; v: RemoteVerification }) {
  const line = verdictLine(v);
  // The engine's sentence without its verdict word (the headline says it already).
  const message = v.message.replace(/^(PASS|FAIL|INCONSISTENT):\s*/, '').trim();
  const said = message === '' || v.message === line ? '' : `${message} · `;
  return (
    <div className={`rm-verify tone-${VERDICT_TONE[v.verdict]}`} data-verdict={v.verdict}>
      <p className="rm-verify-line" data-testid={`verify-${groupKey}`}>
        <span aria-hidden="true">{MARK[v.verdict]}</span>
        {line}
      </p>
      <p className="rm-verify-detail">
        {said}checked at {formatSimS(v.atS)} through copy group <span className="mono">{v.group}</span>
        {/tracks compared/.test(message) ? '' : `, ${formatCount(v.tracksCompared)} tracks compared`}
      </p>
    </div>
  );
}
