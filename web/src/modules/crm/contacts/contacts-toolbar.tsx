import { Button, CloseButton, Group, Kbd, Pill, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import { PAGE_SEARCH_ID } from '../../../shell/app-layout.tsx';
import { keys, useLifecycleStages, useMembers } from '../queries.ts';
import { CHANNELS, type Channel, type Company } from '../types.ts';
import { CONTACT_SORTS, type ContactFilters, type ContactSort, EMPTY_FILTERS } from './filters.ts';
import { SavedViewsMenu } from './saved-views-menu.tsx';

export function ContactsToolbar({
  filters,
  setFilters,
}: {
  filters: ContactFilters;
  setFilters: (patch: Partial<ContactFilters>) => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const stages = useLifecycleStages();
  const members = useMembers();
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 300);
  const inputRef = useRef<HTMLInputElement>(null);

  // The URL is the source of truth; typing updates it after a pause, a saved view or Back updates the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced text should write the URL
  useEffect(() => {
    if (debounced !== filters.q) setFilters({ q: debounced });
  }, [debounced]);
  useEffect(() => {
    setSearch((s) => (s === filters.q ? s : filters.q));
  }, [filters.q]);
  useEffect(() => {
    if ((location.state as { focusSearch?: boolean } | null)?.focusSearch) inputRef.current?.focus();
  }, [location.state]);

  const company = useQuery({
    queryKey: filters.companyId ? [...keys.company(filters.companyId)] : ['companies', 'none'],
    queryFn: () => api.get<Company>(`/companies/${filters.companyId}`),
    enabled: !!filters.companyId,
  });

  const chips: { key: string; label: string; clear: () => void }[] = [];
  if (filters.lifecycleStage)
    chips.push({
      key: 'stage',
      label: `${t('contacts.fields.lifecycleStage')}: ${stages.data?.find((s) => s.key === filters.lifecycleStage)?.label ?? filters.lifecycleStage}`,
      clear: () => setFilters({ lifecycleStage: null }),
    });
  if (filters.ownerId)
    chips.push({
      key: 'owner',
      label: `${t('contacts.fields.owner')}: ${members.data?.find((m) => m.userId === filters.ownerId)?.name ?? '…'}`,
      clear: () => setFilters({ ownerId: null }),
    });
  if (filters.sourceChannel)
    chips.push({
      key: 'source',
      label: `${t('contacts.fields.source')}: ${t(`channels.${filters.sourceChannel}`)}`,
      clear: () => setFilters({ sourceChannel: null }),
    });
  if (filters.companyId)
    chips.push({
      key: 'company',
      label: `${t('contacts.fields.company')}: ${company.data?.name ?? '…'}`,
      clear: () => setFilters({ companyId: null }),
    });
  for (const tag of filters.tags)
    chips.push({
      key: `tag:${tag}`,
      label: `${t('contacts.fields.tag')}: ${tag}`,
      clear: () => setFilters({ tags: filters.tags.filter((x) => x !== tag) }),
    });

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <TextInput
          id={PAGE_SEARCH_ID}
          ref={inputRef}
          type="search"
          flex="1 1 260px"
          placeholder={t('contacts.searchPlaceholder')}
          aria-label={t('contacts.search')}
          leftSection={<IconSearch size={16} />}
          rightSectionWidth={search ? 36 : 40}
          rightSection={
            search ? (
              <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setSearch('')} />
            ) : (
              <Kbd size="xs">/</Kbd>
            )
          }
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches at once, without waiting for the pause.
            if (e.key === 'Enter') setFilters({ q: search });
            if (e.key === 'Escape') setSearch('');
          }}
        />
        {filters.q ? (
          // A search answers best matches first; the chosen sort applies again once the box is empty.
          <Select
            aria-label={t('contacts.sort')}
            w={180}
            disabled
            data={[{ value: 'relevance', label: t('contacts.sorts.relevance') }]}
            value="relevance"
          />
        ) : (
          <Select
            aria-label={t('contacts.sort')}
            w={180}
            allowDeselect={false}
            data={CONTACT_SORTS.map((s) => ({ value: s, label: t(`contacts.sorts.${s}`) }))}
            value={filters.sort}
            onChange={(v) => v && setFilters({ sort: v as ContactSort })}
          />
        )}
        <SavedViewsMenu filters={filters} onApply={(f) => setFilters(f)} />
      </Group>
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label={t('contacts.fields.lifecycleStage')}
          placeholder={t('contacts.fields.lifecycleStage')}
          w={170}
          clearable
          data={(stages.data ?? []).map((s) => ({ value: s.key, label: s.label }))}
          value={filters.lifecycleStage}
          onChange={(v) => setFilters({ lifecycleStage: v })}
        />
        <Select
          aria-label={t('contacts.fields.source')}
          placeholder={t('contacts.fields.source')}
          w={170}
          clearable
          data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={filters.sourceChannel}
          onChange={(v) => setFilters({ sourceChannel: v as Channel | null })}
        />
        <Select
          aria-label={t('contacts.fields.owner')}
          placeholder={t('contacts.fields.owner')}
          w={160}
          clearable
          searchable
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
          value={filters.ownerId}
          onChange={(v) => setFilters({ ownerId: v })}
        />
        <TagsInput
          aria-label={t('contacts.fields.tags')}
          placeholder={filters.tags.length ? '' : t('contacts.filterTags')}
          w={200}
          value={filters.tags}
          onChange={(v) => setFilters({ tags: v })}
          clearable
        />
      </Group>
      {chips.length > 0 && (
        <Group gap={6} w="100%" align="center">
          {chips.map((c) => (
            <Pill key={c.key} withRemoveButton onRemove={c.clear} size="md">
              {c.label}
            </Pill>
          ))}
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort })}
          >
            {t('contacts.clearFilters')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
