import './pick-lists.css';
import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardCheck, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { orderKeys, type PickList, type StockLocation } from './api.ts';
import { PaymentBadge } from './badges.tsx';

/**
 * What to pick and pack, per stock location: every open unit of live orders, oldest order first, where stock put it.
 * Printable: the page's chrome is hidden in print (the `fh-no-print` class) and each location starts a new sheet.
 */
export function PickListsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [location, setLocation] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...orderKeys.pickList, location],
    queryFn: () => api.get<PickList>('/pick-lists', { locationId: location ?? undefined }),
  });
  // Location names for the headings; the pick list works without them (a heading then shows the id).
  const locations = useQuery({
    queryKey: orderKeys.locations,
    queryFn: () => api.get<Page<StockLocation>>('/stock-locations', { limit: 500 }),
    retry: false,
  });
  const nameOf = (id: string | null) => {
    if (!id) return t('comOrders.pick.noLocation');
    const l = locations.data?.data.find((x) => x.id === id);
    return l ? [l.code, l.name].filter(Boolean).join(' · ') : id;
  };
  const groups = list.data?.locations ?? [];

  return (
    <>
      <div className="fh-no-print">
        <PageHeader
          crumbs={[{ label: t('comOrders.title'), to: '/commerce/orders' }]}
          title={t('comOrders.pick.title')}
          description={t('comOrders.pick.subtitle')}
          actions={
            <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} disabled={!groups.length}>
              {t('comOrders.pick.print')}
            </Button>
          }
        />
        <Select
          aria-label={t('comOrders.pick.location')}
          placeholder={t('comOrders.pick.allLocations')}
          data={(locations.data?.data ?? [])
            .filter((l) => l.kind !== 'dropship')
            .map((l) => ({ value: l.id, label: nameOf(l.id) }))}
          value={location}
          onChange={setLocation}
          clearable
          w={280}
          mb="md"
        />
      </div>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : groups.length === 0 ? (
        <EmptyState
          icon={<IconClipboardCheck size={28} />}
          title={t('comOrders.pick.emptyTitle')}
          description={t('comOrders.pick.empty')}
        >
          <Button component={Link} to="/commerce/orders" variant="light">
            {t('comOrders.pick.toOrders')}
          </Button>
        </EmptyState>
      ) : (
        <Stack>
          {groups.map((g) => (
            <Paper key={g.locationId ?? 'none'} withBorder p="md" className="fh-pick-sheet">
              <Group justify="space-between" mb="sm">
                <Title order={3}>
                  <bdi>{nameOf(g.locationId)}</bdi>
                </Title>
                <Text c="dimmed">{t('comOrders.items', { count: g.units })}</Text>
              </Group>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40} aria-label={t('comOrders.pick.picked')} />
                    <Table.Th>{t('comOrders.columns.sku')}</Table.Th>
                    <Table.Th>{t('comOrders.columns.item')}</Table.Th>
                    <Table.Th ta="end">{t('comOrders.columns.quantity')}</Table.Th>
                    <Table.Th>{t('comOrders.columns.number')}</Table.Th>
                    <Table.Th>{t('comOrders.columns.customer')}</Table.Th>
                    <Table.Th className="fh-no-print">{t('comOrders.columns.payment')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.lines.map((l) => (
                    <Table.Tr key={`${l.lineId}:${g.locationId}`}>
                      <Table.Td>
                        {/* A box to tick on paper. */}
                        <span aria-hidden="true" className="fh-pick-box" />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {l.sku ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <bdi>{l.title}</bdi>
                      </Table.Td>
                      <Table.Td ta="end" fw={700}>
                        {l.quantity}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/commerce/orders/${l.orderId}`}>
                          <bdi>{l.orderNumber}</bdi>
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {f.date(l.placedAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <bdi>{l.customerName ?? '—'}</bdi>
                      </Table.Td>
                      <Table.Td className="fh-no-print">
                        <PaymentBadge status={l.paymentStatus} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </Stack>
      )}
    </>
  );
}
