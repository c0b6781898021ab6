import { Anchor, Badge, Button, Group, Timeline as MantineTimeline, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowsExchange, IconCalendarEvent, IconChecklist, IconMail, IconNote } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TimelineEntry, TimelinePage } from '../../shared/contracts/timeline.js';
import { api } from '../api/client.js';
import { useUserNames } from '../api/hooks.js';
import { dateTime, humanize, relative } from '../lib/format.js';
import { type Stage, stageColors } from '../lib/labels.js';
import { EmptyState } from './EmptyState.js';

const icons = {
  activity: IconCalendarEvent,
  communication: IconMail,
  note: IconNote,
  task: IconChecklist,
  stage_change: IconArrowsExchange,
} as const;

/** What happened around a record, newest first, with "Load more". */
export function Timeline({
  resource,
  id,
}: {
  resource: 'accounts' | 'contacts' | 'leads' | 'opportunities';
  id: string;
}) {
  const userName = useUserNames();
  const timeline = useInfiniteQuery({
    queryKey: ['timeline', resource, id],
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelinePage>(
        `/${resource}/${id}/timeline?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (timeline.isPending) return <Skeleton height={160} />;
  if (timeline.isError)
    return (
      <Text size="sm" c="dimmed">
        The timeline is not available right now.{' '}
        <Anchor component="button" size="sm" onClick={() => timeline.refetch()}>
          Try again
        </Anchor>
      </Text>
    );
  const entries: TimelineEntry[] = timeline.data.pages.flatMap((page) => page.data);
  if (entries.length === 0)
    return (
      <EmptyState title="Nothing has happened here yet">
        Log a call, plan a visit or add a task: it will show up on this timeline.
      </EmptyState>
    );
  return (
    <Stack gap="sm">
      <MantineTimeline bulletSize={26} lineWidth={2}>
        {entries.map((entry) => {
          const Icon = icons[entry.kind];
          return (
            <MantineTimeline.Item
              key={`${entry.kind}-${entry.id}`}
              bullet={<Icon size={14} aria-hidden />}
              title={
                <Text size="sm" fw={600}>
                  {entry.kind === 'note' ? markdownAsText(entry.title) : entry.title}
                </Text>
              }
            >
              <Group gap={6} mt={2}>
                <Badge
                  size="xs"
                  variant="light"
                  color={entry.kind === 'stage_change' ? (stageColors[entry.subtype as Stage] ?? 'gray') : 'gray'}
                >
                  {humanize(entry.subtype ?? entry.kind)}
                </Badge>
                {entry.status && (
                  <Badge size="xs" variant="outline" color="gray">
                    {humanize(entry.status)}
                  </Badge>
                )}
                <Text size="xs" c="dimmed" title={dateTime(entry.occurredAt)}>
                  {relative(entry.occurredAt)} · {userName(entry.actorId)}
                </Text>
              </Group>
              {summaryBeyondTitle(entry) && (
                <Text size="sm" c="dimmed" mt={4} lineClamp={3}>
                  {summaryBeyondTitle(entry)}
                </Text>
              )}
            </MantineTimeline.Item>
          );
        })}
      </MantineTimeline>
      {timeline.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}

/** The summary without the title it starts with (a note's title is its first line): no text twice. */
function summaryBeyondTitle(entry: TimelineEntry): string | null {
  if (!entry.summary) return null;
  const rest = entry.summary.startsWith(entry.title) ? entry.summary.slice(entry.title.length).trim() : entry.summary;
  if (rest.length === 0) return null;
  return entry.kind === 'note' ? markdownAsText(rest) : rest;
}

/**
 * A note's Markdown as the words it formats, for a glance on the timeline: emphasis, code, heading and
 * quote marks dropped, links as their text. Plain text, so nothing in it can become markup.
 */
export function markdownAsText(markdown: string): string {
  return (
    markdown
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
      .replace(/(?<!\w)__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1')
      .replace(/\*(?=\S)([^*\n]*?\S)\*/g, '$1')
      // An underscore inside a word (snake_case) is not emphasis.
      .replace(/(?<!\w)_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)/gm, '')
      .replace(/~~(.*?)~~/g, '$1')
  );
}
