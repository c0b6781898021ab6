import {
  Anchor,
  Button,
  Card,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCalendarPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, type Ref, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CoverageAccount, CoverageAccountPage, CoverageAccountSort } from '../../../shared/contracts/coverage.js';
import { api } from '../../api/client.js';
import { EmptyState } from '../../components/EmptyState.js';
import { QueryError } from '../../components/QueryError.js';
import { dateTime, money } from '../../lib/format.js';
import { ACCOUNTS_ANCHOR, type CoverageStatus, coverageListState, withCoverageListState } from './coverage-links.js';
import { PlanVisitDialog } from './PlanVisitDialog.js';
import { visitDue } from './visit-due.js';

const sorts: { value: CoverageAccountSort; label: string }[] = [
  { value: '-annualRevenue', label: 'Most valuable first' },
  { value: 'lastVisitAt', label: 'Longest unvisited first' },
  { value: 'visitDueAt', label: 'Most overdue first' },
  { value: 'name', label: 'By name' },
];

/** What the list shows, and how it is titled. */
function statusesFor(days: string): { value: CoverageStatus; label: string }[] {
  return [
    { value: 'unvisited', label: `Not visited in ${days} days` },
    { value: 'due', label: 'Due for a visit' },
    { value: 'visited', label: `Visited in ${days} days` },
    { value: 'all', label: 'All accounts' },
  ];
}

/** What an empty list says, per status: why it is empty and what fills it. */
function emptyFor(status: CoverageStatus, days: string): { title: string; text: string } {
  switch (status) {
    case 'due':
      return {
        title: 'No account is due for a visit',
        text: "An account with a call cycle shows here once its last visit is that old, or while it was never visited. Set one with Visit every in an account's Edit.",
      };
    case 'visited':
      return {
        title: `No account was visited in the last ${days} days`,
        text: 'A visit counts once it is logged as done. Plan visits from the accounts not visited.',
      };
    case 'all':
      return { title: 'No accounts here', text: 'No account matches these filters. Clear the owner or territory.' };
    default:
      return {
        title: 'Every account had a visit',
        text: `Each account here had a completed visit in the last ${days} days. A shorter window shows who is due next.`,
      };
  }
}

/**
 * The call cycle's verdict: overdue in dark red with a warning sign and the words, so colour is never the
 * only cue; the exact day it fell or falls due on hover.
 */
function VisitDueText({ account, size }: { account: CoverageAccount; size: 'xs' | 'sm' }) {
  const due = visitDue(account);
  if (!due.cycle)
    return (
      <Text size={size} c="dimmed" component="span">
        {due.text}
      </Text>
    );
  return (
    <span title={account.visitDueAt ? dateTime(account.visitDueAt) : undefined}>
      <Text size={size} component="span" c={due.due ? 'red.9' : undefined} fw={due.due ? 600 : undefined}>
        {due.due && (
          <IconAlertTriangle
            size={14}
            aria-hidden
            style={{ verticalAlign: '-2px', marginRight: 4 }}
            data-testid="visit-due-sign"
          />
        )}
        {due.text}
      </Text>
      <Text size="xs" c="dimmed" component="span">
        {` · ${due.cycle}`}
      </Text>
    </span>
  );
}

const PAGE_SIZE = 25;

/** "never", "today", "1 day ago", "23 days ago": how long an account has waited. */
function sinceLastVisit(account: CoverageAccount): string {
  const days = account.daysSinceLastVisit;
  if (days === null) return 'Never';
  if (days === 0) return 'Today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

function useCoverageAccounts(scope: URLSearchParams, days: string, status: CoverageStatus, sort: CoverageAccountSort) {
  const params = new URLSearchParams(scope);
  params.set('days', days);
  params.set('status', status);
  params.set('sort', sort);
  params.set('limit', String(PAGE_SIZE));
  return useInfiniteQuery({
    // Under the reports' key: planning a visit refreshes the figures and this list together.
    queryKey: ['reports', 'coverage/accounts', params.toString()],
    queryFn: ({ pageParam, signal }) => {
      const page = new URLSearchParams(params);
      if (pageParam) page.set('cursor', pageParam);
      return api.get<CoverageAccountPage>(`/reports/coverage/accounts?${page}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * The report's accounts: by default those no one visited in the window (the neglected ones), or those due
 * for a visit by their call cycle, the visited ones or all, with what it takes to plan the visit each is
 * owed: a table on wide screens, a card per account on a phone. The status and sort are kept in the URL
 * (`status`, `sort`), so the report's due figures link here.
 */
export function NeglectedAccounts({
  scope,
  days,
  ref,
}: {
  scope: URLSearchParams;
  days: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const [search, setSearch] = useSearchParams();
  const { status, sort } = coverageListState(search);
  const choose = (next: { status?: CoverageStatus; sort?: CoverageAccountSort }) =>
    setSearch(withCoverageListState(search, next), { replace: true });
  const [planning, setPlanning] = useState<CoverageAccount | null>(null);
  const list = useCoverageAccounts(scope, days, status, sort);
  const statuses = statusesFor(days);
  const title = statuses.find((item) => item.value === status)?.label ?? '';
  const empty = emptyFor(status, days);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const accounts = list.data?.pages.flatMap((page) => page.data) ?? [];

  const planButton = (account: CoverageAccount) => (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconCalendarPlus size={14} aria-hidden />}
      aria-label={`Plan visit to ${account.name}`}
      onClick={() => setPlanning(account)}
    >
      Plan visit
    </Button>
  );
  const nameLink = (account: CoverageAccount) => (
    <Anchor component={Link} to={`/accounts/${account.id}`} size="sm" fw={600}>
      {account.name}
    </Anchor>
  );

  let body: ReactNode;
  if (list.error) body = <QueryError error={list.error} what="the accounts" />;
  else if (list.isPending) body = <Skeleton height={240} />;
  else if (accounts.length === 0) body = <EmptyState title={empty.title}>{empty.text}</EmptyState>;
  else if (isPhone)
    body = (
      <Stack gap="xs" data-testid="neglected-account-cards">
        {accounts.map((account) => (
          <Card key={account.id} withBorder padding="sm" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                {nameLink(account)}
                <Text size="xs" c="dimmed">
                  {[account.city, money(account.annualRevenue)].filter((part) => part && part !== '—').join(' · ') ||
                    'No city or revenue'}
                </Text>
                <Text size="xs">Last visit: {sinceLastVisit(account)}</Text>
                {account.visitEveryDays !== null && (
                  <Text size="xs" component="div">
                    Visit: <VisitDueText account={account} size="xs" />
                  </Text>
                )}
                <Text size="xs">
                  Next visit: {account.nextPlannedVisitAt ? dateTime(account.nextPlannedVisitAt) : 'none planned'}
                </Text>
              </Stack>
              {/* The action keeps its words however long the account's lines are. */}
              <div style={{ flexShrink: 0 }}>{planButton(account)}</div>
            </Group>
          </Card>
        ))}
      </Stack>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table striped fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>City</Table.Th>
              <Table.Th ta="right">Revenue</Table.Th>
              <Table.Th ta="right">Last visit</Table.Th>
              <Table.Th>Call cycle</Table.Th>
              <Table.Th>Next visit</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>{nameLink(account)}</Table.Td>
                <Table.Td>{account.city ?? '—'}</Table.Td>
                <Table.Td ta="right">{money(account.annualRevenue)}</Table.Td>
                <Table.Td ta="right" title={account.lastVisitAt ? dateTime(account.lastVisitAt) : undefined}>
                  {sinceLastVisit(account)}
                </Table.Td>
                <Table.Td>
                  <VisitDueText account={account} size="sm" />
                </Table.Td>
                <Table.Td>{account.nextPlannedVisitAt ? dateTime(account.nextPlannedVisitAt) : '—'}</Table.Td>
                <Table.Td ta="right">{planButton(account)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Card
      withBorder
      radius="md"
      p="sm"
      ref={ref}
      id={ACCOUNTS_ANCHOR}
      // Clear of the app's header when a due figure's link scrolls here.
      style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 0px) + 12px)' }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs" mb="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        <Group gap="xs" wrap="wrap" w={{ base: '100%', sm: 'auto' }}>
          <Select
            aria-label="Which accounts"
            data={statuses}
            value={status}
            // Due accounts are most useful the longest overdue first.
            onChange={(value) =>
              value &&
              choose(value === 'due' ? { status: 'due', sort: 'visitDueAt' } : { status: value as CoverageStatus })
            }
            allowDeselect={false}
            w={{ base: '100%', xs: 200 }}
          />
          <Select
            aria-label="Sort the accounts"
            data={sorts}
            value={sort}
            onChange={(value) => value && choose({ sort: value as CoverageAccountSort })}
            allowDeselect={false}
            w={{ base: '100%', xs: 220 }}
          />
        </Group>
      </Group>
      {body}
      {list.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="default" size="xs" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Show more
          </Button>
        </Group>
      )}
      <PlanVisitDialog account={planning} onClose={() => setPlanning(null)} />
    </Card>
  );
}
