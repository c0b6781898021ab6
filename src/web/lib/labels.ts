import type { MantineColor } from '@mantine/core';
import type { Role } from '../../shared/contracts/users.js';

/*
 * Colours that carry meaning, the same on the board, in charts and on badges (UI.md). Each badge also
 * shows its label, so colour is never the only cue. Kept free of zod so the first route stays small.
 */

export const stageOrder = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
] as const;
export type Stage = (typeof stageOrder)[number];
export const openStageOrder = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;

export const stageColors: Record<Stage, MantineColor> = {
  prospecting: 'gray',
  qualification: 'cyan',
  proposal: 'indigo',
  negotiation: 'violet',
  closed_won: 'teal',
  closed_lost: 'red',
};

export const stageLabels: Record<Stage, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Closed won',
  closed_lost: 'Closed lost',
};

export const leadStageColors: Record<string, MantineColor> = {
  inquiry: 'gray',
  qualified: 'cyan',
  proposal: 'indigo',
  negotiation: 'violet',
};

export const leadStatusColors: Record<string, MantineColor> = { open: 'blue', converted: 'teal', disqualified: 'gray' };

export const accountTypeColors: Record<string, MantineColor> = {
  customer: 'indigo',
  distributor: 'teal',
  dealer: 'orange',
  supplier: 'grape',
  partner: 'cyan',
};

export const activityTypeColors: Record<string, MantineColor> = {
  call: 'blue',
  email: 'cyan',
  meeting: 'violet',
  task: 'gray',
  note: 'yellow',
  visit: 'teal',
};

export const priorityColors: Record<string, MantineColor> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const sourceColors: Record<string, MantineColor> = {
  website: 'indigo',
  trade_show: 'teal',
  referral: 'grape',
  cold_call: 'orange',
  social_media: 'cyan',
};

/** The money series of the charts, one colour each wherever they appear (overview and reports). */
export const seriesColors = {
  Value: 'indigo.5',
  Weighted: 'violet.4',
  Won: 'teal.6',
  Commit: 'indigo.7',
  'Best case': 'cyan.4',
} as const satisfies Record<string, string>;

export const roleLabels: Record<Role, string> = { admin: 'Admin', manager: 'Manager', rep: 'Sales rep' };
export const roleColors: Record<Role, MantineColor> = { admin: 'grape', manager: 'blue', rep: 'gray' };
