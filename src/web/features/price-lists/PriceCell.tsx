import { ActionIcon, Group, Text, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { type ProductPrice, setPriceSchema } from '../../../shared/contracts/price-lists.js';
import { amountOrNull } from '../../components/EditableField.js';
import { money } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';

/**
 * A product's price on the list, in place (as `EditableCell` does for a list's cells): the price, and for
 * whoever keeps the lists a pencil that opens a money input in the list's currency. Enter or leaving the
 * box fixes the price typed; an emptied box takes the fixed price off (the discounted list price again);
 * Escape cancels. The box starts with the fixed price, or empty with the price now as its hint.
 */
export function PriceCell({
  row,
  editable,
  onSave,
  onReset,
  align,
}: {
  row: ProductPrice;
  editable: boolean;
  onSave: (unitPrice: number) => void;
  onReset: () => void;
  align?: 'left' | 'right';
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const pencil = useRef<HTMLButtonElement>(null);
  const fixed = row.source === 'fixed' ? row.unitPrice : null;
  const shown =
    row.unitPrice === null ? (
      <Text span size="sm" c="dimmed">
        No price
      </Text>
    ) : (
      money(row.unitPrice, row.currency)
    );

  const close = (byKey: boolean) => {
    setDraft(null);
    setError(undefined);
    // The box goes away: a keyboard user carries on from its pencil, not from the top of the page.
    if (byKey) requestAnimationFrame(() => pencil.current?.focus());
  };
  const finish = (byKey: boolean) => {
    if (draft === null) return;
    const parsed = amountOrNull(draft);
    if ('error' in parsed) return setError(sentence(parsed.error));
    if (parsed.value === null) {
      if (fixed !== null) onReset();
    } else if (parsed.value !== fixed) {
      // The contract's own rule (whole cents, up to the largest amount stored), in its words.
      const checked = setPriceSchema.safeParse({ unitPrice: parsed.value });
      if (!checked.success) return setError(sentence(checked.error.issues[0]?.message ?? 'not a price'));
      onSave(parsed.value);
    }
    close(byKey);
  };

  if (!editable) return <span>{shown}</span>;
  if (draft !== null)
    return (
      <TextInput
        size="xs"
        aria-label={`Fixed price of ${row.name} in ${row.currency}`}
        autoFocus
        inputMode="decimal"
        autoComplete="off"
        placeholder={row.unitPrice === null ? 'Price' : String(row.unitPrice)}
        rightSection={
          <Text span size="xs" c="dimmed">
            {row.currency}
          </Text>
        }
        rightSectionPointerEvents="none"
        error={error}
        miw={130}
        maw={170}
        ml={align === 'right' ? 'auto' : undefined}
        styles={{ input: { textAlign: align } }}
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={() => finish(false)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finish(true);
          }
          if (event.key === 'Escape') {
            // Escape closes the box, not the page or dialog around it.
            event.stopPropagation();
            close(true);
          }
        }}
      />
    );
  return (
    <Group gap={2} wrap="nowrap" className="editable-field" justify={align === 'right' ? 'flex-end' : undefined}>
      <span>{shown}</span>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="sm"
        ref={pencil}
        aria-label={fixed !== null ? `Change the fixed price of ${row.name}` : `Fix the price of ${row.name}`}
        onClick={() => setDraft(fixed === null ? '' : String(fixed))}
        className="editable-field-pencil"
      >
        <IconPencil size={14} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
