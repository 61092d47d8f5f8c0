import nodemailer from 'nodemailer';

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** A stable Message-ID: a re-sent email (at-least-once) carries the same one, and mail clients merge them. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface MailResult {
  messageId: string;
  /** The SMTP server's final reply, e.g. "250 OK: queued as …". */
  response: string;
}

/** Sends an email or throws a MailError. */
export interface Mailer {
  send(message: MailMessage): Promise<MailResult>;
  close(): void;
}

/** Why an email was not accepted, and whether trying again can help. */
export class MailError extends Error {
  constructor(
    message: string,
    /** 5xx SMTP replies (unknown mailbox, refused sender...) say it will not work later either. */
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
}

/** nodemailer over SMTP, one pooled connection set per process. */
export function createSmtpMailer(options: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    pool: true,
    maxConnections: 3,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId: message.messageId,
          headers: message.headers,
        });
        return { messageId: String(info.messageId ?? ''), response: String(info.response ?? '') };
      } catch (error) {
        throw toMailError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

function toMailError(error: unknown): MailError {
  const err = error as { message?: string; code?: string; responseCode?: number; response?: string };
  const code = typeof err.responseCode === 'number' ? err.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600;
  const detail = err.response ?? err.message ?? String(error);
  return new MailError(`${err.code ? `${err.code}: ` : ''}${detail}`, permanent, code);
}
