import '@mantine/dates/styles.css';
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import type { Page } from '../../../lib/types.ts';
import { planKeys, type Webinar } from './types.ts';

const REMINDER_CHOICES = [10080, 2880, 1440, 180, 60, 15];

const initial = (w: Webinar | null) => ({
  title: w?.title ?? '',
  description: w?.description ?? '',
  startsAt: (w ? dayjs(w.startsAt) : dayjs().add(14, 'day').hour(15).startOf('hour')).format('YYYY-MM-DD HH:mm:ss') as
    | string
    | null,
  durationMinutes: (w?.durationMinutes ?? 60) as number | string,
  joinUrl: w?.joinUrl ?? '',
  slug: w?.slug ?? '',
  listId: w?.listId ?? null,
  consentText: w?.consentText ?? '',
  reminderOffsets: (w?.reminderOffsets ?? [1440, 60]).map(String),
  registrationOpen: w?.registrationOpen ?? true,
  tags: w?.tags ?? [],
});

/** Create or edit a webinar. Times are picked in the browser's zone and sent as instants. */
export function WebinarFormModal({
  opened,
  onClose,
  webinar,
}: {
  opened: boolean;
  onClose: () => void;
  webinar: Webinar | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const lists = useQuery({
    queryKey: ['lists', 'picker'],
    queryFn: () => api.get<Page<{ id: string; name: string }>>('/lists', { limit: 200 }),
    enabled: opened,
    staleTime: 60_000,
  });
  const form = useForm({
    initialValues: initial(webinar),
    validate: {
      title: (v) => (v.trim() ? null : t('audPlan.webinar.titleRequired')),
      startsAt: (v) => (v ? null : t('audPlan.webinar.startRequired')),
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens on another webinar
  useEffect(() => {
    if (opened) form.setValues(initial(webinar));
  }, [opened, webinar?.id]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        title: v.title.trim(),
        description: v.description.trim() || null,
        startsAt: dayjs(v.startsAt).toISOString(),
        durationMinutes: typeof v.durationMinutes === 'number' ? v.durationMinutes : 60,
        joinUrl: v.joinUrl.trim() || null,
        ...(v.slug.trim() ? { slug: v.slug.trim() } : {}),
        listId: v.listId,
        consentText: v.consentText.trim() || null,
        reminderOffsets: v.reminderOffsets.map(Number),
        registrationOpen: v.registrationOpen,
        tags: v.tags,
      };
      return webinar ? api.patch<Webinar>(`/webinars/${webinar.id}`, body) : api.post<Webinar>('/webinars', body);
    },
    meta: { silentError: true },
    onSuccess: async (w) => {
      notifySuccess(webinar ? t('audPlan.webinar.saved') : t('audPlan.webinar.created'));
      await qc.invalidateQueries({ queryKey: planKeys.webinars });
      onClose();
      if (!webinar) navigate(`/audience/webinars/${w.id}`);
    },
    onError: (err) => applyFormErrors(form, err),
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={webinar ? t('audPlan.webinar.edit') : t('audPlan.webinar.new')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
          <TextInput label={t('audPlan.webinar.title')} required data-autofocus {...form.getInputProps('title')} />
          <Textarea
            label={t('audPlan.webinar.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimePicker
              label={t('audPlan.webinar.startsAt')}
              description={t('audPlan.webinar.startsAtHint')}
              required
              valueFormat="DD MMM YYYY HH:mm"
              {...form.getInputProps('startsAt')}
            />
            <NumberInput
              label={t('audPlan.webinar.duration')}
              min={5}
              max={1440}
              step={15}
              {...form.getInputProps('durationMinutes')}
            />
          </SimpleGrid>
          <TextInput
            label={t('audPlan.webinar.joinUrl')}
            description={t('audPlan.webinar.joinUrlHint')}
            placeholder="https://"
            {...form.getInputProps('joinUrl')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('audPlan.webinar.slug')}
              description={t('audPlan.webinar.slugHint')}
              {...form.getInputProps('slug')}
            />
            <MultiSelect
              label={t('audPlan.webinar.reminders')}
              data={REMINDER_CHOICES.map((m) => ({
                value: String(m),
                label: t(`audPlan.webinar.before.${m}`, {
                  defaultValue: t('audPlan.webinar.beforeMinutes', { count: m }),
                }),
              }))}
              {...form.getInputProps('reminderOffsets')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('audPlan.webinar.list')}
              description={t('audPlan.webinar.listHint')}
              clearable
              data={(lists.data?.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
              {...form.getInputProps('listId')}
            />
            <TagsInput label={t('audPlan.webinar.tags')} {...form.getInputProps('tags')} />
          </SimpleGrid>
          <TextInput
            label={t('audPlan.webinar.consentText')}
            placeholder={t('audPlan.webinar.consentDefault')}
            {...form.getInputProps('consentText')}
          />
          <Switch
            label={t('audPlan.webinar.registrationOpen')}
            {...form.getInputProps('registrationOpen', { type: 'checkbox' })}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {webinar ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
