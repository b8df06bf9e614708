import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { minorDigits, toMajor, toMinor } from '../../../lib/format.ts';

/** A price row as the form keeps it: major units, as people type them. */
export type PriceRow = { currency: string; amount: number | ''; compareAt: number | '' };

const COMMON = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD'];

export const toPriceRows = (prices: { currency: string; amountMinor: number; compareAtMinor: number | null }[]) =>
  prices.map((p) => ({
    currency: p.currency,
    amount: toMajor(p.amountMinor, p.currency),
    compareAt: p.compareAtMinor === null ? ('' as const) : toMajor(p.compareAtMinor, p.currency),
  }));

export const fromPriceRows = (rows: PriceRow[]) =>
  rows
    .filter((r) => r.currency && r.amount !== '')
    .map((r) => ({
      currency: r.currency,
      amountMinor: toMinor(Number(r.amount), r.currency),
      compareAtMinor: r.compareAt === '' ? null : toMinor(Number(r.compareAt), r.currency),
    }));

/** Prices per currency: one row each, amounts in major units with the currency's own decimals. */
export function PricesEditor({
  value,
  onChange,
  defaultCurrency,
  error,
}: {
  value: PriceRow[];
  onChange: (rows: PriceRow[]) => void;
  defaultCurrency: string;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<PriceRow>) =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const used = new Set(value.map((r) => r.currency));
  const next = [defaultCurrency, ...COMMON].find((c) => !used.has(c)) ?? 'EUR';
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('comCatalog.variant.prices')}
      </Text>
      {value.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's currency changes as it is edited; its place does not
        <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
          <Select
            aria-label={t('comCatalog.variant.currency')}
            data={[...new Set([r.currency, ...COMMON])]}
            value={r.currency}
            onChange={(c) => c && set(i, { currency: c })}
            searchable
            w={100}
          />
          <NumberInput
            aria-label={t('comCatalog.variant.price')}
            placeholder={t('comCatalog.variant.price')}
            value={r.amount}
            onChange={(v) => set(i, { amount: v === '' ? '' : Number(v) })}
            decimalScale={minorDigits(r.currency)}
            min={0}
            w={130}
          />
          <NumberInput
            aria-label={t('comCatalog.variant.compareAt')}
            placeholder={t('comCatalog.variant.compareAt')}
            value={r.compareAt}
            onChange={(v) => set(i, { compareAt: v === '' ? '' : Number(v) })}
            decimalScale={minorDigits(r.currency)}
            min={0}
            w={130}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('comCatalog.variant.removePrice')}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...value, { currency: next, amount: '', compareAt: '' }])}
        >
          {t('comCatalog.variant.addPrice')}
        </Button>
      </Group>
    </Stack>
  );
}
