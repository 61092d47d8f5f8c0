import { Router } from 'express';
import type { EngineDeps } from '../../../engine/context.js';
import { CaisseError } from '../../../errors/index.js';
import { type JournalFilter, listJournal } from '../../../store/journal-repo.js';
import { scopeOf } from '../auth.js';
import { parseInput } from '../validate.js';
import { writeJournalCsv } from './csv.js';
import { toJournalEntryResource } from './journal-resource.js';
import { ExportOperationsQuery, ListOperationsQuery } from './schemas.js';

function toFilter(query: ExportOperationsQuery): JournalFilter {
  return {
    createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
    createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
    type: query.type,
    status: query.status,
    paymentId: query.payment,
    source: query.source,
  };
}

/** The journal (REP1): every operation of the shop and mode, as JSON pages or one CSV download. */
export function operationsRouter(deps: EngineDeps): Router {
  const router = Router();

  router.get('/operations', async (req, res) => {
    const scope = scopeOf(res);
    const query = parseInput(ListOperationsQuery, req.query);
    const page = await listJournal(deps.db, scope, {
      ...toFilter(query),
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    if (!page.cursorFound) {
      throw new CaisseError('invalid_operation_cursor', {
        cursor: query.starting_after,
        field: 'starting_after',
      });
    }
    const data = page.lines.map(toJournalEntryResource);
    res.json({
      object: 'list',
      data,
      has_more: page.hasMore,
      next_cursor: page.hasMore ? (data.at(-1)?.id ?? null) : null,
    });
  });

  router.get('/operations.csv', async (req, res) => {
    const scope = scopeOf(res);
    const filter = toFilter(parseInput(ExportOperationsQuery, req.query));
    const day = deps.clock.now().toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="operations-${scope.mode}-${day}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    await writeJournalCsv(deps.db, scope, filter, res);
  });

  return router;
}
