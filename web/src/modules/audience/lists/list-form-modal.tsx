import { Button, Group, Modal, SegmentedControl, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { type AudienceList, audienceKeys } from './api.ts';

/** Create a list, or edit one (`list` given). A name already used answers 409 and is shown under the name. */
export function ListFormModal({
  opened,
  onClose,
  list,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  list?: AudienceList | null;
  onSaved?: (list: AudienceList) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      name: '',
      description: '',
      visibility: 'public' as 'public' | 'private',
      doubleOptIn: true,
    },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for another list
  useEffect(() => {
    if (!opened) return;
    form.setValues({
      name: list?.name ?? '',
      description: list?.description ?? '',
      visibility: list?.visibility ?? 'public',
      doubleOptIn: list?.doubleOptIn ?? true,
    });
    form.resetDirty();
    form.clearErrors();
  }, [opened, list?.id]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        name: v.name.trim(),
        description: v.description.trim() || null,
        visibility: v.visibility,
        doubleOptIn: v.doubleOptIn,
      };
      return list ? api.patch<AudienceList>(`/lists/${list.id}`, body) : api.post<AudienceList>('/lists', body);
    },
    meta: { silentError: true },
    onSuccess: async (saved) => {
      notifySuccess(list ? t('audLists.saved') : t('audLists.created'));
      onClose();
      onSaved?.(saved);
      await qc.invalidateQueries({ queryKey: audienceKeys.lists });
    },
    onError: (err) => applyFormErrors(form, err),
  });

  return (
    <Modal opened={opened} onClose={onClose} title={list ? t('audLists.edit') : t('audLists.new')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="md">
          <TextInput
            label={t('audLists.name')}
            required
            data-autofocus
            maxLength={120}
            {...form.getInputProps('name')}
          />
          <Textarea
            label={t('audLists.description')}
            placeholder={t('audLists.descriptionPlaceholder')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="list-visibility-label">
              {t('audLists.visibility')}
            </Text>
            <SegmentedControl
              aria-labelledby="list-visibility-label"
              data={[
                { value: 'public', label: t('audLists.public') },
                { value: 'private', label: t('audLists.private') },
              ]}
              {...form.getInputProps('visibility')}
            />
            <Text size="xs" c="dimmed">
              {form.values.visibility === 'public' ? t('audLists.publicHint') : t('audLists.privateHint')}
            </Text>
          </Stack>
          <Switch
            label={t('audLists.doubleOptIn')}
            description={t('audLists.doubleOptInHint')}
            {...form.getInputProps('doubleOptIn', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
