import { Anchor, Group, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Activity } from '../../../shared/contracts/activities.js';
import { type NamedResource, useRecordName } from '../../api/hooks.js';
import { AccountName } from '../../components/AccountName.js';

/**
 * Who or what an activity is about, in the activities list: its account, then its deal, contact or lead,
 * each by name and a link to it. Every cell asks for its own names; one page's worth go out as one
 * `GET /{resource}?id=a,b,…` per kind of record (useRecordName), never a request per row.
 */
export function RelatedTo({ activity }: { activity: Activity }) {
  if (!activity.accountId && !activity.opportunityId && !activity.contactId && !activity.leadId) return '—';
  return (
    <Group gap={8} wrap="wrap">
      {activity.accountId && <AccountName id={activity.accountId} />}
      {activity.opportunityId && (
        <RelatedRecord resource="opportunities" id={activity.opportunityId} kind="Deal" prefixed />
      )}
      {activity.contactId && <RelatedRecord resource="contacts" id={activity.contactId} kind="Contact" />}
      {activity.leadId && <RelatedRecord resource="leads" id={activity.leadId} kind="Lead" />}
    </Group>
  );
}

/**
 * One related record by name, leading to its page. A deal's name says what it is ("Deal: Snow blowers");
 * a person's name speaks for itself. One the caller may not see is named by its kind only, with no link
 * to a page that would refuse them.
 */
function RelatedRecord({
  resource,
  id,
  kind,
  prefixed = false,
}: {
  resource: NamedResource;
  id: string;
  kind: string;
  prefixed?: boolean;
}) {
  const name = useRecordName(resource, id);
  // As wide as a short name, so the row does not jump when it arrives.
  if (name === undefined) return <Skeleton height={12} width={90} radius="sm" />;
  if (name === null)
    return (
      <Text span size="sm" c="dimmed">
        {kind}
      </Text>
    );
  return (
    <Anchor component={Link} to={`/${resource}/${id}`} size="sm" c="dimmed" underline="always">
      {prefixed ? `${kind}: ${name}` : name}
    </Anchor>
  );
}
