import type { CardBrand, CoBrand } from './card-number.js';

/** A documented card number whose outcome is fixed, whatever the amount or merchant. */
export interface TestCard {
  /** PAN, digits only. */
  number: string;
  brand: CardBrand;
  co_brand?: CoBrand;
  outcome: 'approved' | 'declined';
  response_code: string;
  description: string;
  /**
   * 3-D Secure behaviour at the directory server, when not the default (frictionless Y):
   * a frictionless transStatus, or C (challenge) with the one code that passes it (none: it
   * always fails).
   */
  three_ds?: ThreeDsBehaviour;
}

export type ThreeDsBehaviour =
  | { trans_status: 'Y' | 'A' | 'N' | 'U' | 'R' }
  | { trans_status: 'C'; challenge_code: string | null };

/** What 3-D Secure does for a card number: the test card's behaviour, else frictionless Y. */
export function threeDsBehaviour(pan: string): ThreeDsBehaviour {
  return findTestCard(pan)?.three_ds ?? { trans_status: 'Y' };
}

// One table drives the answers, GET /test-cards and the README.
export const TEST_CARDS: readonly TestCard[] = [
  {
    number: '4242424242424242',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: 'approved (Visa)',
  },
  {
    number: '5555555555554444',
    brand: 'mastercard',
    outcome: 'approved',
    response_code: '00',
    description: 'approved (Mastercard)',
  },
  {
    number: '4970100000000006',
    brand: 'visa',
    co_brand: 'cb',
    outcome: 'approved',
    response_code: '00',
    description: 'approved, co-badged CB + Visa (3-D Secure frictionless Y)',
    three_ds: { trans_status: 'Y' },
  },
  {
    number: '378282246310005',
    brand: 'amex',
    outcome: 'approved',
    response_code: '00',
    description: 'approved (Amex)',
  },
  {
    number: '4000000000000002',
    brand: 'visa',
    outcome: 'declined',
    response_code: '05',
    description: 'refused 05 do not honour',
  },
  {
    number: '4000000000009995',
    brand: 'visa',
    outcome: 'declined',
    response_code: '51',
    description: 'refused 51 insufficient funds',
  },
  {
    number: '4000000000000069',
    brand: 'visa',
    outcome: 'declined',
    response_code: '54',
    description: 'refused 54 expired card',
  },
  {
    number: '4000000000009987',
    brand: 'visa',
    outcome: 'declined',
    response_code: '41',
    description: 'refused 41 lost card',
  },
  {
    number: '4000000000009979',
    brand: 'visa',
    outcome: 'declined',
    response_code: '43',
    description: 'refused 43 stolen card',
  },
  {
    number: '4000000000000119',
    brand: 'visa',
    outcome: 'declined',
    response_code: '96',
    description: 'refused 96 system error',
  },
  {
    number: '4000000000003220',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: '3-D Secure challenge: code 1234 passes (then approved), any other code fails (N)',
    three_ds: { trans_status: 'C', challenge_code: '1234' },
  },
  {
    number: '4000000000003063',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: '3-D Secure challenge that always fails (N)',
    three_ds: { trans_status: 'C', challenge_code: null },
  },
  {
    number: '4000000000001091',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: '3-D Secure frictionless Y (authenticated), approved',
    three_ds: { trans_status: 'Y' },
  },
  {
    number: '4000000000001000',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: '3-D Secure frictionless A (attempt), approved',
    three_ds: { trans_status: 'A' },
  },
  {
    number: '4000000000003097',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: '3-D Secure R: the issuer rejects, no authorisation is attempted',
    three_ds: { trans_status: 'R' },
  },
  {
    number: '4000000000003055',
    brand: 'visa',
    outcome: 'approved',
    response_code: '00',
    description: '3-D Secure U: authentication unavailable, approved without it',
    three_ds: { trans_status: 'U' },
  },
];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card]));

export function findTestCard(pan: string): TestCard | undefined {
  return BY_NUMBER.get(pan);
}
