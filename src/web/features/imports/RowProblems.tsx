import { Box, Text } from '@mantine/core';
import { useId } from 'react';
import type { ImportResource, ImportRowError } from '../../../shared/contracts/imports.js';
import { fieldLabel } from './import-labels.js';
import { problemText } from './import-modes.js';

/**
 * The rows that fail and why, by their row in the spreadsheet (the heading is row 1), in a box that
 * scrolls on its own so a file with hundreds of problems keeps the dialog's buttons in view. The box takes
 * the keyboard focus, so it scrolls without a mouse too.
 */
export function RowProblems({
  resource,
  errors,
  title,
  note,
}: {
  resource: ImportResource;
  errors: ImportRowError[];
  title: string;
  /** Said under the title: that only the first problems are listed, what happens to these rows. */
  note?: string;
}) {
  const titleId = useId();
  return (
    <div>
      <Text size="sm" fw={600} id={titleId}>
        {title}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      <Box
        component="ul"
        aria-labelledby={titleId}
        tabIndex={0}
        mt={4}
        mb={0}
        p="xs"
        mah={200}
        style={{
          overflowY: 'auto',
          listStyle: 'none',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
        }}
      >
        {errors.map((error) => {
          const label = fieldLabel(resource, error.field);
          return (
            <Text
              component="li"
              size="sm"
              key={`${error.row}:${error.field}:${error.message}`}
              py={2}
              style={{ overflowWrap: 'anywhere' }}
            >
              <Text span fw={600} size="sm">
                Row {error.row}
                {label ? ` · ${label}` : ''}:
              </Text>{' '}
              {problemText(resource, error)}
            </Text>
          );
        })}
      </Box>
    </div>
  );
}
