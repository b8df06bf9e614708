import '@mantine/dates/styles.css';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { useSession } from '../../../lib/session.tsx';
import { CompanyPicker } from '../companies/company-picker.tsx';
import { ContactPicker } from '../contacts/contact-picker.tsx';
import { keys, useMembers } from '../queries.ts';
import { FREQUENCIES, type Frequency, type Task } from '../types.ts';

export type TaskLinks = { contactId?: string | null; companyId?: string | null; dealId?: string | null };

function defaultDue(): string {
  // Later today at the next full hour, or tomorrow 9:00 when the day is over.
  const now = dayjs();
  const next = now.add(1, 'hour').startOf('hour');
  return (next.hour() >= 20 || next.date() !== now.date() ? now.add(1, 'day').hour(9).startOf('hour') : next).format(
    'YYYY-MM-DD HH:mm:ss',
  );
}

export function TaskCreateModal({
  opened,
  onClose,
  links = {},
  linkLabels = {},
}: {
  opened: boolean;
  onClose: () => void;
  links?: TaskLinks;
  linkLabels?: { contact?: string; company?: string };
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { me } = useSession();
  const members = useMembers();
  const form = useForm({
    initialValues: {
      title: '',
      notes: '',
      dueAt: defaultDue() as string | null,
      assigneeId: me.user.id as string | null,
      contactId: links.contactId ?? null,
      companyId: links.companyId ?? null,
      frequency: null as Frequency | null,
      interval: 1 as number | string,
    },
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      dueAt: (v, all) => (all.frequency && !v ? t('tasks.recurrenceNeedsDue') : null),
    },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<Task>('/tasks', {
        title: v.title.trim(),
        notes: v.notes.trim() || undefined,
        dueAt: v.dueAt ? dayjs(v.dueAt).toISOString() : undefined,
        assigneeId: v.assigneeId ?? undefined,
        contactId: v.contactId ?? undefined,
        companyId: v.companyId ?? undefined,
        dealId: links.dealId ?? undefined,
        recurrence: v.frequency
          ? { frequency: v.frequency, interval: typeof v.interval === 'number' ? v.interval : 1 }
          : undefined,
      }),
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('tasks.created'));
      form.reset();
      onClose();
      await qc.invalidateQueries({ queryKey: keys.tasks });
    },
    onError: (err) =>
      applyFormErrors(form, err, undefined, { 'recurrence.frequency': 'frequency', 'recurrence.interval': 'interval' }),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('tasks.new')} size="lg">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('tasks.fields.title')}
            placeholder={t('tasks.titlePlaceholder')}
            required
            data-autofocus
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimePicker
              label={t('tasks.fields.due')}
              valueFormat="DD MMM YYYY HH:mm"
              clearable
              {...form.getInputProps('dueAt')}
            />
            <Select
              label={t('tasks.fields.assignee')}
              data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              searchable
              {...form.getInputProps('assigneeId')}
            />
            <ContactPicker
              label={t('tasks.fields.contact')}
              initialLabel={linkLabels.contact ?? null}
              value={form.values.contactId}
              onChange={(id) => form.setFieldValue('contactId', id)}
            />
            <CompanyPicker
              label={t('tasks.fields.company')}
              initialLabel={linkLabels.company ?? null}
              value={form.values.companyId}
              onChange={(id) => form.setFieldValue('companyId', id)}
            />
            <Select
              label={t('tasks.fields.repeat')}
              placeholder={t('tasks.noRepeat')}
              clearable
              data={FREQUENCIES.map((f) => ({ value: f, label: t(`tasks.frequency.${f}`) }))}
              {...form.getInputProps('frequency')}
            />
            <NumberInput
              label={t('tasks.fields.interval')}
              description={t('tasks.intervalHint')}
              min={1}
              max={366}
              disabled={!form.values.frequency}
              {...form.getInputProps('interval')}
            />
          </SimpleGrid>
          <Textarea label={t('tasks.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('tasks.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
