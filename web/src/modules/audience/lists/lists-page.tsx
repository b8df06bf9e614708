import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, Table, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconDots, IconFilter, IconList, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type AudienceList, audienceKeys, STATUS_COLORS, useAudienceLists } from './api.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { ListFormModal } from './list-form-modal.tsx';

export function ListsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const lists = useAudienceLists();
  const [formOpen, form] = useDisclosure(false);
  const [editing, setEditing] = useState<AudienceList | null>(null);
  const [deleting, setDeleting] = useState<AudienceList | null>(null);
  useHotkeys([['n', () => openCreate()]]);

  const openCreate = () => {
    setEditing(null);
    form.open();
  };
  const remove = useMutation({
    mutationFn: (l: AudienceList) => api.delete(`/lists/${l.id}`),
    onSuccess: async () => {
      notifySuccess(t('audLists.deleted'));
      setDeleting(null);
      await qc.invalidateQueries({ queryKey: audienceKeys.lists });
    },
    onError: (err) => notifyError(err),
  });

  const data = lists.data ?? [];
  return (
    <>
      <PageHeader
        title={t('audLists.title')}
        description={t('audLists.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            {t('audLists.new')}
          </Button>
        }
      />
      {lists.isPending ? (
        <PageLoader />
      ) : lists.isError ? (
        <QueryError error={lists.error} onRetry={() => lists.refetch()} />
      ) : data.length === 0 ? (
        <EmptyState
          icon={<IconList size={28} />}
          title={t('audLists.empty.title')}
          description={t('audLists.empty.description')}
        >
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            {t('audLists.new')}
          </Button>
          <Button variant="default" leftSection={<IconFilter size={16} />} component={Link} to="/audience/segments/new">
            {t('audLists.empty.segments')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={t('audLists.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audLists.name')}</Table.Th>
                  <Table.Th>{t('audLists.visibility')}</Table.Th>
                  <Table.Th ta="end">{t('audLists.subscribed')}</Table.Th>
                  <Table.Th ta="end">{t('audLists.pending')}</Table.Th>
                  <Table.Th ta="end">{t('audLists.unsubscribed')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/audience/lists/${l.id}`} fw={500}>
                        {l.name}
                      </Anchor>
                      {l.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {l.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge variant="light" color={l.visibility === 'public' ? 'blue' : 'grape'} tt="none">
                          {t(`audLists.${l.visibility}`)}
                        </Badge>
                        <Badge variant="outline" color="gray" tt="none">
                          {l.doubleOptIn ? t('audLists.doubleOptInOn') : t('audLists.doubleOptInOff')}
                        </Badge>
                      </Group>
                    </Table.Td>
                    {(['subscribed', 'pending', 'unsubscribed'] as const).map((s) => (
                      <Table.Td key={s} ta="end">
                        <Text
                          size="sm"
                          c={l.counts[s] ? STATUS_COLORS[s] : 'dimmed'}
                          fw={s === 'subscribed' ? 600 : 400}
                        >
                          {f.number(l.counts[s])}
                        </Text>
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('common.more')}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconList size={14} />}
                            onClick={() => navigate(`/audience/lists/${l.id}`)}
                          >
                            {t('audLists.members')}
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconPencil size={14} />}
                            onClick={() => {
                              setEditing(l);
                              form.open();
                            }}
                          >
                            {t('common.edit')}
                          </Menu.Item>
                          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(l)}>
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
      <ListFormModal opened={formOpen} onClose={form.close} list={editing} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('audLists.delete')}
        message={t('audLists.deleteConfirm', {
          name: deleting?.name ?? '',
          count: deleting ? deleting.counts.subscribed + deleting.counts.pending + deleting.counts.unsubscribed : 0,
        })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
