/** The payment every benchmark sends: approved test card, typology immediate (authorise + capture). */
export function paymentBody(reference: string): string {
  return JSON.stringify({
    amount: 4200,
    currency: 'EUR',
    reference,
    typology: { type: 'immediate' },
    card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' },
  });
}

/** Headers of an API call; `{{n}}` gets a token unique per request (see load/spec.ts). */
export function apiHeaders(secretKey: string, idempotencyKey: string): Record<string, string> {
  return {
    authorization: `Bearer ${secretKey}`,
    'content-type': 'application/json',
    'idempotency-key': idempotencyKey,
  };
}
