import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Avatar, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { initials, useFormat } from '../../../lib/format.ts';
import type { Member } from '../../../lib/types.ts';
import type { Deal } from '../types.ts';
import { DealParty } from './deal-party.tsx';

export function DealCardBody({ deal, owner }: { deal: Deal; owner: Member | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const late = deal.status === 'open' && deal.expectedClose && new Date(`${deal.expectedClose}T23:59:59`) < new Date();
  return (
    <>
      <Text size="sm" fw={600} lineClamp={2}>
        <bdi>{deal.title}</bdi>
      </Text>
      <DealParty deal={deal} />
      <Group justify="space-between" mt={6} wrap="nowrap">
        <Text size="sm" fw={700} c="freehold.9">
          {f.money(deal.amountMinor, deal.currency)}
        </Text>
        <Group gap={6} wrap="nowrap">
          {deal.expectedClose && (
            <Tooltip label={t('deals.expectedClose')}>
              <Group gap={2} wrap="nowrap" c={late ? 'red' : 'dimmed'}>
                <IconCalendar size={12} />
                <Text size="xs" c={late ? 'red' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                  {f.date(`${deal.expectedClose}T12:00:00Z`)}
                </Text>
              </Group>
            </Tooltip>
          )}
          {owner && (
            <Tooltip label={owner.name || owner.email}>
              <Avatar size={20} radius="xl" color="freehold">
                {initials(owner.name || owner.email)}
              </Avatar>
            </Tooltip>
          )}
        </Group>
      </Group>
    </>
  );
}

export function SortableDealCard({
  deal,
  owner,
  onOpen,
}: {
  deal: Deal;
  owner: Member | undefined;
  onOpen: (d: Deal) => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { type: 'deal' },
  });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      shadow="xs"
      className="fh-deal-card"
      data-dragging={isDragging}
      data-deal-id={deal.id}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      {...attributes}
      {...listeners}
      onKeyDown={(e) => {
        // Space picks the card up (dnd-kit); Enter opens it.
        if (e.key === 'Enter') onOpen(deal);
        else listeners?.onKeyDown?.(e);
      }}
      onClick={() => onOpen(deal)}
    >
      <DealCardBody deal={deal} owner={owner} />
    </Paper>
  );
}
