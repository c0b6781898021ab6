import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';

/**
 * The page title, an optional line under it, and the page's actions on the right. The title also names the
 * browser tab ("Acme Distribution · Meridian"), so tabs, history and screen readers tell pages apart;
 * `documentTitle` gives it when the title shown is not plain text.
 *
 * `createAction` is a list page's primary action ("New account"), last on the right; on a phone it floats
 * at the bottom of the screen (`.page-create-action` in app.css), so it stays in reach however far the
 * list is scrolled (UI.md).
 */
export function PageHeader({
  title,
  description,
  actions,
  createAction,
  documentTitle,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  createAction?: { label: string; onClick: () => void } | undefined;
  documentTitle?: string;
}) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    if (!tabTitle) return;
    document.title = `${tabTitle} · Meridian`;
    return () => {
      document.title = 'Meridian';
    };
  }, [tabTitle]);
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm">
      <Stack gap={2} miw={0} style={{ flex: '1 1 280px' }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          // A div: descriptions hold badges and groups, which a paragraph may not contain.
          <Text c="dimmed" size="sm" component="div">
            {description}
          </Text>
        )}
      </Stack>
      {(actions || createAction) && (
        <Group gap="xs" wrap="wrap">
          {actions}
          {createAction && (
            <Button
              className="page-create-action"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={createAction.onClick}
            >
              {createAction.label}
            </Button>
          )}
        </Group>
      )}
    </Group>
  );
}
