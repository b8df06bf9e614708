import { Anchor, Badge, Button, Group, Paper, Progress, Stack, Table, Tabs, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconPlus, IconPresentation } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { planKeys, type Webinar } from './types.ts';
import { WebinarFormModal } from './webinar-form-modal.tsx';

type When = 'upcoming' | 'past';

export function WebinarsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  const [creating, createModal] = useDisclosure(false);
  useHotkeys([['n', createModal.open]]);
  const list = useInfiniteQuery({
    queryKey: [...planKeys.webinars, 'list', when],
    queryFn: ({ pageParam }) => api.get<Page<Webinar>>('/webinars', { when, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHeader
        title={t('audPlan.webinars.title')}
        description={t('audPlan.webinars.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('audPlan.webinar.new')}
          </Button>
        }
      />
      <Tabs value={when} onChange={(v) => v && setParams({ when: v }, { replace: true })} mb="md">
        <Tabs.List>
          <Tabs.Tab value="upcoming">{t('audPlan.webinars.upcoming')}</Tabs.Tab>
          <Tabs.Tab value="past">{t('audPlan.webinars.past')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {list.isPending ? (
        <PageLoader />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconPresentation size={28} />}
          title={when === 'upcoming' ? t('audPlan.webinars.emptyUpcoming') : t('audPlan.webinars.emptyPast')}
          description={t('audPlan.webinars.emptyHint')}
        >
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('audPlan.webinar.new')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audPlan.webinar.title')}</Table.Th>
                  <Table.Th>{t('audPlan.webinar.startsAt')}</Table.Th>
                  <Table.Th ta="end">{t('audPlan.webinars.registrations')}</Table.Th>
                  <Table.Th w={200}>{t('audPlan.webinars.attendance')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((w) => {
                  const known = w.counts.attended + w.counts.noShows;
                  return (
                    <Table.Tr key={w.id}>
                      <Table.Td>
                        <Group gap="xs">
                          <Anchor component={Link} to={`/audience/webinars/${w.id}`} fw={500}>
                            {w.title}
                          </Anchor>
                          {!w.registrationOpen && (
                            <Badge size="xs" variant="light" color="gray">
                              {t('audPlan.webinars.closed')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.dateTime(w.startsAt)}</Text>
                      </Table.Td>
                      <Table.Td ta="end">{f.number(w.counts.registrations)}</Table.Td>
                      <Table.Td>
                        {known > 0 ? (
                          <Stack gap={2}>
                            <Progress value={(w.counts.attended / known) * 100} size="sm" aria-hidden />
                            <Text size="xs" c="dimmed">
                              {t('audPlan.webinars.attendedOf', { attended: w.counts.attended, total: known })}
                            </Text>
                          </Stack>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {when === 'past' ? t('audPlan.webinars.noImport') : '—'}
                          </Text>
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
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      <WebinarFormModal opened={creating} onClose={createModal.close} webinar={null} />
    </>
  );
}
