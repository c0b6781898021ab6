import { Alert, Anchor, Button, Card, Code, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { QueryAnswer } from '../../../shared/contracts/query.js';
import { ApiError, api } from '../../api/client.js';
import { StageBadge } from '../../components/Badges.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { count, date, dateTime, humanize, money, percent } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';
import { type Stage, stageOrder } from '../../lib/labels.js';

type Answer = QueryAnswer;

const examples = [
  'Open deals closing this quarter over 50k',
  'Leads from trade shows this month',
  'Which accounts have had no activity in 30 days?',
  'Overdue tasks of my team',
];

const kindPaths: Record<string, string> = {
  account: 'accounts',
  accounts: 'accounts',
  contact: 'contacts',
  contacts: 'contacts',
  lead: 'leads',
  leads: 'leads',
  opportunity: 'opportunities',
  opportunities: 'opportunities',
};

const moneyColumns = new Set(['amount', 'weightedAmount', 'value', 'annualRevenue', 'budgetAmount']);
const wordColumns = new Set(['status', 'type', 'source', 'priority', 'role', 'channel', 'direction']);
const stageValues = new Set<string>(stageOrder);

/** A cell as people read it: money with its currency, percentages, stage badges, dates, words. */
/** The list parameter a group's key filters by, per grouping (tasks are grouped by assignee). */
const groupParams: Record<string, string> = {
  owner: 'ownerId',
  assignee: 'assigneeId',
  account: 'accountId',
  territory: 'territoryId',
  stage: 'stage',
  source: 'source',
  type: 'type',
  priority: 'priority',
  role: 'role',
};

/** Where a group's records are listed, when its list can filter by the grouping. */
function groupLink(answer: QueryAnswer | undefined, key: string | null): string | undefined {
  const path = answer?.data.entity ? (kindPaths[answer.data.entity] ?? listPaths[answer.data.entity]) : undefined;
  const plan = answer?.plan as { aggregation?: { groupBy?: string }; groupBy?: string; analysis?: string } | undefined;
  const groupBy = plan?.aggregation?.groupBy ?? plan?.groupBy;
  const param = groupBy ? groupParams[groupBy] : undefined;
  if (!path || !param || key === null) return undefined;
  // The pipeline is the open deals.
  const open =
    plan?.analysis === 'pipeline' && groupBy !== 'stage' ? '&stage=prospecting,qualification,proposal,negotiation' : '';
  return `/${path}?${param}=${encodeURIComponent(key)}${open}`;
}

/** A stored value as a label ("closed_won" → "Closed won"); names are shown as they are. */
const groupLabel = (label: string) => (/^[a-z_]+$/.test(label) ? humanize(label) : label);

/** Lists of the kinds that have no page of their own. */
const listPaths: Record<string, string> = { activities: 'activities', tasks: 'tasks' };

function formatCell(column: string, value: unknown, row: Record<string, unknown>): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  // Tasks and activities have no page of their own: their account's page shows them.
  if (column === 'accountName' && typeof row.accountId === 'string') {
    return (
      <Anchor component={Link} to={`/accounts/${row.accountId}`} size="sm">
        {String(value)}
      </Anchor>
    );
  }
  if (moneyColumns.has(column) && typeof value === 'number') {
    return money(value, typeof row.currency === 'string' ? row.currency : undefined);
  }
  if (column === 'probability' && typeof value === 'number') return `${value}%`;
  if (column === 'stage' && typeof value === 'string' && stageValues.has(value)) {
    return <StageBadge stage={value as Stage} size="sm" />;
  }
  if ((column === 'stage' || wordColumns.has(column)) && typeof value === 'string') return humanize(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return dateTime(value);
  if (typeof value === 'number') return count(value);
  return String(value);
}

/** The answer sentence without its "I understood" part, which the page shows on its own line. */
const withoutUnderstood = (answer: string) => answer.replace(/\s*I understood:.*$/s, '');

/** A group's figure as the question measured it: a rate in percent, money with its currency, else a number. */
function groupValueFormat(answer: QueryAnswer | undefined): (value: number | null) => string {
  const aggregation = (answer?.plan as { aggregation?: { fn?: string; field?: string } } | undefined)?.aggregation;
  const currency = answer?.data.currency;
  if (aggregation?.fn === 'rate') return percent;
  if (aggregation?.fn === 'count') return count;
  // Money fields, and the pipeline analysis (its groups are amounts).
  const moneyField = aggregation?.field === 'amount' || aggregation?.field === 'weightedAmount';
  if (currency && (moneyField || !aggregation)) {
    return (value) => (value === null ? '—' : money(value, currency));
  }
  return count;
}

/** Questions in plain words, answered over what the user may see. */
export function AskPage() {
  const [search, setSearch] = useSearchParams();
  const [question, setQuestion] = useState(search.get('q') ?? '');
  const ask = useMutation({
    mutationFn: (text: string) =>
      api.post<Answer>('/query', { question: text, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  });
  const [empty, setEmpty] = useState(false);
  const submit = (text: string) => {
    setEmpty(!text.trim());
    if (!text.trim()) return;
    setQuestion(text);
    setSearch({ q: text }, { replace: true });
    ask.mutate(text.trim());
  };
  const rows = ask.data?.data.rows ?? [];
  const columns = rows[0]
    ? Object.keys(rows[0])
        .filter(
          (key) => key !== 'id' && key !== 'currency' && !key.endsWith('Id') && typeof rows[0]?.[key] !== 'object',
        )
        .slice(0, 6)
    : [];
  const path = ask.data?.data.entity ? kindPaths[ask.data.data.entity] : undefined;
  const groups = ask.data?.data.groups ?? [];
  // A count's value is the count again: no second column saying the same.
  const showValue = groups.some(
    (group) => (group.value ?? group.amount ?? null) !== null && (group.value ?? group.amount) !== group.count,
  );
  const groupValue = groupValueFormat(ask.data);
  const hints = ask.error instanceof ApiError ? ask.error.errors.map((item) => item.message) : [];

  return (
    <>
      <PageHeader title="Ask" description="Ask about your accounts, leads, deals and tasks in plain words." />
      <Stack gap="md" maw={960}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit(question);
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <Textarea
              label="Your question"
              placeholder="e.g. Open deals closing this quarter over 50k"
              autosize
              minRows={1}
              value={question}
              onChange={(event) => setQuestion(event.currentTarget.value)}
              error={empty ? 'Type a question first, or pick one of the examples below' : undefined}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  submit(question);
                }
              }}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={ask.isPending} leftSection={<IconSend size={16} aria-hidden />}>
              Ask
            </Button>
          </Group>
        </form>
        <Group gap="xs">
          {examples.map((example) => (
            <Button key={example} size="compact-sm" variant="light" onClick={() => submit(example)}>
              {example}
            </Button>
          ))}
        </Group>
        {ask.isError && (
          <Alert color="yellow" variant="light" title="I couldn't answer that">
            {ask.error instanceof ApiError && ask.error.status === 404
              ? 'Questions are not available on this server yet.'
              : sentence(ask.error.message)}
            {hints.length > 0 && (
              <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
                {hints.map((hint) => (
                  <li key={hint}>{hint}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {ask.data && (
          <Card withBorder radius="md">
            <Text fw={600}>{withoutUnderstood(ask.data.answer)}</Text>
            <Text size="xs" c="dimmed" mb="sm">
              {ask.data.understood} · answered by the {ask.data.engine === 'llm' ? 'language model' : 'built-in rules'}
            </Text>
            {groups.length > 0 && (
              <Table fz="sm" striped mb="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Group</Table.Th>
                    <Table.Th ta="right">Count</Table.Th>
                    {showValue && <Table.Th ta="right">Value</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {groups.map((group) => (
                    <Table.Tr key={group.key ?? group.label}>
                      <Table.Td>
                        {groupLink(ask.data, group.key) ? (
                          <Anchor component={Link} to={groupLink(ask.data, group.key) ?? ''} size="sm">
                            {groupLabel(group.label)}
                          </Anchor>
                        ) : (
                          groupLabel(group.label)
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{group.count}</Table.Td>
                      {showValue && <Table.Td ta="right">{groupValue(group.value ?? group.amount ?? null)}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {rows.length > 0 && columns.length > 0 && (
              <Table.ScrollContainer minWidth={480}>
                <Table fz="sm" striped>
                  <Table.Thead>
                    <Table.Tr>
                      {columns.map((column) => (
                        <Table.Th key={column}>{humanize(column.replace(/([A-Z])/g, '_$1').toLowerCase())}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.slice(0, 100).map((row, index) => (
                      <Table.Tr key={String(row.id ?? index)}>
                        {columns.map((column, columnIndex) => (
                          <Table.Td key={column}>
                            {columnIndex === 0 && path && row.id ? (
                              <Anchor component={Link} to={`/${path}/${String(row.id)}`} size="sm">
                                {String(row[column] ?? '—')}
                              </Anchor>
                            ) : (
                              formatCell(column, row[column], row)
                            )}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <details style={{ marginTop: 8 }}>
              <summary style={{ fontSize: 12, cursor: 'pointer' }}>How this was answered</summary>
              <Code block mt={4}>
                {JSON.stringify(ask.data.plan, null, 2)}
              </Code>
            </details>
          </Card>
        )}
        {!ask.data && !ask.isError && !ask.isPending && (
          <EmptyState title="Ask anything about your sales desk">
            Pick an example above or type your own: answers only include what you're allowed to see.
          </EmptyState>
        )}
      </Stack>
    </>
  );
}

export const Component = AskPage;
