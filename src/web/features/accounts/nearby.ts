/*
 * "Near me" on the Accounts page (`NearbyAccountsDrawer`): the accounts around where the rep stands,
 * from `GET /accounts/nearby`. The wording, links and query of it, kept apart so they are unit-tested.
 */
import type { AccountType, Address, Location } from '../../../shared/contracts/accounts.js';

/** The distances offered as chips, in kilometres: a walk, a short drive, the area, the region. */
export const nearbyDistances = [5, 10, 25, 50] as const;
export type NearbyDistance = (typeof nearbyDistances)[number];

/** How many accounts the panel lists at most (the server's maximum is 100). */
export const NEARBY_LIMIT = 50;

export type NearbyChoices = {
  withinKm: NearbyDistance;
  /** Only the caller's own accounts (`ownerId=me`). */
  mine: boolean;
  /** Only those due for a visit by their call cycle (`visitDue=true`). */
  dueOnly: boolean;
  type: AccountType | null;
};

export const defaultNearbyChoices: NearbyChoices = { withinKm: 25, mine: false, dueOnly: false, type: null };

const tenths = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * How far away an account is, as people say it: "45 m", "850 m" (tens of metres: a phone's fix is no
 * finer), "1.2 km", "12.4 km", "134 km".
 */
export function awayLabel(meters: number): string {
  if (meters < 100) return `${Math.max(0, Math.round(meters))} m`;
  const tens = Math.round(meters / 10) * 10;
  if (tens < 1000) return `${tens} m`;
  const km = meters / 1000;
  return km < 99.95 ? `${tenths.format(km)} km` : `${whole.format(km)} km`;
}

/** The exact figure behind `awayLabel`, for a hover: "8,453 m as the crow flies". */
export function awayTitle(meters: number): string {
  return `${whole.format(meters)} m as the crow flies`;
}

/**
 * The query of `GET /accounts/nearby` for the choices, around `position` (rounded to about a metre, so
 * the same spot asks the same query). `due` asks only those due for a visit, whatever the choices say.
 */
export function nearbyQuery(
  position: { lat: number; lng: number },
  choices: NearbyChoices,
  options: { due?: boolean } = {},
): string {
  const params = new URLSearchParams({
    lat: position.lat.toFixed(5),
    lng: position.lng.toFixed(5),
    withinKm: String(choices.withinKm),
    limit: String(NEARBY_LIMIT),
  });
  if (choices.type) params.set('type', choices.type);
  if (choices.mine) params.set('ownerId', 'me');
  if (choices.dueOnly || options.due) params.set('visitDue', 'true');
  return params.toString();
}

/** The `tel:` link of a phone number as stored or typed ("+33 1 42 68 53 00" → "tel:+33142685300"). */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^\d+]/g, '');
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

/** Directions to the account from wherever the phone is, in the maps app (Google Maps' universal link). */
export function directionsUrl(location: Location): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${location.lat},${location.lng}`;
}

/** "12 Quai Perrache, Lyon": where to find it, the street when known; null without either. */
export function placeLine(address: Address): string | null {
  return [address.street, address.city].filter(Boolean).join(', ') || null;
}

function plural(type: AccountType): string {
  return `${type}s`;
}

/** What the list shows, in words: "dealers of yours due for a visit". */
function whatIsListed(choices: NearbyChoices): string {
  return [
    choices.type ? plural(choices.type) : 'accounts',
    choices.mine ? 'of yours' : null,
    choices.dueOnly ? 'due for a visit' : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/** "3 accounts within 25 km, nearest first"; "The nearest 50 accounts within 25 km" when the list is full. */
export function nearbyCountLine(shown: number, choices: NearbyChoices): string {
  const what = whatIsListed(choices);
  const within = `within ${choices.withinKm} km`;
  if (shown >= NEARBY_LIMIT) return `The nearest ${shown} ${what} ${within}`;
  if (shown === 1) return `1 ${what.replace(/^(\w+)s\b/, '$1')} ${within}`;
  return `${shown} ${what} ${within}, nearest first`;
}

/** The filters that narrow the list besides the distance, named as their chips are. */
export function activeFilters(choices: NearbyChoices): string[] {
  return [
    choices.mine ? 'Only mine' : null,
    choices.dueOnly ? 'Only due for a visit' : null,
    choices.type ? `${plural(choices.type).charAt(0).toUpperCase()}${plural(choices.type).slice(1)} only` : null,
  ].filter((filter): filter is string => filter !== null);
}

/**
 * The empty list, teaching: what was looked for, and what would find some. The distance is the first
 * remedy; filters come next when some are on; an account without an address has no place to be found by.
 */
export function nearbyEmpty(choices: NearbyChoices): { title: string; body: string } {
  const filters = activeFilters(choices);
  const remedy =
    choices.withinKm < Math.max(...nearbyDistances)
      ? 'Widen the distance, or check that accounts have an address'
      : 'Check that accounts have an address';
  const filterHint =
    filters.length === 0
      ? ''
      : ` ${filters.join(' and ')} ${filters.length === 1 ? 'is' : 'are'} on: turn ${filters.length === 1 ? 'it' : 'them'} off to see more.`;
  return {
    title: `No ${whatIsListed(choices)} with a known place within ${choices.withinKm} km.`,
    body: `${remedy}: Meridian finds their place from it.${filterHint}`,
  };
}

/** A position known only roughly (a laptop's Wi-Fi fix), said so distances are read with care; null when fine. */
export function accuracyNote(accuracyMeters: number | undefined): string | null {
  if (accuracyMeters === undefined || accuracyMeters <= 500) return null;
  return `Your position is known only to about ${awayLabel(accuracyMeters)}: distances may be off by as much.`;
}
