import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconClockPause, IconWorld } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { SendProgress } from './campaign-status.tsx';
import {
  type Campaign,
  type CampaignRecipient,
  type CampaignReport,
  campaignKeys,
  isLive,
  type MessageStatus,
} from './types.ts';

const MSG_COLORS: Record<MessageStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'teal',
  failed: 'red',
  skipped: 'yellow',
};

function Stat({ label, value, hint, color }: { label: string; value: string; hint?: string; color?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** Sent and sending campaigns: progress while it runs, then what people did with it. */
export function CampaignReportView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const live = isLive(campaign.status);
  const report = useQuery({
    queryKey: campaignKeys.report(campaign.id),
    queryFn: () => api.get<CampaignReport>(`/campaigns/${campaign.id}/report`),
    refetchInterval: live ? 3000 : 60_000,
  });
  const recipients = useInfiniteQuery({
    queryKey: campaignKeys.recipients(campaign.id),
    queryFn: ({ pageParam }) =>
      api.get<Page<CampaignRecipient>>(`/campaigns/${campaign.id}/recipients`, { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: live ? 5000 : false,
  });
  const pct = (r: number) => `${(Math.round(r * 1000) / 10).toLocaleString(f.locale)}%`;
  const r = report.data;
  const showProgress = campaign.status === 'sending' || campaign.status === 'paused' || campaign.status === 'failed';
  const waiting = campaign.status === 'sending' && campaign.nextRunAt && new Date(campaign.nextRunAt) > new Date();
  const series = (r?.timeline ?? []).map((b) => ({
    at: r?.bucket === 'day' ? f.date(b.at) : f.dateTime(b.at),
    [t('audCampaigns.report.opens')]: b.opens,
    [t('audCampaigns.report.clicks')]: b.clicks,
  }));
  const rows = recipients.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Stack gap="lg">
      {campaign.pauseReason && (campaign.status === 'paused' || campaign.status === 'failed') && (
        <Alert
          color={campaign.status === 'failed' ? 'red' : 'yellow'}
          icon={campaign.status === 'failed' ? <IconAlertTriangle size={18} /> : <IconClockPause size={18} />}
          title={t(`audCampaigns.status.${campaign.status}`)}
          role="status"
        >
          {campaign.pauseReason}
        </Alert>
      )}
      {waiting && (
        <Alert icon={<IconWorld size={18} />} variant="light">
          {t('audCampaigns.report.waitingForZones', { date: f.dateTime(campaign.nextRunAt) })}
        </Alert>
      )}
      {showProgress && (
        <Paper withBorder p="md" radius="md">
          <Title order={5} mb="xs">
            {t('audCampaigns.report.progress')}
          </Title>
          <SendProgress campaign={campaign} />
        </Paper>
      )}
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => report.refetch()} />
      ) : r ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Stat label={t('audCampaigns.report.cards.sent')} value={f.number(r.sent)} />
            <Stat
              label={t('audCampaigns.report.cards.delivered')}
              value={f.number(r.delivered)}
              hint={t('audCampaigns.report.ofSent', { rate: pct(r.rates.delivery) })}
            />
            <Stat
              label={t('audCampaigns.report.cards.opened')}
              value={f.number(r.opened)}
              hint={t('audCampaigns.report.ofDelivered', { rate: pct(r.rates.open) })}
              color="freehold"
            />
            <Stat
              label={t('audCampaigns.report.cards.clicked')}
              value={f.number(r.clicked)}
              hint={t('audCampaigns.report.clickToOpen', { rate: pct(r.rates.clickToOpen) })}
              color="teal"
            />
            <Stat
              label={t('audCampaigns.report.cards.bounced')}
              value={f.number(r.bounced)}
              hint={t('audCampaigns.report.ofSent', { rate: pct(r.rates.bounce) })}
              {...(r.rates.bounce > 0.05 ? { color: 'red' } : {})}
            />
            <Stat
              label={t('audCampaigns.report.cards.unsubscribed')}
              value={f.number(r.unsubscribed)}
              hint={`${t('audCampaigns.report.cards.complaints')}: ${f.number(r.complaints)}`}
              {...(r.complaints > 0 ? { color: 'red' } : {})}
            />
          </SimpleGrid>

          <Paper withBorder p="md" radius="md">
            <Title order={5} mb="md">
              {t('audCampaigns.report.overTime')}
            </Title>
            {series.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('audCampaigns.report.noActivity')}
              </Text>
            ) : (
              <AreaChart
                h={260}
                data={series}
                dataKey="at"
                series={[
                  { name: t('audCampaigns.report.opens'), color: 'freehold.6' },
                  { name: t('audCampaigns.report.clicks'), color: 'teal.6' },
                ]}
                curveType="monotone"
                withLegend
                tickLine="y"
              />
            )}
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={5} mb="sm">
              {t('audCampaigns.report.topLinks')}
            </Title>
            {r.topLinks.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('audCampaigns.report.noLinks')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audCampaigns.report.link')}</Table.Th>
                      <Table.Th ta="end">{t('audCampaigns.report.uniqueClicks')}</Table.Th>
                      <Table.Th ta="end">{t('audCampaigns.report.totalClicks')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.topLinks.map((l) => (
                      <Table.Tr key={l.url}>
                        <Table.Td maw={520}>
                          <Tooltip label={l.url} openDelay={400}>
                            <Anchor href={l.url} target="_blank" rel="noreferrer noopener" size="sm" lineClamp={1}>
                              {l.url}
                            </Anchor>
                          </Tooltip>
                        </Table.Td>
                        <Table.Td ta="end">{f.number(l.uniqueClicks)}</Table.Td>
                        <Table.Td ta="end">{f.number(l.clicks)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      ) : null}

      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="sm">
          {t('audCampaigns.report.recipients')}
        </Title>
        {recipients.isError ? (
          <QueryError error={recipients.error} onRetry={() => recipients.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('audCampaigns.report.noRecipients')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audCampaigns.report.recipient')}</Table.Th>
                  <Table.Th>{t('audCampaigns.report.messageStatus')}</Table.Th>
                  <Table.Th>{t('audCampaigns.report.activity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((x) => (
                  <Table.Tr key={x.messageId}>
                    <Table.Td>
                      {x.contactId ? (
                        <Anchor component={Link} to={`/contacts/${x.contactId}`} size="sm" fw={500}>
                          {x.name ?? x.email}
                        </Anchor>
                      ) : (
                        <Text size="sm">{x.name ?? x.email}</Text>
                      )}
                      {x.name && (
                        <Text size="xs" c="dimmed">
                          {x.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip
                        label={x.error ?? (x.sentAt ? f.dateTime(x.sentAt) : '')}
                        disabled={!x.error && !x.sentAt}
                      >
                        <Badge variant="light" color={MSG_COLORS[x.status]}>
                          {t(`audCampaigns.report.msg.${x.status}`)}
                        </Badge>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {(['opened', 'clicked', 'bounced', 'unsubscribed'] as const)
                          .filter((k) => x[k])
                          .map((k) => (
                            <Badge
                              key={k}
                              size="sm"
                              variant="dot"
                              color={k === 'bounced' || k === 'unsubscribed' ? 'red' : 'teal'}
                            >
                              {t(`audCampaigns.report.flags.${k}`)}
                            </Badge>
                          ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {recipients.hasNextPage && (
          <Group justify="center" mt="sm">
            <Button variant="subtle" loading={recipients.isFetchingNextPage} onClick={() => recipients.fetchNextPage()}>
              {t('audCampaigns.loadMore')}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
