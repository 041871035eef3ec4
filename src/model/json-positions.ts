/**
 * A strict JSON scanner that records where each value sits in the text, so that a schema error
 * at `topology.devices[2].ldevs[0].capacityGiB` can name its line and column, and a syntax error
 * can name the exact character at fault.
 *
 * It validates RFC 8259 syntax and maps every value path (formatted by `formatPath`) to the
 * position of its key (object members) or of its first character (array elements, the root).
 * It does not build values: callers use JSON.parse once the scan has passed.
 * Lines and columns are 1-based; columns count UTF-16 code units.
 */

export interface TextPosition {
  line: number;
  column: number;
}

export type PathSegment = string | number;

export type ScanResult =
  | { ok: true; positions: Map<string, TextPosition> }
  | { ok: false; message: string; line: number; column: number };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_DEPTH = 512;

/** `topology.devices[2].ldevs[0].capacityGiB`; odd keys in brackets: `a["x y"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENT.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** The position of a path, or of its nearest ancestor present in the text. */
export function positionOf(positions: Map<string, TextPosition>, segments: readonly PathSegment[]): TextPosition | null {
  for (let n = segments.length; n >= 0; n--) {
    const found = positions.get(formatPath(segments.slice(0, n)));
    if (found) return found;
  }
  return null;
}

class SyntaxFault extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of text';
  if (c === '\n') return 'a line break';
  return `'${c}'`;
}

class Scanner {
  pos = 0;
  line = 1;
  column = 1;
  readonly positions = new Map<string, TextPosition>();

  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new SyntaxFault(message, this.line, this.column);
  }

  peek(): string | undefined {
    return this.pos < this.text.length ? this.text[this.pos] : undefined;
  }

  next(): string {
    const c = this.text[this.pos++];
    if (c === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    return c;
  }

  skipSpace(): void {
    for (let c = this.peek(); c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = this.peek()) this.next();
  }

  here(): TextPosition {
    return { line: this.line, column: this.column };
  }

  expect(c: string, context: string): void {
    if (this.peek() !== c) this.fail(`expected '${c}' ${context}, found ${describeChar(this.peek())}`);
    this.next();
  }

  value(path: PathSegment[], depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = this.peek();
    if (c === '{') return this.object(path, depth);
    if (c === '[') return this.array(path, depth);
    if (c === '"') return void this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        for (let i = 0; i < word.length; i++) this.next();
        return;
      }
    }
    if (c === "'") this.fail("strings must use double quotes (\"), not single quotes");
    this.fail(`expected a value (object, array, string, number, true, false or null), found ${describeChar(c)}`);
  }

  object(path: PathSegment[], depth: number): void {
    this.next(); // {
    this.skipSpace();
    if (this.peek() === '}') return void this.next();
    for (;;) {
      this.skipSpace();
      if (this.peek() === '}') this.fail("trailing comma before '}'");
      if (this.peek() !== '"') this.fail(`expected a "quoted" key, found ${describeChar(this.peek())}`);
      const at = this.here();
      const key = this.string();
      const childPath = [...path, key];
      this.positions.set(formatPath(childPath), at);
      this.skipSpace();
      this.expect(':', `after key "${key}"`);
      this.skipSpace();
      this.value(childPath, depth + 1);
      this.skipSpace();
      const c = this.peek();
      if (c === '}') return void this.next();
      if (c !== ',') this.fail(`expected ',' or '}' after the value of "${key}", found ${describeChar(c)}`);
      this.next();
    }
  }

  array(path: PathSegment[], depth: number): void {
    this.next(); // [
    this.skipSpace();
    if (this.peek() === ']') return void this.next();
    for (let i = 0; ; i++) {
      this.skipSpace();
      if (this.peek() === ']') this.fail("trailing comma before ']'");
      const childPath = [...path, i];
      this.positions.set(formatPath(childPath), this.here());
      this.value(childPath, depth + 1);
      this.skipSpace();
      const c = this.peek();
      if (c === ']') return void this.next();
      if (c !== ',') this.fail(`expected ',' or ']' after array item ${i}, found ${describeChar(c)}`);
      this.next();
    }
  }

  /** Scans a string literal and returns its decoded value. */
  string(): string {
    const start = this.pos;
    this.next(); // "
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '\n') this.fail('unterminated string');
      if (c === '"') break;
      if (c < ' ') this.fail('control character inside a string (escape it, e.g. \\n or \\t)');
      this.next();
      if (c === '\\') this.escape();
    }
    this.next(); // "
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  escape(): void {
    const c = this.peek();
    if (c !== undefined && '"\\/bfnrt'.includes(c)) return void this.next();
    if (c !== 'u') this.fail(`invalid escape '\\${c ?? ''}' in a string`);
    this.next();
    for (let i = 0; i < 4; i++) {
      if (!/^[0-9a-fA-F]$/.test(this.peek() ?? '')) this.fail('\\u must be followed by 4 hex digits');
      this.next();
    }
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail(`malformed number at ${describeChar(this.peek())}`);
    for (let i = 0; i < m[0].length; i++) this.next();
    const c = this.peek();
    if (c !== undefined && /[0-9.eE+\-]/.test(c)) this.fail(`malformed number (unexpected ${describeChar(c)})`);
  }
}

/** Check JSON syntax and map value paths to positions. A leading byte-order mark is ignored. */
export function scanJson(text: string): ScanResult {
  const s = new Scanner(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text);
  try {
    s.skipSpace();
    if (s.peek() === undefined) s.fail('the document is empty');
    s.positions.set('', s.here());
    s.value([], 0);
    s.skipSpace();
    if (s.peek() !== undefined) s.fail(`unexpected ${describeChar(s.peek())} after the end of the document`);
    return { ok: true, positions: s.positions };
  } catch (e) {
    if (e instanceof SyntaxFault) return { ok: false, message: e.message, line: e.line, column: e.column };
    throw e;
  }
}
