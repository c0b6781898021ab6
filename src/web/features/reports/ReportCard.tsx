import { Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { api } from '../../api/client.js';
import { FigureCard } from '../../components/FigureCard.js';
import { QueryError } from '../../components/QueryError.js';
import { useScope } from '../../components/ScopeFilters.js';
import { downloadCsv } from '../../lib/csv.js';
import { FiguresTable } from './FiguresTable.js';

// What the reports are built of: their card, headline figures, query and the links from a bar or a row.

export type TableSpec = {
  header: string[];
  rows: (string | number | null)[][];
  display?: (ReactNode | string)[][];
  /**
   * Per row and cell, the list of the records behind that figure, filtered as the report counts them: the
   * first cell's is the whole row's; null where a cell stands for no records (a rate, an unnamed group).
   */
  links?: (string | null)[][];
};

/** A chart's bars lead to the records behind them, as the table's rows do. */
export function barLinks(navigate: (to: string) => void) {
  return {
    cursor: 'pointer',
    onClick: (bar: { payload?: { link?: string | null } }) => {
      if (bar.payload?.link) navigate(bar.payload.link);
    },
  };
}

/**
 * The scope's filters and the first day of its period, for the reports over a period (from that day
 * until now): `params` asks the report, `scope` and `from` build the links to the records behind it.
 */
export function usePeriodScope() {
  const { scope, periodDays } = useScope();
  const from = dayjs().subtract(periodDays, 'day').format('YYYY-MM-DD');
  const params = new URLSearchParams(scope);
  params.set('from', from);
  return { scope, from, params };
}

/** The first day of this week (Monday 00:00 UTC, as the workload counts weeks) and the last instant of it. */
export function thisWeekUtc(now = new Date()): { from: string; to: string } {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday);
  return { from: new Date(monday).toISOString(), to: new Date(monday + 7 * 86_400_000 - 1).toISOString() };
}

/** The first and last day of a YYYY-MM month, as list date filters. */
export function monthRange(month: string): { from: string; to: string } {
  const first = dayjs(`${month}-01`);
  return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD') };
}

export function useReport<Result>(path: string, params: URLSearchParams) {
  return useQuery({
    queryKey: ['reports', path, params.toString()],
    queryFn: ({ signal }) => api.get<Result>(`/reports/${path}${params.size ? `?${params}` : ''}`, { signal }),
  });
}

export function ReportCard({
  title,
  name,
  table,
  loading,
  error,
  chart,
  figures,
}: {
  title: string;
  name: string;
  table?: TableSpec | undefined;
  loading: boolean;
  error: unknown;
  chart?: ReactNode;
  figures?: ReactNode;
}) {
  if (error) return <QueryError error={error} what={`the ${title.toLowerCase()} report`} />;
  if (loading || !table) return <Skeleton height={360} />;
  return (
    <Stack gap="md">
      {figures}
      {chart && (
        <Card withBorder radius="md">
          <Title order={2} size="h5" mb="sm">
            {title}
          </Title>
          {chart}
        </Card>
      )}
      <Card withBorder radius="md" p={0}>
        <Group justify="space-between" p="sm">
          <Text fw={600} size="sm">
            The figures
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} aria-hidden />}
            onClick={() =>
              downloadCsv(`meridian-${name}-${dayjs().format('YYYY-MM-DD')}.csv`, table.header, table.rows)
            }
          >
            Export CSV
          </Button>
        </Group>
        <FiguresTable table={table} />
      </Card>
    </Stack>
  );
}

/** A report's headline figure, and the list of the records it is made of. */
export type FigureSpec = { id: string; label: string; value: number | null; shown: string; to: string };

export function Figures({ items }: { items: FigureSpec[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: items.length }} spacing="sm">
      {items.map((item) => (
        <FigureCard key={item.id} {...item} />
      ))}
    </SimpleGrid>
  );
}
