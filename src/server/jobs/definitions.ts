import { forecastSnapshotJob } from './forecast-snapshot.job.js';
import { leadRescoreJob } from './lead-rescore.job.js';
import { maintenanceJob } from './maintenance.job.js';
import type { AnyJobDefinition } from './queue.js';

/** Every job this Meridian knows; the worker runs these, and only these. */
export const jobDefinitions: AnyJobDefinition[] = [maintenanceJob, leadRescoreJob, forecastSnapshotJob];
