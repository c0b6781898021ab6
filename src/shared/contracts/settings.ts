import { z } from 'zod';

/** The business settings of this installation that clients need to explain the rules (set by config). */
export const settingsSchema = z
  .object({
    defaultCurrency: z
      .string()
      .meta({ description: 'ISO 4217 code of amounts given without one, and of the money reports' }),
    approvalThreshold: z
      .number()
      .meta({ description: 'Deals at or above this amount need an approval before closed_won' }),
    exchangeRates: z.record(z.string(), z.number()).meta({
      description:
        'What one unit of each other currency is worth in the default currency, for the approval threshold; a deal in a currency without a rate needs an approval to close as won whatever its amount',
    }),
    visitRadiusMeters: z
      .number()
      .meta({ description: 'A visit checked in further than this from its account is flagged' }),
    microsoft365: z
      .object({
        mailboxSync: z.boolean().meta({
          description: "Mail in users' Microsoft 365 Inbox and Sent Items with contacts and leads is logged",
        }),
        calendarSync: z.boolean().meta({
          description: "Calls, meetings and visits are written into their owners' Outlook calendars",
        }),
      })
      .meta({ description: 'Which Microsoft 365 syncs are switched on' }),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof settingsSchema>;
