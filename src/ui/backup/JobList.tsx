/**
 * The tape jobs of the run (backup, restore, copy), one JobCard each, in the engine's order.
 * Re-renders only when the set of jobs changes; each card follows its own job.
 */
import { JobCard } from './JobCard.tsx';
import { useJobIds } from './useBackup.ts';

export function JobList({ heading, compact = false }: { heading: string; compact?: boolean }) {
  const ids = useJobIds();
  const headingId = `bk-jobs-h-${compact ? 'compact' : 'full'}`;
  return (
    <section className="bk-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {ids.length === 0 ? (
        <p className="empty-note">No tape jobs yet: a runbook step, a timeline action or a backup policy starts them.</p>
      ) : (
        <div className="job-list">
          {ids.map((id) => (
            <JobCard key={id} id={id} compact={compact} />
          ))}
        </div>
      )}
    </section>
  );
}
