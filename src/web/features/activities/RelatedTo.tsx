import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import type { Activity } from '../../../shared/contracts/activities.js';
import { AccountName } from '../../components/AccountName.js';

/**
 * Who or what an activity is about, in the activities list: its account by name (the names of a whole page
 * go out as one `GET /accounts?id=…`, see useAccountName), then its deal, contact or lead, each a link.
 * Those three are named by kind only: the API answers an activity with their ids, and has no call that
 * names a page's worth of deals, contacts or leads at once (only accounts take `?id=a,b,…`); a request
 * per row would be the slow list the docs rule out.
 */
export function RelatedTo({ activity }: { activity: Activity }) {
  const others = [
    activity.opportunityId && { to: `/opportunities/${activity.opportunityId}`, label: 'Deal' },
    activity.contactId && { to: `/contacts/${activity.contactId}`, label: 'Contact' },
    activity.leadId && { to: `/leads/${activity.leadId}`, label: 'Lead' },
  ].filter((link): link is { to: string; label: string } => Boolean(link));
  if (!activity.accountId && others.length === 0) return '—';
  return (
    <Group gap={6} wrap="nowrap">
      {activity.accountId && <AccountName id={activity.accountId} />}
      {others.map((link) => (
        <Anchor key={link.to} component={Link} to={link.to} size="sm" c="dimmed" underline="always">
          {link.label}
        </Anchor>
      ))}
    </Group>
  );
}
