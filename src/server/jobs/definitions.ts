import { emailDeliveryJob } from './email-delivery.job.js';
import { forecastSnapshotJob } from './forecast-snapshot.job.js';
import { geocodeAccountsJob } from './geocode-accounts.job.js';
import { importRecordsJob } from './import-records.job.js';
import { leadRescoreJob } from './lead-rescore.job.js';
import { mailboxSyncJob } from './mailbox-sync.job.js';
import { maintenanceJob } from './maintenance.job.js';
import { noticeEmailJob } from './notice-email.job.js';
import { outlookCalendarJob } from './outlook-calendar.job.js';
import type { AnyJobDefinition } from './queue.js';
import { quoteExpiryJob } from './quote-expiry.job.js';
import { smsDeliveryJob } from './sms-delivery.job.js';
import { taskRemindersJob } from './task-reminders.job.js';
import { webhookDeliveryJob } from './webhook-delivery.job.js';

/** Every job this Meridian knows; the worker runs these, and only these. */
export const jobDefinitions: AnyJobDefinition[] = [
  maintenanceJob,
  taskRemindersJob,
  leadRescoreJob,
  forecastSnapshotJob,
  emailDeliveryJob,
  mailboxSyncJob,
  noticeEmailJob,
  geocodeAccountsJob,
  outlookCalendarJob,
  webhookDeliveryJob,
  importRecordsJob,
  smsDeliveryJob,
  quoteExpiryJob,
];
