/**
 * The Catalog section: every image on tape or disc — job, source volume, when the image was
 * taken (wall clock and simulated s), cartridges, tracks, bytes, verification pass or fail,
 * and when it expires.
 */
import type { CatalogEntry } from '../../engine/api.ts';
import { ScrollBox } from './BackupPill.tsx';
import { formatBytes, formatCount, formatSimS, wallClockDay, wallClockSeconds } from './backup-format.ts';
import { useCatalog, useClockStart } from './useBackup.ts';

function Verified({ e }: { e: CatalogEntry }) {
  if (!e.verification) return <span className="muted">not verified</span>;
  return (
    <span className={e.verification.passed ? 'verify-cell is-pass' : 'verify-cell is-fail'} title={e.verification.line}>
      {e.verification.passed ? '✓ PASS' : `✗ FAIL (${formatCount(e.verification.mismatches)})`}
    </span>
  );
}


export function CatalogTable() {
  const catalog = useCatalog();
  const clockStart = useClockStart();
  return (
    <section className="bk-section" aria-labelledby="bk-catalog-h">
      <h3 id="bk-catalog-h">Catalog</h3>
      {catalog.length === 0 ? (
        <p className="empty-note">The catalog is empty: a finished backup job adds its image here.</p>
      ) : (
        <ScrollBox label="Catalog table">
          <table className="grid-table bk-table" aria-label="Catalog">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Source</th>
                <th scope="col">Image at</th>
                <th scope="col">Cartridges</th>
                <th scope="col">Tracks</th>
                <th scope="col">Bytes</th>
                <th scope="col">Verified</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {catalog.map((e) => (
                <tr key={e.jobId} data-job-id={e.jobId}>
                  <th scope="row" className="mono">
                    {e.jobId}
                  </th>
                  <td className="mono">{e.source}</td>
                  <td className="num">
                    {wallClockSeconds(clockStart, e.imageAtS)} <span className="muted">({formatSimS(e.imageAtS)})</span>
                  </td>
                  <td className="mono">{e.cartridges.join(', ') || '—'}</td>
                  <td className="num">{formatCount(e.tracks)}</td>
                  <td className="num">{formatBytes(e.bytes)}</td>
                  <td>
                    <Verified e={e} />
                  </td>
                  <td className="num">{e.expiresS === null ? 'never' : wallClockDay(clockStart, e.expiresS)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
