import '@mantine/dates/styles.css';
import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { DateTimePicker, TimeInput } from '@mantine/dates';
import { IconClock, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type Campaign, campaignKeys } from './types.ts';

/** Now, at a moment, or at a local hour in each recipient's zone. `beforeSchedule` saves unsaved edits first. */
export function ScheduleModal({
  campaign,
  opened,
  onClose,
  estimate,
  beforeSchedule,
}: {
  campaign: Campaign;
  opened: boolean;
  onClose: () => void;
  estimate: number | null;
  beforeSchedule: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState<string | null>(null);
  const [localMode, setLocalMode] = useState(false);
  const [localTime, setLocalTime] = useState('09:00');
  const schedule = useMutation({
    mutationFn: async () => {
      await beforeSchedule();
      return api.post<Campaign>(`/campaigns/${campaign.id}/schedule`, {
        ...(mode === 'later' && at ? { at: new Date(at).toISOString() } : {}),
        ...(localMode ? { recipientTimezone: { localTime } } : {}),
      });
    },
    onSuccess: (c) => {
      qc.setQueryData(campaignKeys.one(c.id), c);
      void qc.invalidateQueries({ queryKey: campaignKeys.all });
      notifySuccess(t('audCampaigns.schedule.done'));
      onClose();
    },
    onError: (e) => notifyError(e),
  });
  const valid = (mode === 'now' || Boolean(at)) && (!localMode || /^([01]\d|2[0-3]):[0-5]\d$/.test(localTime));
  const immediate = mode === 'now' && !localMode;

  return (
    <Modal opened={opened} onClose={onClose} title={t('audCampaigns.schedule.title')} size="lg">
      <Stack gap="md">
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'now' | 'later')}>
          <Stack gap="xs">
            <Radio value="now" label={t('audCampaigns.schedule.now')} />
            <Radio value="later" label={t('audCampaigns.schedule.later')} />
          </Stack>
        </Radio.Group>
        {mode === 'later' && (
          <DateTimePicker
            label={t('audCampaigns.schedule.at')}
            value={at}
            onChange={setAt}
            minDate={new Date()}
            valueFormat="DD MMM YYYY HH:mm"
            description={f.timeZone}
            required
          />
        )}
        <Checkbox
          label={t('audCampaigns.schedule.recipientTz')}
          description={t('audCampaigns.schedule.recipientTzHint')}
          checked={localMode}
          onChange={(e) => setLocalMode(e.currentTarget.checked)}
        />
        {localMode && (
          <TimeInput
            label={t('audCampaigns.schedule.localTime')}
            leftSection={<IconClock size={16} />}
            value={localTime}
            onChange={(e) => setLocalTime(e.currentTarget.value)}
            w={180}
          />
        )}
        {estimate !== null && immediate && (
          <Alert variant="light" icon={<IconSend size={18} />}>
            <Text size="sm">{t('audCampaigns.schedule.confirmNow', { count: estimate })}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconSend size={16} />}
            loading={schedule.isPending}
            disabled={!valid}
            onClick={() => schedule.mutate()}
          >
            {immediate ? t('audCampaigns.schedule.now') : t('audCampaigns.schedule.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
