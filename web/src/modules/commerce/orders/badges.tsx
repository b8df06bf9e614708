import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type OrderStatus, PAYMENT_COLORS, type PaymentStatus, STATUS_COLORS } from './api.ts';

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none">
      {t(`comOrders.status.${status}`)}
    </Badge>
  );
}

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={PAYMENT_COLORS[status]} variant="outline" tt="none">
      {t(`comOrders.payment.${status}`)}
    </Badge>
  );
}
