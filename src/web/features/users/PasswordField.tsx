import { Button, CopyButton, Group, PasswordInput, type PasswordInputProps, Stack } from '@mantine/core';
import { IconCheck, IconCopy, IconWand } from '@tabler/icons-react';
import { useState } from 'react';

/** The password rule of the contract (`users.ts`: 12 to 256 characters), said for people. */
export const passwordRule = 'At least 12 characters. A few unrelated words make one that is strong and easy to type.';

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 16 random characters without look-alikes (0/O, 1/l/I): about 93 bits, easy to read out. */
export function generatePassword(length = 16): string {
  const values = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(values, (value) => alphabet[value % alphabet.length]).join('');
}

/**
 * A new password with the rule under it; with `onGenerated`, a button that makes a strong one and shows it,
 * and a copy button, for an admin who hands the password to a colleague.
 */
export function PasswordField({
  onGenerated,
  ...props
}: PasswordInputProps & { onGenerated?: (password: string) => void }) {
  const [visible, setVisible] = useState(false);
  const value = typeof props.value === 'string' ? props.value : '';
  return (
    <Stack gap={6}>
      <PasswordInput
        description={passwordRule}
        autoComplete="new-password"
        visible={visible}
        onVisibilityChange={setVisible}
        {...props}
      />
      {onGenerated && (
        <Group gap="xs">
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconWand size={14} aria-hidden />}
            onClick={() => {
              onGenerated(generatePassword());
              setVisible(true);
            }}
          >
            Generate a password
          </Button>
          {value && (
            <CopyButton value={value}>
              {({ copied, copy }) => (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy password'}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
      )}
    </Stack>
  );
}
