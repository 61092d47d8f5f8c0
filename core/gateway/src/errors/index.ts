export * from './caisse-error.js';
export * from './catalogue.js';
