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
import { IconCalendarPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import type { CoverageAccount, CoverageAccountPage, CoverageAccountSort } from '../../../shared/contracts/coverage.js';
import { api } from '../../api/client.js';
import { EmptyState } from '../../components/EmptyState.js';
import { QueryError } from '../../components/QueryError.js';
import { dateTime, money } from '../../lib/format.js';
import { PlanVisitDialog } from './PlanVisitDialog.js';

const sorts: { value: CoverageAccountSort; label: string }[] = [
  { value: '-annualRevenue', label: 'Most valuable first' },
  { value: 'lastVisitAt', label: 'Longest unvisited first' },
  { value: 'name', label: 'By name' },
];

const PAGE_SIZE = 25;

/** "never", "today", "1 day ago", "23 days ago": how long an account has waited. */
function sinceLastVisit(account: CoverageAccount): string {
  const days = account.daysSinceLastVisit;
  if (days === null) return 'Never';
  if (days === 0) return 'Today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

function useNeglectedAccounts(scope: URLSearchParams, days: string, sort: CoverageAccountSort) {
  const params = new URLSearchParams(scope);
  params.set('days', days);
  params.set('status', 'unvisited');
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
 * The accounts no one visited in the window, with what it takes to plan the visit each is owed: a table
 * on wide screens, a card per account on a phone.
 */
export function NeglectedAccounts({ scope, days }: { scope: URLSearchParams; days: string }) {
  const [sort, setSort] = useState<CoverageAccountSort>('-annualRevenue');
  const [planning, setPlanning] = useState<CoverageAccount | null>(null);
  const list = useNeglectedAccounts(scope, days, sort);
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
  if (list.error) body = <QueryError error={list.error} what="the neglected accounts" />;
  else if (list.isPending) body = <Skeleton height={240} />;
  else if (accounts.length === 0)
    body = (
      <EmptyState title="Every account had a visit">
        Each account here had a completed visit in the last {days} days. A shorter window shows who is due next.
      </EmptyState>
    );
  else if (isPhone)
    body = (
      <Stack gap="xs" data-testid="neglected-account-cards">
        {accounts.map((account) => (
          <Card key={account.id} withBorder padding="sm" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                {nameLink(account)}
                <Text size="xs" c="dimmed">
                  {[account.city, money(account.annualRevenue)].filter((part) => part && part !== '—').join(' · ') ||
                    'No city or revenue'}
                </Text>
                <Text size="xs">Last visit: {sinceLastVisit(account)}</Text>
                <Text size="xs">
                  Next visit: {account.nextPlannedVisitAt ? dateTime(account.nextPlannedVisitAt) : 'none planned'}
                </Text>
              </Stack>
              {planButton(account)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table striped fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>City</Table.Th>
              <Table.Th ta="right">Revenue</Table.Th>
              <Table.Th ta="right">Last visit</Table.Th>
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
                <Table.Td>{account.nextPlannedVisitAt ? dateTime(account.nextPlannedVisitAt) : '—'}</Table.Td>
                <Table.Td ta="right">{planButton(account)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Card withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="sm">
        <Title order={2} size="h5">
          Not visited in {days} days
        </Title>
        <Select
          aria-label="Sort the neglected accounts"
          data={sorts}
          value={sort}
          onChange={(value) => value && setSort(value as CoverageAccountSort)}
          allowDeselect={false}
          w={{ base: '100%', xs: 220 }}
        />
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
