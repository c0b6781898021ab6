import { ActionIcon, Anchor, Group, Select, type SelectProps, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { PriceList } from '../../../shared/contracts/price-lists.js';
import { useMe, usePage, useRecord, useSettings } from '../../api/hooks.js';
import { getSession } from '../../api/session.js';
import { LIST_PRICES, priceListLabel } from '../opportunities/price-hints.js';

/*
 * An account's price list (`priceListId`): what its deals' new lines cost. Managers and admins choose it
 * (the server refuses anyone else, 403); everyone sees it, by name and discount ("Dealer net · −18%").
 */

/** The Select's value for "no price list": its deals take the catalogue's list prices. */
const NONE = 'list-prices';

/** Price lists are a handful: one page holds them all. */
const LISTS_READ = 200;

/**
 * Whether the caller may put an account on a price list or take it off (the server's rule: managers and
 * admins). The session answers until `/users/me` has; the server decides in any case.
 */
export function useMaySetPriceList(): boolean {
  const role = (useMe().data ?? getSession()?.user)?.role;
  return role === 'manager' || role === 'admin';
}

/** The active price lists, by name: those an account may be put on. */
export function useActivePriceLists(enabled = true) {
  return usePage<PriceList>('price-lists', `active=true&limit=${LISTS_READ}&sort=name`, enabled);
}

/** Every price list, active or not, by name: accounts may still be on an inactive one (the list's filter). */
export function useAllPriceLists() {
  return usePage<PriceList>('price-lists', `limit=${LISTS_READ}&sort=name`);
}

/** How a price list is named beside an account, in the installation's currency terms. */
export function usePriceListLabel(): (
  list: Pick<PriceList, 'name' | 'discountPercent' | 'currency' | 'active'>,
) => string {
  const defaultCurrency = useSettings().data?.defaultCurrency;
  return (list) => priceListLabel(list, defaultCurrency);
}

/**
 * An account's price list in words: "Dealer net · −18%", "List prices" for none, "…" while its name loads
 * (a list deleted meanwhile reads as one no longer there).
 */
export function usePriceListName(id: string | null): string {
  const list = useRecord<PriceList>('price-lists', id ?? undefined);
  const label = usePriceListLabel();
  if (id === null) return LIST_PRICES;
  if (list.data) return label(list.data);
  return list.isError ? 'A price list no longer there' : '…';
}

/** The server's words for a price list it refuses, said for people at the field. */
export function priceListProblem(message: unknown): string {
  if (message === 'inactive') return 'This price list is no longer active: choose another, or list prices.';
  if (message === 'no such price list') return 'This price list no longer exists: choose another, or list prices.';
  return typeof message === 'string' ? message : 'Choose another price list.';
}

/**
 * The active price lists to choose from, "List prices" (none) first. The account's own list stays among
 * them when it has become inactive, marked so, so that the field shows what the account is on.
 */
export function PriceListSelect({
  value,
  onChange,
  current,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (id: string | null, list: PriceList | null) => void;
  /** The account's list as saved, listed even when inactive. */
  current?: PriceList;
}) {
  const lists = useActivePriceLists();
  const label = usePriceListLabel();
  const all = new Map<string, PriceList>();
  if (current) all.set(current.id, current);
  for (const list of lists.data?.data ?? []) all.set(list.id, list);
  return (
    <Select
      data={[
        { value: NONE, label: LIST_PRICES },
        ...[...all.values()].map((list) => ({ value: list.id, label: label(list) })),
      ]}
      value={value ?? NONE}
      onChange={(next) => {
        const id = next === null || next === NONE ? null : next;
        onChange(id, id === null ? null : (all.get(id) ?? null));
      }}
      allowDeselect={false}
      {...props}
    />
  );
}

/**
 * The account form's price list: a Select for managers and admins, the list's name read-only for anyone
 * else, saying who chooses it.
 */
export function PriceListFormField({
  value,
  onChange,
  error,
  savedId,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
  /** The account's list as saved (null for a new account or none). */
  savedId: string | null;
}) {
  const maySet = useMaySetPriceList();
  const saved = useRecord<PriceList>('price-lists', savedId ?? undefined);
  const name = usePriceListName(value);
  const description = "New products on the account's deals take its prices (deals in its currency).";
  if (!maySet)
    return (
      <TextInput
        label="Price list"
        value={name}
        readOnly
        description="Managers and admins choose an account's price list."
        error={error}
      />
    );
  return (
    <PriceListSelect
      label="Price list"
      description={description}
      value={value}
      current={saved.data}
      onChange={(id) => onChange(id)}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/**
 * The price list on an account's page, among its key properties: its name, and for managers and admins who
 * may change the account a pencil that opens the choice in place. Choosing saves at once (the caller's
 * optimistic PATCH); Escape or leaving the box changes nothing.
 */
export function EditablePriceList({
  value,
  editable,
  onSave,
}: {
  value: string | null;
  editable: boolean;
  onSave: (id: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const pencil = useRef<HTMLButtonElement>(null);
  const current = useRecord<PriceList>('price-lists', value ?? undefined);
  const name = usePriceListName(value);
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => pencil.current?.focus());
  };
  return (
    // A whole row: a list's name and discount do not fit half of the narrow column, nor does its choice.
    <div style={{ gridColumn: '1 / -1' }}>
      <div style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>Price list</div>
      {editing ? (
        <PriceListSelect
          size="xs"
          aria-label="Price list"
          autoFocus
          defaultDropdownOpened
          value={value}
          current={current.data}
          onChange={(id, list) => {
            // The name shows at once: the list is known from the options.
            if (list) queryClient.setQueryData(['price-lists', 'one', list.id], list);
            close();
            if (id !== value) onSave(id);
          }}
          onBlur={() => setEditing(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              // Escape closes the field, not the page around it.
              event.stopPropagation();
              close();
            }
          }}
          comboboxProps={{ withinPortal: true }}
        />
      ) : (
        <Group gap={4} className="editable-field">
          <div style={{ fontSize: 14, overflowWrap: 'break-word', maxWidth: '100%' }} data-testid="account-price-list">
            {/* The list's own page says what each product costs on it. */}
            {value ? (
              <Anchor component={Link} to={`/price-lists/${value}`} inherit>
                {name}
              </Anchor>
            ) : (
              name
            )}
          </div>
          {editable && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              ref={pencil}
              aria-label="Edit price list"
              onClick={() => setEditing(true)}
              className="editable-field-pencil"
            >
              <IconPencil size={14} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      )}
    </div>
  );
}
