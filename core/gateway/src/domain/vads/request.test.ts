import { isCaisseError } from '../../errors/index.js';
import { parseVadsRequest, utcDay } from './request.js';

const valid: Record<string, string> = {
  vads_action_mode: 'INTERACTIVE',
  vads_amount: '2490',
  vads_ctx_mode: 'TEST',
  vads_currency: '978',
  vads_page_action: 'PAYMENT',
  vads_payment_config: 'SINGLE',
  vads_site_id: '12345678',
  vads_trans_date: '20260315143000',
  vads_trans_id: '000042',
  vads_version: 'V2',
};

function refusal(fields: Record<string, string>) {
  try {
    parseVadsRequest(fields);
  } catch (error) {
    if (isCaisseError(error)) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('accepted');
}

describe('signed-form request', () => {
  it('reads a minimal payment form', () => {
    const request = parseVadsRequest(valid);
    expect(request).toMatchObject({
      siteId: '12345678',
      ctxMode: 'TEST',
      transDay: '2026-03-15',
      amount: 2490,
      currency: 'EUR',
      typology: { type: 'immediate' },
      validation: undefined,
      reference: '000042',
      customer: undefined,
    });
    expect(request.context).toMatchObject({ returnMode: 'NONE', captureDelay: null, fields: valid });
  });

  it('maps capture delay, validation mode, language, order id, return URLs and the buyer', () => {
    const request = parseVadsRequest({
      ...valid,
      vads_capture_delay: '3',
      vads_validation_mode: '1',
      vads_language: 'de',
      vads_order_id: 'CMD-42',
      vads_url_success: 'https://shop.example/ok',
      vads_url_return: 'https://shop.example/back',
      vads_return_mode: 'POST',
      vads_cust_email: 'anna@example.com',
      vads_cust_first_name: 'Anna',
      vads_cust_last_name: 'Schmidt',
      vads_cust_id: 'C-7',
    });
    expect(request).toMatchObject({
      typology: { type: 'deferred', days: 3 },
      validation: 'manual',
      language: 'de',
      reference: 'CMD-42',
      customer: { id: 'C-7', email: 'anna@example.com', name: 'Anna Schmidt', language: 'de' },
    });
    expect(request.context.urls).toEqual({
      success: 'https://shop.example/ok',
      refused: null,
      cancel: null,
      error: null,
      return: 'https://shop.example/back',
    });
    expect(request.context.returnMode).toBe('POST');
  });

  it.each([
    ['vads_version', { vads_version: 'V1' }],
    ['vads_version', { vads_version: '' }],
    ['vads_site_id', { vads_site_id: '1234567' }],
    ['vads_ctx_mode', { vads_ctx_mode: 'PROD' }],
    ['vads_trans_id', { vads_trans_id: '42' }],
    ['vads_trans_id', { vads_trans_id: '900000' }],
    ['vads_trans_date', { vads_trans_date: '20260231120000' }],
    ['vads_trans_date', { vads_trans_date: '2026-03-15' }],
    ['vads_amount', { vads_amount: '24.90' }],
    ['vads_amount', { vads_amount: '0' }],
    ['vads_currency', { vads_currency: 'EUR' }],
    ['vads_currency', { vads_currency: '999' }],
    ['vads_capture_delay', { vads_capture_delay: 'two' }],
    ['vads_validation_mode', { vads_validation_mode: '2' }],
    ['vads_return_mode', { vads_return_mode: 'REDIRECT' }],
    ['vads_url_success', { vads_url_success: 'javascript:alert(1)' }],
    ['vads_url_return', { vads_url_return: 'not a url' }],
    ['vads_order_id', { vads_order_id: 'x'.repeat(65) }],
    ['vads_language', { vads_language: '<script>' }],
    ['vads_cust_email', { vads_cust_email: 'nobody' }],
  ])('refuses a malformed %s', (field, change) => {
    expect(refusal({ ...valid, ...change })).toEqual({ code: 'vads_malformed_field', field });
  });

  it.each([
    'vads_amount',
    'vads_currency',
    'vads_trans_date',
    'vads_trans_id',
    'vads_site_id',
    'vads_ctx_mode',
  ])('refuses a form without %s', (field) => {
    const { [field]: _, ...rest } = valid;
    expect(refusal(rest)).toEqual({ code: 'vads_malformed_field', field });
  });

  it.each([
    ['vads_action_mode', 'SILENT'],
    ['vads_page_action', 'REGISTER_PAY'],
    ['vads_payment_config', 'MULTI:first=1000;count=3;period=30'],
  ])('refuses what it does not support, by name: %s=%s', (field, value) => {
    expect(refusal({ ...valid, [field]: value })).toEqual({ code: 'vads_unsupported', field });
  });

  it('knows real UTC days only', () => {
    expect(utcDay('20240229235959')).toBe('2024-02-29');
    expect(utcDay('20250229000000')).toBeUndefined();
    expect(utcDay('20260315246000')).toBeUndefined();
  });
});
