/**
 * Parsing the journal commands of remote copy into a `JournalCommand` (plain data):
 * `raidvchkscan -v jnl [unit#] [-s <Seq#|array>] [-fx]` (and `-v jnlt`, `-v jnl0`) and
 * `raidcom get journal [-fx]`. The pair commands' remote options (`paircreate -f … -jp -js`,
 * `pairsplit -RS`, `pairresync -swaps`, `pairdisplay -fe`) are parsed in parse.ts.
 *
 * Owns: `parseRemoteLine` — whether the line is one of these (else null, and parse.ts reads it),
 * their options and the errors a malformed line gets, in parse.ts's classes. Pure: whether the
 * `-s` array exists is checked by remote-execute.ts.
 */
import type { CciFailure } from './codes.ts';
import { fail, parseOptions, ParseFailure, type OptSpec } from './parse.ts';
import { tokenize } from './tokenize.ts';

export type JournalCommand =
  | { kind: 'help'; topic: string }
  /**
   * The journal table. `header` is the first column's name (`JID` for raidvchkscan, `JNLID` for
   * raidcom); `timers` (`-v jnlt`) swaps Num and LDEV# for the DOW, PBW and APW timers; `array`
   * is `-s` as typed (a Seq# or an array id), null for every array.
   */
  | { kind: 'journals'; command: 'raidvchkscan' | 'raidcom'; header: 'JID' | 'JNLID'; timers: boolean; array: string | null };

export type RemoteParseOutcome = { ok: true; command: JournalCommand } | { ok: false; name: string; failure: CciFailure };

const SCAN_SPEC: OptSpec = {
  '-v': { arity: 'values', what: 'jnl [unit#] or jnlt' },
  '-s': { arity: 'value', what: 'a Seq# or an array id' },
  '-fx': { arity: 'flag' },
};

/** `-v jnl`, `-v jnl 0`, `-v jnl0`, `-v jnlt`: whether the timers are wanted. */
function journalView(values: readonly string[] | undefined): boolean {
  if (values === undefined) fail('EX_REQARG', '-v jnl is required (raidvchkscan -v jnl [unit#])');
  const [view, unit, extra] = values;
  const m = /^(jnlt?)(\d*)$/.exec(view.toLowerCase());
  if (m === null) fail('EX_INVARG', `-v ${view}: SANdbox shows journals only (-v jnl or -v jnlt)`);
  if (unit !== undefined && (m[2] !== '' || !/^\d+$/.test(unit))) fail('EX_CMDERR', `unexpected argument "${unit}"`);
  if (extra !== undefined) fail('EX_CMDERR', `unexpected argument "${extra}"`);
  return m[1] === 'jnlt';
}

function raidvchkscan(words: string[]): JournalCommand {
  const o = parseOptions(words, SCAN_SPEC);
  if (o === 'help') return { kind: 'help', topic: 'raidvchkscan' };
  const timers = journalView(o.values.get('-v'));
  return { kind: 'journals', command: 'raidvchkscan', header: 'JID', timers, array: o.values.get('-s')?.[0] ?? null };
}

function getJournal(words: string[]): JournalCommand {
  const o = parseOptions(words, { '-fx': { arity: 'flag' } });
  if (o === 'help') return { kind: 'help', topic: 'raidcom get journal' };
  return { kind: 'journals', command: 'raidcom', header: 'JNLID', timers: false, array: null };
}

/** The journal commands; null when the line is not one of them. */
export function parseRemoteLine(line: string): RemoteParseOutcome | null {
  const tok = tokenize(line);
  if (!tok.ok || tok.words.length === 0) return null;
  const [first, second, third] = tok.words.map((w) => w.toLowerCase());
  const isScan = first === 'raidvchkscan';
  const isGetJournal = first === 'raidcom' && second === 'get' && third === 'journal';
  if (!isScan && !isGetJournal) return null;
  try {
    return { ok: true, command: isScan ? raidvchkscan(tok.words.slice(1)) : getJournal(tok.words.slice(3)) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, name: first, failure: e.failure };
    throw e;
  }
}
