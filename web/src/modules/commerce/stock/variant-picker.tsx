import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVariantSearch } from './api.ts';

/** Picks a variant by typing part of its SKU, barcode or product title (searched on the server). */
export function VariantPicker({
  value,
  onChange,
  label,
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useVariantSearch(q);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const data = [...(found.data ?? [])];
  if (chosen && !data.some((d) => d.value === chosen.value)) data.unshift(chosen);
  return (
    <Select
      label={label}
      aria-label={t('comCatalog.stock.variant')}
      placeholder={t('comCatalog.stock.variantSearch')}
      searchable
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosen(option ? { value: option.value, label: option.label } : null);
        onChange(id);
      }}
      nothingFoundMessage={t('comCatalog.stock.noVariant')}
      error={error}
      style={{ flex: 1 }}
    />
  );
}
