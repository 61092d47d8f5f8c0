import { SOURCES } from '../../../domain/channel.js';
import { OPERATION_STATUSES, OPERATION_TYPES } from '../../../domain/operation.js';
import { OperationResource } from '../payments/schemas.js';
import { z } from '../zod.js';

/** Wire schemas of the journal (REP1). */

const Timestamp = z.iso.datetime({ offset: true });

const filter = {
  created_gte: Timestamp.optional().openapi({ description: 'Operations created at or after this instant.' }),
  created_lt: Timestamp.optional().openapi({ description: 'Operations created before this instant.' }),
  type: z.enum(OPERATION_TYPES).optional(),
  status: z.enum(OPERATION_STATUSES).optional(),
  payment: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: 'Only the operations of this payment.' }),
  source: z.enum(SOURCES).optional(),
};

export const ListOperationsQuery = z
  .object({
    ...filter,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    starting_after: z.string().min(1).max(64).optional(),
  })
  .strict();

export const ExportOperationsQuery = z.object(filter).strict();
export type ExportOperationsQuery = z.infer<typeof ExportOperationsQuery>;

export const JournalEntryResource = OperationResource.extend({
  acquirer_transaction_id: z.string().nullable(),
  payment: z
    .object({
      id: z.string(),
      reference: z.string(),
      status: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      channel: z.string(),
      guarantee: z.enum(['yes', 'no', 'unknown']),
      card: z
        .object({ brand: z.string(), network: z.string(), bin: z.string(), last4: z.string() })
        .strict()
        .nullable(),
    })
    .strict(),
}).openapi('JournalEntry');

export const JournalList = z
  .object({
    object: z.literal('list'),
    data: z.array(JournalEntryResource),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .strict()
  .openapi('JournalList');
