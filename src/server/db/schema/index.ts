export * from './accounts.js';
export * from './audit.js';
export * from './auth.js';
export * from './contacts.js';
export * from './idempotency.js';
export * from './territories.js';
export * from './users.js';
