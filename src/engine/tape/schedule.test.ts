/**
 * The schedule estimator (schedule.ts): hand-computed plans, input validation, and properties
 * over random nights — no overlap on a drive, no start before the policy's time, no waiting
 * with enough drives, the window verdict, work conservation, dispatch order — plus a check
 * against an event-driven reference simulation written independently below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSchedule, transferDurationUs, validateScheduleInput, type ScheduleInput, type ScheduleJobInput } from './schedule.ts';

const S = 1_000_000;
const MIN = 60 * S;
const H = 60 * MIN;
const GB = 1_000_000_000;
const NO_OVERHEADS = { mountUs: 0, loadUs: 0, unloadUs: 0 };

function job(jobId: string, bytes: number, mbPerSec: number, earliestStartUs: number, windowEndUs: number, tenant = jobId): ScheduleJobInput {
  return { jobId, tenant, dataSet: `${jobId}-vol`, bytes, pathRateBytesPerUs: mbPerSec, earliestStartUs, windowEndUs };
}

describe('schedule › transfer duration', () => {
  it('is bytes / (bytes per µs = MB/s) rounded up to a whole µs', () => {
    expect(transferDurationUs(400 * GB, 300)).toBe(1_333_333_334); // 1 333 333 333.3… µs
    expect(transferDurationUs(360 * GB, 100)).toBe(H);
    expect(transferDurationUs(1, 3)).toBe(1);
    expect(transferDurationUs(0, 5)).toBe(0);
    expect(transferDurationUs(700_000_000, 0.7)).toBe(1_000_000_000); // the float quotient is 1e9 + 1e-7: still 1000 s
  });
});

describe('schedule › hand-computed plans', () => {
  it('3 jobs of 400 GB at 300 MB/s on 2 drives: two in parallel, the third waits for drive 0', () => {
    // Each job: 20 s mount + 15 s load + 1 333 333 334 µs transfer + 25 s unload = 1 393 333 334 µs.
    const overheads = { mountUs: 20 * S, loadUs: 15 * S, unloadUs: 25 * S };
    const jobs = ['a', 'b', 'c'].map((id) => job(id, 400 * GB, 300, 0, 45 * MIN));
    const plan = planSchedule({ jobs, driveCount: 2, overheads });
    const D = 1_393_333_334;
    expect(plan.jobs.map((j) => [j.jobId, j.driveIndex, j.startUs, j.endUs, j.waitUs, j.missesWindow, j.lateByUs])).toEqual([
      ['a', 0, 0, D, 0, false, 0],
      ['b', 1, 0, D, 0, false, 0],
      ['c', 0, D, 2 * D, D, true, 2 * D - 45 * MIN], // 46 min 26.67 s > 45 min: late by 86.666668 s
    ]);
    expect(plan.jobs[2].phases).toEqual([
      { phase: 'mount', startUs: D, endUs: D + 20 * S },
      { phase: 'load', startUs: D + 20 * S, endUs: D + 35 * S },
      { phase: 'transfer', startUs: D + 35 * S, endUs: D + 35 * S + 1_333_333_334 },
      { phase: 'unload', startUs: D + 35 * S + 1_333_333_334, endUs: 2 * D },
    ]);
    expect(plan.drives.map((d) => [d.jobs.map((j) => j.jobId), d.busyUs])).toEqual([[['a', 'c'], 2 * D], [['b'], D]]);
    expect(plan.endUs).toBe(2 * D);
    expect(plan.missedJobIds).toEqual(['c']);
  });

  it('the tenants of Fig. 17 on one drive: A at 00:00, C queued behind it, B at 01:00 waits and misses', () => {
    const plan = planSchedule({
      driveCount: 1,
      overheads: NO_OVERHEADS,
      jobs: [
        job('B-app', 720 * GB, 200, 1 * H, 2 * H, 'Company B'), // 1 h of transfer
        job('C-db', 180 * GB, 100, 0, 90 * MIN, 'Company C'), // 30 min; ties A on start, after it by id
        job('A-web', 360 * GB, 100, 0, 1 * H, 'Company A'), // 1 h
      ],
    });
    expect(plan.jobs.map((j) => [j.jobId, j.startUs, j.endUs, j.waitUs, j.missesWindow, j.lateByUs])).toEqual([
      ['A-web', 0, H, 0, false, 0], // ends exactly at its window end: not missed
      ['C-db', H, 90 * MIN, H, false, 0],
      ['B-app', 90 * MIN, 150 * MIN, 30 * MIN, true, 30 * MIN],
    ]);
    // With a second drive B starts at its own time and C runs beside A.
    const two = planSchedule({ driveCount: 2, overheads: NO_OVERHEADS, jobs: [job('B', 720 * GB, 200, H, 2 * H), job('C', 180 * GB, 100, 0, H), job('A', 360 * GB, 100, 0, H)] });
    expect(two.jobs.map((j) => [j.jobId, j.driveIndex, j.startUs, j.endUs])).toEqual([['A', 0, 0, H], ['C', 1, 0, 30 * MIN], ['B', 0, H, 2 * H]]);
    expect(two.missedJobIds).toEqual([]);
  });

  it('a job overriding the overheads uses its own; a later job takes the lowest drive already free', () => {
    const plan = planSchedule({
      driveCount: 3,
      overheads: { mountUs: 10 * S, loadUs: 10 * S, unloadUs: 10 * S },
      jobs: [
        { ...job('x', 100 * GB, 100, 0, H), overheads: { mountUs: 0, loadUs: 0, unloadUs: 0 } }, // 1000 s
        job('y', 100 * GB, 100, 0, H), // 1030 s
        job('z', 1 * GB, 100, 1000 * S, H), // drive 0 is free again at 1000 s, drive 2 was never used
      ],
    });
    expect(plan.jobs.map((j) => [j.jobId, j.driveIndex, j.startUs, j.endUs])).toEqual([
      ['x', 0, 0, 1000 * S],
      ['y', 1, 0, 1030 * S],
      ['z', 0, 1000 * S, 1040 * S],
    ]);
    expect(plan.drives[2]).toEqual({ driveIndex: 2, jobs: [], busyUs: 0 });
  });

  it('an empty night plans nothing', () => {
    expect(planSchedule({ driveCount: 2, overheads: NO_OVERHEADS, jobs: [] })).toEqual({
      jobs: [], endUs: 0, missedJobIds: [], drives: [{ driveIndex: 0, jobs: [], busyUs: 0 }, { driveIndex: 1, jobs: [], busyUs: 0 }],
    });
  });
});

describe('schedule › validation', () => {
  it('names every bad field and refuses to plan', () => {
    const input: ScheduleInput = {
      driveCount: 0,
      overheads: { mountUs: -1, loadUs: 0, unloadUs: 0.5 },
      jobs: [job('a', -5, 0, 10, 5), job('a', 1, 1, 0, 1), { ...job('b', 1, 1, 0, 1), overheads: { mountUs: 0, loadUs: NaN, unloadUs: 0 } }],
    };
    expect(validateScheduleInput(input)).toEqual([
      'driveCount 0 must be an integer in [1, 256]',
      'overheads.mountUs -1 must be an integer >= 0',
      'overheads.unloadUs 0.5 must be an integer >= 0',
      'job "a": bytes -5 must be an integer >= 0',
      'job "a": pathRateBytesPerUs 0 must be > 0',
      'job "a": windowEndUs 5 must be an integer >= earliestStartUs',
      'job "a": duplicate jobId',
      'job "b": overheads.loadUs NaN must be an integer >= 0',
    ]);
    expect(() => planSchedule(input)).toThrow(/schedule: invalid input: driveCount 0/);
  });
});

// ------------------------------------------------------------------ properties

const jobArb = fc
  .record({
    bytes: fc.integer({ min: 1, max: 2_000_000_000 }),
    rate: fc.oneof(fc.integer({ min: 1, max: 800 }), fc.double({ min: 0.5, max: 800, noNaN: true })),
    earliestStartUs: fc.integer({ min: 0, max: 20 }).map((k) => k * 100_000_000), // few distinct starts: ties and queues
    windowUs: fc.integer({ min: 0, max: 4_000_000_000 }),
    tenant: fc.constantFrom('Company A', 'Company B', 'Company C'),
    overheads: fc.option(fc.record({ mountUs: fc.nat(60 * S), loadUs: fc.nat(60 * S), unloadUs: fc.nat(60 * S) }), { nil: undefined }),
  })
  .map((r): Omit<ScheduleJobInput, 'jobId'> => ({
    tenant: r.tenant, dataSet: 'vol', bytes: r.bytes, pathRateBytesPerUs: r.rate,
    earliestStartUs: r.earliestStartUs, windowEndUs: r.earliestStartUs + r.windowUs, overheads: r.overheads,
  }));

const inputArb: fc.Arbitrary<ScheduleInput> = fc
  .record({
    jobs: fc.array(jobArb, { maxLength: 25 }),
    ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 25, maxLength: 25 }),
    driveCount: fc.integer({ min: 1, max: 5 }),
    overheads: fc.record({ mountUs: fc.nat(60 * S), loadUs: fc.nat(60 * S), unloadUs: fc.nat(60 * S) }),
  })
  .map(({ jobs, ids, driveCount, overheads }) => ({ driveCount, overheads, jobs: jobs.map((j, i) => ({ ...j, jobId: ids[i] })) }));

/**
 * Reference: step simulated time from event to event; at each instant hand the free drives,
 * lowest index first, to the arrived waiting jobs in (earliest start, id) order.
 */
function simulate(input: ScheduleInput): Map<string, { driveIndex: number; startUs: number; endUs: number }> {
  const out = new Map<string, { driveIndex: number; startUs: number; endUs: number }>();
  const busyUntil = new Array<number>(input.driveCount).fill(0);
  const key = (j: ScheduleJobInput) => [j.earliestStartUs, j.jobId] as const;
  const before = (a: ScheduleJobInput, b: ScheduleJobInput) => key(a)[0] < key(b)[0] || (key(a)[0] === key(b)[0] && key(a)[1] < key(b)[1]);
  let t = 0;
  for (;;) {
    const waiting = input.jobs.filter((j) => !out.has(j.jobId) && j.earliestStartUs <= t);
    waiting.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    for (let d = 0; d < busyUntil.length && waiting.length > 0; d++) {
      if (busyUntil[d] > t) continue;
      const j = waiting.shift()!;
      const o = j.overheads ?? input.overheads;
      const endUs = t + o.mountUs + o.loadUs + transferDurationUs(j.bytes, j.pathRateBytesPerUs) + o.unloadUs;
      out.set(j.jobId, { driveIndex: d, startUs: t, endUs });
      busyUntil[d] = endUs;
    }
    const next = [...busyUntil, ...input.jobs.filter((j) => !out.has(j.jobId)).map((j) => j.earliestStartUs)].filter((x) => x > t);
    if (out.size === input.jobs.length) return out;
    t = Math.min(...next);
  }
}

describe('schedule › properties', () => {
  it('holds the plan invariants on random nights and matches the event-driven reference', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planSchedule(input);
        expect(plan.jobs.map((j) => j.jobId).sort()).toEqual(input.jobs.map((j) => j.jobId).sort());
        const byId = new Map(input.jobs.map((j) => [j.jobId, j]));
        for (const p of plan.jobs) {
          const j = byId.get(p.jobId)!;
          expect(p.startUs).toBeGreaterThanOrEqual(j.earliestStartUs); // never before the policy's time
          expect(p.missesWindow).toBe(p.endUs > j.windowEndUs); // flagged exactly when it ends late
          expect(p.lateByUs).toBe(Math.max(0, p.endUs - j.windowEndUs));
          expect(p.phases[0].startUs).toBe(p.startUs);
          expect(p.phases[3].endUs).toBe(p.endUs);
          for (let k = 1; k < 4; k++) expect(p.phases[k].startUs).toBe(p.phases[k - 1].endUs);
          expect(p.phases[2].endUs - p.phases[2].startUs).toBe(transferDurationUs(j.bytes, j.pathRateBytesPerUs));
        }
        // No two jobs overlap on a drive; timelines hold each job once, on its drive.
        for (const d of plan.drives) {
          for (let k = 1; k < d.jobs.length; k++) expect(d.jobs[k].startUs).toBeGreaterThanOrEqual(d.jobs[k - 1].endUs);
          for (const bar of d.jobs) expect(plan.jobs.find((p) => p.jobId === bar.jobId)!.driveIndex).toBe(d.driveIndex);
        }
        expect(plan.drives.reduce((n, d) => n + d.jobs.length, 0)).toBe(plan.jobs.length);
        // Dispatch order: (earliest, id) and starts never go backwards along it.
        for (let k = 1; k < plan.jobs.length; k++) {
          const [a, b] = [plan.jobs[k - 1], plan.jobs[k]];
          expect(a.earliestStartUs < b.earliestStartUs || (a.earliestStartUs === b.earliestStartUs && a.jobId < b.jobId)).toBe(true);
          expect(b.startUs).toBeGreaterThanOrEqual(a.startUs);
        }
        // Work conservation: a job waits only if every drive is busy at its earliest start.
        for (const p of plan.jobs.filter((q) => q.waitUs > 0)) {
          for (const d of plan.drives) expect(d.jobs.some((b) => b.startUs <= p.earliestStartUs && p.earliestStartUs < b.endUs)).toBe(true);
        }
        // With a drive per job, nobody waits.
        if (input.driveCount >= input.jobs.length) for (const p of plan.jobs) expect(p.startUs).toBe(p.earliestStartUs);
        // The event-driven reference gives every job the same drive and times.
        const ref = simulate(input);
        for (const p of plan.jobs) expect([p.jobId, p.driveIndex, p.startUs, p.endUs]).toEqual([p.jobId, ...Object.values(ref.get(p.jobId)!)]);
      }),
      { numRuns: 500 },
    );
  });

  it('enough drives: every job starts at its earliest start whatever the load', () => {
    fc.assert(
      fc.property(fc.array(jobArb, { minLength: 1, maxLength: 12 }), (jobs) => {
        const input = { driveCount: jobs.length, overheads: NO_OVERHEADS, jobs: jobs.map((j, i) => ({ ...j, jobId: `j${i}` })) };
        for (const p of planSchedule(input).jobs) expect([p.startUs, p.waitUs]).toEqual([p.earliestStartUs, 0]);
      }),
      { numRuns: 200 },
    );
  });
});
