import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { ShownOnce } from '../../components/ShownOnce.js';

/**
 * A signing secret, shown the one time the API answers it (on create and on rotation): copy it now, and
 * how a receiver checks the `Meridian-Signature` header with it.
 */
export function SecretDialog({
  url,
  secret,
  rotated,
  onClose,
}: {
  url: string;
  secret: string;
  rotated: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened
      onClose={onClose}
      title={rotated ? 'New signing secret' : 'Webhook created'}
      size="lg"
      // A click beside the dialog must not lose a secret that cannot be shown again.
      closeOnClickOutside={false}
    >
      <Stack gap="sm">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {rotated
            ? `Deliveries to ${url} are signed with this secret from now on, retries included; the old one no longer verifies.`
            : `Meridian will POST the events you chose to ${url}, each signed with this secret.`}
        </Text>
        <ShownOnce
          label="Signing secret"
          value={secret}
          ifLost="Store it where the receiver reads it; if it is lost, rotate the secret to get a new one."
        />
        <Text size="sm">
          To check that a request comes from Meridian, read its <Code>Meridian-Signature</Code> header,{' '}
          <Code>t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</Code>: compute the HMAC-SHA256 of{' '}
          <Code>&lt;t&gt;.&lt;body&gt;</Code> (the raw request body, before any parsing) with this secret, written in
          hex, and compare it with <Code>v1</Code>. Refuse a <Code>t</Code> more than five minutes old, so a recorded
          request cannot be replayed.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
