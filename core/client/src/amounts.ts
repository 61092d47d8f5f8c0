import { CaisseError } from './errors.js';

// ISO 4217 currencies in use and their minor-unit exponent, as the gateway knows them
// (core/gateway/src/domain/currency.ts; a gateway test keeps the two equal).
const EXPONENTS = `AED2 AFN2 ALL2 AMD2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 BBD2 BDT2 BHD3 BIF0 BMD2 BND2 BOB2 BRL2 BSD2 BTN2 BWP2 BYN2 BZD2 CAD2 CDF2 CHF2 CLP0 CNY2 COP2 CRC2 CUP2 CVE2 CZK2 DJF0 DKK2 DOP2 DZD2 EGP2 ERN2 ETB2 EUR2 FJD2 FKP2 GBP2 GEL2 GHS2 GIP2 GMD2 GNF0 GTQ2 GYD2 HKD2 HNL2 HTG2 HUF2 IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3 JPY0 KES2 KGS2 KHR2 KMF0 KPW2 KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 LKR2 LRD2 LSL2 LYD3 MAD2 MDL2 MGA2 MKD2 MMK2 MNT2 MOP2 MRU2 MUR2 MVR2 MWK2 MXN2 MYR2 MZN2 NAD2 NGN2 NIO2 NOK2 NPR2 NZD2 OMR3 PAB2 PEN2 PGK2 PHP2 PKR2 PLN2 PYG0 QAR2 RON2 RSD2 RUB2 RWF0 SAR2 SBD2 SCR2 SDG2 SEK2 SGD2 SHP2 SLE2 SOS2 SRD2 SSP2 STN2 SVC2 SYP2 SZL2 THB2 TJS2 TMT2 TND3 TOP2 TRY2 TTD2 TWD2 TZS2 UAH2 UGX0 USD2 UYU2 UYW4 UZS2 VED2 VES2 VND0 VUV0 WST2 XAF0 XCD2 XCG2 XOF0 XPF0 YER2 ZAR2 ZMW2 ZWG2`;

const TABLE = new Map(EXPONENTS.split(' ').map((e) => [e.slice(0, 3), Number(e.slice(3))]));

/**
 * An amount or a currency the helpers cannot convert exactly.
 *
 * @example
 * try { toMinorUnits('10.005', 'EUR'); } catch (e) { if (e instanceof CaisseAmountError) console.log(e.message); }
 */
export class CaisseAmountError extends CaisseError {}

/**
 * The number of minor-unit digits of a currency: 2 for EUR, 0 for JPY, 3 for KWD.
 *
 * @example
 * currencyExponent('JPY'); // 0
 */
export function currencyExponent(currency: string): number {
  const exponent = TABLE.get(currency);
  if (exponent === undefined) {
    throw new CaisseAmountError(
      `"${currency}" is not an ISO 4217 currency code the gateway supports (use upper case, e.g. EUR).`,
    );
  }
  return exponent;
}

/**
 * The currency codes the gateway supports.
 *
 * @example
 * supportedCurrencies().includes('EUR'); // true
 */
export function supportedCurrencies(): string[] {
  return [...TABLE.keys()];
}

/**
 * A decimal amount as written by people or platforms ("49.90") → the integer minor units the API
 * takes (4990). Exact: no floating point. More decimals than the currency has is an error, never
 * a rounding. Pass a string: a JavaScript number like 0.1 + 0.2 is already not what you meant.
 *
 * @example
 * toMinorUnits('49.90', 'EUR'); // 4990
 * toMinorUnits('5000', 'JPY');  // 5000
 * toMinorUnits('1.5', 'KWD');   // 1500
 */
export function toMinorUnits(decimal: string, currency: string): number {
  const exponent = currencyExponent(currency);
  if (typeof decimal !== 'string') {
    throw new CaisseAmountError(
      `Pass the amount as a decimal string (e.g. "49.90"), not a ${typeof decimal}.`,
    );
  }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!match) throw new CaisseAmountError(`"${decimal}" is not a decimal amount such as "49.90".`);
  const whole = match[1]!;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw new CaisseAmountError(
      `${currency} has ${exponent} decimal place(s); "${decimal}" has more. Round it yourself, deliberately.`,
    );
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw new CaisseAmountError(`"${decimal}" is too large.`);
  return minor;
}

/**
 * Integer minor units (4990) → the exact decimal string ("49.90"), with as many decimals as the
 * currency has.
 *
 * @example
 * fromMinorUnits(4990, 'EUR'); // "49.90"
 * fromMinorUnits(5000, 'JPY'); // "5000"
 * fromMinorUnits(5, 'KWD');    // "0.005"
 */
export function fromMinorUnits(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(amount)) {
    throw new CaisseAmountError(`${amount} is not an integer amount in minor units.`);
  }
  const negative = amount < 0;
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
