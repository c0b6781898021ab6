import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { signIn } from '../../api/client.js';
import { StandalonePage } from '../../components/StandalonePage.js';
import { sentence } from '../../lib/forms.js';

type Credentials = { email: string; password: string };

export function SignInPage() {
  const login = useMutation({ mutationFn: ({ email, password }: Credentials) => signIn(email, password) });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
  };

  return (
    <StandalonePage
      width={400}
      footer={
        <Text size="xs" c="dimmed" ta="center">
          Forgot your password? Your administrator can reset it.
        </Text>
      }
    >
      <form onSubmit={onSubmit} aria-labelledby="sign-in-title">
        <Stack gap="md">
          <div>
            <Title id="sign-in-title" order={1} size="h3">
              Sign in
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              Use the e-mail and password of your Meridian account.
            </Text>
          </div>
          {login.isError && (
            <Alert color="red" variant="light" title="Could not sign you in">
              {sentence(login.error.message)}
            </Alert>
          )}
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
          <PasswordInput name="password" label="Password" autoComplete="current-password" required />
          <Button type="submit" fullWidth size="md" loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </StandalonePage>
  );
}
