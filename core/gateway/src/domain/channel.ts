/** Sales channels (FEATURES CH*). */
export const CHANNELS = ['ecommerce', 'mcommerce', 'moto', 'call_center', 'erp', 'ivr'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Channels in the scope of Strong Customer Authentication. Mail/phone orders (MOTO, call centre),
 * IVR and server-to-server ERP payments are out of SCA scope (PSD2 RTS art. 3 / EBA Q&A 2018_4031):
 * they never run 3-D Secure.
 */
export function requiresStrongAuthentication(channel: Channel): boolean {
  return channel === 'ecommerce' || channel === 'mcommerce';
}

export type Mode = 'test' | 'live';

/** Who caused an operation; it travels in the journal and the IPN (`source`). */
export const SOURCES = ['api', 'hosted_page', 'backoffice', 'scheduler', 'batch', 'acquirer'] as const;
export type Source = (typeof SOURCES)[number];
