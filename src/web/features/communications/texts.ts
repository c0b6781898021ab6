/** The longest text the server sends (ten segments, as Twilio allows), counted as `String.length`. */
export const MAX_TEXT_LENGTH = 1600;

/** The GSM 03.38 alphabet a phone network carries in 7 bits: a text of these fits 160 to an SMS. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Written with an escape before them, so each takes two of the 160. */
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

export type TextSize = {
  /** As the server counts against MAX_TEXT_LENGTH. */
  length: number;
  /** How many SMS the network bills it as; 0 when empty. */
  segments: number;
  /** What one SMS of this text holds: 160 or 153 (GSM-7), 70 or 67 (anything else). */
  perSegment: number;
  /** The first character outside GSM-7, which makes every SMS of the text hold 70 instead of 160. */
  outsideGsm: string | null;
};

/**
 * How many SMS a text takes: 160 GSM-7 characters fit one, and a longer text is split into parts of 153
 * (each part carries a header). One character outside GSM-7 (an emoji, a curly quote pasted from a mail)
 * sends the whole text as UCS-2: 70, or 67 a part. A character is never split across two parts.
 */
export function textSize(text: string): TextSize {
  const characters = Array.from(text);
  const outsideGsm = characters.find((character) => !GSM_BASIC.has(character) && !GSM_EXTENDED.has(character));
  const gsm = outsideGsm === undefined;
  const costs = characters.map((character) => (gsm ? (GSM_EXTENDED.has(character) ? 2 : 1) : character.length));
  const [single, part] = gsm ? [160, 153] : [70, 67];
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  let segments = total === 0 ? 0 : 1;
  if (total > single) {
    let used = 0;
    for (const cost of costs) {
      if (used + cost > part) {
        segments += 1;
        used = 0;
      }
      used += cost;
    }
  }
  return { length: text.length, segments, perSegment: segments > 1 ? part : single, outsideGsm: outsideGsm ?? null };
}

/** "+31 6 1234 5678" → "+31612345678": what the server stores, or null when it would refuse the number. */
export function internationalNumber(typed: string): string | null {
  const text = typed.trim();
  if (!/^\+[\d\s()./-]+$/.test(text)) return null;
  const e164 = `+${text.replace(/\D/g, '')}`;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : null;
}

/** A number typed or stored as dialled at home ("06 1234 5678"): said as soon as it shows, not on send. */
export const lacksCountryCode = (typed: string) => typed.trim() !== '' && !typed.trim().startsWith('+');

/**
 * What keeps the server from texting this number, in words that say what to do, or null. Numbers are
 * often stored as dialled at home; a text needs the country code instead of the 0.
 */
export function numberProblem(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return 'Add the number to text';
  if (/[,;\n]/.test(text)) return 'One number only: a text goes to one person';
  if (!text.startsWith('+'))
    return `Not in international form: write + and the country code${text.startsWith('0') ? ' instead of the leading 0' : ''}, e.g. +31 6 1234 5678`;
  return internationalNumber(text) ? null : `“${text}” is not a phone number: + and the country code, then the number`;
}

/**
 * Whether a typed number is the one stored for a person. A number stored without its country code
 * ("0612345678") matches its international form ("+31 6 1234 5678") by the digits after the 0.
 */
export function sameNumber(typed: string, stored: string | null): boolean {
  const number = internationalNumber(typed);
  if (!number || !stored) return false;
  const digits = stored.replace(/\D/g, '');
  if (stored.trim().startsWith('+')) return number === `+${digits}`;
  const national = digits.replace(/^0+/, '');
  return national.length >= 6 && number.endsWith(national);
}
