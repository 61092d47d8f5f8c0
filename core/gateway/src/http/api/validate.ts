import type { z as Z, ZodType } from 'zod';
import { CaisseError, type ErrorCode, type FieldIssue, renderMessage } from '../../errors/index.js';

type ZodIssue = Z.core.$ZodIssue;

const AMOUNT_FIELD = /(^|\.)amount$/;

function fieldOf(path: readonly PropertyKey[], prefix: string): string {
  const parts = path.map(String);
  return [prefix, ...parts].filter(Boolean).join('.') || '(body)';
}

/** One zod issue → one catalogue error, so clients get stable codes and the offending field. */
function toFieldIssues(issue: ZodIssue, prefix: string): FieldIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const field = fieldOf([...issue.path, key], prefix);
      return { field, code: 'unknown_field' as const, message: renderMessage('unknown_field', { field }) };
    });
  }
  const field = fieldOf(issue.path, prefix);
  let code: ErrorCode = 'invalid_field';
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) code = 'missing_field';
  else if (AMOUNT_FIELD.test(field)) code = 'invalid_amount';
  const detail = issue.message.replace(/^Invalid input: /, '');
  return [{ field, code, message: renderMessage(code, { field, detail }) }];
}

/**
 * Parses untrusted input with a strict schema; on failure throws a 400 whose code and field come
 * from the first issue, with every issue listed in `errors`.
 */
export function parseInput<S extends ZodType>(schema: S, input: unknown, prefix = ''): Z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => toFieldIssues(issue, prefix));
  const first = issues[0] ?? { field: '(body)', code: 'invalid_request' as const, message: 'invalid input' };
  const error = new CaisseError(
    first.code,
    { field: first.field, detail: first.message },
    { field: first.field, issues },
  );
  // The message of the first issue is already rendered; keep it rather than re-rendering the template.
  Object.defineProperty(error, 'message', { value: first.message });
  throw error;
}
