import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPause, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PriceList } from '../../../shared/contracts/price-lists.js';
import { ApiError, api } from '../../api/client.js';
import { invalidateAfterWrite, notifyFailure, notifySaved, notifyUndoable } from '../../lib/mutations.js';
import { accountsCount } from './pricing.js';
import { invalidatePriceLists, useSetPriceListActive } from './queries.js';

/** The accounts on a list that refused a delete (the 409's `accounts`), or null for any other failure. */
function accountsInTheWay(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const accounts = error.extensions.accounts;
  return typeof accounts === 'number' ? accounts : null;
}

/**
 * Asks before deleting a price list, then offers Undo (the server only hides it; restore brings it back).
 * A list that accounts are on is refused (409): the dialog then says how many, and offers the two ways on,
 * as the server does: move the accounts off it (a link to them), or make the list inactive instead.
 */
export function DeletePriceListDialog({
  priceList,
  onClose,
  onDeleted,
  onRestored,
}: {
  priceList: PriceList;
  onClose: () => void;
  /** After the delete, before anything refetches (a page of the list leaves it: it now answers 404). */
  onDeleted?: () => void;
  /** After Undo brought it back. */
  onRestored?: (restored: PriceList) => void;
}) {
  const queryClient = useQueryClient();
  const setActive = useSetPriceListActive();
  const [inUse, setInUse] = useState<number | null>(null);
  const restore = async () => {
    try {
      const restored = await api.post<PriceList>(`/price-lists/${priceList.id}/restore`, {});
      invalidatePriceLists(queryClient);
      notifySaved(`${priceList.name} is back.`);
      onRestored?.(restored);
    } catch (error) {
      notifyFailure(error, { title: `${priceList.name} could not be restored` });
    }
  };
  const remove = useMutation({
    mutationFn: () => api.delete(`/price-lists/${priceList.id}`, { headers: { 'if-match': `"${priceList.version}"` } }),
    onSuccess: () => {
      onClose();
      onDeleted?.();
      invalidateAfterWrite(queryClient, ['price-lists'], priceList.id);
      notifyUndoable(`Deleted price list ${priceList.name}.`, restore, 'gray');
    },
    onError: (error) => {
      const accounts = accountsInTheWay(error);
      if (accounts !== null) setInUse(accounts);
      else
        notifyFailure(error, {
          title: `${priceList.name} was not deleted`,
          onReload: () => invalidatePriceLists(queryClient),
        });
    },
  });

  if (inUse !== null) {
    const accounts = accountsCount(inUse);
    return (
      <Modal opened onClose={onClose} title={`${priceList.name} is in use`}>
        <Stack gap="sm">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title="It was not deleted">
            {accounts} {inUse === 1 ? 'is' : 'are'} on this price list, and {inUse === 1 ? 'its' : 'their'} deals are
            priced from it. Give {inUse === 1 ? 'it' : 'them'} another price list (or none) first, then delete it.{' '}
            {priceList.active
              ? 'Or make it inactive instead: it then prices nothing new, and the accounts on it keep it.'
              : 'It is inactive already, so it prices nothing new meanwhile.'}
          </Alert>
          <Anchor component={Link} to={`/accounts?priceListId=${priceList.id}`} size="sm" onClick={onClose}>
            <Group gap={6} component="span" wrap="nowrap">
              <IconUsers size={16} aria-hidden />
              See the accounts on {priceList.name}
            </Group>
          </Anchor>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            {priceList.active && (
              <Button
                leftSection={<IconPlayerPause size={16} aria-hidden />}
                onClick={() => {
                  setActive(priceList, false);
                  onClose();
                }}
              >
                Make it inactive
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={onClose} title={`Delete ${priceList.name}?`}>
      <Text size="sm" component="div">
        The price list and its fixed prices go; deal lines already priced from it keep their prices. A list that
        accounts are on cannot be deleted: make it inactive instead. You can undo right after.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Keep it
        </Button>
        <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
          Delete price list
        </Button>
      </Group>
    </Modal>
  );
}
