/**
 * Field validation for the inspector: turn the text in an input into a value using the model's
 * own zod schema for that field, or a message a person can act on. Invalid values are never
 * committed to the document.
 */
import type { ZodType } from 'zod';

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

interface IssueLike {
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  inclusive?: boolean;
}

/** A short message for one zod issue (zod's defaults read like a compiler). */
export function issueMessage(issue: IssueLike): string {
  if (issue.code === 'too_big' && issue.maximum !== undefined) return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${issue.maximum}`;
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    if (issue.minimum === 0 && issue.inclusive === false) return 'must be greater than 0';
    return `must be ${issue.inclusive === false ? 'above' : 'at least'} ${issue.minimum}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}

function check<T>(schema: ZodType, value: unknown): Validated<T> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data as T };
  return { ok: false, message: issueMessage(r.error.issues[0] as IssueLike) };
}

export function validateNumber(text: string, schema: ZodType, optional: boolean): Validated<number | undefined> {
  const t = text.trim();
  if (t === '') return optional ? { ok: true, value: undefined } : { ok: false, message: 'required' };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, message: 'enter a number' };
  return check<number>(schema, n);
}

export function validateText(text: string, schema: ZodType, optional = false): Validated<string | undefined> {
  const t = text.trim();
  if (t === '' && optional) return { ok: true, value: undefined };
  return check<string>(schema, t);
}
