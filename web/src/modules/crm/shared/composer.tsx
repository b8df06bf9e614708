import '@mantine/dates/styles.css';
import {
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconCalendarEvent, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { keys } from '../queries.ts';
import type { ActivityKind } from '../types.ts';

type Mode = 'note' | ActivityKind;

const OUTCOMES = ['reached', 'voicemail', 'noAnswer', 'busy', 'wrongNumber'] as const;

/**
 * Adds to a timeline: a note, or (for contacts) a logged call, meeting or email. Ctrl/⌘+Enter submits from the
 * text box, so a note can be written without touching the mouse.
 */
export function Composer({ subject, id }: { subject: 'contacts' | 'companies'; id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode>('note');
  const form = useForm({
    initialValues: {
      body: '',
      subject: '',
      outcome: '',
      durationMinutes: '' as number | string,
      direction: 'outbound' as 'outbound' | 'inbound',
      at: null as string | null,
    },
  });
  const done = async () => {
    form.reset();
    notifySuccess(t(mode === 'note' ? 'composer.noteAdded' : 'composer.activityLogged'));
    await qc.invalidateQueries({ queryKey: keys.timeline(subject, id) });
  };
  const add = useMutation({
    mutationFn: (v: typeof form.values) => {
      if (mode === 'note') return api.post(`/${subject}/${id}/notes`, { body: v.body.trim() });
      const at = v.at ? dayjs(v.at).toISOString() : undefined;
      return api.post(`/${subject}/${id}/activities`, {
        kind: mode,
        subject: v.subject.trim() || undefined,
        body: v.body.trim() || undefined,
        outcome: mode === 'call' && v.outcome.trim() ? v.outcome.trim() : undefined,
        durationMinutes: typeof v.durationMinutes === 'number' ? v.durationMinutes : undefined,
        direction: mode === 'meeting' ? undefined : v.direction,
        at,
      });
    },
    meta: { silentError: true },
    onSuccess: done,
    onError: (err) => applyFormErrors(form, err),
  });

  const canSubmit = mode === 'note' ? form.values.body.trim().length > 0 : true;
  const modes: { value: Mode; label: string; icon: ReactNode }[] = [
    { value: 'note', label: t('composer.note'), icon: <IconNote size={14} /> },
    ...(subject === 'contacts'
      ? ([
          { value: 'call', label: t('composer.call'), icon: <IconPhone size={14} /> },
          { value: 'meeting', label: t('composer.meeting'), icon: <IconCalendarEvent size={14} /> },
          { value: 'email', label: t('composer.email'), icon: <IconMail size={14} /> },
        ] as const)
      : []),
  ];

  return (
    <Paper withBorder p="md" mb="lg">
      <form
        onSubmit={form.onSubmit((v) => {
          if (canSubmit) add.mutate(v);
        })}
      >
        <Stack gap="sm">
          {modes.length > 1 && (
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(v) => setMode(v as Mode)}
              data={modes.map((m) => ({
                value: m.value,
                label: (
                  <Group gap={6} wrap="nowrap" justify="center">
                    {m.icon}
                    <span>{m.label}</span>
                  </Group>
                ),
              }))}
              aria-label={t('composer.kind')}
            />
          )}
          {mode !== 'note' && (
            <Group grow align="flex-start">
              <TextInput
                label={t('composer.subject')}
                placeholder={t(`composer.subjectPlaceholder.${mode}`)}
                {...form.getInputProps('subject')}
              />
              <DateTimePicker
                label={t('composer.when')}
                placeholder={t('composer.now')}
                clearable
                valueFormat="DD MMM YYYY HH:mm"
                {...form.getInputProps('at')}
              />
            </Group>
          )}
          <Textarea
            aria-label={mode === 'note' ? t('composer.notePlaceholder') : t('composer.details')}
            label={mode === 'note' ? undefined : t('composer.details')}
            placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.detailsPlaceholder')}
            autosize
            minRows={mode === 'note' ? 3 : 2}
            maxRows={12}
            {...form.getInputProps('body')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                if (canSubmit) add.mutate(form.getValues());
              }
            }}
            data-testid="composer-body"
          />
          {mode !== 'note' && (
            <Group grow align="flex-start">
              {mode === 'call' && (
                <Autocomplete
                  label={t('composer.outcome')}
                  data={OUTCOMES.map((o) => t(`composer.outcomes.${o}`))}
                  {...form.getInputProps('outcome')}
                />
              )}
              {mode !== 'email' && (
                <NumberInput
                  label={t('composer.duration')}
                  min={0}
                  max={1440}
                  suffix={` ${t('composer.min')}`}
                  {...form.getInputProps('durationMinutes')}
                />
              )}
              {mode !== 'meeting' && (
                <SegmentedControl
                  mt={24}
                  data={[
                    { value: 'outbound', label: t('timeline.direction.outbound') },
                    { value: 'inbound', label: t('timeline.direction.inbound') },
                  ]}
                  {...form.getInputProps('direction')}
                />
              )}
            </Group>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('composer.shortcut')}
            </Text>
            <Button type="submit" loading={add.isPending} disabled={!canSubmit}>
              {mode === 'note' ? t('composer.addNote') : t(`composer.logKind.${mode}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
