import type { z } from 'zod';
import { ApiError } from '../api/client.js';

export type FormErrors = Record<string, React.ReactNode>;

/** `''` from an empty input means "no value" to the API. */
export function blankToNull<Values extends Record<string, unknown>>(values: Values): Values {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    result[key] =
      value === ''
        ? null
        : value && typeof value === 'object' && !Array.isArray(value)
          ? blankToNull(value as Record<string, unknown>)
          : value;
  }
  return result as Values;
}

/**
 * What a form says under a field: an empty required field is "Required", not the validator's
 * "Invalid input: expected string, received null"; other messages are the contract's own.
 */
function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received (?:null|undefined)$/.test(issue.message)) return 'Required';
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'Required';
  return issue.message;
}

/**
 * A Mantine `validate` that checks the payload the form will send against the same zod contract the
 * server uses, so the browser and the API agree on every rule and message.
 */
export function zodValidate<Values>(schema: z.ZodType, toPayload: (values: Values) => unknown) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(toPayload(values));
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      if (path && !(path in errors)) errors[path] = messageFor(issue);
    }
    return errors;
  };
}

/** The problem+json field errors of a failed save, keyed by form path; `undefined` when there are none. */
export function fieldErrorsOf(error: unknown): FormErrors | undefined {
  if (!(error instanceof ApiError) || error.errors.length === 0) return undefined;
  return Object.fromEntries(error.errors.map((item) => [item.path, item.message]));
}

/**
 * Whether a failed save has an error that none of the form's fields shows (`shows` answers for a server
 * path): no field errors at all, or one about something the form does not ask. That one must be said
 * elsewhere, or the save would seem to do nothing.
 */
export function hasUnshownError(error: unknown, shows: (path: string) => boolean): boolean {
  const problems = error instanceof ApiError ? error.errors : [];
  return problems.length === 0 || problems.some((problem) => !shows(problem.path));
}

/** Problem details are written as lower-case clauses: make them a sentence for people. */
export function sentence(text: string): string {
  const result = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(result) ? result : `${result}.`;
}

/**
 * A form's `onSubmit` second argument: when validation fails, the first field in error gets the focus and
 * is scrolled into view, so a keyboard or screen-reader user, or a phone whose screen shows the bottom of
 * a long form, learns at once what to fix.
 */
export function focusFirstError(
  _errors: unknown,
  _values: unknown,
  event: React.SyntheticEvent<HTMLFormElement> | undefined,
) {
  const form = event?.currentTarget;
  if (!form) return;
  // The fields are marked invalid on the next render.
  requestAnimationFrame(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  });
}
