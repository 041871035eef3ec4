/**
 * Plain-language text for zod issues ("expected a number > 0", "is required (expected a
 * string)") — the part after the field path in a LocatedError. The input value is consulted so
 * the message can say what was actually found.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Loose = Record<string, unknown>;

/** What a JSON value is, for "got …". */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 40 ? `the string "${v.slice(0, 40)}…"` : `the string "${v}"`;
  return `${typeof v === 'number' ? 'the number' : ''} ${String(v)}`.trim();
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

function quote(v: unknown): string {
  return JSON.stringify(v);
}

function bound(issue: Loose, small: boolean): string {
  const origin = issue.origin;
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    const op = small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
    return `expected a number ${op} ${limit}`;
  }
  if (origin === 'string') {
    if (small && limit === 1) return 'must not be empty';
    return small ? `expected at least ${limit} characters` : `expected at most ${limit} characters`;
  }
  const unit = limit === 1 ? 'item' : 'items';
  return small ? `expected at least ${limit} ${unit}` : `expected at most ${limit} ${unit}`;
}

function unionText(issue: Loose, actual: unknown): string {
  if (Array.isArray(issue.options) && typeof issue.discriminator === 'string') {
    return `expected one of ${issue.options.map(quote).join(', ')}, got ${describeValue(actual)}`;
  }
  const branches = Array.isArray(issue.errors) ? (issue.errors as Loose[][]) : [];
  const values = branches.flatMap((b) => (b.length === 1 && b[0].code === 'invalid_value' ? (b[0].values as unknown[]) : [null]));
  if (values.length > 0 && !values.includes(null)) return `expected one of ${values.map(quote).join(', ')}, got ${describeValue(actual)}`;
  return `does not match any allowed form (got ${describeValue(actual)})`;
}

/** Text for one issue; `actual` is the input value at the issue's path. */
export function describeIssue(issue: Issue, actual: unknown): string {
  const loose = issue as unknown as Loose;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[String(loose.expected)] ?? String(loose.expected);
      if (actual === undefined) return `is required (expected ${expected})`;
      return `expected ${expected}, got ${describeValue(actual)}`;
    }
    case 'too_small':
      return bound(loose, true);
    case 'too_big':
      return bound(loose, false);
    case 'invalid_value': {
      const values = (loose.values as unknown[]).map(quote);
      return `expected ${values.length > 1 ? `one of ${values.join(', ')}` : values[0]}, got ${describeValue(actual)}`;
    }
    case 'invalid_union':
      return unionText(loose, actual);
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `has the wrong format (${describeValue(actual)} does not match ${String(loose.pattern ?? loose.format)})` : issue.message;
    case 'not_multiple_of':
      return `expected a multiple of ${String(loose.divisor)}`;
    case 'unrecognized_keys':
      return `unknown field${(loose.keys as string[]).length > 1 ? 's' : ''} ${(loose.keys as string[]).map(quote).join(', ')}`;
    default:
      return issue.message;
  }
}
