import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { keys } from '../queries.ts';
import { CONSENT_STATUSES, type ConsentResponse, type ConsentStatus } from '../types.ts';

const STATUS_COLOR: Record<ConsentStatus, string> = {
  subscribed: 'green',
  pending: 'yellow',
  unsubscribed: 'red',
  none: 'gray',
};

const LAWFUL_BASES = ['consent', 'contract', 'legitimate_interest', 'legal_obligation'] as const;

export function ConsentCard({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [opened, modal] = useDisclosure(false);
  const [historyOpen, history] = useDisclosure(false);
  const key = [...keys.contact(contactId), 'consent'];
  const consent = useQuery({
    queryKey: key,
    queryFn: () => api.get<ConsentResponse>(`/contacts/${contactId}/consent`),
  });
  const form = useForm({
    initialValues: {
      channel: 'email',
      status: 'subscribed' as ConsentStatus,
      lawfulBasis: 'consent' as string | null,
      source: '',
    },
  });
  const record = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post(`/contacts/${contactId}/consent`, {
        channel: v.channel.trim() || 'email',
        status: v.status,
        lawfulBasis: v.lawfulBasis ?? undefined,
        source: v.source.trim() || undefined,
        evidence: { recordedIn: 'web-ui', userAgent: navigator.userAgent },
      }),
    meta: { silentError: true },
    onSuccess: async () => {
      modal.close();
      form.reset();
      notifySuccess(t('consent.recorded'));
      await qc.invalidateQueries({ queryKey: key });
      await qc.invalidateQueries({ queryKey: keys.timeline('contacts', contactId) });
    },
    onError: (err) => applyFormErrors(form, err),
  });

  return (
    <Card>
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <IconShieldCheck size={18} />
          <Title order={5}>{t('consent.title')}</Title>
        </Group>
        <Button size="compact-sm" variant="subtle" onClick={modal.open}>
          {t('consent.record')}
        </Button>
      </Group>
      {consent.isError ? (
        <QueryError error={consent.error} />
      ) : !consent.data ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : consent.data.current.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('consent.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {consent.data.current.map((c) => (
            <Group key={c.channel} justify="space-between" wrap="nowrap">
              <Text size="sm" tt="capitalize">
                {c.channel}
              </Text>
              <Group gap={6} wrap="nowrap">
                <Badge color={STATUS_COLOR[c.status]} variant="light">
                  {t(`consent.status.${c.status}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {f.date(c.at)}
                </Text>
              </Group>
            </Group>
          ))}
          {consent.data.history.length > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={history.open} style={{ alignSelf: 'flex-start' }}>
              {t('consent.history', { count: consent.data.history.length })}
            </Button>
          )}
        </Stack>
      )}
      <Modal opened={opened} onClose={modal.close} title={t('consent.record')}>
        <form onSubmit={form.onSubmit((v) => record.mutate(v))}>
          <Stack>
            <Select
              label={t('consent.channel')}
              data={['email', 'sms', 'phone', 'whatsapp', 'post']}
              allowDeselect={false}
              searchable
              {...form.getInputProps('channel')}
            />
            <Select
              label={t('consent.statusLabel')}
              data={CONSENT_STATUSES.map((s) => ({ value: s, label: t(`consent.status.${s}`) }))}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
            <Select
              label={t('consent.lawfulBasis')}
              data={LAWFUL_BASES.map((b) => ({ value: b, label: t(`consent.bases.${b}`) }))}
              clearable
              {...form.getInputProps('lawfulBasis')}
            />
            <TextInput
              label={t('consent.source')}
              description={t('consent.sourceHint')}
              placeholder={t('consent.sourcePlaceholder')}
              {...form.getInputProps('source')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={modal.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={record.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={historyOpen} onClose={history.close} title={t('consent.historyTitle')} size="lg">
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consent.when')}</Table.Th>
                <Table.Th>{t('consent.channel')}</Table.Th>
                <Table.Th>{t('consent.statusLabel')}</Table.Th>
                <Table.Th>{t('consent.lawfulBasis')}</Table.Th>
                <Table.Th>{t('consent.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consent.data?.history.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{f.dateTime(h.at)}</Table.Td>
                  <Table.Td>{h.channel}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[h.status]} variant="light">
                      {t(`consent.status.${h.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{h.lawfulBasis ?? '—'}</Table.Td>
                  <Table.Td>{h.source ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Modal>
    </Card>
  );
}
