import { LANGUAGES } from '../../domain/notification.js';
import { samplePayment, samplePaymentLink } from './sample.js';
import { allEmailTexts } from './translations.js';
import { buildEmailView, formatEmailAmount, maskedCard } from './view-model.js';

const payment = { ...samplePayment(), amount: 123456, status: 'captured' };

describe('email view models', () => {
  it('formats amounts exactly per currency and language', () => {
    expect(formatEmailAmount(123456, 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatEmailAmount(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatEmailAmount(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatEmailAmount(123456, 'EUR', 'es')).toBe('1234,56\u00a0€');
    expect(formatEmailAmount(123456, 'EUR', 'nl')).toBe('€\u00a01.234,56');
    expect(formatEmailAmount(5000, 'JPY', 'en')).toBe('JP¥5,000');
    expect(formatEmailAmount(5000, 'JPY', 'zh')).toBe('JP¥5,000');
    expect(formatEmailAmount(1500, 'KWD', 'en')).toBe('KWD\u00a01.500');
    expect(formatEmailAmount(1500, 'KWD', 'fr')).toBe('1,500\u00a0KWD');
    expect(formatEmailAmount(5, 'EUR', 'pt')).toBe('0,05\u00a0€');
  });

  it('shows the card as its brand and last four digits only', () => {
    expect(maskedCard(payment.card)).toBe('Visa •••• 4242');
    expect(
      maskedCard({ ...payment.card!, brand: 'visa', co_brand: 'cb', network: 'cb', last4: '0006' }),
    ).toBe('CB •••• 0006');
    expect(maskedCard(null)).toBeNull();
  });

  it('has every text in every language', () => {
    const texts = allEmailTexts();
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const english = keys(texts.get('en')!).sort();
    for (const language of LANGUAGES) {
      expect(keys(texts.get(language)!).sort()).toEqual(english);
      for (const key of english) {
        const value = key
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], texts.get(language));
        expect(typeof value === 'string' && value.trim().length > 0).toBe(true);
      }
    }
  });

  it.each(LANGUAGES)('builds the buyer confirmation in %s without the card number', (language) => {
    const view = buildEmailView({
      template: 'buyer_confirmation',
      language,
      shopName: 'La Boutique',
      payment,
    });
    expect(view.subject).toContain('La Boutique');
    expect(view.subject).toContain('ORDER-1042');
    expect(view.rows.map((r) => r.value)).toContain(formatEmailAmount(123456, 'EUR', language));
    expect(view.rows.map((r) => r.value)).toContain('Visa •••• 4242');
    expect(JSON.stringify(view)).not.toContain('424242');
    expect(view.notice).not.toBeNull(); // test mode
  });

  it('tells the buyer when the card will be debited', () => {
    const authorized = { ...samplePayment(), typology: { type: 'on_shipment' as const } };
    expect(
      buildEmailView({ template: 'buyer_confirmation', language: 'en', shopName: 'S', payment: authorized })
        .note,
    ).toBe('Your card will be debited when your order ships.');
    const deferred = {
      ...samplePayment(),
      typology: { type: 'deferred' as const, days: 3 },
      capture_date: '2026-01-18T10:00:00.000Z',
    };
    expect(
      buildEmailView({ template: 'buyer_confirmation', language: 'fr', shopName: 'S', payment: deferred })
        .note,
    ).toBe('Votre carte sera débitée le 18 janvier 2026.');
    expect(
      buildEmailView({ template: 'buyer_confirmation', language: 'de', shopName: 'S', payment }).note,
    ).toBe('Der Betrag wurde abgebucht.');
  });

  it('gives the merchant the status, the guarantee and the customer', () => {
    const view = buildEmailView({
      template: 'merchant_confirmation',
      language: 'fr',
      shopName: 'S',
      payment,
    });
    expect(view.subject).toBe('Paiement accepté : 1\u202f234,56\u00a0€, commande ORDER-1042');
    expect(view.rows).toEqual(
      expect.arrayContaining([
        { label: 'État', value: 'Capturé' },
        { label: 'Garantie de paiement', value: 'Inconnue' },
        { label: 'Client', value: 'Camille Martin — buyer@example.com' },
      ]),
    );
    expect(view.note).toBeNull();
  });

  it.each(LANGUAGES)(
    'builds the payment link email in %s: amount, button to the page, validity',
    (language) => {
      const link = samplePaymentLink();
      const view = buildEmailView({
        template: 'payment_link',
        language,
        shopName: 'La Boutique',
        payment: link,
      });
      const amount = formatEmailAmount(4990, 'EUR', language);
      expect(view.subject).toContain('La Boutique');
      expect(view.subject).toContain(amount);
      expect(view.action).toMatchObject({ url: link.payment_link!.url });
      expect(view.action!.label).toContain(amount);
      expect(view.note).toContain('2026');
      expect(view.fields).toMatchObject({ pay_url: link.payment_link!.url, amount });
    },
  );

  it('refuses to build a link email without a link to put in it', () => {
    expect(() =>
      buildEmailView({ template: 'payment_link', language: 'en', shopName: 'S', payment: samplePayment() }),
    ).toThrow(/has no link URL/);
  });
});
