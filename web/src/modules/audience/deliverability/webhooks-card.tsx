import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  List,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { deliverabilityKeys, type WebhookSettings } from './types.ts';

function UrlField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      ff="monospace"
      onFocus={(e) => e.currentTarget.select()}
      rightSection={
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label={t('common.copy')}
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      }
    />
  );
}

export function WebhooksCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: deliverabilityKeys.webhooks,
    queryFn: () => api.get<WebhookSettings>('/deliverability/webhooks'),
  });
  const update = useMutation({
    mutationFn: (sesVerifySignature: boolean) =>
      api.put<WebhookSettings>('/deliverability/webhooks', { sesVerifySignature }),
    onSuccess: (data) => qc.setQueryData(deliverabilityKeys.webhooks, data),
    onError: (err) => notifyError(err),
  });
  const rotate = useMutation({
    mutationFn: () => api.post<WebhookSettings>('/deliverability/webhooks/rotate-token'),
    onSuccess: (data) => {
      qc.setQueryData(deliverabilityKeys.webhooks, data);
      notifySuccess(t('audDeliverability.webhooks.rotated'));
    },
    onError: (err) => notifyError(err),
  });
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const w = q.data;
  return (
    <Stack maw={860}>
      <Text size="sm" c="dimmed">
        {t('audDeliverability.webhooks.intro')}
      </Text>
      <Paper withBorder p="md" radius="md">
        <Stack>
          <Group justify="space-between">
            <Title order={5}>Amazon SES</Title>
            {w.sesTopicArn && (
              <Badge color={w.sesConfirmed ? 'teal' : 'yellow'} variant="light">
                {w.sesConfirmed ? t('audDeliverability.webhooks.confirmed') : t('audDeliverability.webhooks.pending')}
              </Badge>
            )}
          </Group>
          <UrlField label={t('audDeliverability.webhooks.endpoint')} value={w.sesUrl} />
          <List size="sm" type="ordered" spacing={4}>
            <List.Item>{t('audDeliverability.webhooks.ses1')}</List.Item>
            <List.Item>{t('audDeliverability.webhooks.ses2')}</List.Item>
            <List.Item>{t('audDeliverability.webhooks.ses3')}</List.Item>
          </List>
          {w.sesSubscribeUrl && !w.sesConfirmed && (
            <Alert color="yellow" title={t('audDeliverability.webhooks.confirmTitle')}>
              <Text size="sm">{t('audDeliverability.webhooks.confirmText')}</Text>
              <Anchor
                href={w.sesSubscribeUrl}
                target="_blank"
                rel="noreferrer noopener"
                size="sm"
                style={{ wordBreak: 'break-all' }}
              >
                {w.sesSubscribeUrl}
              </Anchor>
            </Alert>
          )}
          {w.sesTopicArn && (
            <Text size="xs" c="dimmed">
              {t('audDeliverability.webhooks.topic')} <Code>{w.sesTopicArn}</Code>
            </Text>
          )}
          <Switch
            checked={w.sesVerifySignature}
            onChange={(e) => update.mutate(e.currentTarget.checked)}
            label={t('audDeliverability.webhooks.verify')}
            description={t('audDeliverability.webhooks.verifyHint')}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack>
          <Title order={5}>Postmark</Title>
          <UrlField label={t('audDeliverability.webhooks.endpoint')} value={w.postmarkUrl} />
          <List size="sm" type="ordered" spacing={4}>
            <List.Item>{t('audDeliverability.webhooks.pm1')}</List.Item>
            <List.Item>{t('audDeliverability.webhooks.pm2')}</List.Item>
          </List>
        </Stack>
      </Paper>
      <Group>
        <Button
          variant="default"
          color="red"
          leftSection={<IconRefresh size={16} />}
          loading={rotate.isPending}
          onClick={() => rotate.mutate()}
        >
          {t('audDeliverability.webhooks.rotate')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('audDeliverability.webhooks.rotateHint')}
        </Text>
      </Group>
    </Stack>
  );
}
