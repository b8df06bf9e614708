import { Button, Code, CopyButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { shippingKeys, type WidgetInfo } from './types.ts';

/** The quote widget's snippet for a product or checkout page, and what its attributes do. */
export function WidgetPanel() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: shippingKeys.widget, queryFn: () => api.get<WidgetInfo>('/shipping/widget') });
  if (info.isPending) return <PageLoader />;
  if (info.isError) return <QueryError error={info.error} onRetry={() => void info.refetch()} />;
  const w = info.data;
  return (
    <Stack maw={760}>
      <Paper withBorder p="lg" radius="md">
        <Title order={4}>{t('comShipping.widget.title')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('comShipping.widget.hint')}
        </Text>
        <Code block dir="ltr" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {w.snippet}
        </Code>
        <Group mt="sm" justify="space-between">
          <Text size="xs" c="dimmed">
            {w.countries.length
              ? t('comShipping.widget.countries', { list: w.countries.join(', ') })
              : t('comShipping.widget.noCountries')}
          </Text>
          <CopyButton value={w.snippet}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Title order={5} mb="xs">
          {t('comShipping.widget.attributes')}
        </Title>
        <List size="sm" spacing={4}>
          {(['weight', 'sku', 'cart', 'select', 'country'] as const).map((k) => (
            <List.Item key={k}>{t(`comShipping.widget.attr.${k}`)}</List.Item>
          ))}
        </List>
      </Paper>
    </Stack>
  );
}
