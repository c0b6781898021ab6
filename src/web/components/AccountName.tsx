import { Anchor, Skeleton } from '@mantine/core';
import { Link } from 'react-router';
import { useAccountName } from '../api/hooks.js';

/** A record's account in a list cell: its name, leading to its page; a dash when there is none to show. */
export function AccountName({ id }: { id: string | null }) {
  const name = useAccountName(id);
  if (id === null || name === null) return '—';
  // As wide as a short name, so the row does not jump when it arrives.
  if (name === undefined) return <Skeleton height={12} width={120} radius="sm" />;
  return (
    <Anchor component={Link} to={`/accounts/${id}`} size="sm">
      {name}
    </Anchor>
  );
}
