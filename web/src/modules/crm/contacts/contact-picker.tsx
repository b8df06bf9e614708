import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { Contact } from '../types.ts';

/** A searchable select over contacts (server-side fuzzy search), optionally leaving one out. */
export function ContactPicker({
  value,
  onChange,
  excludeId,
  initialLabel,
  ...rest
}: {
  value: string | null;
  onChange: (id: string | null, contact: Contact | null) => void;
  excludeId?: string;
  initialLabel?: string | null;
} & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const results = useQuery({
    queryKey: [...keys.contacts, 'picker', q],
    queryFn: () => api.get<Page<Contact>>('/contacts', { q: q || undefined, limit: 20 }),
    placeholderData: (prev) => prev,
  });
  const options = (results.data?.data ?? []).filter((c) => c.id !== excludeId);
  const data = options.map((c) => ({
    value: c.id,
    label: [c.name, c.emails[0], c.companyName].filter(Boolean).join(' · '),
  }));
  if (value && initialLabel && !data.some((d) => d.value === value)) data.unshift({ value, label: initialLabel });
  return (
    <Select
      searchable
      clearable
      placeholder={t('contacts.searchPlaceholder')}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('contacts.noMatchTitle')}
      filter={({ options: o }) => o}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      value={value}
      onChange={(id) => onChange(id, options.find((c) => c.id === id) ?? null)}
      {...rest}
    />
  );
}
