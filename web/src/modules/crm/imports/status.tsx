import { Badge, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import type { ImportJob, ImportStatus } from '../types.ts';

const COLORS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  queued: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'gray',
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light">
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

/** 0..1: the server's own measure when it sends one, else rows (when counted) or bytes read. */
export function importFraction(job: ImportJob): number {
  if (job.status === 'done') return 1;
  if (typeof job.progress === 'number') return job.progress;
  if (job.rowsTotal) return Math.min(1, job.rowsDone / job.rowsTotal);
  return job.sizeBytes > 0 ? Math.min(1, job.bytesDone / job.sizeBytes) : 0;
}

export function ImportProgress({ job, size = 'md' }: { job: ImportJob; size?: 'sm' | 'md' | 'xl' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const fraction = importFraction(job);
  const active = job.status === 'running' || job.status === 'queued';
  return (
    <Stack gap={4}>
      <Progress
        value={fraction * 100}
        size={size}
        animated={active}
        striped={active}
        color={job.status === 'failed' ? 'red' : job.status === 'done' ? 'green' : 'freehold'}
        aria-label={t('imports.progressLabel')}
        aria-valuenow={Math.round(fraction * 100)}
      />
      {size !== 'sm' && (
        <Text size="xs" c="dimmed">
          {job.rowsTotal
            ? t('imports.rowsProgress', { done: f.number(job.rowsDone), total: f.number(job.rowsTotal) })
            : t('imports.bytesProgress', {
                done: f.bytes(job.bytesDone),
                total: f.bytes(job.sizeBytes),
                rows: f.number(job.rowsDone),
              })}
          {' · '}
          {Math.round(fraction * 100)}%
        </Text>
      )}
    </Stack>
  );
}
