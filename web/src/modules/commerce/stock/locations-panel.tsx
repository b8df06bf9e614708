import { ActionIcon, Badge, Button, Paper, Table, Text } from '@mantine/core';
import { IconBuildingWarehouse, IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { useFormat } from '../../../lib/format.ts';
import { KIND_COLORS, type StockLocation, useLocations } from './api.ts';

/** Locations in allocation order: orders take stock from the first that has it (see the catalog guide). */
export function LocationsPanel({ onEdit }: { onEdit: (l: StockLocation | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const locations = useLocations();
  if (locations.isPending) return <PageLoader />;
  if (locations.isError) return <QueryError error={locations.error} onRetry={() => locations.refetch()} />;
  const rows = locations.data;
  if (!rows.length)
    return (
      <EmptyState
        icon={<IconBuildingWarehouse size={28} />}
        title={t('comCatalog.stock.locations.empty.title')}
        description={t('comCatalog.stock.locations.empty.description')}
      >
        <Button leftSection={<IconPlus size={16} />} onClick={() => onEdit(null)}>
          {t('comCatalog.stock.locations.new')}
        </Button>
      </EmptyState>
    );
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" aria-label={t('comCatalog.stock.tabs.locations')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('comCatalog.stock.locations.name')}</Table.Th>
              <Table.Th>{t('comCatalog.stock.locations.kind')}</Table.Th>
              <Table.Th ta="end">{t('comCatalog.stock.locations.variants')}</Table.Th>
              <Table.Th ta="end">{t('comCatalog.stock.onHand')}</Table.Th>
              <Table.Th ta="end">{t('comCatalog.stock.locations.low')}</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((l) => (
              <Table.Tr key={l.id} opacity={l.active ? 1 : 0.55}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {l.name}
                    {l.code && (
                      <Text span size="xs" c="dimmed" ms={6}>
                        {l.code}
                      </Text>
                    )}
                  </Text>
                  {l.supplierEmail && (
                    <Text size="xs" c="dimmed">
                      {l.supplierEmail}
                    </Text>
                  )}
                  {!l.active && (
                    <Text size="xs" c="dimmed">
                      {t('comCatalog.stock.locations.inactive')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={KIND_COLORS[l.kind]} tt="none">
                    {t(`comCatalog.stock.kind.${l.kind}`)}
                  </Badge>
                  {!l.tracksLevels && (
                    <Badge variant="outline" color="orange" tt="none" ms={4}>
                      {t('comCatalog.stock.unlimited')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="end">{f.number(l.variantCount)}</Table.Td>
                <Table.Td ta="end">{l.tracksLevels ? f.number(l.onHand) : '—'}</Table.Td>
                <Table.Td ta="end">
                  <Text size="sm" c={l.lowCount ? 'red' : 'dimmed'} fw={l.lowCount ? 600 : 400}>
                    {f.number(l.lowCount)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('common.edit')} onClick={() => onEdit(l)}>
                    <IconPencil size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
