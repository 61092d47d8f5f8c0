import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An email as the catch-all received and parsed it. */
export interface CaughtEmail {
  /** 1, 2, 3... in arrival order. */
  seq: number;
  receivedAt: Date;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  headers: Record<string, string>;
}

export interface CatchAllSmtp {
  host: string;
  port: number;
  /** Received emails, oldest first (the last `keep`). */
  emails: CaughtEmail[];
  /**
   * Refuse the next recipients with this SMTP reply (451: try later; 550: no such mailbox),
   * `count` times, only `recipient` if given; with no code, accept everything again.
   */
  refuse(code?: number, count?: number, recipient?: string): void;
  /** Resolves once `count` emails in all have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtEmail[]>;
  close(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/**
 * An SMTP server that accepts any email for anyone and keeps it in memory: the mailbox of
 * `npm start` (shown at /dev/mailbox) and the receiving end of the email tests. Plain SMTP on
 * 127.0.0.1 with no authentication: never expose it.
 */
export async function startCatchAllSmtp(
  options: { port?: number; keep?: number } = {},
): Promise<CatchAllSmtp> {
  const keep = options.keep ?? 500;
  const emails: CaughtEmail[] = [];
  let seq = 0;
  let refusal: { code: number; remaining: number; recipient: string | undefined } | undefined;
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Caisse catch-all mailbox',
    onRcptTo(address, _session, callback) {
      const targeted = refusal?.recipient === undefined || refusal.recipient === address.address;
      if (refusal && refusal.remaining > 0 && targeted) {
        refusal.remaining--;
        const error = new Error(refusal.code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
          responseCode: number;
        };
        error.responseCode = refusal.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of mail.headers) {
            headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
          }
          emails.push({
            seq: ++seq,
            receivedAt: new Date(),
            to: session.envelope.rcptTo.map((r) => r.address),
            from: addresses(mail.from),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? null,
            headers,
          });
          if (emails.length > keep) emails.splice(0, emails.length - keep);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    emails,
    refuse(code, count = 1, recipient) {
      refusal = code === undefined ? undefined : { code, remaining: count, recipient };
    },
    waitFor(count, timeoutMs = 10_000) {
      if (seq >= count) return Promise.resolve(emails);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} emails, got ${seq}`));
        }, timeoutMs);
        const check = () => {
          if (seq < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(emails);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
