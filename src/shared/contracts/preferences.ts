import { z } from 'zod';
import { timestampSchema, timeZoneSchema } from './common.js';

/**
 * Notifications a user may also have e-mailed to them. Approval requests are always e-mailed, with the
 * link that decides them, so they are not a choice here.
 */
export const emailNotificationKinds = [
  'task_reminder',
  'approval_decided',
  'email_failed',
  'sms_failed',
  'quote_expiring',
] as const;
export type EmailNotificationKind = (typeof emailNotificationKinds)[number];

export const preferencesSchema = z
  .object({
    timeZone: timeZoneSchema.nullable().meta({
      description: 'Where the user works (IANA name): the times in their reminders and e-mails are in it; null: UTC',
    }),
    emailNotifications: z.array(z.enum(emailNotificationKinds)).meta({
      description: `Notifications also sent to the user's e-mail address: any of ${emailNotificationKinds.join(', ')}`,
    }),
    updatedAt: timestampSchema.nullable().meta({ description: 'When the user last changed them; null: never' }),
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof preferencesSchema>;

export const updatePreferencesSchema = z
  .strictObject({
    timeZone: timeZoneSchema.nullable().optional(),
    emailNotifications: z
      .array(z.enum(emailNotificationKinds))
      .max(emailNotificationKinds.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'lists a kind twice')
      .optional(),
  })
  .meta({ id: 'PreferencesUpdate' });
export type UpdatePreferences = z.infer<typeof updatePreferencesSchema>;
