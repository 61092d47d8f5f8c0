import { guaranteeOf, toOperationResource } from '../../../domain/payment-resource.js';
import type { JournalLine } from '../../../store/journal-repo.js';

/** A journal line as JSON: the operation, plus what an accountant needs of its payment. */
export function toJournalEntryResource({ operation, payment }: JournalLine) {
  return {
    ...toOperationResource(operation),
    acquirer_transaction_id: operation.acquirerTransactionId,
    payment: {
      id: payment.id,
      reference: payment.reference,
      status: payment.status,
      amount: payment.amount,
      currency: payment.currency,
      channel: payment.channel,
      guarantee: guaranteeOf(payment),
      card: payment.card
        ? {
            brand: payment.card.brand,
            network: payment.card.network,
            bin: payment.card.bin,
            last4: payment.card.last4,
          }
        : null,
    },
  };
}
