import { emailSchema } from '../../../shared/contracts/common.js';

/**
 * The addresses typed in a To or Cc box: separated by commas, semicolons or line breaks (what people
 * paste from a mail program), blanks dropped.
 */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** "ana@acme.com" or "Ana Lopez <ana@acme.com>", as the server reads them. */
export function isEmailAddress(value: string): boolean {
  const bracketed = /<([^<>]+)>\s*$/.exec(value)?.[1];
  return emailSchema.safeParse(bracketed ?? value).success;
}

/**
 * What is wrong with a box of e-mail addresses, in words, or null: the first address that is none, so the
 * user knows which one to fix (the server would only say "to.2: not an e-mail address").
 */
export function addressesProblem(text: string, options: { required?: boolean } = {}): string | null {
  const addresses = splitAddresses(text);
  if (addresses.length === 0) return options.required ? 'Add at least one recipient' : null;
  const wrong = addresses.find((address) => !isEmailAddress(address));
  return wrong === undefined ? null : `“${wrong}” is not an e-mail address`;
}
