import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Badge,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconChartBar, IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import {
  type AudienceReport,
  addDays,
  CHANNEL_COLOR,
  planKeys,
  type ReportGroup,
  type ReportPiece,
  today,
} from './types.ts';

type Metric = 'signups' | 'openRate' | 'clickRate';
type SortKey = 'title' | 'at' | 'sent' | 'openRate' | 'clickRate' | 'unsubscribes' | 'signups';
const PRESETS = [30, 90, 365] as const;

export function ReportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const end = params.get('to') ?? today(f.timeZone);
  const start = params.get('from') ?? addDays(end, -89);
  const [metric, setMetric] = useState<Metric>('signups');
  const [sort, setSort] = useState<SortState>({ key: 'signups', desc: true });
  const report = useQuery({
    queryKey: [...planKeys.report, start, end],
    queryFn: () => api.get<AudienceReport>('/audience-report', { from: start, to: end }),
    placeholderData: (prev) => prev,
  });
  const pct = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const value = (g: ReportGroup) => (metric === 'signups' ? g.signups : Math.round((g[metric] ?? 0) * 1000) / 10);
  const chartOf = (groups: ReportGroup[], label: (k: string) => string) =>
    groups.slice(0, 12).map((g) => ({ key: label(g.key), value: value(g), color: CHANNEL_COLOR[g.key] }));

  const pieces = useMemo(() => {
    const list = [...(report.data?.pieces ?? [])];
    const get = (p: ReportPiece) =>
      sort.key === 'title' ? p.title.toLowerCase() : sort.key === 'at' ? p.at : (p[sort.key] ?? -1);
    list.sort((a, b) => {
      const [x, y] = [get(a), get(b)];
      const c = x < y ? -1 : x > y ? 1 : 0;
      return sort.desc ? -c : c;
    });
    return list;
  }, [report.data, sort]);

  const r = report.data;
  return (
    <>
      <PageHeader title={t('audPlan.report.title')} description={t('audPlan.report.subtitle')} />
      <Group mb="md" gap="sm" wrap="wrap">
        <DatePickerInput
          type="range"
          aria-label={t('audPlan.report.period')}
          value={[start, end]}
          valueFormat="D MMM YYYY"
          onChange={([a, b]) =>
            a && b && setParams({ from: String(a).slice(0, 10), to: String(b).slice(0, 10) }, { replace: true })
          }
          w={260}
        />
        <SegmentedControl
          value=""
          onChange={(v) =>
            setParams({ from: addDays(today(f.timeZone), -(Number(v) - 1)), to: today(f.timeZone) }, { replace: true })
          }
          data={PRESETS.map((d) => ({ value: String(d), label: t('audPlan.report.lastDays', { count: d }) }))}
        />
        <SegmentedControl
          ms="auto"
          value={metric}
          onChange={(v) => setMetric(v as Metric)}
          data={[
            { value: 'signups', label: t('audPlan.report.signups') },
            { value: 'openRate', label: t('audPlan.report.openRate') },
            { value: 'clickRate', label: t('audPlan.report.clickRate') },
          ]}
        />
      </Group>
      {report.isPending ? (
        <PageLoader />
      ) : report.error ? (
        <QueryError error={report.error} onRetry={() => report.refetch()} />
      ) : !r || r.pieces.length === 0 ? (
        <EmptyState
          icon={<IconChartBar size={28} />}
          title={t('audPlan.report.empty')}
          description={t('audPlan.report.emptyHint')}
        />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Stat label={t('audPlan.report.sent')} value={f.number(r.totals.sent)} />
            <Stat
              label={t('audPlan.report.openRate')}
              value={pct(r.totals.openRate)}
              note={t('audPlan.report.unique')}
            />
            <Stat
              label={t('audPlan.report.clickRate')}
              value={pct(r.totals.clickRate)}
              note={t('audPlan.report.unique')}
            />
            <Stat
              label={t('audPlan.report.signups')}
              value={f.number(r.totals.signups)}
              note={t('audPlan.report.attribution', { count: r.attributionDays })}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ChartCard
              title={t('audPlan.report.byChannel')}
              data={chartOf(r.byChannel, (k) => t(`audPlan.channels.${k}`, { defaultValue: k }))}
              metric={metric}
              label={t(`audPlan.report.${metric}`)}
            />
            <ChartCard
              title={t('audPlan.report.byTag')}
              data={chartOf(r.byTag, (k) => k)}
              metric={metric}
              label={t(`audPlan.report.${metric}`)}
              empty={t('audPlan.report.noTags')}
            />
          </SimpleGrid>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Th k="title" sort={sort} onSort={setSort}>
                      {t('audPlan.report.content')}
                    </Th>
                    <Th k="at" sort={sort} onSort={setSort}>
                      {t('audPlan.report.date')}
                    </Th>
                    <Th k="sent" end sort={sort} onSort={setSort}>
                      {t('audPlan.report.sent')}
                    </Th>
                    <Th k="openRate" end sort={sort} onSort={setSort}>
                      {t('audPlan.report.openRate')}
                    </Th>
                    <Th k="clickRate" end sort={sort} onSort={setSort}>
                      {t('audPlan.report.clickRate')}
                    </Th>
                    <Th k="unsubscribes" end sort={sort} onSort={setSort}>
                      {t('audPlan.report.unsubscribes')}
                    </Th>
                    <Th k="signups" end sort={sort} onSort={setSort}>
                      {t('audPlan.report.signups')}
                    </Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {pieces.map((p) => (
                    <Table.Tr key={`${p.kind}:${p.id}`}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {p.title}
                        </Text>
                        <Group gap={4} mt={2}>
                          <Badge size="xs" color={CHANNEL_COLOR[p.channel] ?? 'gray'} variant="light">
                            {t(`audPlan.channels.${p.channel}`, { defaultValue: p.channel })}
                          </Badge>
                          {p.tags.map((tag) => (
                            <Badge key={tag} size="xs" variant="outline" color="gray">
                              {tag}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.date(p.at)}</Text>
                      </Table.Td>
                      <Table.Td ta="end">{p.kind === 'campaign' ? f.number(p.sent) : '—'}</Table.Td>
                      <Table.Td ta="end">{pct(p.openRate)}</Table.Td>
                      <Table.Td ta="end">{pct(p.clickRate)}</Table.Td>
                      <Table.Td ta="end">{p.kind === 'campaign' ? f.number(p.unsubscribes) : '—'}</Table.Td>
                      <Table.Td ta="end">
                        {f.number(p.signups)}
                        {p.registrations > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('audPlan.report.registrations', { count: p.registrations, attended: p.attended })}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </Stack>
      )}
    </>
  );
}

type SortState = { key: SortKey; desc: boolean };

function Th({
  k,
  children,
  end: alignEnd,
  sort,
  onSort,
}: {
  k: SortKey;
  children: string;
  end?: boolean;
  sort: SortState;
  onSort: (s: SortState) => void;
}) {
  const active = sort.key === k;
  const Icon = active ? (sort.desc ? IconChevronDown : IconChevronUp) : IconSelector;
  return (
    <Table.Th ta={alignEnd ? 'end' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort({ key: k, desc: active ? !sort.desc : k !== 'title' })}>
        <Group gap={4} wrap="nowrap" justify={alignEnd ? 'flex-end' : undefined}>
          <Text size="sm" fw={600}>
            {children}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

function ChartCard({
  title,
  data,
  metric,
  label,
  empty,
}: {
  title: string;
  data: { key: string; value: number; color?: string | undefined }[];
  metric: Metric;
  label: string;
  empty?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={5} mb="sm">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="key"
          orientation="vertical"
          yAxisProps={{ width: 110 }}
          series={[{ name: 'value', label, color: 'blue.6' }]}
          valueFormatter={(v) => (metric === 'signups' ? String(v) : `${v}%`)}
          withTooltip
        />
      )}
    </Paper>
  );
}
