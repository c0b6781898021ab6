import { Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { publicRequest, signIn } from '../../api/client.js';
import { StandalonePage } from '../../components/StandalonePage.js';
import { AccountEmailInput, CardHeading, FailureAlert } from './auth-card.js';

type Credentials = { email: string; password: string };

export function SignInPage() {
  const [forgotten, setForgotten] = useState(false);
  return forgotten ? (
    <ForgotPassword onBack={() => setForgotten(false)} />
  ) : (
    <SignIn onForgot={() => setForgotten(true)} />
  );
}

function SignIn({ onForgot }: { onForgot: () => void }) {
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
        <Text size="sm" ta="center">
          <Anchor component="button" type="button" onClick={onForgot}>
            Forgot your password?
          </Anchor>
        </Text>
      }
    >
      <form onSubmit={onSubmit} aria-labelledby="sign-in-title">
        <Stack gap="md">
          <CardHeading
            id="sign-in-title"
            title="Sign in"
            hint="Use the e-mail and password of your Meridian account."
          />
          <FailureAlert title="Could not sign you in" error={login.error} />
          <AccountEmailInput />
          <PasswordInput name="password" label="Password" autoComplete="current-password" required />
          <Button type="submit" fullWidth size="md" loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </StandalonePage>
  );
}

/**
 * "Forgot your password?": Meridian e-mails a link to choose a new one. It answers the same whether or
 * not the address has an account, and so does this page.
 */
function ForgotPassword({ onBack }: { onBack: () => void }) {
  const request = useMutation({
    mutationFn: (email: string) => publicRequest<void>('/auth/password-reset', { method: 'POST', body: { email } }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate(String(new FormData(event.currentTarget).get('email') ?? ''));
  };
  return (
    <StandalonePage
      width={400}
      footer={
        <Text size="sm" ta="center">
          <Anchor component="button" type="button" onClick={onBack}>
            Back to sign in
          </Anchor>
        </Text>
      }
    >
      {request.isSuccess ? (
        <Stack gap="sm">
          <Title order={1} size="h3">
            Check your e-mail
          </Title>
          <Text size="sm">
            If {request.variables} has a Meridian account, a link to choose a new password is on its way. It works once,
            for an hour.
          </Text>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} aria-labelledby="forgot-title">
          <Stack gap="md">
            <CardHeading
              id="forgot-title"
              title="Forgot your password?"
              hint="Meridian e-mails you a link to choose a new one."
            />
            <FailureAlert title="No link was sent" error={request.error} />
            <AccountEmailInput />
            <Button type="submit" fullWidth size="md" loading={request.isPending}>
              E-mail me a link
            </Button>
          </Stack>
        </form>
      )}
    </StandalonePage>
  );
}
