/**
 * Small pieces shared by the side panels that send commands to the running emulation
 * (Replication, Backup): why no run is there yet, and a polite live region that reads each
 * command's answer once.
 */
import { useStore } from '../store/index.ts';

/** "Loading…" or the run's error, while there is no run to command. */
export function RunNote() {
  const runState = useStore((s) => s.sim.runState);
  const error = useStore((s) => s.sim.error);
  if (runState === 'error') return <p className="field-error">The run could not start: {error}</p>;
  if (runState === 'idle' || runState === 'loading') return <p className="muted">Loading the design into the emulator…</p>;
  return null;
}

/** Screen readers hear each command's answer once (the notes under the rows stay visible). */
export function CommandAnnouncer({ note }: { note: { command: string; text: string } | null }) {
  return (
    <p className="sr-only" aria-live="polite">
      {note ? `${note.command}: ${note.text}` : ''}
    </p>
  );
}
