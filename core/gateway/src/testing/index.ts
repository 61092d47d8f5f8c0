export { type CatchAllSmtp, type CaughtEmail, startCatchAllSmtp } from '../notify/dev/catch-all-smtp.js';
export { drainRelay, type RelayReport, runRelayTick } from '../notify/relay.js';
export * from './test-gateway.js';
export * from './test-store.js';
export * from './webhook-receiver.js';
