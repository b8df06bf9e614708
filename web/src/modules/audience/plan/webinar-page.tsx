import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCopy, IconExternalLink, IconPencil, IconTrash, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { AttendanceImportCard } from './attendance-import.tsx';
import { planKeys, type Registrant, type Webinar } from './types.ts';
import { WebinarFormModal } from './webinar-form-modal.tsx';

type Filter = 'all' | 'true' | 'false' | 'unknown';

export function WebinarPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, editModal] = useDisclosure(false);
  const [filter, setFilter] = useState<Filter>('all');
  const webinar = useQuery({
    queryKey: planKeys.webinar(id),
    queryFn: () => api.get<Webinar>(`/webinars/${id}`),
  });
  const registrants = useInfiniteQuery({
    queryKey: [...planKeys.webinar(id), 'registrants', filter],
    queryFn: ({ pageParam }) =>
      api.get<Page<Registrant>>(`/webinars/${id}/registrants`, {
        attended: filter === 'all' ? undefined : filter,
        limit: 200,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/webinars/${id}`),
    onSuccess: async () => {
      notifySuccess(t('audPlan.webinar.deleted'));
      await qc.invalidateQueries({ queryKey: planKeys.webinars });
      navigate('/audience/webinars');
    },
    onError: (err) => notifyError(err),
  });

  if (webinar.isPending) return <PageLoader />;
  if (webinar.error) return <QueryError error={webinar.error} onRetry={() => webinar.refetch()} />;
  const w = webinar.data;
  const rows = registrants.data?.pages.flatMap((p) => p.data) ?? [];
  const offsets = [...w.reminderOffsets].sort((a, b) => b - a);

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('audPlan.webinars.title'), to: '/audience/webinars' }]}
        title={w.title}
        description={`${f.dateTime(w.startsAt)} · ${t('audPlan.webinar.minutes', { count: w.durationMinutes })}`}
        actions={
          <>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open}>
              {t('common.edit')}
            </Button>
            <Tooltip label={t('audPlan.webinar.deleteHint')}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                loading={remove.isPending}
                onClick={() => window.confirm(t('audPlan.webinar.deleteConfirm')) && remove.mutate()}
                aria-label={t('common.delete')}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          </>
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper withBorder p="md" radius="md">
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('audPlan.webinar.publicLink')}
                </Text>
                <Group gap="xs" wrap="nowrap">
                  <TextInput
                    value={w.publicUrl}
                    readOnly
                    style={{ flex: 1 }}
                    aria-label={t('audPlan.webinar.publicLink')}
                  />
                  <CopyButton value={w.publicUrl}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                        <ActionIcon
                          variant="light"
                          size="lg"
                          onClick={copy}
                          aria-label={t('common.copy')}
                          color={copied ? 'teal' : undefined}
                        >
                          {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                  <ActionIcon
                    component="a"
                    href={w.publicUrl}
                    target="_blank"
                    rel="noopener"
                    variant="default"
                    size="lg"
                    aria-label={t('common.open')}
                  >
                    <IconExternalLink size={16} />
                  </ActionIcon>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('audPlan.webinar.utmHint')}
                </Text>
                <Detail label={t('audPlan.webinar.joinUrl')} value={w.joinUrl ?? t('audPlan.webinar.noJoinUrl')} />
                <Detail
                  label={t('audPlan.webinar.reminders')}
                  value={
                    offsets.length
                      ? offsets
                          .map((m) =>
                            t(`audPlan.webinar.before.${m}`, {
                              defaultValue: t('audPlan.webinar.beforeMinutes', { count: m }),
                            }),
                          )
                          .join(', ')
                      : t('common.none')
                  }
                />
                <Detail
                  label={t('audPlan.webinar.registrationOpen')}
                  value={w.registrationOpen ? t('common.yes') : t('common.no')}
                />
                {w.tags.length > 0 && (
                  <Group gap={4}>
                    {w.tags.map((tag) => (
                      <Badge key={tag} variant="light" size="sm">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
                {w.description && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {w.description}
                  </Text>
                )}
              </Stack>
            </Paper>
            <AttendanceImportCard webinar={w} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" radius="md">
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={4}>
                {t('audPlan.registrants.title')}{' '}
                <Badge variant="light" ms={4}>
                  {f.number(w.counts.registrations)}
                </Badge>
              </Title>
              <SegmentedControl
                size="xs"
                value={filter}
                onChange={(v) => setFilter(v as Filter)}
                data={[
                  { value: 'all', label: t('audPlan.registrants.all') },
                  { value: 'true', label: t('audPlan.registrants.attended', { count: w.counts.attended }) },
                  { value: 'false', label: t('audPlan.registrants.noShows', { count: w.counts.noShows }) },
                  { value: 'unknown', label: t('audPlan.registrants.unknown') },
                ]}
              />
            </Group>
            {registrants.isPending ? (
              <PageLoader />
            ) : rows.length === 0 ? (
              <EmptyState
                icon={<IconUsers size={28} />}
                title={t('audPlan.registrants.empty')}
                description={t('audPlan.registrants.emptyHint')}
              />
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing="xs" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audPlan.registrants.name')}</Table.Th>
                      <Table.Th>{t('audPlan.registrants.registeredAt')}</Table.Th>
                      <Table.Th>{t('audPlan.registrants.attendance')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.contactId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/contacts/${r.contactId}`} size="sm" fw={500}>
                            {r.name}
                          </Anchor>
                          {r.email && r.email !== r.name && (
                            <Text size="xs" c="dimmed">
                              {r.email}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{f.dateTime(r.registeredAt)}</Text>
                        </Table.Td>
                        <Table.Td>
                          {r.attended === null ? (
                            <Text size="xs" c="dimmed">
                              —
                            </Text>
                          ) : r.attended ? (
                            <Badge color="teal" variant="light">
                              {r.minutesAttended !== null
                                ? t('audPlan.registrants.attendedMinutes', { count: r.minutesAttended })
                                : t('audPlan.registrants.came')}
                            </Badge>
                          ) : (
                            <Badge color="gray" variant="light">
                              {t('audPlan.registrants.noShow')}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {registrants.hasNextPage && (
              <Group justify="center" mt="sm">
                <Button
                  variant="default"
                  size="xs"
                  loading={registrants.isFetchingNextPage}
                  onClick={() => registrants.fetchNextPage()}
                >
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <WebinarFormModal opened={editing} onClose={editModal.close} webinar={w} />
    </>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" miw={140}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
}
