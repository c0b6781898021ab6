import { Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ImportPreview, type ImportResource, importFields } from '../../../shared/contracts/imports.js';

type Column = ImportPreview['columns'][number];

/** The Select's value for a column the import leaves out (a Select's own null would read as "not chosen"). */
const LEAVE_OUT = 'leave-out';

/**
 * Each column of the file, a few of its values, and the field it fills: the server's guess by heading,
 * changed with the Select. A table on a wide screen; on a phone each column is a card, so nothing
 * scrolls sideways.
 */
export function ColumnMapping({
  resource,
  columns,
  onChange,
}: {
  resource: ImportResource;
  columns: Column[];
  onChange: (heading: string, field: string | null) => void;
}) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const fieldSelect = (column: Column) => (
    <FieldSelect resource={resource} column={column} onChange={(field) => onChange(column.heading, field)} />
  );
  if (isPhone) {
    return (
      <Stack gap="xs">
        {columns.map((column, index) => (
          // Headings may repeat in a file; their place does not.
          // biome-ignore lint/suspicious/noArrayIndexKey: columns keep their order for the file's life
          <Paper key={index} withBorder p="xs" radius="sm">
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {column.heading || `Column ${index + 1}`}
            </Text>
            <Samples samples={column.samples} />
            <div style={{ marginTop: 6 }}>{fieldSelect(column)}</div>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table verticalSpacing={6} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="30%">Column in your file</Table.Th>
          <Table.Th>Sample values</Table.Th>
          <Table.Th w="32%">Imports as</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((column, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns keep their order for the file's life
          <Table.Tr key={index}>
            <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>
              {column.heading || `Column ${index + 1}`}
            </Table.Td>
            <Table.Td>
              <Samples samples={column.samples} />
            </Table.Td>
            <Table.Td>{fieldSelect(column)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Samples({ samples }: { samples: string[] }) {
  const filled = samples.filter((sample) => sample.trim() !== '');
  return (
    <Text size="sm" c="dimmed" truncate="end" title={filled.join(' · ')}>
      {filled.length > 0 ? filled.join(' · ') : 'Empty in the first rows'}
    </Text>
  );
}

function FieldSelect({
  resource,
  column,
  onChange,
}: {
  resource: ImportResource;
  column: Column;
  onChange: (field: string | null) => void;
}) {
  const data = [
    { value: LEAVE_OUT, label: 'Leave out' },
    ...importFields[resource].map((field) => ({
      value: field.field,
      label: field.required ? `${field.label} (required)` : field.label,
    })),
  ];
  return (
    <Select
      aria-label={`Field for the column ${column.heading}`}
      data={data}
      value={column.field ?? LEAVE_OUT}
      onChange={(value) => onChange(value === LEAVE_OUT || value === null ? null : value)}
      allowDeselect={false}
      size="sm"
    />
  );
}
