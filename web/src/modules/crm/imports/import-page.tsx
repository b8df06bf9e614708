import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconFileSpreadsheet, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoader, QueryError } from '../../../components/states.tsx';
import { api, download } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { keys } from '../queries.ts';
import type { ImportJob } from '../types.ts';
import { MappingScreen } from './mapping-screen.tsx';
import { ImportProgress, ImportStatusBadge } from './status.tsx';

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  const f = useFormat();
  return (
    <Card p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={`stat-${label}`}>
        {f.number(value)}
      </Text>
    </Card>
  );
}

function ProgressScreen({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const active = job.status === 'queued' || job.status === 'running';
  const cancel = useMutation({
    mutationFn: () => api.post(`/imports/${job.id}/cancel`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.importJob(job.id) }),
  });
  const rejects = async () => {
    try {
      await download(`/imports/${job.id}/rejects.csv`, undefined, `rejects-${job.filename}`);
    } catch (err) {
      notifyError(err);
    }
  };
  const viewQuery = job.tags[0] ? `?tags=${encodeURIComponent(job.tags[0])}` : '';
  return (
    <Stack gap="lg" maw={900}>
      <Card p="lg">
        <Group justify="space-between" mb="md">
          <Group>
            <ThemeIcon
              size="lg"
              variant="light"
              color={job.status === 'done' ? 'green' : job.status === 'failed' ? 'red' : 'freehold'}
            >
              {job.status === 'done' ? <IconCircleCheck size={20} /> : <IconFileSpreadsheet size={20} />}
            </ThemeIcon>
            <div>
              <Title order={4}>
                {active
                  ? t('imports.runningTitle')
                  : job.status === 'done'
                    ? t('imports.doneTitle')
                    : t(`imports.status.${job.status}`)}
              </Title>
              <Text size="sm" c="dimmed">
                {job.finishedAt
                  ? t('imports.finishedAt', { date: f.dateTime(job.finishedAt) })
                  : job.startedAt
                    ? t('imports.startedAt', { date: f.dateTime(job.startedAt) })
                    : t('imports.waiting')}
              </Text>
            </div>
          </Group>
          <ImportStatusBadge status={job.status} />
        </Group>
        <ImportProgress job={job} size="xl" />
        {active && (
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed">
              {t('imports.canLeave')}
            </Text>
            <Button variant="subtle" color="red" size="xs" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('imports.cancel')}
            </Button>
          </Group>
        )}
      </Card>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('imports.stats.created')} value={job.created} color="green" />
        <Stat label={t('imports.stats.updated')} value={job.updated} color="blue" />
        <Stat label={t('imports.stats.skipped')} value={job.skipped} />
        <Stat label={t('imports.stats.rejected')} value={job.rejected} color={job.rejected ? 'red' : undefined} />
      </SimpleGrid>
      {job.status === 'failed' && job.error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('imports.failedTitle')}>
          {job.error}
        </Alert>
      )}
      {job.rejected > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('imports.rejectedTitle', { count: job.rejected })}
        >
          <Text size="sm" mb="sm">
            {t('imports.rejectedText')}
          </Text>
          <Button size="xs" variant="white" color="orange" leftSection={<IconDownload size={14} />} onClick={rejects}>
            {t('imports.downloadRejects')}
          </Button>
        </Alert>
      )}
      {job.status === 'done' && (
        <Group>
          <Button
            component={Link}
            to={job.entity === 'company' ? '/companies' : `/contacts${viewQuery}`}
            leftSection={<IconUsers size={16} />}
          >
            {job.entity === 'company' ? t('imports.viewCompanies') : t('imports.viewContacts')}
          </Button>
          <Button component={Link} to="/imports/new" variant="default">
            {t('imports.another')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function ImportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const f = useFormat();
  const job = useQuery({
    queryKey: keys.importJob(id),
    queryFn: () => api.get<ImportJob>(`/imports/${id}`),
    // Poll while the job works; a second is fine-grained enough for a progress bar.
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false),
  });
  const status = job.data?.status;
  // Once rows land, every list that may show them is out of date.
  useEffect(() => {
    if (status === 'done' || status === 'failed' || status === 'cancelled') {
      void qc.invalidateQueries({ queryKey: keys.contacts });
      void qc.invalidateQueries({ queryKey: keys.companies });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
      void qc.invalidateQueries({ queryKey: [...keys.imports, 'list'] });
    }
  }, [status, qc]);
  if (job.isPending) return <PageLoader />;
  if (job.isError) return <QueryError error={job.error} onRetry={() => job.refetch()} />;
  const j = job.data;
  return (
    <>
      <PageHeader
        crumbs={[{ label: t('imports.title'), to: '/imports' }]}
        title={j.filename}
        description={`${t(`imports.entities.${j.entity}`)} · ${j.format.toUpperCase()} · ${f.bytes(j.sizeBytes)}${j.encoding ? ` · ${j.encoding}` : ''}`}
      />
      {j.status === 'uploaded' ? <MappingScreen job={j} /> : <ProgressScreen job={j} />}
    </>
  );
}
