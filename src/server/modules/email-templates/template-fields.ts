import { type TemplateField, templateFields } from '../../../shared/contracts/email-templates.js';
import { AppError } from '../../../shared/errors.js';

/** `{{ contact.firstName }}`: a field name between double braces, spaces inside allowed. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z.]*)\s*\}\}/g;

const known = new Set<string>(templateFields);

function namesIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/**
 * A template names only fields Meridian can fill: a typo ("{{contact.fristName}}") is refused when the
 * template is saved, at the part that holds it, rather than sent to a customer as written.
 */
export function requireKnownFields(parts: { subject?: string; body?: string }): void {
  const errors = (Object.entries(parts) as [string, string | undefined][]).flatMap(([path, text]) =>
    [...new Set(namesIn(text ?? ''))]
      .filter((name) => !known.has(name))
      .map((name) => ({ path, message: `{{${name}}} is not a field: use one of ${templateFields.join(', ')}` })),
  );
  if (errors.length > 0) {
    throw new AppError('invalid_request', 'the template names fields Meridian does not know', { errors });
  }
}

/**
 * The text with each placeholder replaced by its value; a field with no value (no contact given, a
 * contact without a title) becomes empty and is reported, so the writer can fill it in by hand.
 */
export function fillTemplate(
  text: string,
  values: Partial<Record<TemplateField, string | null>>,
  missing: Set<string>,
): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name as TemplateField];
    if (value === undefined || value === null || value === '') {
      missing.add(name);
      return '';
    }
    return value;
  });
}
