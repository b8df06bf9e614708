import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconBell, IconBoxSeam, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { type StockLevel, stockKeys, useLocations } from './api.ts';

/** Levels per variant and location; those at or below their threshold are highlighted and can be listed alone. */
export function LevelsPanel({
  variantId,
  onReceive,
  onThreshold,
}: {
  variantId: string | null;
  onReceive: () => void;
  onThreshold: (level: StockLevel) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const locations = useLocations();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [locationId, setLocationId] = useState<string | null>(null);
  const [lowOnly, setLowOnly] = useState(false);
  const filters = { q, locationId, low: lowOnly ? 'true' : undefined, variantId };
  const list = useInfiniteQuery({
    queryKey: [...stockKeys.levels, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<StockLevel>>('/stock-levels', { ...filters, limit: 100, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(q || locationId || lowOnly || variantId);

  return (
    <>
      <Group gap="sm" mb="md" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('comCatalog.stock.searchLevels')}
          aria-label={t('comCatalog.stock.searchLevels')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
        <Select
          aria-label={t('comCatalog.stock.location')}
          placeholder={t('comCatalog.stock.anyLocation')}
          data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={locationId}
          onChange={setLocationId}
          clearable
          w={220}
        />
        <Switch
          label={t('comCatalog.stock.lowOnly')}
          checked={lowOnly}
          onChange={(e) => setLowOnly(e.currentTarget.checked)}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconBoxSeam size={28} />}
          title={filtered ? t('comCatalog.stock.noLevelsMatch') : t('comCatalog.stock.emptyLevels.title')}
          description={filtered ? undefined : t('comCatalog.stock.emptyLevels.description')}
        >
          {!filtered && <Button onClick={onReceive}>{t('comCatalog.stock.receive')}</Button>}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('comCatalog.stock.tabs.levels')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comCatalog.variant.sku')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.product')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.location')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.stock.onHand')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.stock.reserved')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.stock.available')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.stock.threshold')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((l) => (
                  <Table.Tr
                    key={`${l.locationId}:${l.variantId}`}
                    bg={l.low ? 'var(--mantine-color-red-light)' : undefined}
                    aria-label={l.low ? t('comCatalog.stock.lowRow', { sku: l.sku }) : undefined}
                  >
                    <Table.Td ff="monospace">{l.sku}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/commerce/products/${l.productId}`} size="sm">
                        {l.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{l.locationName}</Text>
                    </Table.Td>
                    <Table.Td ta="end">{l.available === null ? '—' : f.number(l.onHand)}</Table.Td>
                    <Table.Td ta="end">{f.number(l.reserved)}</Table.Td>
                    <Table.Td ta="end">
                      {l.available === null ? (
                        <Badge variant="light" color="orange" tt="none">
                          {t('comCatalog.stock.unlimited')}
                        </Badge>
                      ) : (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {l.low && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-hidden />}
                          <Text size="sm" fw={600} c={l.low ? 'red' : undefined}>
                            {f.number(l.available)}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td ta="end">{l.lowStockThreshold === null ? '—' : f.number(l.lowStockThreshold)}</Table.Td>
                    <Table.Td>
                      <Tooltip label={t('comCatalog.stock.setThreshold')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('comCatalog.stock.setThreshold')}
                          onClick={() => onThreshold(l)}
                        >
                          <IconBell size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="subtle" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </>
  );
}
