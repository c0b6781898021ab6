import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { signIn } from '../../api/client.js';
import { Logo } from '../../components/Logo.js';

type Credentials = { email: string; password: string };

export function SignInPage() {
  const login = useMutation({ mutationFn: ({ email, password }: Credentials) => signIn(email, password) });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
  };

  return (
    <Box component="main" bg="gray.0" mih="100dvh" px="md" py="xl">
      <Center mih="calc(100dvh - 2 * var(--mantine-spacing-xl))">
        <Stack w="100%" maw={400} gap="lg">
          <Center>
            <Logo />
          </Center>
          <Paper withBorder shadow="sm" p={{ base: 'lg', xs: 'xl' }}>
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
                    {asSentence(login.error.message)}
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
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? Your administrator can reset it.
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}

/** Problem details are written as lower-case clauses ("the e-mail or password is wrong"). */
function asSentence(text: string) {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
