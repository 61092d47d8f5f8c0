import {
  CaisseApiError,
  CaisseAuthenticationError,
  CaisseConflictError,
  CaisseDeclinedError,
  CaisseError,
  CaisseInvalidRequestError,
  CaisseRateLimitError,
  CaisseServerError,
} from './errors.js';

describe('errors from problem+json', () => {
  it('carry the code, field, every field error and the request id', () => {
    const error = CaisseApiError.from(
      400,
      {
        type: 'urn:caisse:error:invalid_amount',
        title: 'invalid amount',
        status: 400,
        detail: 'Field "amount" must be a positive integer',
        code: 'invalid_amount',
        field: 'amount',
        errors: [{ field: 'amount', code: 'invalid_amount', message: 'm' }],
        request_id: 'req_abc',
      },
      'req_header',
    );
    expect(error).toBeInstanceOf(CaisseInvalidRequestError);
    expect(error).toBeInstanceOf(CaisseApiError);
    expect(error).toBeInstanceOf(CaisseError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_amount',
      field: 'amount',
      requestId: 'req_abc',
    });
    expect(error.message).toBe('Field "amount" must be a positive integer');
    expect(error.errors).toHaveLength(1);
    expect(error.name).toBe('CaisseInvalidRequestError');
  });

  it.each([
    [401, CaisseAuthenticationError],
    [403, CaisseAuthenticationError],
    [404, CaisseInvalidRequestError],
    [409, CaisseConflictError],
    [413, CaisseInvalidRequestError],
    [422, CaisseDeclinedError],
    [429, CaisseRateLimitError],
    [500, CaisseServerError],
    [503, CaisseServerError],
  ])('maps HTTP %i to one class', (status, type) => {
    expect(CaisseApiError.from(status, { code: 'c', detail: 'd' })).toBeInstanceOf(type);
  });

  it('still makes sense of an answer that is not problem+json', () => {
    const error = CaisseApiError.from(502, '<html>Bad gateway</html>', 'req_1');
    expect(error).toBeInstanceOf(CaisseServerError);
    expect(error).toMatchObject({ code: 'http_502', requestId: 'req_1', field: undefined });
  });
});
