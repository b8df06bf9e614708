import { Button, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconDatabasePlus,
  IconDots,
  IconDownload,
  IconFileImport,
  IconFilterOff,
  IconUserPlus,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api, download } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { Contact } from '../types.ts';
import { ContactCreateModal } from './contact-create-modal.tsx';
import { ContactsTable } from './contacts-table.tsx';
import { ContactsToolbar } from './contacts-toolbar.tsx';
import { EMPTY_FILTERS, hasFilters, toQuery, useContactFilters } from './filters.ts';

export function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { filters, setFilters } = useContactFilters();
  const [creating, createModal] = useDisclosure(false);
  const query = toQuery(filters);

  const list = useInfiniteQuery({
    queryKey: [...keys.contacts, 'list', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Contact>>('/contacts', { ...query, limit: 50, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

  const demo = useMutation({
    mutationFn: () => api.post('/demo'),
    onSuccess: async () => {
      notifySuccess(t('contacts.demoLoaded'));
      await qc.invalidateQueries();
    },
  });

  const exportCsv = async () => {
    try {
      await download('/contacts/export.csv', query, 'contacts.csv');
    } catch (err) {
      notifyError(err, t('contacts.exportFailed'));
    }
  };

  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = hasFilters(filters);

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.subtitle')}
        actions={
          <>
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <Button variant="default" leftSection={<IconDots size={16} />} aria-label={t('common.more')}>
                  {t('common.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconDownload size={16} />} onClick={exportCsv}>
                  {t('contacts.exportCsv')}
                </Menu.Item>
                <Menu.Item leftSection={<IconFileImport size={16} />} component={Link} to="/imports/new">
                  {t('contacts.importCsv')}
                </Menu.Item>
                <Menu.Item leftSection={<IconUsersGroup size={16} />} component={Link} to="/contacts/duplicates">
                  {t('contacts.findDuplicates')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button leftSection={<IconUserPlus size={16} />} onClick={createModal.open}>
              {t('contacts.new')}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <ContactsToolbar filters={filters} setFilters={setFilters} />
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : rows.length === 0 && !filtered ? (
          <EmptyState
            icon={<IconUsers size={28} />}
            title={t('contacts.emptyTitle')}
            description={t('contacts.emptyDescription')}
          >
            <Button component={Link} to="/imports/new" leftSection={<IconFileImport size={16} />}>
              {t('contacts.importCsv')}
            </Button>
            <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={createModal.open}>
              {t('contacts.addOne')}
            </Button>
            <Button
              variant="light"
              leftSection={<IconDatabasePlus size={16} />}
              loading={demo.isPending}
              onClick={() => demo.mutate()}
            >
              {t('contacts.loadDemo')}
            </Button>
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<IconFilterOff size={28} />}
            title={t('contacts.noMatchTitle')}
            description={filters.q ? t('contacts.noMatchSearch', { q: filters.q }) : t('contacts.noMatchFilters')}
          >
            <Button variant="default" onClick={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort })}>
              {t('contacts.clearFilters')}
            </Button>
          </EmptyState>
        ) : (
          <>
            <ContactsTable
              contacts={rows}
              loadingMore={list.isFetchingNextPage}
              hasMore={!!list.hasNextPage}
              onLoadMore={() => list.fetchNextPage()}
              onOpen={(c) => navigate(`/contacts/${c.id}`)}
              stale={list.isPlaceholderData}
            />
            <Text size="xs" c="dimmed" ta="center">
              {list.hasNextPage
                ? t('contacts.shownMore', { count: rows.length })
                : t('contacts.shownAll', { count: rows.length })}
            </Text>
          </>
        )}
      </Stack>
      <ContactCreateModal
        opened={creating}
        onClose={createModal.close}
        onCreated={(c) => {
          createModal.close();
          navigate(`/contacts/${c.id}`);
        }}
      />
    </>
  );
}
