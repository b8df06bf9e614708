import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../lib/errors.tsx';
import { CURRENCIES, timezoneOptions } from '../../lib/locale-data.ts';
import { useSession } from '../../lib/session.tsx';
import type { Workspace } from '../../lib/types.ts';
import { Section } from './section.tsx';

export function WorkspaceSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { workspace, me } = useSession();
  const form = useForm({
    initialValues: {
      name: workspace?.name ?? '',
      timezone: workspace?.timezone ?? 'UTC',
      defaultCurrency: workspace?.defaultCurrency ?? 'EUR',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => api.patch<Omit<Workspace, 'role'>>('/workspace', v),
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const canEdit = me.role === 'owner' || me.role === 'admin';
  return (
    <Section title={t('settings.workspace.title')} description={t('settings.workspace.description')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack maw={520}>
          <TextInput label={t('workspace.name')} disabled={!canEdit} {...form.getInputProps('name')} />
          <Select
            label={t('workspace.timezone')}
            description={t('settings.workspace.timezoneHint')}
            searchable
            data={timezoneOptions()}
            allowDeselect={false}
            disabled={!canEdit}
            {...form.getInputProps('timezone')}
          />
          <Select
            label={t('workspace.currency')}
            description={t('settings.workspace.currencyHint')}
            searchable
            data={CURRENCIES}
            allowDeselect={false}
            disabled={!canEdit}
            {...form.getInputProps('defaultCurrency')}
          />
          <Text size="xs" c="dimmed">
            {t('settings.workspace.publicKey')}: <code>{workspace?.publicKey}</code>
          </Text>
          {canEdit && (
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}
