import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { type Form, type FormStats, type FormSubmission, formKeys } from './types.ts';

function Figure({ label, value, note }: { label: string; value: string; note?: string | undefined }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700}>
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

/** Totals, a 30-day chart of views and sign-ups, and the latest submissions. */
export function FormResults({ form }: { form: Form }) {
  const { t } = useTranslation();
  const f = useFormat();
  const stats = useQuery({
    queryKey: formKeys.stats(form.id),
    queryFn: () => api.get<FormStats>(`/forms/${form.id}/stats`, { days: 30 }),
  });
  const subs = useInfiniteQuery({
    queryKey: formKeys.submissions(form.id),
    queryFn: ({ pageParam }) =>
      api.get<Page<FormSubmission>>(`/forms/${form.id}/submissions`, { limit: 25, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (stats.isPending) return <PageLoader />;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const pct = (r: number | null) =>
    r === null ? '—' : new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(r);
  const shortDay = new Intl.DateTimeFormat(f.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const data = s.daily.map((d) => ({
    day: shortDay.format(new Date(`${d.day}T00:00:00Z`)),
    [t('audForms.results.views')]: d.views,
    [t('audForms.results.submissions')]: d.submissions,
  }));
  const rows = subs.data?.pages.flatMap((p) => p.data) ?? [];
  const statusColor = { pending: 'yellow', confirmed: 'green', subscribed: 'green' } as const;

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('audForms.results.views')} value={f.number(s.views)} />
        <Figure label={t('audForms.results.submissions')} value={f.number(s.submissions)} />
        <Figure
          label={t('audForms.results.confirmations')}
          value={f.number(s.confirmations)}
          note={
            s.confirmationRate === null
              ? undefined
              : t('audForms.results.confirmationRate', { rate: pct(s.confirmationRate) })
          }
        />
        <Figure label={t('audForms.results.conversion')} value={pct(s.conversionRate)} />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="sm">
          {t('audForms.results.last30')}
        </Title>
        {s.views === 0 && s.submissions === 0 ? (
          <Text size="sm" c="dimmed">
            {t('audForms.results.noData')}
          </Text>
        ) : (
          <AreaChart
            h={220}
            data={data}
            dataKey="day"
            curveType="monotone"
            withDots={false}
            series={[
              { name: t('audForms.results.views'), color: 'gray.5' },
              { name: t('audForms.results.submissions'), color: 'blue.6' },
            ]}
          />
        )}
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="sm">
          {t('audForms.results.submissionsTitle')}
        </Title>
        {subs.isError ? (
          <QueryError error={subs.error} onRetry={() => void subs.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {subs.isPending ? t('common.loading') : t('audForms.results.noSubmissions')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audForms.results.email')}</Table.Th>
                  <Table.Th>{t('audForms.results.status')}</Table.Th>
                  <Table.Th>{t('audForms.results.page')}</Table.Th>
                  <Table.Th>{t('audForms.results.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/contacts/${r.contactId}`} size="sm">
                        {r.email}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[r.status]} variant="light" size="sm">
                        {t(`audForms.results.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={1} maw={280} dir="ltr">
                        {r.pageUrl ?? '—'}
                        {r.utm.utm_campaign ? ` · ${r.utm.utm_campaign}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={f.dateTime(r.createdAt)}>
                        {f.relative(r.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {subs.hasNextPage && (
          <Group justify="center" mt="sm">
            <Button variant="default" loading={subs.isFetchingNextPage} onClick={() => void subs.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
