import type { Settings } from '../../../shared/contracts/settings.js';
import type { Deps } from '../../deps.js';

/** The rules' parameters from config, so clients explain them with the values the server applies. */
export function getSettings(deps: Deps): Settings {
  const { defaultCurrency, approvalThreshold, exchangeRates, visitRadiusMeters } = deps.config;
  const microsoft365 = deps.config.microsoft365;
  return {
    defaultCurrency,
    approvalThreshold,
    exchangeRates,
    visitRadiusMeters,
    microsoft365: {
      mailboxSync: microsoft365?.mailboxSync ?? false,
      calendarSync: microsoft365?.calendarSync ?? false,
    },
  };
}
