import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMapPin, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { addressLine, KindBadge } from './labels.tsx';
import { KINDS, pickupKeys, type RegionGroup } from './types.ts';

const countryName = (code: string, locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Active points grouped by country and region: what the "collect near you" page lists. */
export function RegionsPanel({ onCreate }: { onCreate: () => void }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const regions = useQuery({
    queryKey: [...pickupKeys.regions, kind],
    queryFn: () => api.get<{ data: RegionGroup[]; total: number }>('/pickup-points/by-region', { kind }),
  });
  if (regions.isPending) return <PageLoader />;
  if (regions.isError) return <QueryError error={regions.error} onRetry={() => void regions.refetch()} />;
  const groups = regions.data.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('comPickup.regions.summary', { count: regions.data.total, regions: groups.length })}
        </Text>
        <Select
          aria-label={t('comPickup.list.kind')}
          placeholder={t('comPickup.list.kind')}
          clearable
          data={KINDS.map((k) => ({ value: k, label: t(`comPickup.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
          w={160}
        />
      </Group>
      {groups.length === 0 ? (
        <EmptyState
          icon={<IconMapPin size={28} />}
          title={t('comPickup.regions.emptyTitle')}
          description={t('comPickup.regions.emptyDescription')}
        >
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {t('comPickup.new')}
          </Button>
        </EmptyState>
      ) : (
        groups.map((g) => (
          <Stack key={`${g.country}-${g.region ?? ''}`} gap="xs">
            <Title order={4}>
              {g.region ?? t('comPickup.regions.noRegion')}, {countryName(g.country, i18n.language)}{' '}
              <Text span c="dimmed" size="sm">
                ({g.count})
              </Text>
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {g.points.map((p) => (
                <Card key={p.id} withBorder padding="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Anchor component={Link} to={`/commerce/pickup-points/${p.id}`} fw={600}>
                      {p.name}
                    </Anchor>
                    <KindBadge kind={p.kind} />
                  </Group>
                  <Text size="sm">{addressLine(p)}</Text>
                  <Text size="xs" c="dimmed" dir="ltr">
                    {p.hoursText}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
            {g.points.length < g.count && (
              <Text size="xs" c="dimmed">
                {t('comPickup.regions.more', { count: g.count - g.points.length })}
              </Text>
            )}
          </Stack>
        ))
      )}
    </Stack>
  );
}
