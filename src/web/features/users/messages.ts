import type { FormErrors } from '../../lib/forms.js';

/** The server's field messages that read better said another way, by field. */
const rewordings: Record<string, Record<string, string>> = {
  email: { 'is already in use': 'Another user already has this e-mail' },
  // A hand-over's recipient (POST /users/{id}/hand-over).
  toUserId: {
    'the user who holds them now': 'Choose someone else: these records are theirs already',
    'no such active user': 'They are not an active user any more: choose someone else',
  },
};

/** The contract's and the server's field messages ("must be at least 12 characters") as sentences. */
export function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path,
      typeof message === 'string'
        ? (rewordings[path]?.[message] ?? message.charAt(0).toUpperCase() + message.slice(1))
        : message,
    ]),
  );
}
