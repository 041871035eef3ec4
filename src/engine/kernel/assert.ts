/**
 * Always-on engine assertions.
 *
 * Owns: `assert`, `EngineAssertionError`, and the process-wide assertion context (the run's
 * seed and a reader of the simulated clock) so every failure names the seed and the simulated
 * time it happened at — enough to replay it.
 *
 * Invariants: assertions are never compiled out.
 *
 * Hot paths: arguments are evaluated before the call, so `assert(ok, \`bad ${x}\`)` builds a
 * string on every call even when `ok` holds — that alone cost the event queue ~30% of its
 * throughput. In code that runs per event or per I/O write `if (!ok) assertFail(\`bad ${x}\`)`
 * (or pass a constant string), so the message is built only on failure.
 *
 * Does not handle: recovery. An assertion failure means the engine's state is wrong; the run
 * stops. One context per JS realm (a worker or a Node process runs one simulation at a time;
 * a test that runs several sets the context before each).
 */

export class EngineAssertionError extends Error {
  readonly seed: number;
  readonly nowUs: number;

  constructor(message: string, seed: number, nowUs: number) {
    super(`${message} (seed=${seed}, t=${nowUs}us)`);
    this.name = 'EngineAssertionError';
    this.seed = seed;
    this.nowUs = nowUs;
  }
}

let contextSeed = 0;
let contextNowUs: () => number = () => 0;

/** Names the seed and the clock that later assertion failures report. */
export function setAssertContext(seed: number, nowUs: () => number): void {
  contextSeed = seed;
  contextNowUs = nowUs;
}

/** Restores the default context (seed 0, time 0). */
export function resetAssertContext(): void {
  contextSeed = 0;
  contextNowUs = () => 0;
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) assertFail(message);
}

/** Throws the assertion error for an already-failed check (see "Hot paths" above). */
export function assertFail(message: string): never {
  let nowUs = NaN;
  try {
    nowUs = contextNowUs();
  } catch {
    // The clock reader itself failed; still report the original assertion.
  }
  throw new EngineAssertionError(message, contextSeed, nowUs);
}
