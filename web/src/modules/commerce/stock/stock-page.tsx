import { Badge, Button, Group, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconPackageImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import type { PurchaseRequest, StockLevel, StockLocation } from './api.ts';
import { useLocations } from './api.ts';
import { LedgerPanel } from './ledger-panel.tsx';
import { LevelsPanel } from './levels-panel.tsx';
import { LocationFormModal } from './location-form-modal.tsx';
import { LocationsPanel } from './locations-panel.tsx';
import { RequestsPanel } from './requests-panel.tsx';
import { ShippedModal, StockMoveModal, ThresholdModal } from './stock-dialogs.tsx';

const TABS = ['levels', 'locations', 'ledger', 'requests'] as const;
type Tab = (typeof TABS)[number];

/** Stock: levels (low stock highlighted), locations, the movement ledger and dropship purchase requests. */
export function StockPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'levels';
  const variantId = params.get('variantId');
  const locations = useLocations();
  const lowCount = (locations.data ?? []).reduce((s, l) => s + l.lowCount, 0);
  const [move, setMove] = useState<'receive' | 'adjust' | null>(null);
  const [threshold, setThreshold] = useState<StockLevel | null>(null);
  const [shipped, setShipped] = useState<PurchaseRequest | null>(null);
  const [editing, setEditing] = useState<StockLocation | null>(null);
  const [locationOpen, locationModal] = useDisclosure(false);
  const editLocation = (l: StockLocation | null) => {
    setEditing(l);
    locationModal.open();
  };
  const setTab = (v: string | null) => {
    const next = new URLSearchParams(params);
    next.set('tab', v ?? 'levels');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('comCatalog.stock.title')}
        description={t('comCatalog.stock.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => editLocation(null)}>
              {t('comCatalog.stock.locations.new')}
            </Button>
            <Button variant="light" leftSection={<IconAdjustments size={16} />} onClick={() => setMove('adjust')}>
              {t('comCatalog.stock.adjust')}
            </Button>
            <Button leftSection={<IconPackageImport size={16} />} onClick={() => setMove('receive')}>
              {t('comCatalog.stock.receive')}
            </Button>
          </>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="levels">
            <Group gap={6} wrap="nowrap">
              {t('comCatalog.stock.tabs.levels')}
              {lowCount > 0 && (
                <Badge
                  size="sm"
                  color="red"
                  variant="filled"
                  aria-label={t('comCatalog.stock.lowBadge', { count: lowCount })}
                >
                  {lowCount}
                </Badge>
              )}
            </Group>
          </Tabs.Tab>
          <Tabs.Tab value="locations">{t('comCatalog.stock.tabs.locations')}</Tabs.Tab>
          <Tabs.Tab value="ledger">{t('comCatalog.stock.tabs.ledger')}</Tabs.Tab>
          <Tabs.Tab value="requests">{t('comCatalog.stock.tabs.requests')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="levels">
          <LevelsPanel variantId={variantId} onReceive={() => setMove('receive')} onThreshold={setThreshold} />
        </Tabs.Panel>
        <Tabs.Panel value="locations">
          <LocationsPanel onEdit={editLocation} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger">
          <LedgerPanel variantId={variantId} />
        </Tabs.Panel>
        <Tabs.Panel value="requests">
          <RequestsPanel onShipped={setShipped} />
        </Tabs.Panel>
      </Tabs>
      <StockMoveModal mode={move ?? 'receive'} opened={move !== null} onClose={() => setMove(null)} />
      <ThresholdModal level={threshold} onClose={() => setThreshold(null)} />
      <ShippedModal request={shipped} onClose={() => setShipped(null)} />
      <LocationFormModal opened={locationOpen} onClose={locationModal.close} location={editing} />
    </>
  );
}
