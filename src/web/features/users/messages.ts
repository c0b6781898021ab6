import type { FormErrors } from '../../lib/forms.js';

/** The contract's and the server's field messages ("must be at least 12 characters") as sentences. */
export function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path,
      path === 'email' && message === 'is already in use'
        ? 'Another user already has this e-mail'
        : typeof message === 'string'
          ? message.charAt(0).toUpperCase() + message.slice(1)
          : message,
    ]),
  );
}
