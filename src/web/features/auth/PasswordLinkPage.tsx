import { Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PasswordLink } from '../../../shared/contracts/auth.js';
import { publicRequest } from '../../api/client.js';
import { CheckingLink, DeadLink, StandalonePage } from '../../components/StandalonePage.js';
import { CardHeading, FailureAlert } from './auth-card.js';

const MIN_LENGTH = 12;

/**
 * Where a reset or invitation e-mail leads: the person chooses their password, without signing in (the
 * link's one-time token is the credential), and then signs in with it.
 */
export function PasswordLinkPage({ token }: { token: string }) {
  const link = useQuery({
    queryKey: ['password-link'],
    queryFn: ({ signal }) =>
      publicRequest<PasswordLink>('/auth/password-link', { method: 'POST', body: { token }, signal }),
    retry: false,
  });
  const [mismatch, setMismatch] = useState(false);
  const choose = useMutation({
    mutationFn: (password: string) =>
      publicRequest<void>('/auth/password', { method: 'POST', body: { token, password } }),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const repeated = String(form.get('repeated') ?? '');
    setMismatch(password !== repeated);
    if (password === repeated) choose.mutate(password);
  };

  return (
    <StandalonePage width={420}>
      {link.isPending ? (
        <CheckingLink label="Checking the link" />
      ) : link.isError ? (
        <DeadLink
          title="This link does not work any more"
          error={link.error}
          next={{ label: 'Ask for a new one from the sign-in page', href: '/' }}
        />
      ) : choose.isSuccess ? (
        <Stack gap="sm">
          <Title order={1} size="h3">
            Your password is set
          </Title>
          <Text size="sm">Sign in with {link.data.email} and your new password.</Text>
          <Button component="a" href="/" fullWidth>
            Sign in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} aria-labelledby="password-link-title">
          <Stack gap="md">
            <CardHeading
              id="password-link-title"
              title={link.data.purpose === 'invitation' ? 'Welcome to Meridian' : 'Choose a new password'}
              hint={`${link.data.name}, choose the password you will sign in with as ${link.data.email}.`}
            />
            <FailureAlert title="Your password was not set" error={choose.error} />
            <PasswordInput
              name="password"
              label="New password"
              description={`At least ${MIN_LENGTH} characters; a few words make a good one`}
              autoComplete="new-password"
              minLength={MIN_LENGTH}
              maxLength={256}
              required
              autoFocus
            />
            <PasswordInput
              name="repeated"
              label="The same again"
              autoComplete="new-password"
              required
              error={mismatch ? 'The two passwords differ' : undefined}
            />
            <Button type="submit" fullWidth size="md" loading={choose.isPending}>
              Set my password
            </Button>
          </Stack>
        </form>
      )}
    </StandalonePage>
  );
}
