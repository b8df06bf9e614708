import { Tabs } from '@mantine/core';
import { IconCalculator, IconCode, IconPercentage, IconTruckDelivery } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { CalculatorPanel } from './calculator-panel.tsx';
import { CarriersPanel } from './carriers-panel.tsx';
import { RulesPanel } from './rules-panel.tsx';
import { WidgetPanel } from './widget-panel.tsx';

const TABS = ['carriers', 'calculator', 'rules', 'widget'] as const;

/** /commerce/shipping: carriers and their rate cards, the quote calculator, margin and free-shipping rules, the widget. */
export function ShippingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'carriers';
  return (
    <>
      <PageHeader title={t('comShipping.title')} description={t('comShipping.subtitle')} />
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'carriers' }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="carriers" leftSection={<IconTruckDelivery size={16} />}>
            {t('comShipping.tabs.carriers')}
          </Tabs.Tab>
          <Tabs.Tab value="calculator" leftSection={<IconCalculator size={16} />}>
            {t('comShipping.tabs.calculator')}
          </Tabs.Tab>
          <Tabs.Tab value="rules" leftSection={<IconPercentage size={16} />}>
            {t('comShipping.tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="widget" leftSection={<IconCode size={16} />}>
            {t('comShipping.tabs.widget')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="carriers">
          <CarriersPanel onQuote={() => setParams({ tab: 'calculator' }, { replace: true })} />
        </Tabs.Panel>
        <Tabs.Panel value="calculator">
          <CalculatorPanel />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="widget">
          <WidgetPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
