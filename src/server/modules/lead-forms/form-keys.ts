import { randomToken } from '../auth/secrets.js';

/** A form's public key: 24 random URL-safe characters, unguessable, in the form's address. */
export function newFormKey(): string {
  return `lf_${randomToken(18)}`;
}
