import type { RegisterPaths } from '../openapi-paths.js';
import { ExportOperationsQuery, JournalList, ListOperationsQuery } from './schemas.js';

/** OpenAPI paths of the journal (REP1). */
export const registerOperationPaths: RegisterPaths = (registry, { security, problems, json }) => {
  registry.registerPath({
    method: 'get',
    path: '/v1/operations',
    summary: 'The journal: every operation of the shop and mode, newest first',
    security,
    request: { query: ListOperationsQuery },
    responses: { 200: json('A page of journal entries', JournalList), ...problems(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/operations.csv',
    summary: 'The journal as CSV, oldest first, streamed (same filters; columns in docs/en/journals.md)',
    security,
    request: { query: ExportOperationsQuery },
    responses: {
      200: {
        description: 'CSV, UTF-8, one header line',
        content: { 'text/csv': { schema: { type: 'string' } } },
      },
      ...problems(400, 401),
    },
  });
};
