import '@mantine/dates/styles.css';
import { Anchor, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClipboardList, IconReceipt, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { customerName, ORDER_STATUSES, type OrderSummary, orderKeys } from './api.ts';
import { PaymentBadge, StatusBadge } from './badges.tsx';

const dayStart = (d: string | null) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayAfter = (d: string | null) => {
  if (!d) return undefined;
  const x = new Date(`${d}T00:00:00`);
  x.setDate(x.getDate() + 1);
  return x.toISOString();
};

/** Every order, newest first: filter by status, source and dates; search by number or the customer's email. */
export function OrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [src] = useDebouncedValue(source.trim(), 300);
  const filters = { status, source: src, from: dayStart(range[0]), to: dayAfter(range[1]), q };
  const filtered = Boolean(status || src || range[0] || range[1] || q);

  const list = useInfiniteQuery({
    queryKey: orderKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<OrderSummary>>(
        '/orders',
        { ...filters, status: filters.status ?? undefined, limit: 50, cursor: pageParam },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHeader
        title={t('comOrders.title')}
        description={t('comOrders.subtitle')}
        actions={
          <Button
            component={Link}
            to="/commerce/pick-lists"
            variant="light"
            leftSection={<IconClipboardList size={16} />}
          >
            {t('comOrders.pickLists')}
          </Button>
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('comOrders.search')}
          aria-label={t('comOrders.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label={t('comOrders.filters.status')}
          placeholder={t('comOrders.filters.anyStatus')}
          data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`comOrders.status.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
        />
        <TextInput
          aria-label={t('comOrders.filters.source')}
          placeholder={t('comOrders.filters.source')}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
          w={160}
        />
        <DatePickerInput
          type="range"
          aria-label={t('comOrders.filters.placed')}
          placeholder={t('comOrders.filters.placed')}
          value={range}
          onChange={(v) => setRange(v as [string | null, string | null])}
          clearable
          valueFormat="YYYY-MM-DD"
          w={240}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<IconSearch size={28} />}
            title={t('comOrders.noMatchTitle')}
            description={t('comOrders.noMatch')}
          />
        ) : (
          <EmptyState
            icon={<IconReceipt size={28} />}
            title={t('comOrders.emptyTitle')}
            description={t('comOrders.emptyDescription')}
          >
            <Button component="a" href="/api/docs" target="_blank" variant="light">
              {t('comOrders.apiDocs')}
            </Button>
          </EmptyState>
        )
      ) : (
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comOrders.columns.number')}</Table.Th>
                  <Table.Th>{t('comOrders.columns.customer')}</Table.Th>
                  <Table.Th>{t('comOrders.columns.placed')}</Table.Th>
                  <Table.Th>{t('comOrders.columns.status')}</Table.Th>
                  <Table.Th>{t('comOrders.columns.payment')}</Table.Th>
                  <Table.Th ta="end">{t('comOrders.columns.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/commerce/orders/${o.id}`} fw={600}>
                        <bdi>{o.number}</bdi>
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {o.source}
                        {o.imported ? ` · ${t('comOrders.imported')}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <bdi>{customerName(o.customer) || t('comOrders.walkIn')}</bdi>
                      </Text>
                      {o.customer.email && customerName(o.customer) !== o.customer.email && (
                        <Text size="xs" c="dimmed">
                          {o.customer.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={f.dateTime(o.placedAt)}>
                        {f.date(o.placedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={o.status} />
                    </Table.Td>
                    <Table.Td>
                      <PaymentBadge status={o.paymentStatus} />
                    </Table.Td>
                    <Table.Td ta="end">
                      <Text size="sm" fw={500}>
                        {f.money(o.totalMinor, o.currency)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('comOrders.items', { count: o.itemCount })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="light" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
      {rows.length > 0 && (
        <Badge variant="transparent" color="gray" mt="xs">
          {t('comOrders.shown', { count: rows.length })}
        </Badge>
      )}
    </>
  );
}
