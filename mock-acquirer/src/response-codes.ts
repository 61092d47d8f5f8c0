/** ISO 8583-style response codes the mock acquirer answers with, and their messages. */
export const RESPONSE_MESSAGES = {
  '00': 'approved',
  '05': 'do not honour',
  '12': 'invalid transaction',
  '13': 'invalid amount',
  '14': 'invalid card number',
  '25': 'unable to locate record',
  '41': 'lost card',
  '43': 'stolen card',
  '51': 'insufficient funds',
  '54': 'expired card',
  '96': 'system error',
  R1: 'reversed before authorisation',
} as const;

export type ResponseCode = keyof typeof RESPONSE_MESSAGES;

export function responseMessage(code: string): string {
  return (RESPONSE_MESSAGES as Record<string, string>)[code] ?? 'declined';
}
