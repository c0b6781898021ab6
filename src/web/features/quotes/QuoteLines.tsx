import { Table, Text } from '@mantine/core';
import type { QuoteLine } from '../../../shared/contracts/quotes.js';
import { count, money } from '../../lib/format.js';

/** A sent or decided quote's lines, as the customer has them. */
export function QuoteLines({ lines, currency }: { lines: QuoteLine[]; currency: string }) {
  if (lines.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This quote has no lines.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} fz="sm" data-testid="quote-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th ta="right">Discount</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a sent quote never change or move
            <Table.Tr key={index}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm" fw={600}>
                  {line.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {line.sku}
                  {line.description ? ` · ${line.description}` : ''}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{count(line.quantity)}</Table.Td>
              <Table.Td ta="right">{money(line.unitPrice, currency)}</Table.Td>
              <Table.Td ta="right">{line.discountPercent > 0 ? `${line.discountPercent}%` : '—'}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(line.total, currency)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
