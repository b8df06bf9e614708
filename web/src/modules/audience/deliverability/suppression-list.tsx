import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconDownload, IconMailOff, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api, download } from '../../../lib/api.ts';
import { applyFormErrors, notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { deliverabilityKeys, REASONS, type Suppression, type SuppressionReason } from './types.ts';

const REASON_COLOR: Record<SuppressionReason, string> = {
  hard_bounce: 'red',
  complaint: 'grape',
  unsubscribed: 'gray',
  manual: 'blue',
};

export function SuppressionList() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [reason, setReason] = useState<string | null>(null);
  const [adding, addModal] = useDisclosure(false);
  const [lifting, setLifting] = useState<Suppression | null>(null);
  const query = { q: q || undefined, reason: reason ?? undefined };

  const list = useInfiniteQuery({
    queryKey: [...deliverabilityKeys.suppressions, q, reason],
    queryFn: ({ pageParam }) =>
      api.get<Page<Suppression>>('/suppressions', { ...query, limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const lift = useMutation({
    mutationFn: (email: string) => api.delete(`/suppressions/${encodeURIComponent(email)}`),
    onSuccess: (_r, email) => {
      notifySuccess(t('audDeliverability.lifted', { email }));
      setLifting(null);
      void qc.invalidateQueries({ queryKey: deliverabilityKeys.all });
    },
    onError: (err) => notifyError(err),
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = !!(q || reason);

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('audDeliverability.searchPlaceholder')}
            aria-label={t('audDeliverability.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={260}
          />
          <Select
            placeholder={t('audDeliverability.allReasons')}
            aria-label={t('audDeliverability.reason')}
            clearable
            value={reason}
            onChange={setReason}
            data={REASONS.map((r) => ({ value: r, label: t(`audDeliverability.reasons.${r}`) }))}
            w={200}
          />
        </Group>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => download('/suppressions/export.csv', query, 'suppressions.csv').catch(notifyError)}
          >
            {t('audDeliverability.export')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={addModal.open}>
            {t('audDeliverability.add')}
          </Button>
        </Group>
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconMailOff size={28} />}
          title={filtered ? t('audDeliverability.noMatch') : t('audDeliverability.emptyTitle')}
          description={filtered ? undefined : t('audDeliverability.emptyText')}
        >
          {!filtered && (
            <Button leftSection={<IconPlus size={16} />} onClick={addModal.open}>
              {t('audDeliverability.add')}
            </Button>
          )}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audDeliverability.email')}</Table.Th>
                <Table.Th>{t('audDeliverability.reason')}</Table.Th>
                <Table.Th>{t('audDeliverability.detail')}</Table.Th>
                <Table.Th>{t('audDeliverability.since')}</Table.Th>
                <Table.Th aria-label={t('audDeliverability.lift')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s.email}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={REASON_COLOR[s.reason]}>
                      {t(`audDeliverability.reasons.${s.reason}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2} maw={360}>
                      {s.detail ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.date(s.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="end">
                    <Tooltip label={t('audDeliverability.lift')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('audDeliverability.liftFor', { email: s.email })}
                        onClick={() => setLifting(s)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      <AddSuppressionModal opened={adding} onClose={addModal.close} />
      <Modal opened={!!lifting} onClose={() => setLifting(null)} title={t('audDeliverability.liftTitle')} centered>
        <Stack>
          <Text size="sm">{t('audDeliverability.liftText', { email: lifting?.email ?? '' })}</Text>
          {(lifting?.reason === 'complaint' || lifting?.reason === 'unsubscribed') && (
            <Text size="sm" c="red">
              {t('audDeliverability.liftWarning')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setLifting(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={lift.isPending} onClick={() => lifting && lift.mutate(lifting.email)}>
              {t('audDeliverability.lift')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function AddSuppressionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: { email: '', detail: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')) },
  });
  const add = useMutation({
    mutationFn: (v: { email: string; detail: string }) =>
      api.post<Suppression>('/suppressions', { email: v.email.trim(), detail: v.detail.trim() || null }),
    onSuccess: (s) => {
      notifySuccess(t('audDeliverability.added', { email: s.email }));
      form.reset();
      onClose();
      void qc.invalidateQueries({ queryKey: deliverabilityKeys.all });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('audDeliverability.addTitle')} centered>
      <form onSubmit={form.onSubmit((v) => add.mutate(v))}>
        <Stack>
          <TextInput
            label={t('audDeliverability.email')}
            placeholder="name@example.com"
            type="email"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('audDeliverability.detail')}
            description={t('audDeliverability.detailHint')}
            {...form.getInputProps('detail')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('audDeliverability.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
