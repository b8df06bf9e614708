import { Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { keys, useLifecycleStages, useMembers } from '../queries.ts';
import type { Contact } from '../types.ts';

const initial = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  title: '',
  companyName: '',
  lifecycleStage: null as string | null,
  ownerId: null as string | null,
  tags: [] as string[],
  country: '',
};

export function ContactCreateModal({
  opened,
  onClose,
  onCreated,
  companyName,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (c: Contact) => void;
  companyName?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stages = useLifecycleStages();
  const members = useMembers();
  const form = useForm({
    initialValues: { ...initial, companyName: companyName ?? '' },
    validate: {
      firstName: (_v, all) =>
        all.firstName.trim() || all.lastName.trim() || all.email.trim() || all.phone.trim()
          ? null
          : t('contacts.needSomething'),
    },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<Contact>('/contacts', {
        firstName: v.firstName.trim() || undefined,
        lastName: v.lastName.trim() || undefined,
        emails: v.email.trim() ? [v.email.trim()] : undefined,
        phones: v.phone.trim() ? [v.phone.trim()] : undefined,
        title: v.title.trim() || undefined,
        companyName: v.companyName.trim() || undefined,
        lifecycleStage: v.lifecycleStage ?? undefined,
        ownerId: v.ownerId ?? undefined,
        tags: v.tags.length ? v.tags : undefined,
        address: v.country.trim() ? { country: v.country.trim() } : undefined,
      }),
    meta: { silentError: true },
    onSuccess: async (c) => {
      notifySuccess(t('contacts.created', { name: c.name }));
      form.reset();
      await qc.invalidateQueries({ queryKey: keys.contacts });
      onCreated(c);
    },
    onError: (err) =>
      applyFormErrors(form, err, undefined, {
        emails: 'email',
        phones: 'phone',
        'address.country': 'country',
        address: 'country',
      }),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('contacts.new')} size="lg">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('contacts.fields.firstName')} data-autofocus {...form.getInputProps('firstName')} />
            <TextInput label={t('contacts.fields.lastName')} {...form.getInputProps('lastName')} />
            <TextInput label={t('contacts.fields.email')} type="email" {...form.getInputProps('email')} />
            <TextInput
              label={t('contacts.fields.phone')}
              description={t('contacts.phoneHint')}
              type="tel"
              {...form.getInputProps('phone')}
            />
            <TextInput label={t('contacts.fields.title')} {...form.getInputProps('title')} />
            <TextInput
              label={t('contacts.fields.company')}
              description={t('contacts.companyHint')}
              {...form.getInputProps('companyName')}
            />
            <TextInput
              label={t('contacts.fields.country')}
              description={t('contacts.countryHint')}
              maxLength={2}
              {...form.getInputProps('country')}
            />
            <Select
              label={t('contacts.fields.lifecycleStage')}
              placeholder={stages.data?.[0]?.label}
              data={(stages.data ?? []).map((s) => ({ value: s.key, label: s.label }))}
              clearable
              {...form.getInputProps('lifecycleStage')}
            />
            <Select
              label={t('contacts.fields.owner')}
              data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              clearable
              searchable
              {...form.getInputProps('ownerId')}
            />
            <TagsInput label={t('contacts.fields.tags')} {...form.getInputProps('tags')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('contacts.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
