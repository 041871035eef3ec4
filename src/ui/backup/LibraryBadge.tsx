/**
 * The live badge on a tape or DVD-RAM library node: "1/2 drives busy" and a progress bar of the
 * job on the first busy drive. Subscribes to its own library and that one job (both keep their
 * identity between batches unless they changed), so a telemetry batch re-renders this badge and
 * nothing else of the node. The bar's track is always drawn, so the node never changes size.
 */
import { memo } from 'react';
import { useStore } from '../store/index.ts';
import { formatFraction, jobFraction } from './backup-format.ts';
import './backup.css';

export const LibraryBadge = memo(function LibraryBadge({ libraryId, driveCount }: { libraryId: string; driveCount: number }) {
  const lib = useStore((s) => s.sim.backup?.libraries.find((l) => l.id === libraryId));
  const jobId = lib?.drives.find((d) => d.jobId !== null)?.jobId ?? null;
  const job = useStore((s) => (jobId === null ? undefined : s.sim.backup?.jobs.find((j) => j.id === jobId)));
  const busy = lib ? lib.drives.filter((d) => d.jobId !== null).length : 0;
  const total = lib ? lib.drives.length : driveCount;
  const fraction = job ? jobFraction(job) : 0;
  return (
    <div className="lib-badge" data-testid={`library-badge-${libraryId}`}>
      <span className="lib-badge-drives">
        {busy}/{total} drive{total === 1 ? '' : 's'} busy
        {job && (
          <span className="lib-badge-job">
            {' '}
            · <span className="mono">{job.id}</span> {formatFraction(fraction)}
          </span>
        )}
        {lib && lib.queue.length > 0 && <span className="lib-badge-queue"> · {lib.queue.length} waiting</span>}
      </span>
      <span
        className={`lib-badge-bar${job ? ' is-active' : ''}`}
        role="progressbar"
        aria-label={job ? `Progress of job ${job.id} on ${libraryId}` : `No job on ${libraryId}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(fraction * 100)}
      >
        <span className="lib-badge-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
    </div>
  );
});
