import {
  ActionIcon,
  Alert,
  Button,
  FileButton,
  Grid,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconInfoCircle, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import { useCustomFields } from '../../crm/queries.ts';
import { CHANNELS, type Channel } from '../../crm/types.ts';
import { FormPreview } from './form-preview.tsx';
import {
  type AfterSubmit,
  type AudienceListRef,
  type Form,
  type FormField,
  formKeys,
  type LeadMagnet,
  STANDARD_KEYS,
} from './types.ts';

export type Draft = {
  name: string;
  title: string;
  description: string;
  fields: FormField[];
  consentText: string;
  submitLabel: string;
  listIds: string[];
  tags: string[];
  source: { channel: Channel; name: string; campaign: string };
  leadMagnetId: string | null;
  afterSubmit: AfterSubmit;
  confirmSubject: string;
  confirmMessage: string;
  language: string;
  active: boolean;
};

const toDraft = (f: Form): Draft => ({
  name: f.name,
  title: f.title,
  description: f.description ?? '',
  fields: f.fields,
  consentText: f.consentText ?? '',
  submitLabel: f.submitLabel ?? '',
  listIds: f.listIds,
  tags: f.tags,
  source: { channel: f.source.channel, name: f.source.name ?? '', campaign: f.source.campaign ?? '' },
  leadMagnetId: f.leadMagnetId,
  afterSubmit: f.afterSubmit,
  confirmSubject: f.confirmSubject ?? '',
  confirmMessage: f.confirmMessage ?? '',
  language: f.language ?? '',
  active: f.active,
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

const toPatch = (d: Draft) => ({
  name: d.name,
  title: d.title,
  description: orNull(d.description),
  fields: d.fields.map((f) => ({ key: f.key, label: f.label, required: f.required, placeholder: f.placeholder })),
  consentText: orNull(d.consentText),
  submitLabel: orNull(d.submitLabel),
  listIds: d.listIds,
  tags: d.tags,
  source: { channel: d.source.channel, name: orNull(d.source.name), campaign: orNull(d.source.campaign) },
  leadMagnetId: d.leadMagnetId,
  afterSubmit: d.afterSubmit,
  confirmSubject: orNull(d.confirmSubject),
  confirmMessage: orNull(d.confirmMessage),
  language: orNull(d.language),
  active: d.active,
});

const LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'cs',
  'sv',
  'da',
  'nb',
  'fi',
  'tr',
  'ar',
  'he',
  'zh',
  'ja',
];

/** The editor (left) and a live preview of the unsaved draft (right); one Save sends it all. */
export function FormBuilder({ form }: { form: Form }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(form));
  useEffect(() => setDraft(toDraft(form)), [form]);
  const dirty = JSON.stringify(toPatch(draft)) !== JSON.stringify(toPatch(toDraft(form)));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const customFields = useCustomFields('contact');
  const lists = useQuery({
    queryKey: formKeys.lists,
    queryFn: () => api.get<Page<AudienceListRef>>('/lists', { limit: 500 }),
    select: (r) => r.data,
  });
  const magnets = useQuery({
    queryKey: formKeys.magnets,
    queryFn: () => api.get<Page<LeadMagnet>>('/lead-magnets', { limit: 500 }),
    select: (r) => r.data,
  });

  const save = useMutation({
    mutationFn: () => api.patch<Form>(`/forms/${form.id}`, toPatch(draft)),
    onSuccess: async (saved) => {
      qc.setQueryData(formKeys.one(form.id), saved);
      await qc.invalidateQueries({ queryKey: [...formKeys.all, 'list'] });
      notifications.show({ message: t('audForms.saved') });
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api.upload<LeadMagnet>('/lead-magnets', body);
    },
    onSuccess: async (m) => {
      await qc.invalidateQueries({ queryKey: formKeys.magnets });
      set({ leadMagnetId: m.id });
      notifications.show({ message: t('audForms.builder.uploaded') });
    },
  });

  const fieldLabel = (key: string) =>
    (STANDARD_KEYS as readonly string[]).includes(key)
      ? t(`audForms.fieldKeys.${key as (typeof STANDARD_KEYS)[number]}`)
      : (customFields.data?.find((c) => `custom.${c.key}` === key)?.label ?? key);
  const available = [
    ...STANDARD_KEYS.map((k) => ({ value: k, label: fieldLabel(k) })),
    ...(customFields.data ?? []).map((c) => ({ value: `custom.${c.key}`, label: c.label })),
  ].filter((o) => !draft.fields.some((f) => f.key === o.value));
  const move = (i: number, by: number) => {
    const next = [...draft.fields];
    const [f] = next.splice(i, 1);
    if (f) next.splice(i + by, 0, f);
    set({ fields: next });
  };
  const updateField = (i: number, patch: Partial<FormField>) =>
    set({ fields: draft.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const selectedLists = (lists.data ?? []).filter((l) => draft.listIds.includes(l.id));
  const doubleOptIn = selectedLists.some((l) => l.doubleOptIn);
  const names = new Intl.DisplayNames([i18n.language, 'en'], { type: 'language' });

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Group
            justify="space-between"
            pos="sticky"
            top={0}
            py="xs"
            bg="var(--mantine-color-body)"
            style={{ zIndex: 2 }}
          >
            <Text size="sm" c={dirty ? 'orange' : 'dimmed'} role="status">
              {dirty ? t('audForms.unsaved') : ''}
            </Text>
            <Group gap="sm">
              <Button variant="default" disabled={!dirty} onClick={() => setDraft(toDraft(form))}>
                {t('common.cancel')}
              </Button>
              <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>

          <Paper withBorder p="md" radius="md">
            <Title order={5} mb="sm">
              {t('audForms.builder.basics')}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t('audForms.builder.name')}
                value={draft.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                required
              />
              <TextInput
                label={t('audForms.builder.heading')}
                value={draft.title}
                onChange={(e) => set({ title: e.currentTarget.value })}
              />
              <Textarea
                label={t('audForms.builder.description')}
                value={draft.description}
                autosize
                minRows={2}
                onChange={(e) => set({ description: e.currentTarget.value })}
              />
              <Group grow align="flex-start">
                <Select
                  label={t('audForms.builder.language')}
                  clearable
                  data={LANGUAGES.map((l) => ({ value: l, label: names.of(l) ?? l }))}
                  value={draft.language || null}
                  onChange={(v) => set({ language: v ?? '' })}
                />
                <Switch
                  mt={30}
                  label={t('audForms.builder.open')}
                  description={t('audForms.builder.openHint')}
                  checked={draft.active}
                  onChange={(e) => set({ active: e.currentTarget.checked })}
                />
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={5}>{t('audForms.builder.fields')}</Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('audForms.builder.fieldsHint')}
            </Text>
            <Stack gap="xs" p={0} m={0} style={{ listStyle: 'none' }} renderRoot={(props) => <ol {...props} />}>
              {draft.fields.map((field, i) => {
                const name = field.label || fieldLabel(field.key);
                return (
                  <Group
                    key={field.key}
                    gap="xs"
                    wrap="nowrap"
                    align="flex-end"
                    renderRoot={(props) => <li {...props} />}
                  >
                    <TextInput
                      flex={1}
                      label={`${t('audForms.builder.label')} · ${fieldLabel(field.key)}`}
                      value={field.label}
                      onChange={(e) => updateField(i, { label: e.currentTarget.value })}
                    />
                    <Switch
                      mb={8}
                      label={t('audForms.builder.required')}
                      checked={field.key === 'email' || field.required}
                      disabled={field.key === 'email'}
                      onChange={(e) => updateField(i, { required: e.currentTarget.checked })}
                    />
                    <ActionIcon
                      variant="subtle"
                      mb={4}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={t('audForms.builder.moveUp', { label: name })}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      mb={4}
                      disabled={i === draft.fields.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={t('audForms.builder.moveDown', { label: name })}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mb={4}
                      disabled={field.key === 'email'}
                      onClick={() => set({ fields: draft.fields.filter((_, j) => j !== i) })}
                      aria-label={t('audForms.builder.removeField', { label: name })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                );
              })}
            </Stack>
            {available.length > 0 && (
              <Select
                mt="sm"
                placeholder={t('audForms.builder.addField')}
                aria-label={t('audForms.builder.addField')}
                data={available}
                value={null}
                searchable
                onChange={(key) =>
                  key &&
                  set({
                    fields: [...draft.fields, { key, label: fieldLabel(key), required: false, placeholder: null }],
                  })
                }
              />
            )}
            <Textarea
              mt="md"
              label={t('audForms.builder.consent')}
              description={t('audForms.builder.consentHint')}
              placeholder={t('audForms.builder.consentPlaceholder')}
              autosize
              minRows={2}
              value={draft.consentText}
              onChange={(e) => set({ consentText: e.currentTarget.value })}
            />
            <TextInput
              mt="sm"
              label={t('audForms.builder.submitLabel')}
              placeholder={t('audForms.preview.defaultButton')}
              value={draft.submitLabel}
              onChange={(e) => set({ submitLabel: e.currentTarget.value })}
            />
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={5} mb="sm">
              {t('audForms.builder.lists')}
            </Title>
            <Stack gap="sm">
              <MultiSelect
                label={t('audForms.builder.listsHint')}
                placeholder={t('audForms.builder.listsPlaceholder')}
                data={(lists.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
                value={draft.listIds}
                onChange={(v) => set({ listIds: v })}
                searchable
                nothingFoundMessage={t('audForms.builder.noListsYet')}
              />
              {selectedLists.length > 0 && (
                <Alert variant="light" icon={<IconInfoCircle size={16} />} p="xs">
                  <Text size="sm">
                    {doubleOptIn ? t('audForms.builder.doubleOptInHint') : t('audForms.builder.singleOptInHint')}
                  </Text>
                </Alert>
              )}
              <TagsInput
                label={t('audForms.builder.tags')}
                value={draft.tags}
                onChange={(v) => set({ tags: v })}
                clearable
              />
              <Group grow align="flex-start">
                <Select
                  label={t('audForms.builder.channel')}
                  data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
                  value={draft.source.channel}
                  onChange={(v) => v && set({ source: { ...draft.source, channel: v as Channel } })}
                  allowDeselect={false}
                />
                <TextInput
                  label={t('audForms.builder.sourceName')}
                  placeholder={t('audForms.builder.sourceNameHint')}
                  value={draft.source.name}
                  onChange={(e) => set({ source: { ...draft.source, name: e.currentTarget.value } })}
                />
                <TextInput
                  label={t('audForms.builder.campaign')}
                  description={t('audForms.builder.campaignHint')}
                  value={draft.source.campaign}
                  onChange={(e) => set({ source: { ...draft.source, campaign: e.currentTarget.value } })}
                />
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={5} mb="sm">
              {t('audForms.builder.after')}
            </Title>
            <SegmentedControl
              mb="sm"
              value={draft.afterSubmit.kind}
              onChange={(v) =>
                set({
                  afterSubmit:
                    v === 'redirect'
                      ? { kind: 'redirect', url: draft.afterSubmit.kind === 'redirect' ? draft.afterSubmit.url : '' }
                      : {
                          kind: 'message',
                          message: draft.afterSubmit.kind === 'message' ? draft.afterSubmit.message : '',
                        },
                })
              }
              data={[
                { value: 'message', label: t('audForms.builder.afterMessage') },
                { value: 'redirect', label: t('audForms.builder.afterRedirect') },
              ]}
            />
            {draft.afterSubmit.kind === 'message' ? (
              <Textarea
                label={t('audForms.builder.message')}
                autosize
                minRows={2}
                value={draft.afterSubmit.message}
                onChange={(e) => set({ afterSubmit: { kind: 'message', message: e.currentTarget.value } })}
              />
            ) : (
              <TextInput
                label={t('audForms.builder.redirectUrl')}
                type="url"
                dir="ltr"
                value={draft.afterSubmit.url}
                onChange={(e) => set({ afterSubmit: { kind: 'redirect', url: e.currentTarget.value } })}
              />
            )}
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={5}>{t('audForms.builder.magnet')}</Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('audForms.builder.magnetHint')}
            </Text>
            <Group align="flex-end">
              <Select
                flex={1}
                aria-label={t('audForms.builder.magnet')}
                placeholder={t('audForms.builder.magnetNone')}
                clearable
                data={(magnets.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.fileName})` }))}
                value={draft.leadMagnetId}
                onChange={(v) => set({ leadMagnetId: v })}
              />
              <FileButton onChange={(file) => file && upload.mutate(file)}>
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconUpload size={16} />}
                    loading={upload.isPending}
                  >
                    {upload.isPending ? t('audForms.builder.uploading') : t('audForms.builder.upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
          </Paper>

          {doubleOptIn && (
            <Paper withBorder p="md" radius="md">
              <Title order={5} mb="sm">
                {t('audForms.builder.confirmEmail')}
              </Title>
              <Stack gap="sm">
                <TextInput
                  label={t('audForms.builder.confirmSubject')}
                  placeholder={t('audForms.builder.confirmSubjectPlaceholder', { workspace: '{{ workspace.name }}' })}
                  value={draft.confirmSubject}
                  onChange={(e) => set({ confirmSubject: e.currentTarget.value })}
                />
                <Textarea
                  label={t('audForms.builder.confirmMessage')}
                  description={t('audForms.builder.confirmMessageHint', { variable: '{{ contact.first_name }}' })}
                  autosize
                  minRows={3}
                  value={draft.confirmMessage}
                  onChange={(e) => set({ confirmMessage: e.currentTarget.value })}
                />
              </Stack>
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack pos="sticky" top={16} gap="xs">
          <Title order={5}>{t('audForms.preview.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('audForms.preview.hint')}
          </Text>
          <FormPreview draft={draft} customFields={customFields.data ?? []} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
