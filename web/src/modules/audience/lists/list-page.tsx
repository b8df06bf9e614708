import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconDots, IconPencil, IconSearch, IconUserMinus, IconUserPlus, IconUsers, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { AddMembersModal } from './add-members-modal.tsx';
import {
  type AudienceList,
  audienceKeys,
  type ListMember,
  MEMBERSHIP_STATUSES,
  type MembershipStatus,
  STATUS_COLORS,
} from './api.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { ListFormModal } from './list-form-modal.tsx';

export function ListPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [status, setStatus] = useState<MembershipStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [adding, addModal] = useDisclosure(false);
  const [editing, editModal] = useDisclosure(false);
  const [removing, setRemoving] = useState<ListMember | null>(null);
  useHotkeys([['a', addModal.open]]);

  const list = useQuery({
    queryKey: audienceKeys.list(id),
    queryFn: () => api.get<AudienceList>(`/lists/${id}`),
  });
  const members = useInfiniteQuery({
    queryKey: [...audienceKeys.members(id), status, q],
    queryFn: ({ pageParam }) =>
      api.get<Page<ListMember>>(`/lists/${id}/members`, {
        status: status === 'all' ? undefined : status,
        q: q || undefined,
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: audienceKeys.members(id) });
    await qc.invalidateQueries({ queryKey: audienceKeys.lists });
  };
  const unsubscribe = useMutation({
    mutationFn: (m: ListMember) => api.post<ListMember>(`/lists/${id}/members/${m.contactId}/unsubscribe`, {}),
    onSuccess: async () => {
      notifySuccess(t('audLists.member.unsubscribed'));
      await refresh();
    },
    onError: (err) => notifyError(err),
  });
  const remove = useMutation({
    mutationFn: (m: ListMember) => api.delete(`/lists/${id}/members/${m.contactId}`),
    onSuccess: async () => {
      notifySuccess(t('audLists.member.removed'));
      setRemoving(null);
      await refresh();
    },
    onError: (err) => notifyError(err),
  });

  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const l = list.data;
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];
  const total = l.counts.subscribed + l.counts.pending + l.counts.unsubscribed;

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audLists.title'), to: '/audience/lists' }]}
        title={l.name}
        description={
          <Group gap="xs" component="span">
            {l.description && <span>{l.description}</span>}
            <Badge variant="light" color={l.visibility === 'public' ? 'blue' : 'grape'} tt="none">
              {t(`audLists.${l.visibility}`)}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              {l.doubleOptIn ? t('audLists.doubleOptInOn') : t('audLists.doubleOptInOff')}
            </Badge>
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open}>
              {t('common.edit')}
            </Button>
            <Button leftSection={<IconUserPlus size={16} />} onClick={addModal.open}>
              {t('audLists.add.button')}
            </Button>
          </>
        }
      />
      <Group justify="space-between" mb="md" wrap="wrap">
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as MembershipStatus | 'all')}
          aria-label={t('audLists.member.status')}
          data={[
            { value: 'all', label: `${t('audLists.all')} · ${f.number(total)}` },
            ...MEMBERSHIP_STATUSES.map((s) => ({
              value: s,
              label: `${t(`audLists.${s}`)} · ${f.number(l.counts[s])}`,
            })),
          ]}
        />
        <TextInput
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          placeholder={t('audLists.search')}
          aria-label={t('audLists.search')}
          leftSection={<IconSearch size={16} />}
          rightSection={
            search ? (
              <ActionIcon variant="subtle" color="gray" onClick={() => setSearch('')} aria-label={t('common.clear')}>
                <IconX size={14} />
              </ActionIcon>
            ) : null
          }
          w={300}
        />
      </Group>
      {members.isPending ? (
        <PageLoader />
      ) : members.isError ? (
        <QueryError error={members.error} onRetry={() => members.refetch()} />
      ) : rows.length === 0 ? (
        total === 0 ? (
          <EmptyState
            icon={<IconUsers size={28} />}
            title={t('audLists.noMembers.title')}
            description={t('audLists.noMembers.description')}
          >
            <Button leftSection={<IconUserPlus size={16} />} onClick={addModal.open}>
              {t('audLists.add.button')}
            </Button>
          </EmptyState>
        ) : (
          <Text c="dimmed" ta="center" py="xl">
            {t('audLists.noMembers.filtered')}
          </Text>
        )
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="md" aria-label={t('audLists.members')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audLists.member.name')}</Table.Th>
                  <Table.Th>{t('audLists.member.email')}</Table.Th>
                  <Table.Th>{t('audLists.member.status')}</Table.Th>
                  <Table.Th>{t('audLists.member.source')}</Table.Th>
                  <Table.Th>{t('audLists.member.since')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.contactId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/contacts/${m.contactId}`} size="sm" fw={500}>
                        {m.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="ltr">
                        {m.email ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[m.status]} tt="none">
                        {t(`audLists.${m.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {m.source ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={f.dateTime(m.updatedAt)}>
                        {f.date(m.status === 'unsubscribed' ? m.unsubscribedAt : (m.subscribedAt ?? m.createdAt))}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.more')}: ${m.name}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {m.status !== 'unsubscribed' && (
                            <Menu.Item leftSection={<IconUserMinus size={14} />} onClick={() => unsubscribe.mutate(m)}>
                              {t('audLists.member.unsubscribe')}
                            </Menu.Item>
                          )}
                          <Menu.Item color="red" leftSection={<IconX size={14} />} onClick={() => setRemoving(m)}>
                            {t('audLists.member.remove')}
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
      {members.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="subtle" loading={members.isFetchingNextPage} onClick={() => members.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      <AddMembersModal list={l} opened={adding} onClose={addModal.close} />
      <ListFormModal
        opened={editing}
        onClose={editModal.close}
        list={l}
        onSaved={() => qc.invalidateQueries({ queryKey: audienceKeys.list(id) })}
      />
      <ConfirmModal
        opened={removing !== null}
        title={t('audLists.member.remove')}
        message={t('audLists.member.removeConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('common.remove')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
