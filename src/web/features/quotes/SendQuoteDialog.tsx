import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Communication } from '../../../shared/contracts/communications.js';
import type { Quote, SendQuoteInput } from '../../../shared/contracts/quotes.js';
import { fieldErrorsOf, focusFirstError, sentence } from '../../lib/forms.js';
import { addressesProblem, splitAddresses } from '../communications/addresses.js';
import { useQuoteStep } from './queries.js';

type Values = { to: string; cc: string; subject: string; message: string };

function payloadOf(values: Values): SendQuoteInput {
  return {
    to: splitAddresses(values.to),
    cc: splitAddresses(values.cc),
    ...(values.subject.trim() ? { subject: values.subject.trim() } : {}),
    ...(values.message.trim() ? { message: values.message.trim() } : {}),
  };
}

/** The server names an address by its place ("to.1"): the box that holds it shows it. */
const boxErrors = (error: unknown) =>
  Object.fromEntries(
    Object.entries(fieldErrorsOf(error) ?? {}).map(([path, message]) => [path.split('.')[0], message]),
  );

/**
 * Sends a quote to the customer: an e-mail with its PDF attached, to its contact unless other addresses
 * are given, queued like any other e-mail. Once queued, the dialog says so and where to follow it.
 */
export function SendQuoteDialog({
  quote,
  contactEmail,
  onClose,
}: {
  quote: Quote;
  contactEmail: string | null;
  onClose: () => void;
}) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const send = useQuoteStep(quote);
  const [queued, setQueued] = useState<Communication | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { to: contactEmail ?? '', cc: '', subject: '', message: '' },
    validate: (values) => {
      const to = addressesProblem(values.to, { required: true });
      const cc = addressesProblem(values.cc);
      return { ...(to ? { to } : {}), ...(cc ? { cc } : {}) };
    },
  });
  const submit = (values: Values) => {
    setProblem(null);
    send.mutate(
      { step: 'send', input: payloadOf(values) },
      {
        onSuccess: ({ sent }) => setQueued(sent?.communication ?? null),
        onError: (error) => {
          form.setErrors(boxErrors(error));
          setProblem(sentence(error instanceof Error ? error.message : 'The quote was not sent'));
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Send ${quote.number}`} fullScreen={isPhone ?? false}>
      {queued ? (
        <Stack gap="sm">
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="Queued">
            The e-mail to {queued.to.join(', ')} with the quote's PDF attached is on its way: it goes out within a
            minute. It shows on the deal's timeline, where you can follow it.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              An e-mail with the quote's PDF attached. Once sent, the quote no longer changes.
            </Text>
            <TextInput
              label="To"
              required
              description="Separate several addresses with commas"
              autoComplete="off"
              data-autofocus
              {...form.getInputProps('to')}
            />
            <TextInput label="Cc" autoComplete="off" {...form.getInputProps('cc')} />
            <TextInput
              label="Subject"
              placeholder={`Quote ${quote.number}: ${quote.title}`}
              {...form.getInputProps('subject')}
            />
            <Textarea
              label="Message"
              placeholder="Left empty, a short cover note is written for you."
              autosize
              minRows={4}
              maxRows={12}
              {...form.getInputProps('message')}
            />
            {problem && (
              <Alert color="red" variant="light" title="Not sent">
                {problem}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={send.isPending}>
                Send quote
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
