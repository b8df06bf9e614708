import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PickupPoint } from './types.ts';

const KIND_COLOR = { own: 'blue', partner: 'grape', carrier: 'orange' } as const;

export function KindBadge({ kind }: { kind: PickupPoint['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLOR[kind]} size="sm">
      {t(`comPickup.kinds.${kind}`)}
    </Badge>
  );
}

export function CapabilityBadges({ caps }: { caps: PickupPoint['capabilities'] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {caps.map((c) => (
        <Badge key={c} variant="outline" size="xs" color="gray">
          {t(`comPickup.capabilities.${c}`)}
        </Badge>
      ))}
    </Group>
  );
}

export const addressLine = (p: PickupPoint) =>
  [p.address.line1, [p.address.postcode, p.address.city].filter(Boolean).join(' '), p.address.country]
    .filter(Boolean)
    .join(', ');
