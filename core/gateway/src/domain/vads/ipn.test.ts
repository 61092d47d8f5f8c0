import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaymentResource } from '../payment-resource.js';
import type { VadsContext } from './context.js';
import { refundTransaction, vadsHash, vadsIpnFields, vadsIpnKind, vadsUrlCheckSrc } from './ipn.js';
import { computeVadsSignature, vadsSigningString, verifyVadsSignature } from './signature.js';

const docs = join(import.meta.dirname, '../../../../../docs');

/** The IPN worked example of a signed-form page: the blocks after each `<!-- ipn-example:NAME -->`. */
function ipnExample(page: string) {
  const text = readFileSync(join(docs, page), 'utf8');
  const block = (name: string) => {
    const m = new RegExp(`<!-- ipn-example:${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(text);
    if (!m) throw new Error(`${page} has no ipn-example:${name} block`);
    return m[1]!;
  };
  const fields = Object.fromEntries(
    block('fields')
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as [string, string];
      }),
  );
  return {
    fields,
    key: block('key'),
    string: block('string'),
    signature: block('signature'),
    node: block('node'),
  };
}

/** The docs' description, followed literally and without the gateway's code. */
function documentedSignature(fields: Record<string, string>, key: string): string {
  const names = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const text = `${names.map((name) => fields[name]).join('+')}+${key}`;
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(text, 'utf8')).digest('base64');
}

/** The payment of the docs' example: the form of docs/en/signed-form.md paid with a 3-D Secure Visa (plus a buyer's email, echoed). */
const ctx: VadsContext = {
  version: 'V2',
  siteId: '12345678',
  ctxMode: 'TEST',
  transId: '000042',
  transDate: '20260315143000',
  transUuid: 'f3a1c9d27b8e4e0f9c6d5a4b3e2f1a0b',
  orderId: 'CMD-2026-0042',
  actionMode: 'INTERACTIVE',
  pageAction: 'PAYMENT',
  paymentConfig: 'SINGLE',
  captureDelay: null,
  validationMode: null,
  urlCheck: null,
  urls: { success: 'https://shop.example/paid', refused: null, cancel: null, error: null, return: null },
  returnMode: 'POST',
  signatureAlgorithm: 'HMAC-SHA-256',
  fields: { vads_cust_email: 'anna@example.com' },
};

function payment(overrides: Partial<PaymentResource> = {}): PaymentResource {
  return {
    id: 'pay_3kTMd9wq2LxHfR8vN1cYbA7e',
    object: 'payment',
    mode: 'test',
    status: 'captured',
    amount: 2490,
    currency: 'EUR',
    captured_amount: 2490,
    refunded_amount: 0,
    reference: 'CMD-2026-0042',
    typology: { type: 'immediate' },
    validation: 'automatic',
    channel: 'ecommerce',
    guarantee: 'yes',
    three_ds: { status: 'Y', eci: '05', version: '2.2.0' },
    payment_method: { type: 'card' },
    language: 'fr',
    customer: null,
    card: {
      brand: 'visa',
      co_brand: null,
      network: 'visa',
      bin: '400000',
      last4: '1091',
      exp_month: 12,
      exp_year: 2030,
      holder: null,
    },
    refusal: null,
    return_url: null,
    notification_url: null,
    metadata: {},
    capture_date: null,
    authorized_at: '2026-03-15T14:31:07.000Z',
    authorization_expires_at: '2026-03-22T14:31:07.000Z',
    duplicated_from: null,
    payment_link: null,
    next_action: null,
    operations: [
      {
        id: 'op_auth',
        object: 'operation',
        payment_id: 'pay_3kTMd9wq2LxHfR8vN1cYbA7e',
        type: 'authorization',
        status: 'succeeded',
        amount: 2490,
        currency: 'EUR',
        source: 'hosted_page',
        response_code: '00',
        message: null,
        auth_code: '3FD74F',
        created_at: '2026-03-15T14:31:07.000Z',
        settled_at: '2026-03-15T14:31:07.000Z',
      },
    ],
    created_at: '2026-03-15T14:30:01.000Z',
    updated_at: '2026-03-15T14:31:07.000Z',
    ...overrides,
  };
}

function refund(id: string, amount: number, at: string): PaymentResource['operations'][number] {
  return {
    id,
    object: 'operation',
    payment_id: 'pay_3kTMd9wq2LxHfR8vN1cYbA7e',
    type: 'refund',
    status: 'succeeded',
    amount,
    currency: 'EUR',
    source: 'api',
    response_code: '00',
    message: null,
    auth_code: null,
    created_at: at,
    settled_at: at,
  };
}

describe('the signed-form IPN', () => {
  it.each(['en/signed-form.md', 'fr/signed-form.md'])(
    'matches the worked example of docs/%s, signature computed as the page describes it',
    (page) => {
      const example = ipnExample(page);
      // The example is what the gateway sends for that payment, not a hand-written approximation.
      const sent = vadsIpnFields({
        eventId: 'evt_5FE5m17551nfXjw4hts6eLOY',
        type: 'payment.captured',
        payment: payment(),
        ctx: { ...ctx, fields: {} },
        urlCheckSrc: 'PAY',
      });
      expect(example.fields).toEqual(sent);
      expect(vadsSigningString(example.fields, example.key)).toBe(example.string);
      expect(documentedSignature(example.fields, example.key)).toBe(example.signature);
      expect(computeVadsSignature(example.fields, example.key)).toBe(example.signature);
      expect(verifyVadsSignature(example.fields, example.signature, example.key, 'HMAC-SHA-256')).toBe(true);
      expect(verifyVadsSignature(example.fields, example.signature, `${example.key}x`, 'HMAC-SHA-256')).toBe(
        false,
      );
    },
  );

  it.each(['en/signed-form.md', 'fr/signed-form.md'])(
    'runs the Node verification code of docs/%s: it accepts the example and refuses a forgery',
    (page) => {
      const example = ipnExample(page);
      // The block as printed, its import line replaced by the same bindings.
      const code = example.node
        .split('\n')
        .filter((line) => !line.startsWith('import '))
        .join('\n');
      const verifyVadsIpn = new Function(
        'createHmac',
        'timingSafeEqual',
        'Buffer',
        `${code}\nreturn verifyVadsIpn;`,
      )(createHmac, timingSafeEqual, Buffer) as (fields: Record<string, unknown>, key: string) => boolean;
      const received = { ...example.fields, signature: example.signature };
      expect(verifyVadsIpn(received, example.key)).toBe(true);
      expect(verifyVadsIpn({ ...received, vads_amount: '24900' }, example.key)).toBe(false);
      expect(verifyVadsIpn(received, 'AnotherKey012345')).toBe(false);
      expect(verifyVadsIpn({ ...example.fields }, example.key)).toBe(false);
      expect(verifyVadsIpn({ ...received, signature: [example.signature] }, example.key)).toBe(false);
    },
  );

  it('notifies outcomes and refunds, not the steps in between nor declined operations', () => {
    for (const type of [
      'payment.authorized',
      'payment.to_validate',
      'payment.validated',
      'payment.updated',
      'payment.partially_captured',
      'payment.captured',
      'payment.refused',
      'payment.cancelled',
      'payment.expired',
      'payment.abandoned',
      'payment.failed',
    ])
      expect([type, vadsIpnKind(type)]).toEqual([type, 'DEBIT']);
    expect(vadsIpnKind('payment.partially_refunded')).toBe('CREDIT');
    expect(vadsIpnKind('payment.refunded')).toBe('CREDIT');
    for (const type of [
      'payment.created',
      'payment.processing',
      'payment.requires_action',
      'payment.capture_failed',
      'payment.refund_failed',
      'payment.void_failed',
    ])
      expect([type, vadsIpnKind(type)]).toEqual([type, null]);
  });

  it('says where a send comes from: the page PAY, the merchant MERCH_BO, jobs BATCH, retries RETRY, replays BO', () => {
    const src = (source: Parameters<typeof vadsUrlCheckSrc>[0]['source'], type = 'payment.captured') =>
      vadsUrlCheckSrc({ source, type, attempt: 1, replayed: false });
    expect(src('hosted_page')).toBe('PAY');
    expect(src('api')).toBe('MERCH_BO');
    expect(src('backoffice')).toBe('MERCH_BO');
    expect(src('scheduler')).toBe('BATCH');
    expect(src('scheduler', 'payment.expired')).toBe('BATCH');
    expect(src('scheduler', 'payment.abandoned')).toBe('PAY');
    expect(src('batch')).toBe('BATCH');
    expect(src('acquirer', 'payment.failed')).toBe('BATCH');
    expect(
      vadsUrlCheckSrc({ source: 'hosted_page', type: 'payment.captured', attempt: 2, replayed: false }),
    ).toBe('RETRY');
    expect(vadsUrlCheckSrc({ source: 'api', type: 'payment.captured', attempt: 1, replayed: true })).toBe(
      'BO',
    );
    expect(vadsUrlCheckSrc({ source: 'api', type: 'payment.captured', attempt: 3, replayed: true })).toBe(
      'RETRY',
    );
  });

  it('tells a refund as a CREDIT transaction of its own, for its amount', () => {
    const first = refund('op_r1', 1000, '2026-03-16T09:00:00.000Z');
    const second = refund('op_r2', 1490, '2026-03-17T10:20:30.000Z');
    const partial = vadsIpnFields({
      eventId: 'evt_1',
      type: 'payment.partially_refunded',
      payment: payment({
        status: 'partially_refunded',
        refunded_amount: 1000,
        operations: [...payment().operations, first],
      }),
      ctx,
      urlCheckSrc: 'MERCH_BO',
    });
    const full = vadsIpnFields({
      eventId: 'evt_2',
      type: 'payment.refunded',
      payment: payment({
        status: 'refunded',
        refunded_amount: 2490,
        operations: [...payment().operations, first, second],
      }),
      ctx,
      urlCheckSrc: 'MERCH_BO',
    });
    expect(partial).toMatchObject({
      vads_operation_type: 'CREDIT',
      vads_amount: '1000',
      vads_effective_amount: '1000',
      vads_trans_status: 'CAPTURED',
      vads_result: '00',
      vads_trans_date: '20260316090000',
      vads_order_id: 'CMD-2026-0042',
      vads_url_check_src: 'MERCH_BO',
      vads_cust_email: 'anna@example.com',
    });
    expect(full).toMatchObject({
      vads_operation_type: 'CREDIT',
      vads_amount: '1490',
      vads_trans_date: '20260317102030',
    });
    for (const credit of [partial, full]) {
      expect(credit['vads_trans_id']).toMatch(/^9\d{5}$/);
      expect(credit['vads_trans_uuid']).toMatch(/^[0-9a-f]{32}$/);
      expect(credit['vads_trans_uuid']).not.toBe(ctx.transUuid);
    }
    expect(partial['vads_trans_uuid']).not.toBe(full['vads_trans_uuid']);
    // Derived, not drawn: every send of the same refund names the same transaction.
    expect(refundTransaction(first)).toEqual(refundTransaction(first));
  });

  it('gives each event its own vads_hash, the same on every send', () => {
    expect(vadsHash('evt_a')).toMatch(/^[0-9a-f]{64}$/);
    expect(vadsHash('evt_a')).toBe(vadsHash('evt_a'));
    expect(vadsHash('evt_a')).not.toBe(vadsHash('evt_b'));
  });

  it('refuses to build an IPN for an event the protocol does not notify', () => {
    expect(() =>
      vadsIpnFields({
        eventId: 'evt_x',
        type: 'payment.created',
        payment: payment(),
        ctx,
        urlCheckSrc: 'PAY',
      }),
    ).toThrow('no IPN for payment.created');
  });
});
