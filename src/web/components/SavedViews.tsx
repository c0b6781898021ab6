import { Box, Button, Menu, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconArrowBackUp,
  IconBookmark,
  IconBookmarkPlus,
  IconCheck,
  IconChevronDown,
  IconDeviceFloppy,
  IconPencil,
  IconRefresh,
  IconTrash,
  IconUsers,
  IconUserX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { SavedView, ViewResource } from '../../shared/contracts/saved-views.js';
import { useMayChange, useMe, useUserNames } from '../api/hooks.js';
import { notifyFailure, notifySaved } from '../lib/mutations.js';
import {
  columnsOf,
  groupViews,
  openedViewOf,
  openedViewState,
  viewInUse,
  viewLabel,
  viewQueryOf,
  viewSearch,
} from '../lib/saved-views.js';
import { RenameViewDialog, SaveViewDialog } from './SavedViewsDialogs.js';
import { reloadViews, useDeleteView, useSavedViews, useUpdateView } from './SavedViewsQueries.js';

type Dialog = { kind: 'save' } | { kind: 'rename'; view: SavedView } | null;

/**
 * The Views control of a list's toolbar (UI.md: Attio and Twenty, views saved in the URL): the caller's views
 * of this list and the shared ones, each opening the list with its filters, search, sort and columns; the
 * view in use by name ("(edited)" once the list moved away from it); "Save view…", and for a view the user
 * may change, Save changes, Rename…, sharing and Delete (with Undo). The URL stays the truth: a view is a
 * link to `?<query>&cols=<columns>`, and the history entry it opens remembers which view it was.
 */
export function SavedViews({
  resource,
  noun,
  pageState,
  defaultColumns,
  onOpen,
}: {
  resource: ViewResource;
  /** The list's records, for the dialog ("accounts"). */
  noun: string;
  /** The URL parameters that are the page's own state (EntityList's pageStateParams), never part of a view. */
  pageState: ReadonlySet<string>;
  /** The columns the list shows when none are chosen, in order. */
  defaultColumns: readonly string[];
  /** A view is being opened (the list's search box takes its words). */
  onOpen: (view: SavedView) => void;
}) {
  const [search, setSearch] = useSearchParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const mayChange = useMayChange();
  const userName = useUserNames();
  const views = useSavedViews(resource);
  const update = useUpdateView();
  const remove = useDeleteView();
  const [dialog, setDialog] = useState<Dialog>(null);

  const all = views.data ?? [];
  const groups = groupViews(all, me?.id);
  const openedId = openedViewOf(location.state);
  const inUse = viewInUse(all, search, {
    pageState,
    defaults: defaultColumns,
    meId: me?.id,
    ...(openedId ? { openedId } : {}),
  });
  const current = inUse?.view;
  const changeable = current !== undefined && mayChange(current.ownerId);
  const label = viewLabel(inUse);
  const query = viewQueryOf(search, pageState);
  const columns = columnsOf(search, defaultColumns);

  /** The history entry shows this view from now on (its URL already does). */
  const markOpened = (view: SavedView) => setSearch(search, { replace: true, state: openedViewState(view.id) });

  const saveChanges = (view: SavedView) =>
    update.mutate(
      { view, changes: { query, columns } },
      {
        onSuccess: (saved) => notifySaved(`View “${saved.name}” saved with these filters and columns.`),
        onError: (error) =>
          notifyFailure(error, { title: `“${view.name}” was not saved`, onReload: () => reloadViews(queryClient) }),
      },
    );
  const toggleShared = (view: SavedView) =>
    update.mutate(
      { view, changes: { shared: !view.shared } },
      {
        onSuccess: (saved) =>
          notifySaved(
            saved.shared ? `“${saved.name}” is shared with everyone.` : `“${saved.name}” is no longer shared.`,
          ),
        onError: (error) =>
          notifyFailure(error, {
            title: `“${view.name}” was not ${view.shared ? 'unshared' : 'shared'}`,
            onReload: () => reloadViews(queryClient),
          }),
      },
    );

  const viewItem = (view: SavedView, byline?: boolean) => {
    const isCurrent = current?.id === view.id;
    return (
      <Menu.Item
        key={view.id}
        component={Link}
        to={{ search: viewSearch(view) }}
        state={openedViewState(view.id)}
        onClick={() => onOpen(view)}
        aria-current={isCurrent ? 'true' : undefined}
        // A long name is cut short with an ellipsis, never wider than the menu.
        styles={{ itemLabel: { minWidth: 0 } }}
        leftSection={isCurrent ? <IconCheck size={16} aria-hidden /> : <Box w={16} aria-hidden />}
      >
        <Text size="sm" fw={isCurrent ? 600 : undefined} truncate title={view.name}>
          {view.name}
        </Text>
        {byline && (
          <Text size="xs" c="dimmed" truncate>
            by {view.ownerId === null ? 'nobody now' : userName(view.ownerId)}
          </Text>
        )}
      </Menu.Item>
    );
  };

  const group = (title: string, list: SavedView[], byline?: boolean) =>
    list.length > 0 && (
      <div key={title}>
        <Menu.Label>{title}</Menu.Label>
        {list.map((view) => viewItem(view, byline))}
      </div>
    );

  return (
    <>
      {/* Opened, the menu puts the focus on its first item (the menu button pattern); Mantine's placeholder
          for the focus is a presentation element a menu may not hold (axe: aria-required-children). */}
      <Menu position="bottom-end" width={290} withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconBookmark size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={current ? `Views: ${label}` : 'Views'}
            maw={{ base: 190, sm: 280 }}
            styles={{ label: { minWidth: 0 } }}
          >
            <Text span size="xs" fw={600} truncate>
              {label}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {views.isPending ? (
            <Stack gap={6} p="xs">
              <Skeleton height={14} />
              <Skeleton height={14} width="70%" />
            </Stack>
          ) : views.isError ? (
            <>
              <Text size="sm" p="xs">
                Your views could not be loaded.
              </Text>
              <Menu.Item leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => views.refetch()}>
                Try again
              </Menu.Item>
            </>
          ) : all.length === 0 ? (
            <Box p="xs" maw={270}>
              <Text size="sm" fw={600}>
                No saved views yet
              </Text>
              <Text size="sm" c="dimmed">
                Save the filters and columns you use most: they come back in one click.
              </Text>
            </Box>
          ) : (
            // Scrolls up and down only: a long name is cut short in its item rather than widening the menu.
            <Box mah={300} style={{ overflowY: 'auto', overflowX: 'hidden' }}>
              {group('My views', groups.mine)}
              {group('Shared', groups.shared, true)}
              {group("Your team's", groups.team, true)}
            </Box>
          )}
          <Menu.Divider />
          {current && inUse?.edited && changeable && (
            <Menu.Item
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              onClick={() => saveChanges(current)}
              disabled={update.isPending}
            >
              Save changes to this view
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={<IconBookmarkPlus size={16} aria-hidden />}
            onClick={() => setDialog({ kind: 'save' })}
          >
            {current ? 'Save as new view…' : 'Save view…'}
          </Menu.Item>
          {current && (inUse?.edited || changeable) && (
            <>
              <Menu.Divider />
              <Menu.Label>This view</Menu.Label>
            </>
          )}
          {current && inUse?.edited && (
            <Menu.Item
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              component={Link}
              to={{ search: viewSearch(current) }}
              state={openedViewState(current.id)}
              onClick={() => onOpen(current)}
            >
              Discard changes
            </Menu.Item>
          )}
          {current && changeable && (
            <>
              <Menu.Item
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setDialog({ kind: 'rename', view: current })}
              >
                Rename…
              </Menu.Item>
              <Menu.Item
                leftSection={current.shared ? <IconUserX size={16} aria-hidden /> : <IconUsers size={16} aria-hidden />}
                onClick={() => toggleShared(current)}
                disabled={update.isPending}
              >
                {current.shared ? 'Stop sharing' : 'Share with everyone'}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => remove.mutate(current)}
                disabled={remove.isPending}
              >
                Delete view
              </Menu.Item>
            </>
          )}
          {current && !changeable && (
            <Text size="xs" c="dimmed" px="xs" py={6}>
              Shared by {current.ownerId ? userName(current.ownerId) : 'someone'}: only they, their managers and admins
              can change it. “Save as new view…” keeps a copy of your own.
            </Text>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog?.kind === 'save' && (
        <SaveViewDialog
          resource={resource}
          noun={noun}
          query={query}
          columns={columns}
          onClose={() => setDialog(null)}
          onSaved={(view) => {
            setDialog(null);
            markOpened(view);
          }}
        />
      )}
      {dialog?.kind === 'rename' && <RenameViewDialog view={dialog.view} onClose={() => setDialog(null)} />}
    </>
  );
}
