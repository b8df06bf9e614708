import { Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { MOVEMENT_KINDS, type MovementKind, type StockMovement, stockKeys, useLocations } from './api.ts';

const KIND_COLORS: Record<MovementKind, string> = {
  received: 'teal',
  reserved: 'blue',
  released: 'gray',
  shipped: 'indigo',
  adjusted: 'orange',
  returned: 'grape',
};

const signed = (n: number, fmt: (n: number) => string) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

/** The movement ledger, newest first, by location and kind (and variant, when opened from a product). */
export function LedgerPanel({ variantId }: { variantId: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const locations = useLocations();
  const [locationId, setLocationId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const filters = { locationId, kind, variantId };
  const list = useInfiniteQuery({
    queryKey: [...stockKeys.movements, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<StockMovement>>('/stock-movements', { ...filters, limit: 100, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <Group gap="sm" mb="md">
        <Select
          aria-label={t('comCatalog.stock.location')}
          placeholder={t('comCatalog.stock.anyLocation')}
          data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={locationId}
          onChange={setLocationId}
          clearable
          w={220}
        />
        <Select
          aria-label={t('comCatalog.stock.kindOfMove')}
          placeholder={t('comCatalog.stock.anyMove')}
          data={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`comCatalog.stock.move.${k}`) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={180}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconListDetails size={28} />}
          title={t('comCatalog.stock.emptyLedger.title')}
          description={t('comCatalog.stock.emptyLedger.description')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('comCatalog.stock.tabs.ledger')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comCatalog.stock.when')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.kindOfMove')}</Table.Th>
                  <Table.Th>{t('comCatalog.variant.sku')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.location')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.stock.onHand')}</Table.Th>
                  <Table.Th ta="end">{t('comCatalog.stock.reserved')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.why')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm">{f.dateTime(m.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={KIND_COLORS[m.kind]} tt="none">
                        {t(`comCatalog.stock.move.${m.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace">{m.sku ?? '—'}</Table.Td>
                    <Table.Td>{m.locationName}</Table.Td>
                    <Table.Td ta="end">{signed(m.onHandDelta, f.number)}</Table.Td>
                    <Table.Td ta="end">{signed(m.reservedDelta, f.number)}</Table.Td>
                    <Table.Td>
                      {m.orderId ? (
                        <Text size="sm" component={Link} to={`/commerce/orders/${m.orderId}`} c="blue">
                          {t('comCatalog.stock.forOrder')}
                        </Text>
                      ) : (
                        <Text size="sm">{m.reason ?? ''}</Text>
                      )}
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
