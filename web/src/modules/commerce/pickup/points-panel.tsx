import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconMapPin, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { addressLine, CapabilityBadges, KindBadge } from './labels.tsx';
import { CAPABILITIES, KINDS, type PickupPoint, pickupKeys } from './types.ts';

/** The points by name, filtered by text, kind, capability and state, a page at a time. */
export function PointsPanel({ onCreate, onImport }: { onCreate: () => void; onImport: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [kind, setKind] = useState<string | null>(null);
  const [capability, setCapability] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const filters = { q: debounced, kind, capability, active };
  const points = useInfiniteQuery({
    queryKey: pickupKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<PickupPoint>>('/pickup-points', { ...filters, limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = points.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(debounced || kind || capability || active);

  return (
    <Stack>
      <Group gap="sm" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('comPickup.list.search')}
          aria-label={t('comPickup.list.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Select
          aria-label={t('comPickup.list.kind')}
          placeholder={t('comPickup.list.kind')}
          clearable
          data={KINDS.map((k) => ({ value: k, label: t(`comPickup.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
          w={160}
        />
        <Select
          aria-label={t('comPickup.list.capability')}
          placeholder={t('comPickup.list.capability')}
          clearable
          data={CAPABILITIES.map((c) => ({ value: c, label: t(`comPickup.capabilities.${c}`) }))}
          value={capability}
          onChange={setCapability}
          w={200}
        />
        <Select
          aria-label={t('comPickup.list.state')}
          placeholder={t('comPickup.list.state')}
          clearable
          data={[
            { value: 'true', label: t('comPickup.list.active') },
            { value: 'false', label: t('comPickup.list.inactive') },
          ]}
          value={active}
          onChange={setActive}
          w={150}
        />
      </Group>
      {points.isPending ? (
        <PageLoader />
      ) : points.isError ? (
        <QueryError error={points.error} onRetry={() => void points.refetch()} />
      ) : list.length === 0 ? (
        filtered ? (
          <Text c="dimmed">{t('comPickup.list.noMatch')}</Text>
        ) : (
          <EmptyState
            icon={<IconMapPin size={28} />}
            title={t('comPickup.empty.title')}
            description={t('comPickup.empty.description')}
          >
            <Group>
              <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
                {t('comPickup.new')}
              </Button>
              <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onImport}>
                {t('comPickup.empty.import')}
              </Button>
            </Group>
          </EmptyState>
        )
      ) : (
        <>
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('comPickup.list.name')}</Table.Th>
                  <Table.Th>{t('comPickup.list.kind')}</Table.Th>
                  <Table.Th>{t('comPickup.list.address')}</Table.Th>
                  <Table.Th>{t('comPickup.list.hours')}</Table.Th>
                  <Table.Th>{t('comPickup.list.capability')}</Table.Th>
                  <Table.Th ta="end">{t('comPickup.list.capacity')}</Table.Th>
                  <Table.Th ta="end">{t('comPickup.list.fee')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor component={Link} to={`/commerce/pickup-points/${p.id}`} fw={600}>
                          {p.name}
                        </Anchor>
                        {!p.active && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('comPickup.list.inactive')}
                          </Badge>
                        )}
                      </Group>
                      {p.partner && (
                        <Text size="xs" c="dimmed">
                          {p.partner.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <KindBadge kind={p.kind} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{addressLine(p)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" dir="ltr">
                        {p.hoursText || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <CapabilityBadges caps={p.capabilities} />
                    </Table.Td>
                    <Table.Td ta="end">{p.capacityPerDay ?? '∞'}</Table.Td>
                    <Table.Td ta="end">
                      {p.fee.amountMinor ? f.money(p.fee.amountMinor, p.fee.currency) : t('comPickup.free')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {points.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={points.isFetchingNextPage} onClick={() => void points.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
