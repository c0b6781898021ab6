import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Timeline as MantineTimeline,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import {
  IconArrowsExchange,
  IconCalendarEvent,
  IconChecklist,
  IconFileInvoice,
  IconMail,
  IconMapPin,
  IconNote,
  IconPaperclip,
  IconPin,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Activity } from '../../shared/contracts/activities.js';
import { showsInline } from '../../shared/contracts/attachments.js';
import type { TimelineEntry, TimelinePage } from '../../shared/contracts/timeline.js';
import { markdownAsText } from '../../shared/markdown-text.js';
import { api } from '../api/client.js';
import { usePage, useUserNames } from '../api/hooks.js';
import { type ActivityActions, nextVisitStep, useActivityActions } from '../features/activities/ActivityActions.js';
import { VisitStamps } from '../features/activities/VisitStamps.js';
import { downloadFile, openFile } from '../features/attachments/attachmentQueries.js';
import { useCommunicationActions } from '../features/communications/CommunicationActions.js';
import { channelLabel } from '../features/communications/communicationMutations.js';
import { DeliveryBadge } from '../features/communications/DeliveryBadge.js';
import { nextDeliveryCheck } from '../features/communications/delivery.js';
import { EmailFileLinks, useTimelineEmailFiles } from '../features/communications/EmailFiles.js';
import {
  isPendingOrFailed,
  TimelineMessage,
  useUndeliveredEmails,
} from '../features/communications/TimelineMessage.js';
import { linkKeys, type RecordResource, usePinnedNotes, useSetNotePinned } from '../features/notes/noteMutations.js';
import { firstLine } from '../features/notes/PinnedNotes.js';
import { useTaskActions } from '../features/tasks/TaskActions.js';
import { dateTime, humanize, relative } from '../lib/format.js';
import { type Stage, stageColors } from '../lib/labels.js';
import { EmptyState } from './EmptyState.js';
import { RowMenu } from './EntityList.js';

const icons = {
  activity: IconCalendarEvent,
  communication: IconMail,
  note: IconNote,
  task: IconChecklist,
  file: IconPaperclip,
  stage_change: IconArrowsExchange,
  quote: IconFileInvoice,
} as const;

/**
 * What happened around a record, newest first, with "Load more". Pinned notes stand above it
 * (`PinnedNotes`), so they are left out here; every other note can be pinned from its entry.
 */
export function Timeline({ resource, id }: { resource: RecordResource; id: string }) {
  const userName = useUserNames();
  // The record's visits in one call, so their entries can show check-in and out and offer the next step.
  const visits = usePage<Activity>('activities', `${linkKeys[resource]}=${id}&type=visit&sort=-scheduledAt&limit=100`);
  const visitById = new Map((visits.data?.data ?? []).map((visit) => [visit.id, visit]));
  const activityActions = useActivityActions();
  const taskActions = useTaskActions();
  const communicationActions = useCommunicationActions();
  const pinnedIds = new Set((usePinnedNotes(resource, id).data?.data ?? []).map((note) => note.id));
  const setPinned = useSetNotePinned();
  const queryClient = useQueryClient();
  const openEntry = (entry: TimelineEntry) => {
    const visit = visitById.get(entry.id);
    if (entry.kind === 'file') {
      // A photo or a PDF opens in a tab, anything else is saved: as from the record's Files section.
      const file = { id: entry.id, fileName: entry.title, contentType: entry.subtype ?? '' };
      void (showsInline(file.contentType) ? openFile(queryClient, file) : downloadFile(queryClient, file));
    } else if (visit) activityActions.open('edit', visit);
    else if (entry.kind === 'activity') activityActions.openById(entry.id);
    else if (entry.kind === 'communication') communicationActions.open(entry.id);
    else taskActions.openById(entry.id);
  };
  const timeline = useInfiniteQuery({
    queryKey: ['timeline', resource, id],
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelinePage>(
        `/${resource}/${id}/timeline?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // A queued e-mail is seen to go out (or fail) without a reload; a timeline with none is never polled.
    refetchInterval: (query) =>
      nextDeliveryCheck((query.state.data?.pages ?? []).flatMap((page) => page.data).filter(isCommunication)),
  });
  const loaded = timeline.data?.pages.flatMap((page) => page.data) ?? [];
  const undelivered = useUndeliveredEmails(resource, id, {
    enabled: loaded.some(isPendingOrFailed),
    refetchInterval: nextDeliveryCheck(loaded.filter(isCommunication)),
  });
  const emailFiles = useTimelineEmailFiles(timeline.data?.pages.map((page) => page.data) ?? []);
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
  const all: TimelineEntry[] = timeline.data.pages.flatMap((page) => page.data);
  const entries = all.filter((entry) => !(entry.kind === 'note' && pinnedIds.has(entry.id)));
  if (all.length === 0)
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
                entry.kind === 'activity' ||
                entry.kind === 'task' ||
                entry.kind === 'communication' ||
                entry.kind === 'file' ? (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    ta="left"
                    onClick={() => openEntry(entry)}
                  >
                    {entry.title}
                  </Anchor>
                ) : entry.kind === 'quote' ? (
                  <Anchor component={Link} to={`/quotes/${entry.id}`} size="sm" fw={600}>
                    {entry.title}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={600}>
                    {entry.kind === 'note' ? markdownAsText(entry.title) : entry.title}
                  </Text>
                )
              }
            >
              <Group gap={6} mt={2}>
                <Badge
                  size="xs"
                  variant="light"
                  color={entry.kind === 'stage_change' ? (stageColors[entry.subtype as Stage] ?? 'gray') : 'gray'}
                >
                  {entry.kind === 'communication'
                    ? channelLabel(entry.subtype)
                    : entry.kind === 'file'
                      ? 'File'
                      : entry.kind === 'quote'
                        ? 'Quote'
                        : humanize(entry.subtype ?? entry.kind)}
                </Badge>
                {entry.kind === 'communication' ? (
                  <DeliveryBadge channel={entry.subtype} status={entry.status} occurredAt={entry.occurredAt} />
                ) : (
                  entry.status && (
                    <Badge size="xs" variant="outline" color="gray">
                      {humanize(entry.status)}
                    </Badge>
                  )
                )}
                <Text size="xs" c="dimmed" title={dateTime(entry.occurredAt)}>
                  {relative(entry.occurredAt)} · {userName(entry.actorId)}
                </Text>
                {entry.kind === 'note' && (
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label={`Pin to the top: ${firstLine(markdownAsText(entry.title))}`}
                    title="Pin to the top of the record"
                    loading={setPinned.isPending && setPinned.variables?.note.id === entry.id}
                    onClick={() => setPinned.mutate({ note: { id: entry.id }, pinned: true })}
                  >
                    <IconPin size={14} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
              {entry.kind === 'activity' && visitById.has(entry.id) && (
                <VisitEntry visit={visitById.get(entry.id) as Activity} actions={activityActions} />
              )}
              {summaryBeyondTitle(entry) && (
                <Text size="sm" c="dimmed" mt={4} lineClamp={3}>
                  {summaryBeyondTitle(entry)}
                </Text>
              )}
              {entry.kind === 'communication' && (
                <>
                  <EmailFileLinks files={emailFiles.get(entry.id) ?? []} />
                  <TimelineMessage entry={entry} email={undelivered.get(entry.id)} actions={communicationActions} />
                </>
              )}
            </MantineTimeline.Item>
          );
        })}
      </MantineTimeline>
      {activityActions.dialogs}
      {taskActions.dialogs}
      {communicationActions.dialogs}
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

/** A visit on the timeline: where the rep checked in and out, and the next step as a button. */
function VisitEntry({ visit, actions }: { visit: Activity; actions: ActivityActions }) {
  const step = nextVisitStep(visit);
  return (
    <Stack gap={4} mt={4}>
      <VisitStamps visit={visit} />
      <Group gap={6}>
        {step && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconMapPin size={14} aria-hidden />}
            onClick={() => actions.startVisitStep(visit, step)}
            aria-label={`${step === 'check-in' ? 'Check in to' : 'Check out of'} ${visit.subject}`}
          >
            {step === 'check-in' ? 'Check in' : 'Check out'}
          </Button>
        )}
        {visit.status === 'planned' && (
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => actions.open('complete', visit)}
            aria-label={`Complete ${visit.subject}`}
          >
            Complete…
          </Button>
        )}
        <RowMenu label={`Actions for ${visit.subject}`}>{actions.menuItems(visit)}</RowMenu>
      </Group>
    </Stack>
  );
}

const isCommunication = (entry: TimelineEntry) => entry.kind === 'communication';

/** The summary without the title it starts with (a note's title is its first line): no text twice. */
function summaryBeyondTitle(entry: TimelineEntry): string | null {
  if (!entry.summary) return null;
  const rest = entry.summary.startsWith(entry.title) ? entry.summary.slice(entry.title.length).trim() : entry.summary;
  if (rest.length === 0) return null;
  return entry.kind === 'note' ? markdownAsText(rest) : rest;
}
