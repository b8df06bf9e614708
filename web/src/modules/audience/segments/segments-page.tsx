import { ActionIcon, Anchor, Button, Loader, Menu, Paper, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconDots, IconFilter, IconList, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { audienceKeys } from '../lists/api.ts';
import { ConfirmModal } from '../lists/confirm-modal.tsx';
import type { Segment } from './segment-page.tsx';

/** Counted one by one, after the table shows: a slow segment never holds the page. */
function SegmentCount({ id }: { id: string }) {
  const f = useFormat();
  const count = useQuery({
    queryKey: audienceKeys.segmentCount(id),
    queryFn: () => api.get<{ count: number; tookMs: number }>(`/segments/${id}/count`),
    staleTime: 60_000,
    meta: { silentError: true },
  });
  if (count.isPending) return <Loader size="xs" />;
  if (count.isError) return <Text c="dimmed">—</Text>;
  return (
    <Text size="sm" fw={600} title={`${Math.round(count.data.tookMs)} ms`}>
      {f.number(count.data.count)}
    </Text>
  );
}

export function SegmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<Segment | null>(null);
  useHotkeys([['n', () => navigate('/audience/segments/new')]]);
  const segments = useQuery({
    queryKey: audienceKeys.segments,
    queryFn: () => api.get<Page<Segment>>('/segments', { limit: 500 }),
    select: (r) => r.data,
  });
  const remove = useMutation({
    mutationFn: (s: Segment) => api.delete(`/segments/${s.id}`),
    onSuccess: async () => {
      notifySuccess(t('audLists.segments.deleted'));
      setDeleting(null);
      await qc.invalidateQueries({ queryKey: audienceKeys.segments });
    },
    onError: (err) => notifyError(err),
  });
  const data = segments.data ?? [];
  return (
    <>
      <PageHeader
        title={t('audLists.segments.title')}
        description={t('audLists.segments.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} component={Link} to="/audience/segments/new">
            {t('audLists.segments.new')}
          </Button>
        }
      />
      {segments.isPending ? (
        <PageLoader />
      ) : segments.isError ? (
        <QueryError error={segments.error} onRetry={() => segments.refetch()} />
      ) : data.length === 0 ? (
        <EmptyState
          icon={<IconFilter size={28} />}
          title={t('audLists.segments.empty.title')}
          description={t('audLists.segments.empty.description')}
        >
          <Button leftSection={<IconPlus size={16} />} component={Link} to="/audience/segments/new">
            {t('audLists.segments.new')}
          </Button>
          <Button variant="default" leftSection={<IconList size={16} />} component={Link} to="/audience/lists">
            {t('audLists.segments.empty.lists')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table
              highlightOnHover
              verticalSpacing="sm"
              horizontalSpacing="md"
              aria-label={t('audLists.segments.title')}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audLists.name')}</Table.Th>
                  <Table.Th ta="end">{t('audLists.segments.contacts')}</Table.Th>
                  <Table.Th>{t('audLists.segments.updated')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/audience/segments/${s.id}`} fw={500}>
                        {s.name}
                      </Anchor>
                      {s.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {s.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="end">
                      <SegmentCount id={s.id} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={f.dateTime(s.updatedAt)}>
                        {f.relative(s.updatedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.more')}: ${s.name}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconPencil size={14} />}
                            onClick={() => navigate(`/audience/segments/${s.id}`)}
                          >
                            {t('common.edit')}
                          </Menu.Item>
                          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(s)}>
                            {t('common.delete')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('common.delete')}
        message={t('audLists.segments.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
