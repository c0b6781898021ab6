export * from './audit.js';
export * from './auth.js';
export * from './idempotency.js';
export * from './users.js';
