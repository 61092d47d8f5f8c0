import { findCurrency } from './currency.js';
import { formatAmount, toDecimalString } from './money.js';

const currency = (code: string) => findCurrency(code)!;

describe('formatAmount', () => {
  it.each([
    [5000, 'EUR', 'fr', '50,00 €'],
    [5000, 'EUR', 'en', '€50.00'],
    [5000, 'EUR', 'de', '50,00 €'],
    [123456, 'USD', 'en', '$1,234.56'],
    [123456, 'GBP', 'en', '£1,234.56'],
    [500005, 'CHF', 'de', '5.000,05 CHF'],
    [5000, 'JPY', 'en', '¥5,000'],
    [5000, 'JPY', 'zh', 'JP¥5,000'],
    [5, 'KWD', 'en', 'KWD 0.005'],
    [1234567, 'KWD', 'fr', '1 234,567 KWD'],
    [1999, 'EUR', 'it', '19,99 €'],
    [1999, 'EUR', 'nl', '€ 19,99'],
    [1999, 'EUR', 'pt', '€ 19,99'],
    [1999, 'EUR', 'pt-PT', '19,99 €'],
    [1999, 'EUR', 'es', '19,99 €'],
  ])('%i minor units of %s in %s read %s', (amount, code, locale, text) => {
    // Intl separates with narrow or plain no-break spaces depending on the locale: compare the characters people see.
    expect(formatAmount(amount, currency(code), locale).replace(/[\u00a0\u202f]/g, ' ')).toBe(text);
  });

  it('keeps every digit of the largest amounts (no float on the way)', () => {
    expect(formatAmount(99_999_999_999, currency('EUR'), 'en')).toBe('€999,999,999.99');
    expect(formatAmount(99_999_999_999, currency('KWD'), 'en').replace('\u00a0', ' ')).toBe(
      'KWD 99,999,999.999',
    );
    expect(toDecimalString(1, currency('KWD'))).toBe('0.001');
  });
});
