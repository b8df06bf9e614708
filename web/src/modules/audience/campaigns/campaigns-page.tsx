import { Anchor, Button, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconMailFast, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { CampaignStatusBadge, SendProgress } from './campaign-status.tsx';
import { type Campaign, type CampaignStatus, campaignKeys, isLive } from './types.ts';

type ListItem = Campaign & { stats: { opened: number; clicked: number } };

const FILTERS = ['all', 'draft', 'scheduled', 'sending', 'sent'] as const;

export function CampaignsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : 'all';
  const status = filter === 'all' ? undefined : (filter as CampaignStatus);

  const list = useInfiniteQuery({
    queryKey: campaignKeys.list(filter),
    queryFn: ({ pageParam }) => api.get<Page<ListItem>>('/campaigns', { status, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Progress of sends under way, without a reload.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.data.some((c) => isLive(c.status))) ? 3000 : false),
  });
  const create = useMutation({
    mutationFn: () => api.post<Campaign>('/campaigns', { name: t('audCampaigns.newName') }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: campaignKeys.all });
      navigate(`/audience/campaigns/${c.id}`);
    },
    onError: (e) => notifyError(e),
  });
  useHotkeys([['n', () => create.mutate()]]);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const when = (c: Campaign) => {
    if (c.status === 'scheduled' && c.scheduledAt)
      return c.sendInRecipientTimezone && c.localTime
        ? `${t('audCampaigns.scheduledFor', { date: f.date(c.scheduledAt) })} ${t('audCampaigns.localTimeAt', { time: c.localTime })}`
        : t('audCampaigns.scheduledFor', { date: f.dateTime(c.scheduledAt) });
    if (c.status === 'sent') return t('audCampaigns.sentOn', { date: f.dateTime(c.finishedAt ?? c.startedAt) });
    if (c.startedAt) return t('audCampaigns.startedOn', { date: f.dateTime(c.startedAt) });
    return t('audCampaigns.createdOn', { date: f.date(c.createdAt) });
  };
  const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10}%` : '—');

  return (
    <>
      <PageHeader
        title={t('audCampaigns.title')}
        description={t('audCampaigns.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} loading={create.isPending} onClick={() => create.mutate()}>
            {t('audCampaigns.new')}
          </Button>
        }
      />
      <SegmentedControl
        mb="md"
        value={filter}
        onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
        data={FILTERS.map((v) => ({
          value: v,
          label: v === 'all' ? t('audCampaigns.filters.all') : t(`audCampaigns.status.${v}`),
        }))}
        aria-label={t('audCampaigns.columns.status')}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconMailFast size={28} />}
          title={t('audCampaigns.empty.title')}
          description={status ? t('audCampaigns.empty.filtered') : t('audCampaigns.empty.description')}
        >
          <Button leftSection={<IconPlus size={16} />} loading={create.isPending} onClick={() => create.mutate()}>
            {t('audCampaigns.new')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audCampaigns.columns.name')}</Table.Th>
                  <Table.Th>{t('audCampaigns.columns.status')}</Table.Th>
                  <Table.Th ta="end">{t('audCampaigns.columns.recipients')}</Table.Th>
                  <Table.Th ta="end">{t('audCampaigns.columns.opens')}</Table.Th>
                  <Table.Th ta="end">{t('audCampaigns.columns.clicks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => {
                  const delivered = c.progress.sent;
                  const showBar = c.status === 'sending' || c.status === 'paused';
                  return (
                    <Table.Tr key={c.id}>
                      <Table.Td maw={380}>
                        <Anchor component={Link} to={`/audience/campaigns/${c.id}`} fw={600} lineClamp={1}>
                          {c.name}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {c.subject || '—'} · {when(c)}
                        </Text>
                        {showBar && (
                          <div style={{ marginBlockStart: 6, maxInlineSize: 320 }}>
                            <SendProgress campaign={c} size="sm" />
                          </div>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <CampaignStatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td ta="end">{c.progress.recipients ? f.number(c.progress.recipients) : '—'}</Table.Td>
                      <Table.Td ta="end">
                        {delivered ? (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Text size="sm" fw={600}>
                              {pct(c.stats.opened, delivered)}
                            </Text>
                            <Text size="xs" c="dimmed">
                              ({f.number(c.stats.opened)})
                            </Text>
                          </Group>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td ta="end">
                        {delivered ? (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Text size="sm" fw={600}>
                              {pct(c.stats.clicked, delivered)}
                            </Text>
                            <Text size="xs" c="dimmed">
                              ({f.number(c.stats.clicked)})
                            </Text>
                          </Group>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="subtle" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {t('audCampaigns.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
