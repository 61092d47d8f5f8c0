import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * Every setting, from the environment, checked once at start by this one schema. A wrong value
 * stops the process with a message naming the variable and what it expects.
 */
export const ConfigSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CAISSE_PUBLIC_URL: z.url().optional().describe('Base URL buyers and shops reach the gateway at'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL server; without it the embedded PGlite database is used'),
  DATABASE_POOL_SIZE: int(1, 500).default(20),
  CAISSE_DATA_DIR: z.string().min(1).default('./data').describe('PGlite data directory'),
  CAISSE_ALLOW_LIVE_ON_PGLITE: bool.default(false),
  CAISSE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters (32 bytes): openssl rand -hex 32')
    .optional()
    .describe(
      'Master secret every key is derived from (fingerprints, sealed secrets); generated in the data directory with PGlite',
    ),
  CAISSE_ACQUIRER_URL: z.url().optional().describe('Test-mode acquirer (the mock acquirer)'),
  CAISSE_ACQUIRER_API_KEY: z.string().optional(),
  CAISSE_LIVE_ACQUIRER_URL: z.url().optional(),
  CAISSE_LIVE_ACQUIRER_API_KEY: z.string().optional(),
  CAISSE_ACQUIRER_TIMEOUT_MS: int(100, 120_000).default(10_000),
  CAISSE_AUTHORIZATION_VALIDITY_DAYS: int(2, 30).default(7),
  CAISSE_WORKER: bool.default(true).describe('Run the scheduler and the outbox relay inside `serve`'),
  CAISSE_SCHEDULER_INTERVAL_MS: int(50, 3_600_000).default(1000),
  CAISSE_IDEMPOTENCY_LOCK_MS: int(1000, 3_600_000).default(30_000),
  CAISSE_MOCK_ACQUIRER_PORT: int(0, 65535)
    .default(4100)
    .describe('Port of the mock acquirer `caisse dev` starts'),
  // Hosted payment page (issue 3)
  CAISSE_PAGE_TTL_MINUTES: int(1, 1440)
    .default(20)
    .describe('Minutes a hosted payment page stays open before the payment is abandoned'),
  // Performance and recovery tuning (issue 5: benchmarks and the reliability harness)
  CAISSE_API_KEY_CACHE_MS: int(0, 300_000)
    .default(10_000)
    .describe(
      'How long an active API key is remembered per process: a revocation takes up to this long. 0: off',
    ),
  CAISSE_INQUIRY_DELAY_MS: int(0, 3_600_000)
    .default(15_000)
    .describe('Delay before the recovery job first inquires about an acquirer call left without an outcome'),
  CAISSE_SETTLEMENT_DEADLINE_MS: int(1000, 86_400_000)
    .default(300_000)
    .describe('Time an unknown acquirer outcome has to be settled by inquiry (recorded as its deadline)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CAISSE_ACCESS_LOG: bool.default(false),

  // ---- notifications: outbox relay, IPN, emails (issue 4; docs/en/notifications.md) ----
  CAISSE_RELAY_INTERVAL_MS: int(50, 3_600_000).default(1000).describe('Pause of the relay when idle'),
  CAISSE_RELAY_BATCH_SIZE: int(1, 1000).default(50),
  CAISSE_RELAY_CONCURRENCY: int(1, 100).default(10),
  CAISSE_RELAY_LEASE_MS: int(1000, 3_600_000)
    .default(300_000)
    .describe('How long a claimed IPN or email is reserved; after a crash it is re-sent once this ends'),
  CAISSE_WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
  CAISSE_SMTP_HOST: z.string().min(1).optional().describe('SMTP server; without it no email is sent'),
  CAISSE_SMTP_PORT: int(1, 65535).default(587),
  CAISSE_SMTP_SECURE: bool.default(false).describe('TLS from the start (port 465); else STARTTLS if offered'),
  CAISSE_SMTP_USER: z.string().min(1).optional(),
  CAISSE_SMTP_PASSWORD: z.string().optional(),
  CAISSE_SMTP_TIMEOUT_MS: int(100, 120_000).default(10_000),
  CAISSE_MAIL_FROM: z.string().min(3).default('Caisse <no-reply@localhost>'),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads the configuration from `env`, or throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const result = ConfigSchema.safeParse(known);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
