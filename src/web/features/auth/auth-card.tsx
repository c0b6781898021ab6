import { Alert, Text, TextInput, Title } from '@mantine/core';
import { sentence } from '../../lib/forms.js';

/** The title of a sign-in card (its form is labelled by `id`) and the line under it. */
export function CardHeading({ id, title, hint }: { id: string; title: string; hint: string }) {
  return (
    <div>
      <Title id={id} order={1} size="h3">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {hint}
      </Text>
    </div>
  );
}

/** What the server said went wrong, under the card's heading. */
export function FailureAlert({ title, error }: { title: string; error: Error | null }) {
  return error ? (
    <Alert color="red" variant="light" title={title}>
      {sentence(error.message)}
    </Alert>
  ) : null;
}

/** The e-mail an account signs in with: the first field of a card, as password managers expect it. */
export function AccountEmailInput() {
  return (
    <TextInput
      name="email"
      type="email"
      label="E-mail"
      placeholder="you@company.com"
      autoComplete="username"
      inputMode="email"
      required
      autoFocus
    />
  );
}
