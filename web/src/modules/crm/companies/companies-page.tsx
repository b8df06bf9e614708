import {
  Avatar,
  Box,
  Button,
  CloseButton,
  Group,
  Kbd,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingStore, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { initials, useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { PAGE_SEARCH_ID } from '../../../shell/app-layout.tsx';
import { keys } from '../queries.ts';
import { TagList } from '../shared/badges.tsx';
import type { Company } from '../types.ts';

const SORTS = ['name', '-name', '-createdAt', 'createdAt'] as const;
type Sort = (typeof SORTS)[number];

function CompanyCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: {
      name: '',
      domain: '',
      website: '',
      industry: '',
      email: '',
      phone: '',
      country: '',
      tags: [] as string[],
    },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<Company>('/companies', {
        name: v.name.trim(),
        domain: v.domain.trim() || undefined,
        website: v.website.trim() || undefined,
        industry: v.industry.trim() || undefined,
        emails: v.email.trim() ? [v.email.trim()] : undefined,
        phones: v.phone.trim() ? [v.phone.trim()] : undefined,
        address: v.country.trim() ? { country: v.country.trim() } : undefined,
        tags: v.tags.length ? v.tags : undefined,
      }),
    meta: { silentError: true },
    onSuccess: async (c) => {
      notifySuccess(t('companies.created', { name: c.name }));
      form.reset();
      onClose();
      await qc.invalidateQueries({ queryKey: keys.companies });
      navigate(`/companies/${c.id}`);
    },
    onError: (err) => applyFormErrors(form, err, undefined, { emails: 'email', phones: 'phone', address: 'country' }),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('companies.new')} size="lg">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
        <Stack>
          <TextInput label={t('companies.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('companies.fields.domain')} placeholder="acme.com" {...form.getInputProps('domain')} />
            <TextInput label={t('companies.fields.website')} {...form.getInputProps('website')} />
            <TextInput label={t('companies.fields.industry')} {...form.getInputProps('industry')} />
            <TextInput
              label={t('contacts.fields.country')}
              description={t('contacts.countryHint')}
              maxLength={2}
              {...form.getInputProps('country')}
            />
            <TextInput label={t('contacts.fields.email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={t('contacts.fields.phone')} type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <TagsInput label={t('contacts.fields.tags')} {...form.getInputProps('tags')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('companies.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CompaniesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search, 300);
  const sortParam = params.get('sort');
  const sort: Sort = SORTS.includes(sortParam as Sort) ? (sortParam as Sort) : 'name';
  const [creating, createModal] = useDisclosure(false);
  const list = useInfiniteQuery({
    queryKey: [...keys.companies, 'list', q, sort],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Company>>(
        '/companies',
        { q: q.trim() || undefined, sort, limit: 50, cursor: pageParam },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  // The list may or may not carry contact counts; the column shows only when it does.
  const withCounts = rows.some((c) => typeof c.contactCount === 'number');
  const open = (c: Company) => navigate(`/companies/${c.id}`);
  return (
    <>
      <PageHeader
        title={t('companies.title')}
        description={t('companies.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('companies.new')}
          </Button>
        }
      />
      <Stack>
        <Group gap="sm">
          <TextInput
            id={PAGE_SEARCH_ID}
            type="search"
            flex="1 1 280px"
            placeholder={t('companies.searchPlaceholder')}
            aria-label={t('companies.search')}
            leftSection={<IconSearch size={16} />}
            rightSection={
              search ? (
                <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setSearch('')} />
              ) : (
                <Kbd size="xs">/</Kbd>
              )
            }
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Select
            aria-label={t('contacts.sort')}
            w={180}
            allowDeselect={false}
            data={SORTS.map((s) => ({ value: s, label: t(`companies.sorts.${s}`) }))}
            value={sort}
            onChange={(v) => v && setParams(v === 'name' ? {} : { sort: v }, { replace: true })}
          />
        </Group>
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : rows.length === 0 ? (
          q ? (
            <EmptyState
              icon={<IconSearch size={28} />}
              title={t('companies.noMatchTitle')}
              description={t('contacts.noMatchSearch', { q })}
            >
              <Button variant="default" onClick={() => setSearch('')}>
                {t('contacts.clearFilters')}
              </Button>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<IconBuildingStore size={28} />}
              title={t('companies.emptyTitle')}
              description={t('companies.emptyDescription')}
            >
              <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
                {t('companies.new')}
              </Button>
              <Button component={Link} to="/imports/new" variant="default" leftSection={<IconFileImport size={16} />}>
                {t('contacts.importCsv')}
              </Button>
            </EmptyState>
          )
        ) : (
          <Paper withBorder style={{ overflow: 'hidden' }}>
            <Table.ScrollContainer minWidth={760}>
              <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
                <Table.Thead bg="gray.0">
                  <Table.Tr>
                    <Table.Th>{t('companies.fields.name')}</Table.Th>
                    <Table.Th>{t('companies.fields.industry')}</Table.Th>
                    {withCounts && <Table.Th>{t('companies.fields.contacts')}</Table.Th>}
                    <Table.Th>{t('contacts.fields.country')}</Table.Th>
                    <Table.Th>{t('contacts.fields.tags')}</Table.Th>
                    <Table.Th>{t('contacts.fields.createdAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((c) => (
                    <Table.Tr
                      key={c.id}
                      className="fh-clickable-row"
                      tabIndex={0}
                      onClick={() => open(c)}
                      onKeyDown={(e) => e.key === 'Enter' && open(c)}
                    >
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <Avatar size={32} radius="md" color="blue">
                            {initials(c.name)}
                          </Avatar>
                          <Box style={{ minInlineSize: 0 }}>
                            <Text size="sm" fw={600} truncate>
                              {c.name}
                            </Text>
                            {c.domain && (
                              <Text size="xs" c="dimmed">
                                {c.domain}
                              </Text>
                            )}
                          </Box>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.industry ?? ''}</Text>
                      </Table.Td>
                      {withCounts && (
                        <Table.Td>
                          <Text size="sm">{c.contactCount ?? ''}</Text>
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Text size="sm">{c.address.country ?? ''}</Text>
                      </Table.Td>
                      <Table.Td>
                        <TagList tags={c.tags} max={2} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {f.date(c.createdAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {list.hasNextPage && (
              <Group justify="center" p="sm">
                <Button variant="subtle" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </Paper>
        )}
      </Stack>
      <CompanyCreateModal opened={creating} onClose={createModal.close} />
    </>
  );
}
