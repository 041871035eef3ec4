/**
 * The tape and optical libraries of the run: per library its drives (state, cartridge, job,
 * busy time, bytes), its cartridge slots (barcode, media, scratch or used, where it is, how full)
 * and the requests waiting for a drive.
 */
import { memo } from 'react';
import type { LibraryStatus } from '../../engine/api.ts';
import { BackupPill, ScrollBox } from './BackupPill.tsx';
import { DRIVE_TONE, formatBytes, formatSpan } from './backup-format.ts';
import { useLibrary, useLibraryIds } from './useBackup.ts';

function Drives({ lib }: { lib: LibraryStatus }) {
  return (
    <ScrollBox label={`Drives of ${lib.id}, table`}>
      <table className="grid-table bk-table" aria-label={`Drives of ${lib.id}`}>
        <thead>
          <tr>
            <th scope="col">Drive</th>
            <th scope="col">State</th>
            <th scope="col">Cartridge</th>
            <th scope="col">Job</th>
            <th scope="col">Busy</th>
            <th scope="col">Moved</th>
          </tr>
        </thead>
        <tbody>
          {lib.drives.map((d) => (
            <tr key={d.index} data-drive-index={d.index} data-drive-state={d.state}>
              <th scope="row">{d.index}</th>
              <td>
                <BackupPill tone={DRIVE_TONE[d.state]} moving={d.state === 'busy'}>
                  {d.state}
                </BackupPill>
              </td>
              <td className="mono">{d.barcode ?? '—'}</td>
              <td className="mono">{d.jobId ?? '—'}</td>
              <td className="num">{formatSpan(d.busyUs / 1e6)}</td>
              <td className="num">{formatBytes(d.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function where(c: LibraryStatus['cartridges'][number]): string {
  if (c.location === 'drive') return `drive ${c.driveIndex ?? '?'}`;
  if (c.location === 'robot') return 'robot (moving)';
  return `slot ${c.slot}`;
}

function Cartridges({ lib }: { lib: LibraryStatus }) {
  if (lib.cartridges.length === 0) return <p className="empty-note">No cartridges in this library.</p>;
  return (
    <ScrollBox label={`Cartridges of ${lib.id}, table`}>
      <table className="grid-table bk-table" aria-label={`Cartridges of ${lib.id}`}>
        <thead>
          <tr>
            <th scope="col">Slot</th>
            <th scope="col">Barcode</th>
            <th scope="col">Media</th>
            <th scope="col">Status</th>
            <th scope="col">Where</th>
            <th scope="col">Used</th>
          </tr>
        </thead>
        <tbody>
          {lib.cartridges.map((c) => (
            <tr key={c.barcode} data-barcode={c.barcode}>
              <th scope="row">{c.slot}</th>
              <td className="mono">{c.barcode}</td>
              <td>{c.media}</td>
              <td>{c.scratch ? 'scratch' : `used${c.jobs.length > 0 ? ` (${c.jobs.join(', ')})` : ''}`}</td>
              <td>{where(c)}</td>
              <td className="num">
                {formatBytes(c.usedBytes)} / {formatBytes(c.capacityBytes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

const LibraryCard = memo(function LibraryCard({ id }: { id: string }) {
  const lib = useLibrary(id);
  if (!lib) return null;
  const busy = lib.drives.filter((d) => d.jobId !== null).length;
  return (
    <article className="library-card" aria-label={`Library ${lib.id}`} data-library-id={lib.id}>
      <div className="job-head">
        <strong className="mono">{lib.id}</strong>
        <span>{lib.kind === 'tapeLibrary' ? `tape library${lib.driveGeneration ? ` · ${lib.driveGeneration}` : ''}` : 'DVD-RAM library'}</span>
        <span className="muted">
          {busy}/{lib.drives.length} drives busy · robot busy {formatSpan(lib.robotBusyUs / 1e6)}
        </span>
      </div>
      <Drives lib={lib} />
      <p className="library-queue" data-testid={`queue-${lib.id}`}>
        {lib.queue.length === 0 ? 'No request is waiting for a drive.' : `Waiting for a drive: ${lib.queue.join(', ')}`}
      </p>
      <details className="library-slots" open>
        <summary>
          Cartridges ({lib.cartridges.length}, {lib.cartridges.filter((c) => c.scratch).length} scratch)
        </summary>
        <Cartridges lib={lib} />
      </details>
    </article>
  );
});

export function LibraryList() {
  const ids = useLibraryIds();
  return (
    <section className="bk-section" aria-labelledby="bk-libraries-h">
      <h3 id="bk-libraries-h">Libraries</h3>
      {ids.length === 0 ? (
        <p className="empty-note">No tape or DVD-RAM library in this run.</p>
      ) : (
        ids.map((id) => <LibraryCard key={id} id={id} />)
      )}
    </section>
  );
}
