import pino, { type Logger } from 'pino';

/**
 * Card data must never reach a log line (PCI DSS 3.3/3.4). The engine never logs it, and this
 * redaction list is the second belt: any field with these names is replaced, wherever it sits.
 */
export const REDACTED_PATHS = [
  'pan',
  'cvc',
  'card.number',
  'card.cvc',
  '*.pan',
  '*.cvc',
  '*.card.number',
  '*.card.cvc',
  '*.*.card.number',
  '*.*.card.cvc',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'headers.authorization',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'caisse' },
    },
    options.destination,
  );
}

export type { Logger };
