import { Table, Text } from '@mantine/core';
import { money } from '../../lib/format.js';
import type { QuoteTotals as Totals } from './quote-math.js';

/**
 * What the customer pays and how it comes about: subtotal, what the discounts take off, net, tax on the
 * net and total. `unsaved`: figures worked out in the browser for changes not saved yet.
 */
export function QuoteTotals({
  totals,
  currency,
  taxPercent,
  unsaved = false,
}: {
  totals: Totals;
  currency: string;
  taxPercent: number;
  unsaved?: boolean;
}) {
  const rows = [
    { label: 'Subtotal', value: money(totals.subtotal, currency) },
    { label: 'Discount', value: totals.discount > 0 ? `− ${money(totals.discount, currency)}` : money(0, currency) },
    { label: 'Net', value: money(totals.net, currency) },
    { label: `Tax (${taxPercent}%)`, value: money(totals.tax, currency) },
  ];
  return (
    <div style={{ marginLeft: 'auto', maxWidth: 320 }} data-testid="quote-totals">
      <Table verticalSpacing={4} horizontalSpacing={6} fz="sm" aria-label="Totals" withRowBorders={false}>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th fw={500}>{row.label}</Table.Th>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {row.value}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Table.Th fz="md">Total</Table.Th>
            <Table.Td ta="right" fz="md" fw={700} style={{ whiteSpace: 'nowrap' }} data-testid="quote-total">
              {money(totals.total, currency)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {unsaved && (
        <Text size="xs" c="dimmed" ta="right" aria-live="polite">
          With your changes, once saved.
        </Text>
      )}
    </div>
  );
}
