import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

export type ErrorParams = Record<string, string | number | undefined>;

/** One invalid field, as reported in problem+json `errors`. */
export interface FieldIssue {
  field: string;
  code: ErrorCode;
  message: string;
}

/**
 * The one error class of the gateway. Everything that can reach a client is a CaisseError with a
 * catalogue code; anything else becomes `internal_error` in the problem mapper.
 */
export class CaisseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly params: ErrorParams;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    params: ErrorParams = {},
    options: { field?: string; cause?: unknown; issues?: FieldIssue[] } = {},
  ) {
    super(renderMessage(code, params), { cause: options.cause });
    this.name = 'CaisseError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.field = options.field ?? (typeof params.field === 'string' ? params.field : undefined);
    this.params = params;
    this.issues = options.issues;
  }
}

export function renderMessage(code: ErrorCode, params: ErrorParams): string {
  return ERROR_CATALOGUE[code].message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? `{${name}}` : String(value);
  });
}

/** Shorthand for a field-level validation error. */
export function fieldError(code: ErrorCode, field: string, params: ErrorParams = {}): CaisseError {
  return new CaisseError(code, { field, ...params }, { field });
}

export function isCaisseError(error: unknown): error is CaisseError {
  return error instanceof CaisseError;
}
