import {
  Badge,
  Button,
  CloseButton,
  Group,
  Modal,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { applyFormErrors, notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { ContactPicker } from '../../crm/contacts/contact-picker.tsx';
import { type AudienceList, audienceKeys, type MembersAdded } from './api.ts';

const BASES = ['consent', 'contract', 'legitimate_interest'] as const;

/** Admin add: existing contacts and/or pasted addresses, subscribed at once with a consent note as evidence. */
export function AddMembersModal({
  list,
  opened,
  onClose,
}: {
  list: AudienceList;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [picked, setPicked] = useState<{ id: string; label: string }[]>([]);
  const form = useForm({
    initialValues: { emails: '', note: '', lawfulBasis: 'consent' as string, source: '' },
    validate: { note: (v) => (v.trim().length >= 3 ? null : t('validation.required')) },
  });
  const emails = form.values.emails
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<MembersAdded>(`/lists/${list.id}/members`, {
        contactIds: picked.map((p) => p.id),
        emails,
        status: 'subscribed',
        consent: { note: v.note.trim(), lawfulBasis: v.lawfulBasis },
        ...(v.source.trim() ? { source: v.source.trim() } : {}),
      }),
    meta: { silentError: true },
    onSuccess: async (r) => {
      notifySuccess(t('audLists.add.done', { changed: r.changed, unchanged: r.unchanged, created: r.contactsCreated }));
      form.reset();
      setPicked([]);
      onClose();
      await qc.invalidateQueries({ queryKey: audienceKeys.lists });
      await qc.invalidateQueries({ queryKey: audienceKeys.members(list.id) });
    },
    onError: (err) => applyFormErrors(form, err, undefined, { 'consent.note': 'note', consent: 'note' }),
  });

  const submit = form.onSubmit((v) => {
    if (!picked.length && !emails.length) {
      notifyError(new Error(t('audLists.add.nothing')));
      return;
    }
    add.mutate(v);
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('audLists.add.title', { name: list.name })} size="lg">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Tabs defaultValue="existing" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="existing">
                {t('audLists.add.existing')}
                {picked.length > 0 && (
                  <Badge size="xs" ms={6} circle>
                    {picked.length}
                  </Badge>
                )}
              </Tabs.Tab>
              <Tabs.Tab value="emails">
                {t('audLists.add.emails')}
                {emails.length > 0 && (
                  <Badge size="xs" ms={6} circle>
                    {emails.length}
                  </Badge>
                )}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="existing" pt="sm">
              <Stack gap="xs">
                <ContactPicker
                  value={null}
                  aria-label={t('audLists.add.pick')}
                  placeholder={t('audLists.add.pick')}
                  data-autofocus
                  onChange={(id, c) => {
                    if (!id || picked.some((p) => p.id === id)) return;
                    setPicked((xs) => [
                      ...xs,
                      { id, label: c ? [c.name, c.emails[0]].filter(Boolean).join(' · ') : id },
                    ]);
                  }}
                />
                {picked.length > 0 && (
                  <Group gap={6}>
                    {picked.map((p) => (
                      <Badge
                        key={p.id}
                        variant="light"
                        tt="none"
                        rightSection={
                          <CloseButton
                            size="xs"
                            aria-label={`${t('common.remove')} ${p.label}`}
                            onClick={() => setPicked((xs) => xs.filter((x) => x.id !== p.id))}
                          />
                        }
                      >
                        {p.label}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="emails" pt="sm">
              <Textarea
                label={t('audLists.add.emails')}
                description={t('audLists.add.emailsHint')}
                autosize
                minRows={4}
                maxRows={12}
                {...form.getInputProps('emails')}
              />
            </Tabs.Panel>
          </Tabs>
          <Textarea
            label={t('audLists.add.consentNote')}
            placeholder={t('audLists.add.consentNotePlaceholder')}
            description={t('audLists.add.consentHint')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <Group grow align="flex-start">
            <Select
              label={t('audLists.add.lawfulBasis')}
              data={BASES.map((b) => ({ value: b, label: t(`audLists.add.basis.${b}`) }))}
              allowDeselect={false}
              {...form.getInputProps('lawfulBasis')}
            />
            <TextInput
              label={t('audLists.add.source')}
              placeholder={t('audLists.add.sourcePlaceholder')}
              {...form.getInputProps('source')}
            />
          </Group>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {picked.length + emails.length > 0
                ? t('audLists.add.picked', { count: picked.length + emails.length })
                : ''}
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={add.isPending}>
                {t('audLists.add.submit')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
