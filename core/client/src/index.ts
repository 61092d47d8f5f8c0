export * from './amounts.js';
export { Caisse } from './client.js';
export * from './errors.js';
export type { ClientOptions, HttpMethod, RequestOptions } from './http-client.js';
export { paginate } from './resources/define.js';
export type { EmailTemplateParams } from './resources/shop.js';
export * from './retry.js';
export type * from './types.js';
export * from './webhooks.js';
