/** A request the mock acquirer refuses to read: HTTP 400, nothing processed. */
export class InvalidRequestError extends Error {
  readonly code = 'invalid_request';
  readonly status = 400;
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** The reference was already used for a materially different operation: HTTP 409. */
export class ReferenceConflictError extends Error {
  readonly code = 'reference_conflict';
  readonly status = 409;
  constructor(readonly reference: string) {
    super(
      `reference ${reference} was already used for a different operation; ` +
        'send the same body again or use a new reference',
    );
    this.name = 'ReferenceConflictError';
  }
}
