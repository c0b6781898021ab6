import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconFlask, IconSend } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import { Section } from '../../components/Section.js';
import { humanize } from '../../lib/format.js';
import { leadsPath } from './embed.js';
import { useSendTestInquiry } from './queries.js';

/**
 * "Send a test inquiry": posts a sample inquiry to the form's public address as a website would, then leads
 * to the lead it made. Said plainly to be a test, since the lead is a real one (assigned and notified).
 */
export function TestInquirySection({ leadForm }: { leadForm: LeadForm }) {
  const send = useSendTestInquiry(leadForm);
  const sent = send.data;
  return (
    <Section
      title="Test the form"
      action={
        <Badge variant="outline" color="gray" leftSection={<IconFlask size={12} aria-hidden />}>
          Test
        </Badge>
      }
    >
      <Stack gap="sm">
        <Text size="sm">
          Sends a sample inquiry to the public address, as your website would. It makes a real lead, "Test Inquiry",
          handed out and notified as any other: delete it once you have seen it.
        </Text>
        <Group>
          <Button
            variant="default"
            leftSection={<IconSend size={16} aria-hidden />}
            loading={send.isPending}
            disabled={!leadForm.active}
            onClick={() => send.mutate()}
          >
            Send a test inquiry
          </Button>
        </Group>
        {!leadForm.active && (
          <Text size="sm" c="dimmed">
            An inactive form takes no inquiries, tests included: activate it first.
          </Text>
        )}
        {sent && (
          <Alert
            color="teal"
            variant="light"
            icon={<IconCheck aria-hidden />}
            title="Test inquiry received"
            role="status"
          >
            <Stack gap={4}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                A lead "Test Inquiry" ({sent.inquiry.email}) was made from it, with the source{' '}
                {humanize(leadForm.source)}, and its owner was notified.
              </Text>
              <Group gap="md">
                {sent.leadId && (
                  <Anchor component={Link} to={`/leads/${sent.leadId}`} size="sm" underline="always">
                    Open the test lead
                  </Anchor>
                )}
                <Anchor component={Link} to={leadsPath(leadForm)} size="sm" underline="always">
                  See the newest {humanize(leadForm.source).toLowerCase()} leads
                </Anchor>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
