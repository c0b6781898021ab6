import { Radio, Stack } from '@mantine/core';
import { type ImportMode, type ImportResource, importModeSchema } from '../../../shared/contracts/imports.js';
import { recordNouns } from './import-labels.js';
import { modeChoices } from './import-modes.js';

/**
 * What the import does with the file's rows: add them, update the records their Meridian IDs name, or
 * both. Each choice says in a line what happens to a row; "Add new records" until the user picks another.
 */
export function ImportModeChoice({
  resource,
  mode,
  onChange,
  disabled,
}: {
  resource: ImportResource;
  mode: ImportMode;
  onChange: (mode: ImportMode) => void;
  disabled?: boolean;
}) {
  const noun = recordNouns[resource];
  return (
    <Radio.Group
      label="What the import does"
      value={mode}
      onChange={(value) => onChange(importModeSchema.parse(value))}
    >
      <Stack gap="xs" mt={6}>
        {modeChoices.map((choice) => (
          <Radio
            key={choice.mode}
            value={choice.mode}
            label={choice.label}
            description={choice.description(noun)}
            disabled={disabled}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
