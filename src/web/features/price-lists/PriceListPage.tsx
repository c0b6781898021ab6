import { ActionIcon, Anchor, Badge, Button, Group, Menu, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconDots,
  IconEdit,
  IconPlayerPause,
  IconPlayerPlay,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useIsAdmin } from '../../api/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { Section } from '../../components/Section.js';
import { DeletePriceListDialog } from './DeletePriceListDialog.js';
import { PriceListForm } from './PriceListForm.js';
import { PriceListStatus } from './PriceListStatus.js';
import { PriceTable } from './PriceTable.js';
import { accountsCount, discountRule, percentText } from './pricing.js';
import { useAccountsOnPriceList, useMayKeepPriceLists, usePriceList, useSetPriceListActive } from './queries.js';

/**
 * A price list: what it is (its discount, currency, whether it prices deals now, the accounts on it) and
 * the catalogue at its prices. Managers and admins edit it, deactivate or delete it, and fix or reset the
 * price of each product in place; everyone else reads it.
 */
export function PriceListPage() {
  const { id = '' } = useParams();
  const priceList = usePriceList(id);
  const mayKeep = useMayKeepPriceLists();
  const isAdmin = useIsAdmin();
  const accounts = useAccountsOnPriceList(priceList.data?.id);
  const setActive = useSetPriceListActive();
  const navigate = useNavigate();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);

  if (priceList.isPending) return <PageSkeleton />;
  if (priceList.isError)
    return (
      <QueryError
        error={priceList.error}
        what="this price list"
        onRetry={() => priceList.refetch()}
        back={{ to: '/price-lists', label: 'Go to the price lists' }}
      />
    );
  const record = priceList.data;
  const rule =
    record.discountPercent === 0
      ? `Every product costs its list price in ${record.currency}, unless a price is fixed for it here.`
      : `Every product listed in ${record.currency} costs its list price less ${percentText(record.discountPercent)}, unless a price is fixed for it here.`;

  return (
    <>
      <Anchor component={Link} to="/price-lists" size="sm" mb={4} display="inline-block">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          Price lists
        </Group>
      </Anchor>
      <PageHeader
        title={record.name}
        description={
          <Stack gap={4}>
            <Group gap="xs" data-testid="price-list-summary">
              <PriceListStatus active={record.active} />
              <Badge variant="light" color="blue">
                {discountRule(record.discountPercent)}
              </Badge>
              <Badge variant="outline" color="gray">
                {record.currency}
              </Badge>
              <AccountsOnList id={record.id} total={accounts} everyone={isAdmin} />
            </Group>
            {record.description && <Text size="sm">{record.description}</Text>}
          </Stack>
        }
        actions={
          mayKeep ? (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
                Edit
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" aria-label="More actions">
                    <IconDots size={18} aria-hidden />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {record.active ? (
                    <Menu.Item
                      leftSection={<IconPlayerPause size={16} aria-hidden />}
                      onClick={() => setActive(record, false)}
                    >
                      Deactivate
                    </Menu.Item>
                  ) : (
                    <Menu.Item
                      leftSection={<IconPlayerPlay size={16} aria-hidden />}
                      onClick={() => setActive(record, true)}
                    >
                      Activate
                    </Menu.Item>
                  )}
                  <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={del.open}>
                    Delete price list
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </>
          ) : undefined
        }
      />
      <Section title="Catalogue at this list's prices">
        <Text size="sm" c="dimmed" mb="sm">
          {rule}
          {record.active ? '' : ' The list is inactive: it prices no new deal lines until it is activated.'}
        </Text>
        <PriceTable priceList={record} editable={mayKeep} />
      </Section>
      {editing && <PriceListForm key={record.version} priceList={record} onClose={edit.close} />}
      {deleting && (
        <DeletePriceListDialog
          priceList={record}
          onClose={del.close}
          onDeleted={() => navigate('/price-lists')}
          onRestored={(restored) => navigate(`/price-lists/${restored.id}`)}
        />
      )}
    </>
  );
}

/**
 * "3 accounts on this list", leading to those accounts (the accounts list reads `priceListId` from its
 * URL, as the API does). Counted over the accounts the caller sees: an admin's count is everyone's.
 */
function AccountsOnList({ id, total, everyone }: { id: string; total: number | undefined; everyone: boolean }) {
  if (total === undefined) return <Skeleton height={18} width={140} />;
  const label = `${accountsCount(total)} ${everyone ? '' : 'you see '}on this list`;
  if (total === 0)
    return (
      <Text span size="sm">
        {label}
      </Text>
    );
  return (
    <Anchor component={Link} to={`/accounts?priceListId=${id}`} size="sm" underline="always">
      <Group gap={4} component="span" wrap="nowrap">
        <IconUsers size={14} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}

export const Component = PriceListPage;
