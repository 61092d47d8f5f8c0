export * from './test-gateway.js';
export * from './test-store.js';
