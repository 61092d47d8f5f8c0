import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Response, type Router } from 'express';
import Handlebars from 'handlebars';
import { findCurrency } from '../domain/currency.js';
import { formatAmount } from '../domain/money.js';
import { computeVadsSignature, verifyVadsSignature } from '../domain/vads/signature.js';
import { pageHeaders, setPageCsp } from '../http/pay/security.js';

/** What the demo shop needs to know of itself once its shop exists at the gateway. */
export interface DemoShopConfig {
  /** The gateway's base URL (the demo talks to it over HTTP, like any shop). */
  gatewayUrl: string;
  secretKey: string;
  vadsSiteId: string;
  vadsTestKey: string;
}

const ITEMS = [
  { id: 'coffee', name: 'Coffee beans, 1 kg', price: 2490 },
  { id: 'mug', name: 'Enamel mug', price: 1200 },
] as const;

const CARDS = [
  ['4242 4242 4242 4242', 'approved'],
  ['4000 0000 0000 3220', '3-D Secure challenge: code 1234'],
  ['4970 1000 0000 0006', 'co-badged CB + Visa: choose the network'],
  ['4000 0000 0000 0002', 'refused'],
];

const EUR = findCurrency('EUR')!;
const euros = (minor: number) => formatAmount(minor, EUR, 'en');

const hbs = Handlebars.create();
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
// Beside the sources, under src/ in both the source and the built package (see http/pay/assets.ts).
const page = hbs.compile(
  readFileSync(join(import.meta.dirname, '..', '..', 'src', 'demo', 'demo.hbs'), 'utf8'),
);

/**
 * The demo shop of `npm start` (/demo): two items, paid through the hosted page by the REST API or
 * by the signed form, and the outcome read back — the whole flow in a browser within a minute.
 * It is a separate shop that happens to run in the gateway's process: it only uses the public API
 * and the signed-form protocol, with its own keys.
 */
export function demoShopRouter(config: () => DemoShopConfig | undefined): Router {
  const router = express.Router();
  router.use('/demo', pageHeaders, express.urlencoded({ extended: false, limit: '8kb' }));
  let orders = 0;

  const send = async (res: Response, model: object, formTargets: string[] = []) => {
    await setPageCsp(res.req, res, formTargets);
    res.type('html').send(page(model));
  };

  router.get('/demo', async (_req, res) => {
    await send(res, {
      title: 'Demo shop',
      shop: {
        items: ITEMS.map((item) => ({
          ...item,
          price: euros(item.price),
          quantities: [0, 1, 2, 3],
          defaultQuantity: 1,
        })),
        cards: CARDS.map(([number, label]) => ({ number, label })),
      },
    });
  });

  router.post('/demo/checkout', async (req, res) => {
    const demo = config();
    if (!demo) throw new Error('the demo shop is not ready');
    const body = req.body as Record<string, string>;
    const amount = ITEMS.reduce(
      (sum, item) => sum + item.price * Math.min(3, Number(body[item.id] ?? 0) || 0),
      0,
    );
    if (amount === 0) return res.redirect(303, '/demo');
    orders += 1;
    const reference = `DEMO-${Date.now().toString(36).toUpperCase()}-${orders}`;
    if (body['door'] === 'vads') {
      const fields: Record<string, string> = {
        vads_action_mode: 'INTERACTIVE',
        vads_amount: String(amount),
        vads_ctx_mode: 'TEST',
        vads_currency: '978',
        vads_order_id: reference,
        vads_page_action: 'PAYMENT',
        vads_payment_config: 'SINGLE',
        vads_return_mode: 'POST',
        vads_site_id: demo.vadsSiteId,
        vads_trans_date: new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14),
        // Unique per UTC day, as the protocol wants: the second of the day and the order count.
        vads_trans_id: String(
          ((Math.floor(Date.now() / 1000) % 86_400) * 10 + (orders % 10)) % 900_000,
        ).padStart(6, '0'),
        vads_url_return: `${demo.gatewayUrl}/demo/return-vads`,
        vads_version: 'V2',
      };
      fields.signature = computeVadsSignature(fields, demo.vadsTestKey);
      return send(
        res,
        {
          title: 'Order placed',
          autosubmit: true,
          redirect: {
            text: `Order ${reference}: ${euros(amount)}. The signed form below takes you to the payment page.`,
            action: `${demo.gatewayUrl}/vads-payment/`,
            fields: Object.entries(fields).map(([name, value]) => ({ name, value })),
          },
        },
        [demo.gatewayUrl],
      );
    }
    const created = await fetch(`${demo.gatewayUrl}/v1/payments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo.secretKey}`,
        'content-type': 'application/json',
        'idempotency-key': reference,
      },
      body: JSON.stringify({
        amount,
        currency: 'EUR',
        reference,
        return_url: `${demo.gatewayUrl}/demo/return`,
      }),
    });
    const payment = (await created.json()) as { next_action?: { redirect_url?: string } };
    const next = payment.next_action?.redirect_url;
    if (!next) throw new Error(`the gateway did not open a payment page (HTTP ${created.status})`);
    return res.redirect(303, next);
  });

  router.get('/demo/return', async (req, res) => {
    const demo = config();
    const id = typeof req.query['payment_id'] === 'string' ? req.query['payment_id'] : '';
    if (!demo || !/^pay_[0-9A-Za-z]{24}$/.test(id)) return res.redirect(303, '/demo');
    // Never trust the return itself: read the payment from the API.
    const answer = await fetch(`${demo.gatewayUrl}/v1/payments/${id}`, {
      headers: { authorization: `Bearer ${demo.secretKey}` },
    });
    const p = (await answer.json()) as Record<string, unknown>;
    const threeDS = p['three_ds'] as { status?: string } | null;
    await send(res, {
      title: `Order ${String(p['reference'])}`,
      outcome: {
        message: `The gateway says this payment is ${String(p['status'])}.`,
        details: [
          { id: 'status', label: 'Status', value: String(p['status']) },
          { id: 'amount', label: 'Amount', value: euros(Number(p['amount'])) },
          { id: 'three-ds', label: '3-D Secure', value: threeDS?.status ?? 'not run' },
          { id: 'guarantee', label: 'Guarantee', value: String(p['guarantee']) },
          { id: 'payment', label: 'Payment id', value: id },
        ],
      },
    });
  });

  router.post('/demo/return-vads', async (req, res) => {
    const demo = config();
    const body = req.body as Record<string, string>;
    const { signature = '', ...fields } = body;
    const valid =
      demo !== undefined && verifyVadsSignature(fields, signature, demo.vadsTestKey, 'HMAC-SHA-256');
    await send(res, {
      title: `Order ${fields['vads_order_id'] ?? ''}`,
      outcome: {
        message: valid
          ? `The signed return says ${fields['vads_trans_status']} (signature checked with the TEST key).`
          : 'The return fields are not signed with our key: ignore them.',
        details: [
          { id: 'signature', label: 'Signature', value: valid ? 'valid' : 'INVALID' },
          { id: 'status', label: 'vads_trans_status', value: fields['vads_trans_status'] ?? '' },
          { id: 'result', label: 'vads_result', value: fields['vads_result'] ?? '' },
          { id: 'guarantee', label: 'vads_warranty_result', value: fields['vads_warranty_result'] ?? '' },
          { id: 'card', label: 'vads_card_number', value: fields['vads_card_number'] ?? '' },
        ],
      },
    });
  });

  return router;
}
