import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { minorDigits, toMajor, toMinor, useFormat } from '../../../lib/format.ts';
import { type Order, type OrderLine, orderKeys } from './api.ts';

export type Step = 'pay' | 'fulfil' | 'ship' | 'deliver' | 'cancel' | 'refund';

const PATHS: Record<Step, string> = {
  pay: 'payments',
  fulfil: 'fulfil',
  ship: 'shipments',
  deliver: 'deliver',
  cancel: 'cancel',
  refund: 'refunds',
};

/** Posts one lifecycle step; the answer is the order as it now is, so the page updates without another request. */
function useStep(order: Order, step: Step, onDone: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api.post<Order>(`/orders/${order.id}/${PATHS[step]}`, body),
    meta: { silentError: true },
    onSuccess: async (o) => {
      qc.setQueryData(orderKeys.one(order.id), o);
      notifySuccess(t(`comOrders.done.${step}`, { number: o.number }));
      onDone();
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      if (o.contactId) await qc.invalidateQueries({ queryKey: ['crm'] });
    },
    onError: (err) => notifyError(err, t(`comOrders.failed.${step}`)),
  });
}

function Dialog({
  opened,
  onClose,
  title,
  submit,
  danger,
  loading,
  onSubmit,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  submit: string;
  danger?: boolean;
  loading: boolean;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // A form: Enter submits from any field, Escape closes, the first field has the focus (data-autofocus).
  const handle = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      <form onSubmit={handle}>
        <Stack gap="md">
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={loading}>
              {submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Quantities per line, each between 0 and what the line has room for (`room`), starting at that maximum. */
function LineQuantities({
  lines,
  room,
  values,
  onChange,
  label,
}: {
  lines: OrderLine[];
  room: (l: OrderLine) => number;
  values: Record<string, number>;
  onChange: (v: Record<string, number>) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const shown = lines.filter((l) => room(l) > 0);
  if (!shown.length) return <Text c="dimmed">{t('comOrders.dialogs.noLines')}</Text>;
  return (
    <Table verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('comOrders.columns.item')}</Table.Th>
          <Table.Th w={130}>{label}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((l, i) => (
          <Table.Tr key={l.id}>
            <Table.Td>
              <Text size="sm">
                <bdi>{l.title}</bdi>
              </Text>
              {l.sku && (
                <Text size="xs" c="dimmed">
                  {l.sku}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <NumberInput
                aria-label={`${label}: ${l.title}`}
                min={0}
                max={room(l)}
                allowDecimal={false}
                value={values[l.id] ?? 0}
                onChange={(v) => onChange({ ...values, [l.id]: Number(v) || 0 })}
                rightSection={
                  <Text size="xs" c="dimmed">
                    /{room(l)}
                  </Text>
                }
                data-autofocus={i === 0 ? true : undefined}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const full = (lines: OrderLine[], room: (l: OrderLine) => number) =>
  Object.fromEntries(lines.filter((l) => room(l) > 0).map((l) => [l.id, room(l)]));
const picked = (v: Record<string, number>) =>
  Object.entries(v)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));

type Props = { order: Order; opened: boolean; onClose: () => void };

export function PaymentDialog({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [amount, setAmount] = useState<number | string>(toMajor(order.dueMinor, order.currency));
  const [method, setMethod] = useState('');
  const [reference, setReference] = useState('');
  useEffect(() => {
    if (opened) setAmount(toMajor(order.dueMinor, order.currency));
  }, [opened, order.dueMinor, order.currency]);
  const m = useStep(order, 'pay', onClose);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('comOrders.dialogs.payTitle', { number: order.number })}
      submit={t('comOrders.actions.pay')}
      loading={m.isPending}
      onSubmit={() =>
        m.mutate({
          amountMinor: toMinor(Number(amount) || 0, order.currency),
          ...(method.trim() ? { method: method.trim() } : {}),
          ...(reference.trim() ? { reference: reference.trim() } : {}),
        })
      }
    >
      <Text size="sm">{t('comOrders.dialogs.due', { amount: f.money(order.dueMinor, order.currency) })}</Text>
      <NumberInput
        label={t('comOrders.dialogs.amount', { currency: order.currency })}
        value={amount}
        onChange={setAmount}
        min={0}
        decimalScale={minorDigits(order.currency)}
        required
        data-autofocus
      />
      <TextInput
        label={t('comOrders.dialogs.method')}
        placeholder={t('comOrders.dialogs.methodPlaceholder')}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value)}
      />
      <TextInput
        label={t('comOrders.dialogs.reference')}
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
      />
    </Dialog>
  );
}

const openQty = (l: OrderLine) => l.quantity - l.fulfilledQty;
const waitingQty = (l: OrderLine) => l.fulfilledQty - l.shippedQty;
const returnableQty = (l: OrderLine) => l.fulfilledQty - l.returnedQty;

export function FulfilDialog({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const [qty, setQty] = useState<Record<string, number>>({});
  useEffect(() => {
    if (opened) setQty(full(order.lines, openQty));
  }, [opened, order.lines]);
  const m = useStep(order, 'fulfil', onClose);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('comOrders.dialogs.fulfilTitle', { number: order.number })}
      submit={t('comOrders.actions.fulfil')}
      loading={m.isPending}
      onSubmit={() => m.mutate({ lines: picked(qty) })}
    >
      <Text size="sm" c="dimmed">
        {t('comOrders.dialogs.fulfilHelp')}
      </Text>
      <LineQuantities
        lines={order.lines}
        room={openQty}
        values={qty}
        onChange={setQty}
        label={t('comOrders.dialogs.toFulfil')}
      />
    </Dialog>
  );
}

export function ShipDialog({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [tracking, setTracking] = useState('');
  const [carrier, setCarrier] = useState('');
  useEffect(() => {
    if (!opened) return;
    setQty(full(order.lines, waitingQty));
    setTracking('');
    setCarrier(order.shipping?.carrierName ?? '');
  }, [opened, order.lines, order.shipping?.carrierName]);
  const m = useStep(order, 'ship', onClose);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('comOrders.dialogs.shipTitle', { number: order.number })}
      submit={t('comOrders.actions.ship')}
      loading={m.isPending}
      onSubmit={() =>
        m.mutate({
          lines: picked(qty),
          ...(tracking.trim() ? { trackingNumber: tracking.trim() } : {}),
          ...(carrier.trim() ? { carrier: carrier.trim() } : {}),
        })
      }
    >
      <Group grow>
        <TextInput
          label={t('comOrders.dialogs.tracking')}
          value={tracking}
          onChange={(e) => setTracking(e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('comOrders.dialogs.carrier')}
          value={carrier}
          onChange={(e) => setCarrier(e.currentTarget.value)}
        />
      </Group>
      <LineQuantities
        lines={order.lines}
        room={waitingQty}
        values={qty}
        onChange={setQty}
        label={t('comOrders.dialogs.toShip')}
      />
    </Dialog>
  );
}

export function DeliverDialog({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const pending = order.shipments.filter((s) => !s.deliveredAt);
  const [shipment, setShipment] = useState<string | null>('all');
  const m = useStep(order, 'deliver', onClose);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('comOrders.dialogs.deliverTitle', { number: order.number })}
      submit={t('comOrders.actions.deliver')}
      loading={m.isPending}
      onSubmit={() => m.mutate(shipment && shipment !== 'all' ? { shipmentId: shipment } : {})}
    >
      <Select
        label={t('comOrders.dialogs.whichShipment')}
        data={[
          { value: 'all', label: t('comOrders.dialogs.allShipments', { count: pending.length }) },
          ...pending.map((s) => ({
            value: s.id,
            label: [s.carrier, s.trackingNumber, f.date(s.shippedAt)].filter(Boolean).join(' · '),
          })),
        ]}
        value={shipment}
        onChange={setShipment}
        allowDeselect={false}
        data-autofocus
      />
    </Dialog>
  );
}

export function CancelDialog({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const m = useStep(order, 'cancel', onClose);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('comOrders.dialogs.cancelTitle', { number: order.number })}
      submit={t('comOrders.actions.cancel')}
      danger
      loading={m.isPending}
      onSubmit={() => m.mutate(reason.trim() ? { reason: reason.trim() } : {})}
    >
      <Text size="sm">{t('comOrders.dialogs.cancelHelp')}</Text>
      {order.paidMinor > order.refundedMinor && (
        <Alert color="yellow" variant="light">
          {t('comOrders.dialogs.cancelPaid')}
        </Alert>
      )}
      <Textarea
        label={t('comOrders.dialogs.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
        data-autofocus
      />
    </Dialog>
  );
}

export function RefundDialog({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const refundable = order.paidMinor - order.refundedMinor;
  const [amount, setAmount] = useState<number | string>(0);
  const [reason, setReason] = useState('');
  const [qty, setQty] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!opened) return;
    setAmount(toMajor(refundable, order.currency));
    setQty({});
    setReason('');
  }, [opened, refundable, order.currency]);
  const m = useStep(order, 'refund', onClose);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('comOrders.dialogs.refundTitle', { number: order.number })}
      submit={t('comOrders.actions.refund')}
      loading={m.isPending}
      onSubmit={() =>
        m.mutate({
          amountMinor: toMinor(Number(amount) || 0, order.currency),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          restock: picked(qty),
        })
      }
    >
      <Text size="sm">{t('comOrders.dialogs.refundable', { amount: f.money(refundable, order.currency) })}</Text>
      <NumberInput
        label={t('comOrders.dialogs.amount', { currency: order.currency })}
        value={amount}
        onChange={setAmount}
        min={0}
        max={toMajor(refundable, order.currency)}
        decimalScale={minorDigits(order.currency)}
        data-autofocus
      />
      <Textarea
        label={t('comOrders.dialogs.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Text size="sm" fw={500}>
        {t('comOrders.dialogs.restock')}
      </Text>
      <LineQuantities
        lines={order.lines}
        room={returnableQty}
        values={qty}
        onChange={setQty}
        label={t('comOrders.dialogs.toRestock')}
      />
    </Dialog>
  );
}
