/**
 * Commands that let simulated time pass: `pairevtwait` (until pairs reach a status) and `sleep`.
 *
 * Owns: which pair states a `pairevtwait -s` name accepts, and the polling loop.
 *   pairevtwait: read the status → every addressed pair in a wanted status? exit 0 (prints
 *   nothing, as CCI) → a pair in PSUE and psue not wanted? EX_EWSUSE at once → waited ≥ -t?
 *   EX_EWSTOT → advance the clock by min(1 s, time left) and poll again. A clock that no longer
 *   moves (the run ended) can never change a state: EX_EWSTOT at once.
 * Names: `copy` accepts every COPY state (COPY, COPY(SP), COPY(RS), COPY(RS-R)); `rcpy` only
 * COPY(RS-R); `pair` also PFUL and `psus` / `ssus` also PSUS(SP) and PFUS (CCI reports PFUL and
 * PFUS as PAIR and PSUS to pairevtwait); `ssws` is an S-VOL taken over (`pairsplit -RS`), on
 * either side's state; the rest name one state.
 */
import type { PairState, PairStatus, ReplicationStatus } from '../engine/api.ts';
import type { CciFailure } from './codes.ts';
import type { WaitStatus } from './parse.ts';

/** The clock part of the console context. */
export interface WaitClock {
  nowS(): number;
  advance(seconds: number): Promise<void>;
  replication(): Promise<ReplicationStatus>;
}

const ACCEPTS: Readonly<Record<WaitStatus, readonly PairState[]>> = {
  smpl: ['SMPL'],
  copy: ['COPY', 'COPY(SP)', 'COPY(RS)', 'COPY(RS-R)'],
  rcpy: ['COPY(RS-R)'],
  pair: ['PAIR', 'PFUL'],
  psus: ['PSUS', 'PSUS(SP)', 'PFUS'],
  ssus: ['PSUS', 'PSUS(SP)', 'PFUS'],
  psue: ['PSUE'],
  pful: ['PFUL'],
  pfus: ['PFUS'],
  ssws: ['SSWS'],
};

export function statusAccepts(status: WaitStatus, state: PairState): boolean {
  return ACCEPTS[status].includes(state);
}

/** The pair is in `status`: its P-VOL state, or for `ssws` (an S-VOL taken over) either side's. */
export function pairAccepts(status: WaitStatus, pair: PairStatus): boolean {
  return statusAccepts(status, pair.state) || (status === 'ssws' && pair.svolState === 'SSWS');
}

/** Largest clock step pairevtwait takes between two polls (s). */
export const WAIT_POLL_S = 1;

/** Below this many seconds, time left to wait or sleep counts as none (float clocks). */
const EPSILON_S = 1e-9;

function describe(pair: PairStatus): string {
  const pct = pair.state.startsWith('COPY') ? ` (${Math.floor(pair.copyPct)}%)` : '';
  return `${pair.key} is ${pair.state}${pct}`;
}

export interface WaitRequest {
  /** The addressed pairs in a status (SMPL stand-ins for pairs the engine does not list). */
  pairsOf(status: ReplicationStatus): PairStatus[];
  statuses: WaitStatus[];
  timeoutS: number;
}

/** Waits as pairevtwait does; null on success, else the failure to print. */
export async function waitForStatus(clock: WaitClock, req: WaitRequest): Promise<CciFailure | null> {
  const startS = clock.nowS();
  const wanted = req.statuses.join(' ');
  for (;;) {
    const pairs = req.pairsOf(await clock.replication());
    const pending = pairs.filter((p) => !req.statuses.some((s) => pairAccepts(s, p)));
    if (pending.length === 0) return null;
    const broken = pending.find((p) => p.state === 'PSUE');
    if (broken !== undefined) return { code: 'EX_EWSUSE', detail: `${describe(broken)}, waiting for ${wanted}` };
    const leftS = req.timeoutS - (clock.nowS() - startS);
    const detail = `${pending.map(describe).join(', ')}, waiting for ${wanted}`;
    if (leftS <= EPSILON_S) return { code: 'EX_EWSTOT', detail: `${detail}; ${req.timeoutS} s passed` };
    const beforeS = clock.nowS();
    await clock.advance(Math.min(WAIT_POLL_S, leftS));
    if (clock.nowS() <= beforeS) return { code: 'EX_EWSTOT', detail: `${detail}; the run ended at t=${beforeS.toFixed(3)}s` };
  }
}

/** Lets `seconds` of simulated time pass (less if the run ends first). */
export async function sleepFor(clock: WaitClock, seconds: number): Promise<void> {
  const untilS = clock.nowS() + seconds;
  while (untilS - clock.nowS() > EPSILON_S) {
    const beforeS = clock.nowS();
    await clock.advance(untilS - beforeS);
    if (clock.nowS() <= beforeS) return;
  }
}
