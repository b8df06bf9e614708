import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api.ts';
import { applyFormErrors } from '../lib/errors.tsx';
import { CURRENCIES, timezoneOptions } from '../lib/locale-data.ts';
import type { Workspace } from '../lib/types.ts';

export function CreateWorkspaceForm({
  onCreated,
  onCancel,
}: {
  onCreated: (w: Workspace) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      name: '',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      defaultCurrency: 'EUR',
    },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) => api.post<Workspace>('/workspaces', v),
    meta: { silentError: true },
    onSuccess: onCreated,
    onError: (err) => applyFormErrors(form, err),
  });
  return (
    <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
      <Stack>
        <TextInput
          label={t('workspace.name')}
          placeholder={t('workspace.namePlaceholder')}
          data-autofocus
          required
          {...form.getInputProps('name')}
        />
        <Group grow align="flex-start">
          <Select
            label={t('workspace.timezone')}
            searchable
            data={timezoneOptions()}
            allowDeselect={false}
            {...form.getInputProps('timezone')}
          />
          <Select
            label={t('workspace.currency')}
            searchable
            data={CURRENCIES}
            allowDeselect={false}
            {...form.getInputProps('defaultCurrency')}
          />
        </Group>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={create.isPending}>
            {t('workspace.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
