import { Badge, type BadgeProps } from '@mantine/core';
import { humanize } from '../lib/format.js';
import {
  accountTypeColors,
  activityTypeColors,
  leadStageColors,
  leadStatusColors,
  priorityColors,
  type Stage,
  stageColors,
  stageLabels,
} from '../lib/labels.js';

export function StageBadge({ stage, ...props }: { stage: Stage } & BadgeProps) {
  return (
    <Badge color={stageColors[stage]} variant="light" {...props}>
      {stageLabels[stage]}
    </Badge>
  );
}

const palettes = {
  leadStage: leadStageColors,
  leadStatus: leadStatusColors,
  accountType: accountTypeColors,
  activityType: activityTypeColors,
  priority: priorityColors,
} as const;

export function ValueBadge({ kind, value, ...props }: { kind: keyof typeof palettes; value: string } & BadgeProps) {
  return (
    <Badge color={palettes[kind][value] ?? 'gray'} variant="light" {...props}>
      {humanize(value)}
    </Badge>
  );
}
