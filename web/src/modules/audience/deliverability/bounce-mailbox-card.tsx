import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { applyFormErrors, notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import {
  type AfterProcess,
  type BounceMailbox,
  type BounceMailboxStatus,
  type ConnectionTest,
  deliverabilityKeys,
} from './types.ts';

type Values = {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  mailbox: string;
  afterProcess: AfterProcess;
  moveTo: string;
};

const EMPTY: Values = {
  enabled: true,
  host: '',
  port: 993,
  secure: true,
  username: '',
  password: '',
  mailbox: 'INBOX',
  afterProcess: 'mark_seen',
  moveTo: 'Processed',
};

export function BounceMailboxCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const settings = useQuery({
    queryKey: deliverabilityKeys.mailbox,
    // Not set up yet is a normal state: the form starts empty.
    queryFn: () =>
      api.get<BounceMailbox>('/bounce-mailbox').catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
  });
  const status = useQuery({
    queryKey: [...deliverabilityKeys.mailbox, 'status'],
    queryFn: () => api.get<BounceMailboxStatus>('/bounce-mailbox/status'),
    refetchInterval: 60_000,
  });
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: {
      host: (v) => (v.trim() ? null : t('validation.required')),
      username: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const loaded = settings.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once the saved settings arrive
  useEffect(() => {
    if (loaded) {
      form.setValues({ ...loaded, password: '', moveTo: loaded.moveTo ?? 'Processed' });
      form.resetDirty();
    }
  }, [loaded]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api.put<BounceMailbox>('/bounce-mailbox', {
        enabled: v.enabled,
        host: v.host.trim(),
        port: v.port,
        secure: v.secure,
        username: v.username.trim(),
        ...(v.password ? { password: v.password } : {}),
        mailbox: v.mailbox.trim() || 'INBOX',
        afterProcess: v.afterProcess,
        moveTo: v.afterProcess === 'move' ? v.moveTo.trim() : null,
      }),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void qc.invalidateQueries({ queryKey: deliverabilityKeys.mailbox });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const runTest = useMutation({
    mutationFn: () => api.post<ConnectionTest>('/bounce-mailbox/test'),
    onSuccess: setTest,
    onError: (err) => notifyError(err),
  });

  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const st = status.data;

  return (
    <Stack maw={760}>
      <Text size="sm" c="dimmed">
        {t('audDeliverability.mailbox.intro')}
      </Text>
      {st?.configured && st.lastRunAt && (
        <Alert
          color={st.lastStatus === 'error' ? 'red' : 'teal'}
          icon={st.lastStatus === 'error' ? <IconAlertTriangle size={18} /> : <IconCircleCheck size={18} />}
          title={t('audDeliverability.mailbox.lastRun', { when: f.relative(st.lastRunAt) })}
        >
          {st.lastStatus === 'error'
            ? st.lastError
            : t('audDeliverability.mailbox.lastCounts', {
                fetched: st.lastCounts?.fetched ?? 0,
                bounces: st.lastCounts?.bounces ?? 0,
                complaints: st.lastCounts?.complaints ?? 0,
                ignored: st.lastCounts?.ignored ?? 0,
              })}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack>
            <Group justify="space-between">
              <Title order={5}>{t('audDeliverability.mailbox.title')}</Title>
              <Switch
                label={t('audDeliverability.mailbox.enabled')}
                {...form.getInputProps('enabled', { type: 'checkbox' })}
              />
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('audDeliverability.mailbox.host')}
                placeholder="imap.example.com"
                required
                style={{ gridColumn: 'span 2' }}
                {...form.getInputProps('host')}
              />
              <NumberInput
                label={t('audDeliverability.mailbox.port')}
                min={1}
                max={65535}
                {...form.getInputProps('port')}
              />
            </SimpleGrid>
            <Switch
              label={t('audDeliverability.mailbox.secure')}
              description={t('audDeliverability.mailbox.secureHint')}
              {...form.getInputProps('secure', { type: 'checkbox' })}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                form.setFieldValue('secure', on);
                if (form.values.port === 993 || form.values.port === 143) form.setFieldValue('port', on ? 993 : 143);
              }}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('audDeliverability.mailbox.username')}
                autoComplete="off"
                required
                {...form.getInputProps('username')}
              />
              <PasswordInput
                label={t('audDeliverability.mailbox.password')}
                autoComplete="new-password"
                placeholder={loaded?.hasPassword ? t('audDeliverability.mailbox.passwordKept') : ''}
                {...form.getInputProps('password')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('audDeliverability.mailbox.folder')} {...form.getInputProps('mailbox')} />
              <Select
                label={t('audDeliverability.mailbox.after')}
                allowDeselect={false}
                data={(['mark_seen', 'move', 'delete'] as const).map((v) => ({
                  value: v,
                  label: t(`audDeliverability.mailbox.afterOptions.${v}`),
                }))}
                {...form.getInputProps('afterProcess')}
              />
              {form.values.afterProcess === 'move' && (
                <TextInput label={t('audDeliverability.mailbox.moveTo')} {...form.getInputProps('moveTo')} />
              )}
            </SimpleGrid>
            <Group justify="space-between" mt="xs">
              <Button
                variant="default"
                leftSection={<IconPlugConnected size={16} />}
                disabled={!loaded || form.isDirty()}
                loading={runTest.isPending}
                onClick={() => runTest.mutate()}
                title={form.isDirty() ? t('audDeliverability.mailbox.saveFirst') : undefined}
              >
                {t('audDeliverability.mailbox.test')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
            {test && (
              <Alert color={test.ok ? 'teal' : 'red'} role="status">
                {test.ok
                  ? t('audDeliverability.mailbox.testOk', {
                      mailbox: test.mailbox,
                      messages: test.messages,
                      unseen: test.unseen,
                    })
                  : t('audDeliverability.mailbox.testFailed', { error: test.error })}
              </Alert>
            )}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
