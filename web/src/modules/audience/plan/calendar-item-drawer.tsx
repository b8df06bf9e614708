import '@mantine/dates/styles.css';
import {
  Alert,
  Anchor,
  Button,
  Drawer,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  useDirection,
} from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconChartBar } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.tsx';
import type { Page } from '../../../lib/types.ts';
import { useMembers } from '../../crm/queries.ts';
import {
  type CalendarItem,
  type CalendarItemInput,
  CHANNELS,
  type Channel,
  NEXT_STATUS,
  planKeys,
  type Status,
  type Webinar,
} from './types.ts';

type Values = {
  title: string;
  channel: Channel;
  status: Status;
  date: string | null;
  time: string;
  ownerId: string | null;
  tags: string[];
  campaignId: string | null;
  webinarId: string | null;
  url: string;
  utmCampaign: string;
  notes: string;
};

const valuesOf = (item: CalendarItem | null, day: string | null, me: string | null = null): Values => ({
  title: item?.title ?? '',
  channel: item?.channel ?? 'newsletter',
  status: item?.status ?? (day ? 'draft' : 'idea'),
  date: item ? item.date : day,
  time: item?.time ?? '',
  ownerId: item ? item.ownerId : me,
  tags: item?.tags ?? [],
  campaignId: item?.campaignId ?? null,
  webinarId: item?.webinarId ?? null,
  url: item?.url ?? '',
  utmCampaign: item?.utmCampaign ?? '',
  notes: item?.notes ?? '',
});

/** Create or edit one content item, in a drawer on the inline end (right, or left when the page is RTL). */
export function CalendarItemDrawer({
  opened,
  onClose,
  item,
  day,
}: {
  opened: boolean;
  onClose: () => void;
  item: CalendarItem | null;
  /** The day clicked, for a new item; null for a new idea. */
  day: string | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { dir } = useDirection();
  const members = useMembers();
  const { me } = useSession();
  const campaigns = useQuery({
    queryKey: ['campaigns', 'picker'],
    queryFn: () => api.get<Page<{ id: string; name: string }>>('/campaigns', { limit: 200 }),
    enabled: opened,
    staleTime: 60_000,
  });
  const webinars = useQuery({
    queryKey: [...planKeys.webinars, 'picker'],
    queryFn: () => api.get<Page<Webinar>>('/webinars', { limit: 200 }),
    enabled: opened,
    staleTime: 60_000,
  });
  const form = useForm<Values>({
    initialValues: valuesOf(item, day, me.user.id),
    validate: { title: (v) => (v.trim() ? null : t('audPlan.item.titleRequired')) },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another item or day is opened
  useEffect(() => {
    form.setValues(valuesOf(item, day, me.user.id));
    form.resetDirty(valuesOf(item, day, me.user.id));
    form.clearErrors();
  }, [item?.id, item?.updatedAt, day, opened]);

  const done = async (message: string) => {
    notifySuccess(message);
    await qc.invalidateQueries({ queryKey: planKeys.calendar });
    onClose();
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: CalendarItemInput = {
        title: v.title.trim(),
        channel: v.channel,
        status: v.status,
        date: v.date || null,
        time: v.date && v.time ? v.time : null,
        ownerId: v.ownerId,
        tags: v.tags,
        campaignId: v.campaignId,
        webinarId: v.webinarId,
        url: v.url.trim() || null,
        utmCampaign: v.utmCampaign.trim() || null,
        notes: v.notes.trim() || null,
      };
      return item ? api.patch<CalendarItem>(`/calendar/${item.id}`, body) : api.post<CalendarItem>('/calendar', body);
    },
    meta: { silentError: true },
    onSuccess: () => done(item ? t('audPlan.item.saved') : t('audPlan.item.created')),
    onError: (err) => applyFormErrors(form, err),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/calendar/${item!.id}`),
    onSuccess: () => done(t('audPlan.item.deleted')),
    onError: (err) => notifyError(err),
  });

  const statuses: Status[] = item
    ? [item.status, ...NEXT_STATUS[item.status]]
    : ['idea', 'draft', 'scheduled', 'published'];
  const order: Status[] = ['idea', 'draft', 'scheduled', 'published'];
  const figures = item?.figures;
  const hasFigures = figures && (figures.campaign || figures.webinar || figures.signups !== null);

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position={dir === 'rtl' ? 'left' : 'right'}
      size="md"
      title={item ? t('audPlan.item.editTitle') : t('audPlan.item.newTitle')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
          <TextInput label={t('audPlan.item.title')} required data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={2}>
            <Select
              label={t('audPlan.item.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`audPlan.channels.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps('channel')}
            />
            <Select
              label={t('audPlan.item.owner')}
              clearable
              data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('audPlan.item.status')}
            </Text>
            <SegmentedControl
              fullWidth
              value={form.values.status}
              onChange={(v) => form.setFieldValue('status', v as Status)}
              data={order.map((s) => ({
                value: s,
                label: t(`audPlan.statuses.${s}`),
                disabled: !statuses.includes(s),
              }))}
            />
            {form.errors.status && (
              <Text size="xs" c="red" mt={4}>
                {form.errors.status}
              </Text>
            )}
          </div>
          <SimpleGrid cols={2}>
            <DateInput
              label={t('audPlan.item.date')}
              placeholder={t('audPlan.item.dateHint')}
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('date')}
            />
            <TimeInput label={t('audPlan.item.time')} disabled={!form.values.date} {...form.getInputProps('time')} />
          </SimpleGrid>
          <TagsInput
            label={t('audPlan.item.tags')}
            description={t('audPlan.item.tagsHint')}
            clearable
            {...form.getInputProps('tags')}
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('audPlan.item.campaign')}
              clearable
              searchable
              data={(campaigns.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('campaignId')}
            />
            <Select
              label={t('audPlan.item.webinar')}
              clearable
              searchable
              data={(webinars.data?.data ?? []).map((w) => ({ value: w.id, label: w.title }))}
              {...form.getInputProps('webinarId')}
            />
          </SimpleGrid>
          <TextInput label={t('audPlan.item.url')} placeholder="https://" {...form.getInputProps('url')} />
          <TextInput
            label={t('audPlan.item.utm')}
            description={t('audPlan.item.utmHint')}
            {...form.getInputProps('utmCampaign')}
          />
          <Textarea label={t('audPlan.item.notes')} autosize minRows={3} {...form.getInputProps('notes')} />

          {hasFigures && (
            <Alert variant="light" icon={<IconChartBar size={18} />} title={t('audPlan.item.figures')}>
              <Stack gap={2}>
                {figures.campaign && (
                  <Text size="sm">
                    {t('audPlan.item.campaignFigures', {
                      sent: f.number(figures.campaign.sent),
                      opens: f.number(figures.campaign.opens),
                      clicks: f.number(figures.campaign.clicks),
                    })}
                  </Text>
                )}
                {figures.webinar && (
                  <Text size="sm">
                    {t('audPlan.item.webinarFigures', {
                      registrations: f.number(figures.webinar.registrations),
                      attended: f.number(figures.webinar.attended),
                      noShows: f.number(figures.webinar.noShows),
                    })}
                  </Text>
                )}
                {figures.signups !== null && figures.signupWindow && (
                  <Text size="sm">
                    {t('audPlan.item.signupFigures', {
                      count: figures.signups,
                      from: f.date(figures.signupWindow.from),
                      to: f.date(figures.signupWindow.to),
                    })}
                  </Text>
                )}
                {item?.webinarId && (
                  <Anchor component={Link} to={`/audience/webinars/${item.webinarId}`} size="sm">
                    {t('audPlan.item.openWebinar')}
                  </Anchor>
                )}
              </Stack>
            </Alert>
          )}

          <Group justify="space-between" mt="md">
            {item ? (
              <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t('common.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {item ? t('common.save') : t('common.create')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
