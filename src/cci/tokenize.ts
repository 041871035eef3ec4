/**
 * Splitting one console line into words, as a POSIX shell would for a simple command.
 *
 * Owns: quoting (`'…'` literal, `"…"` with `\"` and `\\` escapes, `\x` outside quotes) and
 * comments (an unquoted `#` that starts a word ends the line). Does not handle: variables,
 * globbing, pipes or redirections — those characters are ordinary letters here.
 */

export type TokenizeResult = { ok: true; words: string[] } | { ok: false; message: string };

interface Cursor {
  text: string;
  i: number;
}

/** Reads a quoted section starting after the opening quote; returns its text or null if unclosed. */
function readQuoted(c: Cursor, quote: "'" | '"'): string | null {
  let out = '';
  while (c.i < c.text.length) {
    const ch = c.text[c.i++];
    if (ch === quote) return out;
    if (quote === '"' && ch === '\\' && (c.text[c.i] === '"' || c.text[c.i] === '\\')) out += c.text[c.i++];
    else out += ch;
  }
  return null;
}

/** The words of `line`, or why it cannot be split (an unclosed quote). */
export function tokenize(line: string): TokenizeResult {
  const words: string[] = [];
  const c: Cursor = { text: line, i: 0 };
  let word: string | null = null;
  while (c.i < line.length) {
    const ch = line[c.i++];
    if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      break;
    } else if (ch === "'" || ch === '"') {
      const part = readQuoted(c, ch);
      if (part === null) return { ok: false, message: `unclosed ${ch === '"' ? 'double' : 'single'} quote` };
      word = (word ?? '') + part;
    } else if (ch === '\\' && c.i < line.length) {
      word = (word ?? '') + line[c.i++];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return { ok: true, words };
}
