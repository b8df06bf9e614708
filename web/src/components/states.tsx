import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../lib/errors.tsx';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={240} aria-busy="true">
      <Loader size="md" aria-label={t('common.loading')} />
    </Center>
  );
}

/** An empty state that says what to do next: an icon, a sentence, and the actions that fill the page. */
export function EmptyState({
  icon,
  title,
  description,
  children,
}: {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm" py="xl" maw={520} mx="auto" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          {icon}
        </ThemeIcon>
        <Title order={3}>{title}</Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
        {children && (
          <Group justify="center" mt="sm" gap="sm">
            {children}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const p = problemOf(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('errors.loadFailed')} role="alert">
      <Text size="sm">{p.detail}</Text>
      {p.status === 404 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.notAvailable', { code: p.code })}
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
