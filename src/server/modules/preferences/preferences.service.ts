import {
  type EmailNotificationKind,
  emailNotificationKinds,
  type Preferences,
  type UpdatePreferences,
} from '../../../shared/contracts/preferences.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { findPreferences, type PreferencesRow, savePreferences } from './preferences.repository.js';

export async function getPreferences(deps: Deps, viewer: Viewer): Promise<Preferences> {
  return toPreferences(await findPreferences(deps.database.db, viewer.userId));
}

/** The caller's own preferences: nobody else's, so no role is needed and no version is compared. */
export async function updatePreferences(deps: Deps, viewer: Viewer, changes: UpdatePreferences): Promise<Preferences> {
  return toPreferences(await savePreferences(deps.database.db, viewer.userId, changes));
}

export function toPreferences(row: PreferencesRow | undefined): Preferences {
  return {
    timeZone: row?.timeZone ?? null,
    // A kind this Meridian no longer e-mails is dropped from the answer rather than failing it.
    emailNotifications: (row?.emailNotifications ?? []).filter((kind): kind is EmailNotificationKind =>
      (emailNotificationKinds as readonly string[]).includes(kind),
    ),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
