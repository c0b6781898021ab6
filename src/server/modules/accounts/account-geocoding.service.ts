import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type Geocoder, GeocoderUnavailable } from '../../integrations/maps/geocoder.js';
import { createGoogleGeocoder } from '../../integrations/maps/google-geocoding.js';
import { systemViewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import {
  findAccountRow,
  findAccountsToGeocode,
  markAddressUnplaced,
  writeGeocodedPosition,
} from './account-geocoding.repository.js';
import { toAccount } from './accounts.repository.js';

/** Accounts geocoded per run: Google allows 50 requests a second; a run a minute stays far below. */
const BATCH_SIZE = 50;

export type GeocodingOutcome = { placed: number; unplaced: number };

/**
 * Gives accounts without a position one from their address, with Google's Geocoding API when a Maps key
 * is configured (offline there is no geocoder, and nothing to do). Each position found is a versioned,
 * audited change by the system; an address with no place is not asked again until it changes. A quota
 * or outage ends the run, and the next one carries on.
 */
export async function geocodeAccounts(deps: Deps, geocoder = geocoderFor(deps)): Promise<GeocodingOutcome> {
  const outcome: GeocodingOutcome = { placed: 0, unplaced: 0 };
  if (!geocoder) return outcome;
  const { db } = deps.database;
  for (const candidate of await findAccountsToGeocode(db, BATCH_SIZE)) {
    const current = await findAccountRow(db, candidate.id);
    if (!current) continue;
    let result: Awaited<ReturnType<Geocoder['geocode']>>;
    try {
      result = await geocoder.geocode(candidate.address);
    } catch (error) {
      if (!(error instanceof GeocoderUnavailable)) throw error;
      deps.logger?.warn({ reason: error.message }, 'geocoding paused');
      break;
    }
    if (!result.found) {
      await markAddressUnplaced(db, candidate.id, candidate.address);
      outcome.unplaced += 1;
      continue;
    }
    const placed = await inTransaction(db, async (tx) => {
      const after = await writeGeocodedPosition(tx, current, { address: candidate.address, ...result });
      if (after) {
        await recordChange(tx, systemViewer(), {
          action: 'update',
          entity: 'accounts',
          entityId: after.id,
          before: toAccount(current),
          after: toAccount(after),
        });
      }
      return Boolean(after);
    });
    if (placed) outcome.placed += 1;
  }
  return outcome;
}

const geocoders = new WeakMap<Deps['config'], Geocoder>();

function geocoderFor(deps: Deps): Geocoder | null {
  const { maps } = deps.config;
  if (!maps) return null;
  let geocoder = geocoders.get(deps.config);
  if (!geocoder) {
    geocoder = createGoogleGeocoder({ apiKey: maps.apiKey, baseUrl: maps.geocodingUrl, timeoutMs: maps.timeoutMs });
    geocoders.set(deps.config, geocoder);
  }
  return geocoder;
}
