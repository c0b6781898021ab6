import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TableSpec } from './ReportCard.js';

/**
 * A report's figures: a table on wide screens; on a phone, a card per row (its group as the title, then
 * each figure under its column's name), as the lists do, so no column hides off to the side.
 */
export function FiguresTable({ table }: { table: TableSpec }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const rows = table.display ?? table.rows;
  /** A cell as shown, leading to the records behind it where it has them. */
  const cellAt = (rowIndex: number, index: number, size: 'sm' | 'md' = 'sm'): ReactNode => {
    const cell = rows[rowIndex]?.[index] ?? '—';
    const link = table.links?.[rowIndex]?.[index];
    return link ? (
      <Anchor component={Link} to={link} size={size}>
        {cell}
      </Anchor>
    ) : (
      cell
    );
  };

  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" px="sm" pb="sm">
        Nothing to count yet: the table fills in as the chart does.
      </Text>
    );

  if (isPhone)
    return (
      <Stack gap="xs" p="sm" pt={0} data-testid="report-figure-cards">
        {rows.map((row, rowIndex) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their order
          <Card key={rowIndex} withBorder padding="sm" radius="md">
            <Text fw={600} size="sm">
              {cellAt(rowIndex, 0)}
            </Text>
            <Stack gap={2} mt={4}>
              {row.slice(1).map((_, cellIndex) => (
                <Group key={table.header[cellIndex + 1]} gap={6} wrap="nowrap" justify="space-between">
                  <Text size="xs" c="dimmed">
                    {table.header[cellIndex + 1]}
                  </Text>
                  <Text size="sm" component="div" ta="right">
                    {cellAt(rowIndex, cellIndex + 1)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    );

  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped fz="sm" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            {table.header.map((cell, index) => (
              <Table.Th key={cell} ta={index === 0 ? 'left' : 'right'}>
                {cell}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their order
            <Table.Tr key={rowIndex}>
              {row.map((_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                <Table.Td key={index} ta={index === 0 ? 'left' : 'right'}>
                  {cellAt(rowIndex, index)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
