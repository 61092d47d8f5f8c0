import express, { type Request, type Response, Router } from 'express';
import { Webhook } from 'standardwebhooks';
import { signatureAlgorithmOf, verifyVadsSignature } from '../../domain/vads/signature.js';
import type { CatchAllSmtp } from './catch-all-smtp.js';

/** One IPN the development receiver got. */
export interface DevIpn {
  receivedAt: Date;
  id: string;
  type: string;
  /** "valid", or why the signature did not verify. */
  verification: string;
  body: string;
}

export interface DevPagesOptions {
  mailbox: CatchAllSmtp;
  /** The demo shop's current webhook secrets (to verify what arrives). */
  secrets(): Promise<string[]>;
  /** The demo shop's TEST form key (to verify the signed form's `vads_*` IPNs). */
  vadsKey?(): Promise<string | undefined>;
  keep?: number;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(res: Response, title: string, body: string): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'");
  res
    .type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#18181b}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e4e4e7;vertical-align:top}
pre{background:#f4f4f5;padding:1rem;overflow:auto;white-space:pre-wrap}iframe{width:100%;height:36rem;border:1px solid #e4e4e7}
.ok{color:#15803d}.bad{color:#b91c1c}a{color:#1d4ed8}</style></head>
<body><p><a href="/dev/mailbox">Mailbox</a> · <a href="/dev/webhooks">IPN receiver</a></p><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function verify(secrets: string[], req: Request, body: string): string {
  const headers = {
    'webhook-id': req.get('webhook-id') ?? '',
    'webhook-timestamp': req.get('webhook-timestamp') ?? '',
    'webhook-signature': req.get('webhook-signature') ?? '',
  };
  let last = 'no secret';
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, headers);
      return 'valid';
    } catch (error) {
      last = (error as Error).message;
    }
  }
  return last;
}

/**
 * The development pages of `npm start`, mounted at /dev: the catch-all mailbox (every email the
 * gateway sends, as received by a local SMTP server) and an IPN receiver that the demo shop's
 * notification URL points at, which verifies each IPN's signature and lists them. Never mounted
 * by `caisse serve`.
 */
export function devPagesRouter(options: DevPagesOptions): Router {
  const router = Router();
  const keep = options.keep ?? 200;
  const ipns: DevIpn[] = [];

  router.get('/', (_req, res) => {
    res.redirect('/dev/mailbox');
  });

  router.get('/mailbox', (_req, res) => {
    const rows = [...options.mailbox.emails]
      .reverse()
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.receivedAt.toISOString())}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/dev/mailbox/${m.seq}">${escapeHtml(m.subject)}</a></td></tr>`,
      )
      .join('');
    page(
      res,
      'Mailbox',
      `<p>Every email the gateway sent, caught by the local SMTP server on ${options.mailbox.host}:${options.mailbox.port}. Nothing leaves this machine.</p>
<table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows || '<tr><td colspan="3">No email yet: make a payment with a customer email.</td></tr>'}</table>`,
    );
  });

  router.get('/mailbox/:seq', (req, res) => {
    const mail = options.mailbox.emails.find((m) => String(m.seq) === req.params.seq);
    if (!mail) {
      res.status(404);
      page(res, 'Not found', '<p>No such email (the mailbox keeps the last ones only).</p>');
      return;
    }
    page(
      res,
      mail.subject,
      `<table><tr><th>From</th><td>${escapeHtml(mail.from)}</td></tr><tr><th>To</th><td>${escapeHtml(mail.to.join(', '))}</td></tr>
<tr><th>Received</th><td>${escapeHtml(mail.receivedAt.toISOString())}</td></tr></table>
<h2>HTML</h2><iframe sandbox srcdoc="${escapeHtml(mail.html)}"></iframe><h2>Text</h2><pre>${escapeHtml(mail.text)}</pre>`,
    );
  });

  router.post('/webhooks', express.text({ type: '*/*', limit: '1mb' }), async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    let ipn: DevIpn;
    if (req.is('application/x-www-form-urlencoded')) {
      // The signed form's IPN: vads_* fields signed with the form key.
      const { signature = '', ...fields } = Object.fromEntries(new URLSearchParams(body));
      const key = await options.vadsKey?.();
      const valid =
        key !== undefined && verifyVadsSignature(fields, signature, key, signatureAlgorithmOf(signature));
      ipn = {
        receivedAt: new Date(),
        id: fields['vads_hash'] ?? '?',
        type: `vads ${fields['vads_trans_status'] ?? '?'} (${fields['vads_url_check_src'] ?? '?'})`,
        verification: valid ? 'valid' : 'signature does not verify with the TEST form key',
        body,
      };
    } else {
      let type = '?';
      try {
        type = String((JSON.parse(body) as { type?: unknown }).type ?? '?');
      } catch {
        // shown as received
      }
      ipn = {
        receivedAt: new Date(),
        id: req.get('webhook-id') ?? '?',
        type,
        verification: verify(await options.secrets(), req, body),
        body,
      };
    }
    ipns.push(ipn);
    if (ipns.length > keep) ipns.splice(0, ipns.length - keep);
    res.status(ipn.verification === 'valid' ? 204 : 400).end();
  });

  router.get('/webhooks', (_req, res) => {
    const rows = [...ipns]
      .reverse()
      .map((ipn) => {
        let pretty = ipn.body;
        try {
          pretty = JSON.stringify(JSON.parse(ipn.body), null, 2);
        } catch {
          // a form-encoded vads_* IPN: one field a line
          pretty = [...new URLSearchParams(ipn.body)].map(([k, v]) => `${k}=${v}`).join('\n');
        }
        const ok = ipn.verification === 'valid';
        return `<tr><td>${escapeHtml(ipn.receivedAt.toISOString())}</td><td>${escapeHtml(ipn.type)}</td><td><code>${escapeHtml(ipn.id)}</code></td>
<td class="${ok ? 'ok' : 'bad'}">${escapeHtml(ok ? 'signature valid' : ipn.verification)}</td></tr>
<tr><td colspan="4"><details><summary>payload</summary><pre>${escapeHtml(pretty)}</pre></details></td></tr>`;
      })
      .join('');
    page(
      res,
      'IPN receiver',
      `<p>The demo shop's notification URL points here (POST /dev/webhooks). Each IPN is checked with the shop's webhook secret, as your server would with <code>verifyWebhook</code> from @caisse/client.</p>
<p>IPNs of payments made through the signed form (<code>vads_*</code>) are form-encoded and checked with the shop's TEST form key instead.</p>
<table><tr><th>Received</th><th>Type</th><th>webhook-id / vads_hash</th><th>Signature</th></tr>${rows || '<tr><td colspan="4">No IPN yet.</td></tr>'}</table>`,
    );
  });

  return router;
}
