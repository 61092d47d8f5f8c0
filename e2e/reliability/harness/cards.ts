/** Every card number and CVC the reliability runs send: the secrets check searches for each. */
export interface TestCard {
  number: string;
  cvc: string;
  /** Whether the mock acquirer approves it. */
  approved: boolean;
}

export const CARDS = {
  visa: { number: '4242 4242 4242 4242', cvc: '314', approved: true },
  mastercard: { number: '5555555555554444', cvc: '271', approved: true },
  amex: { number: '3782 822463 10005', cvc: '1618', approved: true },
  cobadged: { number: '4970 1000 0000 0006', cvc: '577', approved: true },
  declined: { number: '4000 0000 0000 0002', cvc: '662', approved: false },
  insufficientFunds: { number: '4000000000009995', cvc: '421', approved: false },
} as const satisfies Record<string, TestCard>;

/** Numbers only ever sent in requests the gateway must refuse (bad input): they must not leak either. */
export const REFUSED_NUMBERS = ['4242424242424241', '4111 1111 1111 1111', '5105105105105100'];

export const ALL_PANS = [...Object.values(CARDS).map((c) => c.number), ...REFUSED_NUMBERS];
export const ALL_CVCS = Object.values(CARDS).map((c) => c.cvc);

export function cardInput(card: TestCard) {
  return { number: card.number, exp_month: 12, exp_year: 2031, cvc: card.cvc };
}
