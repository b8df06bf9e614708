import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { type Campaign, STATUS_COLORS } from './types.ts';

export function CampaignStatusBadge({ status }: { status: Campaign['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]}>
      {t(`audCampaigns.status.${status}`)}
    </Badge>
  );
}

/** A bar for a send under way (or stopped part-way): sent, failed and skipped out of everyone due. */
export function SendProgress({ campaign, size = 'md' }: { campaign: Campaign; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = campaign.progress;
  const total = Math.max(p.recipients, 1);
  const pct = (n: number) => (n / total) * 100;
  return (
    <Stack gap={4}>
      <Progress.Root size={size === 'sm' ? 'sm' : 'lg'} aria-label={t('audCampaigns.report.progress')}>
        <Progress.Section value={pct(p.sent)} color="teal" />
        <Progress.Section value={pct(p.failed)} color="red" />
        <Progress.Section value={pct(p.skipped)} color="gray" />
      </Progress.Root>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {size === 'sm'
            ? t('audCampaigns.progressOf', { sent: f.number(p.sent), total: f.number(p.recipients) })
            : t('audCampaigns.report.progressDetail', {
                sent: f.number(p.sent),
                failed: f.number(p.failed),
                skipped: f.number(p.skipped),
                total: f.number(p.recipients),
              })}
        </Text>
        <Text size="xs" c="dimmed">
          {Math.floor(((p.sent + p.failed + p.skipped) / total) * 100)}%
        </Text>
      </Group>
    </Stack>
  );
}
