import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { Company } from '../types.ts';

export function CompanyPicker({
  value,
  onChange,
  initialLabel,
  ...rest
}: {
  value: string | null;
  onChange: (id: string | null, company: Company | null) => void;
  initialLabel?: string | null;
} & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const results = useQuery({
    queryKey: [...keys.companies, 'picker', q],
    queryFn: () => api.get<Page<Company>>('/companies', { q: q || undefined, limit: 20 }),
    placeholderData: (prev) => prev,
  });
  const options = results.data?.data ?? [];
  const data = options.map((c) => ({ value: c.id, label: c.domain ? `${c.name} · ${c.domain}` : c.name }));
  if (value && initialLabel && !data.some((d) => d.value === value)) data.unshift({ value, label: initialLabel });
  return (
    <Select
      searchable
      clearable
      placeholder={t('companies.searchPlaceholder')}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('companies.noMatchTitle')}
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
