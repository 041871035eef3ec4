/**
 * One tape job: id, kind, path (LAN / LAN-free / server-less) with the servers and links its data
 * crosses, state, a progress bar (bytes done of planned), MB/s, drive wait, backhitches and
 * cartridges, the failure reason, and — once verified — the verification line, large and in
 * green (PASS) or red (FAIL) — the engine's line names what the tape was compared against —
 * with the tracks compared and, on a failure, how many differ and the first.
 * `compact` (under the runbook stepper) leaves out the per-cartridge list.
 */
import { memo } from 'react';
import type { JobStatus, Verification } from '../../engine/api.ts';
import { BackupPill, ProgressBar } from './BackupPill.tsx';
import {
  JOB_TONE,
  PATH_LABEL,
  PATH_MEANING,
  formatBytes,
  formatCount,
  formatFraction,
  formatMBps,
  formatSpan,
  isJobRunning,
  jobFraction,
  jobRoute,
} from './backup-format.ts';
import { useJob } from './useBackup.ts';

export function VerificationLine({ jobId, v }: { jobId: string; v: Verification }) {
  return (
    <div className={`verify ${v.passed ? 'is-pass' : 'is-fail'}`}>
      <p className="verify-line" data-testid={`verification-${jobId}`}>
        <span aria-hidden="true">{v.passed ? '✓ ' : '✗ '}</span>
        {v.line}
      </p>
      <p className="verify-detail" title={`compared with ${v.against}`}>
        {formatCount(v.tracksCompared)} tracks compared digest by digest
        {v.mismatches > 0 && `; ${formatCount(v.mismatches)} differ, the first at track ${v.firstMismatch ?? '?'}`}
      </p>
    </div>
  );
}

function Facts({ job, compact }: { job: JobStatus; compact: boolean }) {
  const carts = job.cartridges.map((c) => c.barcode);
  return (
    <dl className="job-facts">
      <div>
        <dt>Rate</dt>
        <dd>{formatMBps(job.mbps)}</dd>
      </div>
      <div>
        <dt>Drive wait</dt>
        <dd>{formatSpan(job.waitS)}</dd>
      </div>
      <div>
        <dt>Backhitches</dt>
        <dd>{formatCount(job.backhitches)}</dd>
      </div>
      <div>
        <dt>Cartridges</dt>
        <dd className="mono">{carts.length === 0 ? '—' : compact ? carts.join(', ') : `${carts.length}`}</dd>
      </div>
    </dl>
  );
}

function CartridgeList({ job }: { job: JobStatus }) {
  if (job.cartridges.length === 0) return null;
  return (
    <ul className="job-carts" aria-label={`Cartridges of ${job.id}`}>
      {job.cartridges.map((c) => (
        <li key={`${c.barcode}-${c.firstIndex}`}>
          <span className="mono">{c.barcode}</span> in drive {c.driveIndex}: {formatCount(c.count)} tracks, {formatBytes(c.bytes)}
        </li>
      ))}
    </ul>
  );
}

export const JobCard = memo(function JobCard({ id, compact }: { id: string; compact: boolean }) {
  const job = useJob(id);
  if (!job) return null;
  const fraction = jobFraction(job);
  const tone = JOB_TONE[job.state];
  return (
    <article className={`job-card tone-${tone}`} aria-label={`Job ${job.id}`} data-job-id={job.id} data-job-state={job.state}>
      <div className="job-head">
        <strong className="mono">{job.id}</strong>
        <span>{job.kind}</span>
        <span className="path-chip" title={PATH_MEANING[job.path]}>
          {PATH_LABEL[job.path]}
        </span>
        <BackupPill tone={tone} moving={isJobRunning(job.state)}>
          {job.state}
        </BackupPill>
      </div>
      <p className="job-route">
        <span className="mono">{job.source}</span> → <span className="mono">{job.target}</span>
        <span className="muted"> · via {jobRoute(job)}</span>
      </p>
      <ProgressBar
        fraction={fraction}
        label={`Progress of job ${job.id}`}
        tone={tone}
        text={`${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesPlanned)} (${formatFraction(fraction)})`}
      />
      <Facts job={job} compact={compact} />
      {!compact && <CartridgeList job={job} />}
      {job.error && <p className="field-error">✗ {job.error}</p>}
      {job.verification && <VerificationLine jobId={job.id} v={job.verification} />}
    </article>
  );
});
