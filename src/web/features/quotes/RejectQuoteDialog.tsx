import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Quote } from '../../../shared/contracts/quotes.js';
import { sentence } from '../../lib/forms.js';
import { notifySaved } from '../../lib/mutations.js';
import { useQuoteStep } from './queries.js';

/** Records that the customer turned the quote down, and why if they said: what the next offer must mend. */
export function RejectQuoteDialog({ quote, onClose }: { quote: Quote; onClose: () => void }) {
  const reject = useQuoteStep(quote);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = () => {
    setProblem(null);
    reject.mutate(
      { step: 'reject', input: reason.trim() ? { reason: reason.trim() } : {} },
      {
        onSuccess: (answer) => {
          notifySaved(`${answer.quote.number} marked rejected`);
          onClose();
        },
        onError: (error) => setProblem(sentence(error instanceof Error ? error.message : 'It was not marked')),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Mark ${quote.number} rejected`}>
      <Stack gap="sm">
        <Text size="sm">The customer turned this offer down. The deal stays as it is; a new quote can follow.</Text>
        <Textarea
          label="Reason"
          description="What they said: price, timing, a competitor…"
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          data-autofocus
        />
        {problem && (
          <Alert color="red" variant="light" title="Not marked rejected">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={reject.isPending} onClick={confirm}>
            Mark rejected
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
