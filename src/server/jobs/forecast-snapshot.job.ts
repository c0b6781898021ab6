import { z } from 'zod';
import { dateSchema } from '../../shared/contracts/common.js';
import { takeForecastSnapshot } from '../modules/reports/forecast-snapshot.service.js';
import type { JobDefinition } from './queue.js';

const DAY_MS = 86_400_000;
/** Monday 05:00 UTC: the week's forecast as it stood before the week's work changed it. */
const RUN_AT_MS_INTO_DAY = 5 * 3_600_000;

/** The next Monday 05:00 UTC strictly after `after`. */
export function nextMondayMorning(after: Date): Date {
  const day = Math.floor(after.getTime() / DAY_MS) * DAY_MS;
  const daysToMonday = (8 - new Date(day).getUTCDay()) % 7;
  const candidate = day + daysToMonday * DAY_MS + RUN_AT_MS_INTO_DAY;
  return new Date(candidate > after.getTime() ? candidate : candidate + 7 * DAY_MS);
}

/** Weekly: keeps the forecast as it stood, so a manager can see how it moved (/reports/forecast/history). */
export const forecastSnapshotJob: JobDefinition<{ takenOn: string }> = {
  name: 'forecast-snapshot',
  payload: z.object({ takenOn: dateSchema }),
  async handle(deps, payload) {
    const { rows } = await takeForecastSnapshot(deps, payload.takenOn);
    deps.logger?.info({ takenOn: payload.takenOn, rows }, 'forecast snapshot taken');
  },
  schedule: {
    next: nextMondayMorning,
    key: (at) => at.toISOString().slice(0, 10),
    payload: (at) => ({ takenOn: at.toISOString().slice(0, 10) }),
  },
};
