import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { type Category, catalogKeys, useCategories } from './api.ts';

/** A new category, top-level or under a parent (a name its siblings already use answers 409 under the name). */
export function CategoryModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const categories = useCategories();
  const form = useForm({
    initialValues: { name: '', parentId: null as string | null },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens
  useEffect(() => {
    if (opened) form.reset();
  }, [opened]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<Category>('/categories', { name: v.name.trim(), parentId: v.parentId }),
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('comCatalog.category.created'));
      onClose();
      await qc.invalidateQueries({ queryKey: catalogKeys.categories });
    },
    onError: (err) => applyFormErrors(form, err),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('comCatalog.category.new')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="md">
          <TextInput label={t('comCatalog.category.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('comCatalog.category.parent')}
            placeholder={t('comCatalog.category.topLevel')}
            data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.path }))}
            clearable
            searchable
            {...form.getInputProps('parentId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
