import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type Quote, updateQuoteSchema } from '../../../shared/contracts/quotes.js';
import { DateField } from '../../components/DateFields.js';
import { ContactPicker } from '../../components/Pickers.js';
import { Section } from '../../components/Section.js';
import { type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { notifySaved, reportSaveError } from '../../lib/mutations.js';
import { QuoteLinesEditor } from './QuoteLinesEditor.js';
import { QuoteTotals } from './QuoteTotals.js';
import { isStale, reloadStaleQuote, useSaveQuote } from './queries.js';
import { changesOf, draftOf, emptyFieldProblems, figure, hasChanges, type QuoteDraft, totalsOf } from './quote-math.js';

/** The contract's words for people: "Invalid ISO date" is no help under a date box. */
function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path,
      path === 'validUntil' ? 'A day such as 6 Dec 2026' : typeof message === 'string' ? sentence(message) : message,
    ]),
  );
}

/**
 * A draft quote, edited as a form: title, whom it is addressed to, until when it stands, tax, terms and
 * its lines, with the figures worked out as they are typed. "Save changes" sends only what changed
 * (PATCH with If-Match); a quote changed or sent meanwhile is reloaded, and the user told.
 * `onDirtyChange` lets the page hold back what would use the saved quote instead (sending, the PDF).
 */
export function QuoteEditor({
  quote,
  onDirtyChange,
  onRefused,
}: {
  quote: Quote;
  onDirtyChange: (dirty: boolean) => void;
  /** Why a save was refused and the quote reloaded (null once a save goes through), for the page to say. */
  onRefused: (reason: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const save = useSaveQuote(quote);
  const form = useForm<QuoteDraft>({
    mode: 'controlled',
    initialValues: draftOf(quote),
    validate: (values) => ({
      ...readable(zodValidate(updateQuoteSchema, (draft: QuoteDraft) => changesOf(quote, draft))(values)),
      ...emptyFieldProblems(values, quote.currency),
    }),
  });
  const values = form.getValues();
  const dirty = hasChanges(quote, values);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // Leaving the page (or the quote) with nothing unsaved any more lets the page offer everything again.
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const submit = (draft: QuoteDraft) => {
    const changes = changesOf(quote, draft);
    if (Object.keys(changes).length === 0) return;
    save.mutate(changes, {
      onSuccess: (saved) => {
        onRefused(null);
        notifySaved(`${saved.number} saved`);
      },
      onError: (error) => {
        if (isStale(error)) onRefused(reloadStaleQuote(queryClient, quote, error));
        else reportSaveError(form, error, { title: `${quote.number} was not saved` });
      },
    });
  };

  return (
    <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
      <Stack gap="md">
        <Section title="Quote">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput label="Title" required {...form.getInputProps('title')} style={{ gridColumn: '1 / -1' }} />
            <ContactPicker
              label="Addressed to"
              description="A contact of the account: the quote is e-mailed to them"
              placeholder="Choose a contact"
              accountId={quote.accountId}
              value={values.contactId}
              onChange={(id) => form.setFieldValue('contactId', id)}
              error={form.errors.contactId}
            />
            <DateField
              label="Valid until"
              description="The last day the offer stands"
              required
              {...form.getInputProps('validUntil')}
            />
            <NumberInput
              label="Tax"
              description="Sales tax or VAT on the net total"
              min={0}
              max={100}
              decimalScale={2}
              suffix="%"
              hideControls
              {...form.getInputProps('taxPercent')}
            />
            <Textarea
              label="Terms"
              description="Payment and delivery, printed under the lines"
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('terms')}
              style={{ gridColumn: '1 / -1' }}
            />
          </SimpleGrid>
        </Section>
        <Section title="Lines">
          <Stack gap="md">
            <QuoteLinesEditor
              form={form}
              deal={{ id: quote.opportunityId, accountId: quote.accountId, currency: quote.currency }}
            />
            <QuoteTotals
              totals={dirty ? totalsOf(values.lines, values.taxPercent) : quote}
              currency={quote.currency}
              taxPercent={figure(values.taxPercent) ?? 0}
              unsaved={dirty}
            />
          </Stack>
        </Section>
        <SaveBar
          dirty={dirty}
          saving={save.isPending}
          onDiscard={() => {
            form.setValues(draftOf(quote));
            form.clearErrors();
          }}
        />
      </Stack>
    </form>
  );
}

/** Save and Discard, in reach at the bottom of the screen while there is something to save. */
function SaveBar({ dirty, saving, onDiscard }: { dirty: boolean; saving: boolean; onDiscard: () => void }) {
  if (!dirty) return null;
  return (
    <Paper withBorder shadow="sm" p="sm" radius="md" style={{ position: 'sticky', bottom: 8, zIndex: 2 }}>
      <Group justify="flex-end" gap="xs">
        <Text size="sm" c="dimmed" mr="auto" role="status">
          Unsaved changes. Save them to send the quote: the PDF and the e-mail show it as saved.
        </Text>
        <Button variant="default" disabled={saving} onClick={onDiscard}>
          Discard changes
        </Button>
        <Button type="submit" loading={saving}>
          Save changes
        </Button>
      </Group>
    </Paper>
  );
}
