import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { CaisseError, isCaisseError } from '../../errors/index.js';

/** RFC 9457 problem details, with our stable `code` and the offending `field`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  errors?: { field: string; code: string; message: string }[];
  request_id?: string;
}

export function problemOf(error: CaisseError, requestId?: string): Problem {
  const problem: Problem = {
    type: `urn:caisse:error:${error.code}`,
    title: error.code.replace(/_/g, ' '),
    status: error.status,
    detail: error.message,
    code: error.code,
  };
  if (error.field) problem.field = error.field;
  if (error.issues && error.issues.length > 0) problem.errors = error.issues;
  if (requestId) problem.request_id = requestId;
  return problem;
}

export function sendProblem(res: Response, error: CaisseError): void {
  res
    .status(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemOf(error, res.locals.requestId as string | undefined)));
}

/** body-parser failures → catalogue errors. */
function fromBodyParser(error: unknown): CaisseError | undefined {
  const type = (error as { type?: unknown }).type;
  switch (type) {
    case 'entity.parse.failed':
      return new CaisseError('invalid_json', { detail: (error as Error).message });
    case 'entity.too.large':
      return new CaisseError('payload_too_large', { limit: '1 MB' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new CaisseError('unsupported_media_type');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new CaisseError('invalid_request', { detail: 'The request body could not be read.' });
    default:
      return undefined;
  }
}

/**
 * The one place errors become HTTP answers. A CaisseError is the client's to fix (or a known
 * state); anything else is ours: logged with an incident id, answered 500 without details.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const known = isCaisseError(error) ? error : fromBodyParser(error);
    if (known) {
      sendProblem(res, known);
      return;
    }
    const incident = randomUUID();
    logger.error({ err: error, incident }, 'unhandled error');
    if (res.headersSent) return;
    sendProblem(res, new CaisseError('internal_error', { incident }));
  };
}
