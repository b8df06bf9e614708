import { Button, Modal, Tabs } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconCode, IconFileImport, IconList, IconMapPin, IconPlus, IconRadar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { ImportPanel } from './import-panel.tsx';
import { NearestPanel } from './nearest-panel.tsx';
import { PointForm } from './point-form.tsx';
import { PointsPanel } from './points-panel.tsx';
import { RegionsPanel } from './regions-panel.tsx';
import { WidgetPanel } from './widget-panel.tsx';

const TABS = ['points', 'regions', 'import', 'nearest', 'widget'] as const;

/** /commerce/pickup-points: the points (list and by region), CSV imports, the nearest-point tester, the widget. */
export function PickupPointsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'points';
  const go = (v: string) => setParams({ tab: v }, { replace: true });
  const [creating, create] = useDisclosure(false);
  useHotkeys([['n', create.open]]);
  return (
    <>
      <PageHeader
        title={t('comPickup.title')}
        description={t('comPickup.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open} aria-keyshortcuts="n">
            {t('comPickup.new')}
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => go(v ?? 'points')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="points" leftSection={<IconList size={16} />}>
            {t('comPickup.tabs.points')}
          </Tabs.Tab>
          <Tabs.Tab value="regions" leftSection={<IconMapPin size={16} />}>
            {t('comPickup.tabs.regions')}
          </Tabs.Tab>
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} />}>
            {t('comPickup.tabs.import')}
          </Tabs.Tab>
          <Tabs.Tab value="nearest" leftSection={<IconRadar size={16} />}>
            {t('comPickup.tabs.nearest')}
          </Tabs.Tab>
          <Tabs.Tab value="widget" leftSection={<IconCode size={16} />}>
            {t('comPickup.tabs.widget')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="points">
          <PointsPanel onCreate={create.open} onImport={() => go('import')} />
        </Tabs.Panel>
        <Tabs.Panel value="regions">
          <RegionsPanel onCreate={create.open} />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <ImportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="nearest">
          <NearestPanel />
        </Tabs.Panel>
        <Tabs.Panel value="widget">
          <WidgetPanel />
        </Tabs.Panel>
      </Tabs>
      <Modal opened={creating} onClose={create.close} title={t('comPickup.new')} size="xl">
        <PointForm
          point={null}
          onDone={(p) => {
            create.close();
            navigate(`/commerce/pickup-points/${p.id}`);
          }}
        />
      </Modal>
    </>
  );
}
