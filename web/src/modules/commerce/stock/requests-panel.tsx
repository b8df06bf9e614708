import { Anchor, Badge, Button, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { PR_COLORS, type PurchaseRequest, stockKeys } from './api.ts';

const STATUSES: PurchaseRequest['status'][] = ['pending', 'sent', 'shipped', 'cancelled'];

/** What dropship suppliers were asked to send; mark one shipped when the supplier sends its tracking number. */
export function RequestsPanel({ onShipped }: { onShipped: (r: PurchaseRequest) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...stockKeys.purchaseRequests, status],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<PurchaseRequest>>('/purchase-requests', { status, limit: 50, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="md">
      <Select
        aria-label={t('comCatalog.stock.pr.status')}
        placeholder={t('comCatalog.stock.pr.anyStatus')}
        data={STATUSES.map((s) => ({ value: s, label: t(`comCatalog.stock.pr.statuses.${s}`) }))}
        value={status}
        onChange={setStatus}
        clearable
        w={200}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconTruckDelivery size={28} />}
          title={t('comCatalog.stock.pr.empty.title')}
          description={t('comCatalog.stock.pr.empty.description')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label={t('comCatalog.stock.tabs.requests')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comCatalog.stock.pr.order')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.pr.supplier')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.pr.lines')}</Table.Th>
                  <Table.Th>{t('comCatalog.stock.pr.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/commerce/orders/${r.orderId}`} size="sm">
                        {r.orderNumber}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {f.dateTime(r.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.supplierName}</Text>
                      <Text size="xs" c="dimmed">
                        {r.supplierEmail}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.lines.map((l) => (
                        <Text key={l.lineId} size="sm">
                          {l.quantity} ×{' '}
                          <Text span ff="monospace">
                            {l.sku}
                          </Text>{' '}
                          {l.title}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={PR_COLORS[r.status]} tt="none">
                        {t(`comCatalog.stock.pr.statuses.${r.status}`)}
                      </Badge>
                      {r.trackingNumber && (
                        <Text size="xs" c="dimmed">
                          {[r.carrier, r.trackingNumber].filter(Boolean).join(' ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="end">
                      {(r.status === 'pending' || r.status === 'sent') && (
                        <Button size="xs" variant="light" onClick={() => onShipped(r)}>
                          {t('comCatalog.stock.pr.markShipped')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Button variant="subtle" fullWidth onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </Paper>
      )}
    </Stack>
  );
}
