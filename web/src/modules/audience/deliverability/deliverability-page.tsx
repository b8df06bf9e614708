import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconChartBar, IconInbox, IconMailOff, IconWebhook } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { BounceMailboxCard } from './bounce-mailbox-card.tsx';
import { SuppressionList } from './suppression-list.tsx';
import { type DeliverabilitySummary, deliverabilityKeys } from './types.ts';
import { WebhooksCard } from './webhooks-card.tsx';

/** Mailbox providers start filtering senders above these rates (Gmail / Yahoo sender guidelines). */
const BOUNCE_LIMIT = 0.02;
const COMPLAINT_LIMIT = 0.001;

const TABS = ['overview', 'suppressions', 'mailbox', 'webhooks'] as const;
type Tab = (typeof TABS)[number];

export function DeliverabilityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.includes(params.get('tab') as Tab) ? params.get('tab') : 'overview') as Tab;
  return (
    <>
      <PageHeader title={t('audDeliverability.title')} description={t('audDeliverability.subtitle')} />
      <Tabs value={tab} onChange={(v) => v && setParams({ tab: v }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconChartBar size={16} />}>
            {t('audDeliverability.tabs.overview')}
          </Tabs.Tab>
          <Tabs.Tab value="suppressions" leftSection={<IconMailOff size={16} />}>
            {t('audDeliverability.tabs.suppressions')}
          </Tabs.Tab>
          <Tabs.Tab value="mailbox" leftSection={<IconInbox size={16} />}>
            {t('audDeliverability.tabs.mailbox')}
          </Tabs.Tab>
          <Tabs.Tab value="webhooks" leftSection={<IconWebhook size={16} />}>
            {t('audDeliverability.tabs.webhooks')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Overview />
        </Tabs.Panel>
        <Tabs.Panel value="suppressions">
          <SuppressionList />
        </Tabs.Panel>
        <Tabs.Panel value="mailbox">
          <BounceMailboxCard />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <WebhooksCard />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Stat({ label, value, note, alert }: { label: string; value: string; note?: string; alert?: string | null }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group gap="xs" align="baseline" mt={4}>
        <Text fz={28} fw={700} lh={1.1}>
          {value}
        </Text>
        {alert && (
          <Badge color="red" variant="light">
            {alert}
          </Badge>
        )}
      </Group>
      {note && (
        <Text size="xs" c="dimmed" mt={4}>
          {note}
        </Text>
      )}
    </Paper>
  );
}

function Overview() {
  const { t } = useTranslation();
  const f = useFormat();
  const [days, setDays] = useState('30');
  const q = useQuery({
    queryKey: [...deliverabilityKeys.summary, days],
    queryFn: () => api.get<DeliverabilitySummary>('/deliverability', { days }),
  });
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const pct = (x: number) =>
    new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: x > 0 && x < 0.01 ? 2 : 1 }).format(x);
  const suppressedTotal = Object.values(s.suppressed).reduce((a, b) => a + (b ?? 0), 0);
  const data = s.byDay.map((d) => ({
    day: f.date(`${d.day}T12:00:00Z`),
    [t('audDeliverability.hardBounces')]: d.hardBounces,
    [t('audDeliverability.softBounces')]: d.softBounces,
    [t('audDeliverability.complaints')]: d.complaints,
  }));
  const quiet = s.hardBounces + s.softBounces + s.complaints === 0;
  return (
    <Stack>
      <Group justify="flex-end">
        <SegmentedControl
          value={days}
          onChange={setDays}
          aria-label={t('audDeliverability.period')}
          data={[
            { value: '7', label: t('audDeliverability.days', { count: 7 }) },
            { value: '30', label: t('audDeliverability.days', { count: 30 }) },
            { value: '90', label: t('audDeliverability.days', { count: 90 }) },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Stat
          label={t('audDeliverability.sent')}
          value={f.number(s.sent)}
          note={s.delivered ? t('audDeliverability.deliveredNote', { count: s.delivered }) : undefined}
        />
        <Stat
          label={t('audDeliverability.bounceRate')}
          value={pct(s.bounceRate)}
          note={t('audDeliverability.bounceNote', { hard: f.number(s.hardBounces), soft: f.number(s.softBounces) })}
          alert={s.sent > 0 && s.bounceRate > BOUNCE_LIMIT ? t('audDeliverability.tooHigh') : null}
        />
        <Stat
          label={t('audDeliverability.complaintRate')}
          value={pct(s.complaintRate)}
          note={t('audDeliverability.complaintNote', { count: s.complaints })}
          alert={s.sent > 0 && s.complaintRate > COMPLAINT_LIMIT ? t('audDeliverability.tooHigh') : null}
        />
        <Stat
          label={t('audDeliverability.suppressed')}
          value={f.number(suppressedTotal)}
          note={t('audDeliverability.suppressedNote', {
            bounced: f.number(s.suppressed.hard_bounce ?? 0),
            complained: f.number(s.suppressed.complaint ?? 0),
            unsubscribed: f.number(s.suppressed.unsubscribed ?? 0),
          })}
        />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="sm">
          {t('audDeliverability.chartTitle', { count: s.days })}
        </Title>
        {quiet ? (
          <Text size="sm" c="dimmed">
            {t('audDeliverability.noReports')}
          </Text>
        ) : (
          <BarChart
            h={240}
            data={data}
            dataKey="day"
            type="stacked"
            series={[
              { name: t('audDeliverability.hardBounces'), color: 'red.6' },
              { name: t('audDeliverability.softBounces'), color: 'orange.4' },
              { name: t('audDeliverability.complaints'), color: 'grape.6' },
            ]}
          />
        )}
        <Text size="xs" c="dimmed" mt="sm">
          {t('audDeliverability.limitsHint')}
        </Text>
      </Paper>
    </Stack>
  );
}
