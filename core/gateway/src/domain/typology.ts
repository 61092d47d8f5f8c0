/**
 * Typologies decide when money is captured (FEATURES TY*). They live here, once, so that the
 * platform modules stay thin: a shop only reports order events.
 */
export type Typology =
  | { type: 'immediate' }
  | { type: 'deferred'; days: number }
  | { type: 'on_shipment' }
  | { type: 'on_delivery' };
export type TypologyType = Typology['type'];

export type ValidationMode = 'automatic' | 'manual';

export type OrderEventType = 'shipped' | 'delivered' | 'cancelled';

/** What an order event asks of a payment of a given typology. */
export type OrderEventEffect = 'capture' | 'cancel' | 'none';

export function orderEventEffect(typology: Typology, event: OrderEventType): OrderEventEffect {
  if (event === 'cancelled') return 'cancel';
  switch (typology.type) {
    case 'on_shipment':
      return event === 'shipped' ? 'capture' : 'none';
    case 'on_delivery':
      return event === 'delivered' ? 'capture' : 'none';
    case 'immediate':
    case 'deferred':
      return 'none';
    default: {
      const never: never = typology;
      throw new Error(`unknown typology ${JSON.stringify(never)}`);
    }
  }
}

/** Whether the authorisation is captured in the same acquirer call (a "sale"). */
export function capturesAtAuthorization(typology: Typology, validation: ValidationMode): boolean {
  return typology.type === 'immediate' && validation === 'automatic';
}

const DAY_MS = 86_400_000;

/** The planned capture date of a deferred payment, from its creation time. */
export function plannedCaptureDate(typology: Typology, createdAt: Date): Date | null {
  return typology.type === 'deferred' ? new Date(createdAt.getTime() + typology.days * DAY_MS) : null;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
