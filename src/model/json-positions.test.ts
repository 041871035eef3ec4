import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, positionOf, scanJson } from './json-positions.ts';

function positions(text: string) {
  const r = scanJson(text);
  if (!r.ok) throw new Error(r.message);
  return r.positions;
}

describe('json positions › paths', () => {
  it('formats paths as people write them', () => {
    expect(formatPath(['topology', 'devices', 2, 'ldevs', 0, 'capacityGiB'])).toBe('topology.devices[2].ldevs[0].capacityGiB');
    expect(formatPath([0, 'a b'])).toBe('[0]["a b"]');
    expect(formatPath([])).toBe('');
  });

  it('maps keys and array items to their line and column', () => {
    const text = '{\n  "a": {\n    "b": [\n      1,\n      {"c": true}\n    ]\n  }\n}\n';
    const p = positions(text);
    expect(p.get('a')).toEqual({ line: 2, column: 3 });
    expect(p.get('a.b')).toEqual({ line: 3, column: 5 });
    expect(p.get('a.b[1]')).toEqual({ line: 5, column: 7 });
    expect(p.get('a.b[1].c')).toEqual({ line: 5, column: 8 });
    expect(positionOf(p, ['a', 'b', 1, 'missing'])).toEqual({ line: 5, column: 7 });
  });
});

describe('json positions › syntax errors', () => {
  it.each([
    ['{\n  "a": 1,\n}', 3, 1, /trailing comma before '}'/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}' after the value of "a"/],
    ["{'a': 1}", 1, 2, /expected a "quoted" key/],
    ['{"a": \'x\'}', 1, 7, /double quotes/],
    ['{"a": "x\n"}', 1, 9, /unterminated string/],
    ['[1, 2', 1, 6, /expected ',' or ']'/],
    ['', 1, 1, /empty/],
    ['{} x', 1, 4, /after the end of the document/],
    ['{"a": 01}', 1, 8, /malformed number/],
    ['{"a": tru}', 1, 7, /expected a value/],
  ])('%j fails at line %i column %i', (text, line, column, message) => {
    const r = scanJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.line, r.column]).toEqual([line, column]);
    expect(r.message).toMatch(message);
  });
});

describe('json positions › agrees with JSON.parse', () => {
  it('accepts every JSON text JSON.stringify produces, pretty or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        expect(scanJson(JSON.stringify(v, null, pretty ? 2 : undefined)).ok).toBe(true);
      }),
    );
  });

  it('accepts exactly what JSON.parse accepts on mangled JSON', () => {
    const mangled = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', ' ', '0', '-', '\\', 'e'));
    fc.assert(
      fc.property(mangled, ([text, at, insert]) => {
        const i = at % (text.length + 1);
        const candidate = text.slice(0, i) + insert + text.slice(i);
        let parses = true;
        try {
          JSON.parse(candidate);
        } catch {
          parses = false;
        }
        expect(scanJson(candidate).ok).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });
});
