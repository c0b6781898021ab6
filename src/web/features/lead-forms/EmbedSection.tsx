import { Alert, Anchor, Button, CopyButton, Group, List, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle, IconPlayerPause } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import { HONEYPOT_FIELD } from '../../../shared/contracts/lead-forms.js';
import { Section } from '../../components/Section.js';
import { curlExample, htmlSnippet, publicAddress } from './embed.js';

/** A value to copy: read-only, selected on focus, with its own Copy button (`what`: "address", "HTML"). */
function CopyField({
  label,
  description,
  value,
  what,
  multiline,
}: {
  label: string;
  description?: ReactNode;
  value: string;
  what: string;
  multiline?: boolean;
}) {
  const shared = {
    label,
    description,
    value,
    readOnly: true,
    // Beside its Copy button on a wide screen; a phone puts the button under it, so the value keeps the width.
    style: { flex: '1 1 260px', minWidth: 0 },
    onFocus: (event: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => event.currentTarget.select(),
  };
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      {multiline ? (
        <Textarea
          {...shared}
          autosize
          minRows={3}
          maxRows={18}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        />
      ) : (
        <TextInput {...shared} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
      )}
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            variant="light"
            color={copied ? 'teal' : undefined}
            leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            onClick={copy}
            style={{ flexShrink: 0 }}
          >
            {copied ? 'Copied' : `Copy ${what}`}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * How a website sends a form's inquiries: its public address, a ready-to-paste HTML form posting to it (with
 * the hidden honeypot), a JSON example for developers, and where the visitor's browser goes afterwards.
 * Addresses are absolute, from the address the dashboard is served at.
 */
export function EmbedSection({
  leadForm,
  onEdit,
  onActivate,
}: {
  leadForm: LeadForm;
  onEdit?: () => void;
  onActivate: () => void;
}) {
  const address = publicAddress(leadForm.key, window.location.origin);
  return (
    <Section title="Embed on your website">
      <Stack gap="md" id="embed" style={{ scrollMarginTop: 80 }}>
        {!leadForm.active && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconPlayerPause aria-hidden />}
            title="This form is inactive: it takes no inquiries"
          >
            <Text size="sm">
              Its address refuses every post (404), so the website's form shows an error. Activate it to take inquiries
              again.
            </Text>
            <Button size="compact-sm" variant="light" mt={6} onClick={onActivate}>
              Activate
            </Button>
          </Alert>
        )}
        <CopyField
          label="Public address"
          description="Your website posts inquiries here. No sign-in: the key in the address names this form."
          value={address}
          what="address"
        />
        <CopyField
          label="HTML form"
          description="Paste it into a page of your website and style it as you like. Keep the field names; the hidden field catches spam robots, so leave it hidden and empty."
          value={htmlSnippet(address)}
          what="HTML"
          multiline
        />
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} title="After a visitor sends it">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {leadForm.redirectUrl ? (
              <>
                Their browser goes on to{' '}
                <Anchor href={leadForm.redirectUrl} c="blue.9" underline="always">
                  {leadForm.redirectUrl}
                </Anchor>
                , a page of your own site.
              </>
            ) : (
              <>
                They see a short thank-you page from Meridian. To send them to a page of your own site instead, set an
                address in "After sending, go to".
              </>
            )}{' '}
            {onEdit && (
              <Anchor component="button" type="button" size="sm" c="blue.9" underline="always" onClick={onEdit}>
                {leadForm.redirectUrl ? 'Change it' : 'Set one'}
              </Anchor>
            )}
          </Text>
        </Alert>
        <Stack gap="xs">
          <Title order={3} size="h6">
            For developers
          </Title>
          <Text size="sm">
            A site's own form or a backend can post JSON instead; it is answered <code>201</code> with{' '}
            <code>{'{"received": true}'}</code>. An HTML form's post is answered with the page above.
          </Text>
          <CopyField label="Example (curl)" value={curlExample(address)} what="example" multiline />
          <List size="sm" spacing={2}>
            <List.Item>
              Needed: <code>name</code> (or <code>firstName</code> and <code>lastName</code>), and <code>email</code> or{' '}
              <code>phone</code>.
            </List.Item>
            <List.Item>
              Also read: <code>company</code>, <code>title</code>, <code>country</code>, <code>region</code> (these two
              choose the territory) and <code>message</code>. Any other field is kept in the lead's need as "Label:
              value".
            </List.Item>
            <List.Item>
              <code>{HONEYPOT_FIELD}</code> is the honeypot: a post that fills it is answered alike and makes no lead.
            </List.Item>
            <List.Item>
              Up to 20 posts per visitor and form in 10 minutes; more are refused for a while (429).
            </List.Item>
          </List>
        </Stack>
      </Stack>
    </Section>
  );
}
