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
}

// One table drives the answers, GET /test-cards and the README; add 3-D Secure and wallet
// cards here.
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
    description: 'approved, co-badged CB + Visa',
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
];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card]));

export function findTestCard(pan: string): TestCard | undefined {
  return BY_NUMBER.get(pan);
}
