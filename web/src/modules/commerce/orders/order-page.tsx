import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCash,
  IconCircleCheck,
  IconPackage,
  IconPackageExport,
  IconTruckDelivery,
  IconX,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { allowed, customerName, type Order, type OrderAddress, orderKeys } from './api.ts';
import { PaymentBadge, StatusBadge } from './badges.tsx';
import {
  CancelDialog,
  DeliverDialog,
  FulfilDialog,
  PaymentDialog,
  RefundDialog,
  ShipDialog,
  type Step,
} from './order-dialogs.tsx';

function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function Address({ a }: { a: OrderAddress }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
      <bdi>
        {[
          a.name,
          a.company,
          a.line1,
          a.line2,
          [a.postcode, a.city].filter(Boolean).join(' '),
          a.region,
          a.country,
          a.phone,
        ]
          .filter(Boolean)
          .join('\n')}
      </bdi>
    </Text>
  );
}

/** One order: its lines, money, parcels and history, and the buttons for its next steps. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const [step, setStep] = useState<Step | null>(null);
  const order = useQuery({ queryKey: orderKeys.one(id), queryFn: () => api.get<Order>(`/orders/${id}`) });
  if (order.isPending) return <PageLoader />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => order.refetch()} />;
  const o = order.data;
  const can = allowed(o);
  const money = (minor: number) => f.money(minor, o.currency);
  const close = () => setStep(null);
  const titleOf = new Map(o.lines.map((l) => [l.id, l.title]));
  const button = (s: Step, icon: ReactNode, enabled: boolean, color?: string) => (
    <Button
      key={s}
      variant={s === 'cancel' ? 'subtle' : 'light'}
      color={color}
      leftSection={icon}
      disabled={!enabled}
      onClick={() => setStep(s)}
    >
      {t(`comOrders.actions.${s}`)}
    </Button>
  );

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('comOrders.title'), to: '/commerce/orders' }]}
        title={
          <Group gap="sm">
            <Title order={2}>
              <bdi>{t('comOrders.orderTitle', { number: o.number })}</bdi>
            </Title>
            <StatusBadge status={o.status} />
            <PaymentBadge status={o.paymentStatus} />
          </Group>
        }
        description={t('comOrders.placedOn', { date: f.dateTime(o.placedAt), source: o.source })}
      />
      <Group gap="xs" mb="lg" wrap="wrap" role="toolbar" aria-label={t('comOrders.actions.label')}>
        {button('pay', <IconCash size={16} />, can.pay)}
        {button('fulfil', <IconPackage size={16} />, can.fulfil)}
        {button('ship', <IconTruckDelivery size={16} />, can.ship)}
        {button('deliver', <IconCircleCheck size={16} />, can.deliver)}
        {button('refund', <IconArrowBackUp size={16} />, can.refund)}
        {button('cancel', <IconX size={16} />, can.cancel, 'red')}
      </Group>

      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card title={t('comOrders.sections.lines')}>
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('comOrders.columns.item')}</Table.Th>
                      <Table.Th ta="end">{t('comOrders.columns.quantity')}</Table.Th>
                      <Table.Th ta="end">{t('comOrders.columns.fulfilled')}</Table.Th>
                      <Table.Th ta="end">{t('comOrders.columns.shipped')}</Table.Th>
                      <Table.Th ta="end">{t('comOrders.columns.price')}</Table.Th>
                      <Table.Th ta="end">{t('comOrders.columns.lineTotal')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {o.lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>
                          <Text size="sm">
                            <bdi>{l.title}</bdi>
                          </Text>
                          <Text size="xs" c="dimmed">
                            {[
                              l.sku,
                              l.variantId ? null : t('comOrders.textLine'),
                              l.returnedQty ? t('comOrders.returned', { count: l.returnedQty }) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="end">{l.quantity}</Table.Td>
                        <Table.Td ta="end">{l.fulfilledQty}</Table.Td>
                        <Table.Td ta="end">{l.shippedQty}</Table.Td>
                        <Table.Td ta="end">{money(l.unitPriceMinor)}</Table.Td>
                        <Table.Td ta="end">{money(l.totalMinor)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Stack gap={2} mt="sm" align="flex-end">
                <Text size="sm">{t('comOrders.totals.subtotal', { amount: money(o.subtotalMinor) })}</Text>
                {o.discountMinor > 0 && (
                  <Text size="sm">{t('comOrders.totals.discount', { amount: money(o.discountMinor) })}</Text>
                )}
                {o.taxMinor > 0 && <Text size="sm">{t('comOrders.totals.tax', { amount: money(o.taxMinor) })}</Text>}
                <Text size="sm">{t('comOrders.totals.shipping', { amount: money(o.shippingMinor) })}</Text>
                <Text fw={700}>{t('comOrders.totals.total', { amount: money(o.totalMinor) })}</Text>
                <Text size="sm" c="dimmed">
                  {t('comOrders.totals.paid', { amount: money(o.paidMinor) })}
                  {o.refundedMinor > 0
                    ? ` · ${t('comOrders.totals.refunded', { amount: money(o.refundedMinor) })}`
                    : ''}
                  {o.dueMinor > 0 ? ` · ${t('comOrders.totals.due', { amount: money(o.dueMinor) })}` : ''}
                </Text>
              </Stack>
            </Card>

            <Card title={t('comOrders.sections.shipments')}>
              {o.shipments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('comOrders.noShipments')}
                </Text>
              ) : (
                <Stack gap="sm">
                  {o.shipments.map((s) => (
                    <Group key={s.id} justify="space-between" align="flex-start" wrap="nowrap">
                      <div>
                        <Group gap={6}>
                          <IconPackageExport size={16} />
                          <Text size="sm" fw={500}>
                            <bdi>
                              {[s.carrier, s.trackingNumber].filter(Boolean).join(' · ') || t('comOrders.noTracking')}
                            </bdi>
                          </Text>
                          {s.purchaseRequestId && (
                            <Badge size="xs" variant="outline">
                              {t('comOrders.bySupplier')}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {s.lines.map((l) => `${l.quantity} × ${titleOf.get(l.lineId) ?? ''}`).join(', ')}
                        </Text>
                      </div>
                      <Text size="xs" c="dimmed" ta="end">
                        {t('comOrders.shippedOn', { date: f.date(s.shippedAt) })}
                        <br />
                        {s.deliveredAt
                          ? t('comOrders.deliveredOn', { date: f.date(s.deliveredAt) })
                          : t('comOrders.onItsWay')}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>

            <Card title={t('comOrders.sections.payments')}>
              {o.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('comOrders.noPayments')}
                </Text>
              ) : (
                <Table verticalSpacing={4}>
                  <Table.Tbody>
                    {o.payments.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>{f.dateTime(p.at)}</Table.Td>
                        <Table.Td>
                          {t(`comOrders.paymentKind.${p.kind}`)}
                          {p.method ? ` · ${p.method}` : ''}
                          {p.reference ? ` · ${p.reference}` : ''}
                          {p.reason ? ` · ${p.reason}` : ''}
                        </Table.Td>
                        <Table.Td ta="end" c={p.kind === 'refund' ? 'red' : undefined}>
                          {p.kind === 'refund' ? '−' : ''}
                          {money(p.amountMinor)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card title={t('comOrders.sections.customer')}>
              {o.contactId ? (
                <Anchor component={Link} to={`/contacts/${o.contactId}`} fw={500}>
                  <bdi>{customerName(o.customer) || t('comOrders.openContact')}</bdi>
                </Anchor>
              ) : (
                <Text size="sm">{customerName(o.customer) || t('comOrders.walkIn')}</Text>
              )}
              {o.customer.email && (
                <Text size="sm" c="dimmed">
                  {o.customer.email}
                </Text>
              )}
              {o.customer.phone && (
                <Text size="sm" c="dimmed">
                  <bdi>{o.customer.phone}</bdi>
                </Text>
              )}
            </Card>
            <Card title={t('comOrders.sections.delivery')}>
              <Stack gap="xs">
                {o.shipping && (
                  <Text size="sm">
                    <bdi>{[o.shipping.carrierName, o.shipping.serviceName].filter(Boolean).join(' · ')}</bdi> —{' '}
                    {money(o.shipping.priceMinor)}
                    {o.shipping.eta
                      ? ` · ${t('comOrders.eta', { from: o.shipping.eta.earliest, to: o.shipping.eta.latest })}`
                      : ''}
                  </Text>
                )}
                {o.shipping?.breakdown.map((b) => (
                  <Text key={b.code} size="xs" c="dimmed">
                    {b.label}: {money(b.amountMinor)}
                  </Text>
                ))}
                {o.pickupPointId && <Badge variant="light">{t('comOrders.pickupPoint')}</Badge>}
                {o.shippingAddress ? (
                  <Address a={o.shippingAddress} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('comOrders.noAddress')}
                  </Text>
                )}
              </Stack>
            </Card>
            {o.note && (
              <Card title={t('comOrders.sections.note')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                  {o.note}
                </Text>
              </Card>
            )}
            <Card title={t('comOrders.sections.history')}>
              <Timeline bulletSize={14} lineWidth={2} active={o.history.length}>
                {o.history.map((h) => (
                  <Timeline.Item key={h.id} title={t(`comOrders.history.${h.type}`, { defaultValue: h.type })}>
                    <Text size="xs" c="dimmed">
                      {f.dateTime(h.at)}
                      {h.toStatus && h.toStatus !== h.fromStatus
                        ? ` · ${t(`comOrders.status.${h.toStatus}` as 'comOrders.status.placed')}`
                        : ''}
                    </Text>
                    {typeof h.data.trackingNumber === 'string' && (
                      <Text size="xs">
                        <bdi>{h.data.trackingNumber}</bdi>
                      </Text>
                    )}
                    {typeof h.data.reason === 'string' && <Text size="xs">{h.data.reason}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>

      <PaymentDialog order={o} opened={step === 'pay'} onClose={close} />
      <FulfilDialog order={o} opened={step === 'fulfil'} onClose={close} />
      <ShipDialog order={o} opened={step === 'ship'} onClose={close} />
      <DeliverDialog order={o} opened={step === 'deliver'} onClose={close} />
      <CancelDialog order={o} opened={step === 'cancel'} onClose={close} />
      <RefundDialog order={o} opened={step === 'refund'} onClose={close} />
    </>
  );
}
