import { Anchor, Badge, Button, Group, Modal, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { applyFormErrors } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { type Form, type FormListItem, formKeys } from './types.ts';

export function FormsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [creating, createModal] = useDisclosure(false);
  useHotkeys([['n', createModal.open]]);
  const forms = useInfiniteQuery({
    queryKey: [...formKeys.all, 'list'],
    queryFn: ({ pageParam }) => api.get<Page<FormListItem>>('/forms', { limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = forms.data?.pages.flatMap((p) => p.data) ?? [];
  const pct = (r: number | null) =>
    r === null ? '—' : new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(r);

  return (
    <>
      <PageHeader
        title={t('audForms.title')}
        description={t('audForms.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} aria-keyshortcuts="n">
            {t('audForms.new')}
          </Button>
        }
      />
      {forms.isPending ? (
        <PageLoader />
      ) : forms.isError ? (
        <QueryError error={forms.error} onRetry={() => void forms.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<IconForms size={28} />}
          title={t('audForms.empty.title')}
          description={t('audForms.empty.description')}
        >
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('audForms.new')}
          </Button>
        </EmptyState>
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audForms.columns.name')}</Table.Th>
                  <Table.Th>{t('audForms.columns.lists')}</Table.Th>
                  <Table.Th ta="end">{t('audForms.columns.views')}</Table.Th>
                  <Table.Th ta="end">{t('audForms.columns.submissions')}</Table.Th>
                  <Table.Th style={{ minInlineSize: 160 }}>{t('audForms.columns.conversion')}</Table.Th>
                  <Table.Th>{t('audForms.columns.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((form) => (
                  <Table.Tr key={form.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor component={Link} to={`/audience/forms/${form.id}`} fw={600}>
                          {form.name}
                        </Anchor>
                        {!form.active && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('audForms.closed')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">
                          {form.listIds.length
                            ? t('audForms.listsCount', { count: form.listIds.length })
                            : t('audForms.noLists')}
                        </Text>
                        {form.doubleOptIn && (
                          <Badge variant="light" size="xs">
                            {t('audForms.doubleOptIn')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="end">{f.number(form.views)}</Table.Td>
                    <Table.Td ta="end">{f.number(form.submissions)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Progress
                          value={(form.conversionRate ?? 0) * 100}
                          w={80}
                          aria-label={t('audForms.columns.conversion')}
                        />
                        <Text size="sm">{pct(form.conversionRate)}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {f.date(form.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {forms.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={forms.isFetchingNextPage} onClick={() => void forms.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <CreateFormModal opened={creating} onClose={createModal.close} />
    </>
  );
}

function CreateFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: { name: '' } });
  const create = useMutation({
    mutationFn: (v: { name: string }) =>
      api.post<Form>('/forms', {
        name: v.name,
        fields: [
          { key: 'email', label: t('audForms.fieldKeys.email'), required: true },
          { key: 'firstName', label: t('audForms.fieldKeys.firstName'), required: false },
        ],
      }),
    meta: { silentError: true },
    onSuccess: async (created) => {
      await qc.invalidateQueries({ queryKey: formKeys.all });
      form.reset();
      onClose();
      navigate(`/audience/forms/${created.id}`);
    },
    onError: (err) => applyFormErrors(form, err),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('audForms.new')}>
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack>
          <TextInput
            label={t('audForms.newName')}
            placeholder={t('audForms.newNamePlaceholder')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
