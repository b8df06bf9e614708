import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { applyFormErrors, notifySuccess } from '../../lib/errors.tsx';
import { keys, useCustomFields } from '../crm/queries.ts';
import { type CustomField, FIELD_TYPES, type FieldType } from '../crm/types.ts';
import { Section } from './section.tsx';

type Entity = 'contact' | 'company';

function FieldModal({
  entity,
  field,
  opened,
  onClose,
}: {
  entity: Entity;
  field: CustomField | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      label: field?.label ?? '',
      key: field?.key ?? '',
      type: (field?.type ?? 'text') as FieldType,
      options: field?.options ?? ([] as string[]),
      required: field?.required ?? false,
    },
    validate: {
      label: (v) => (v.trim() ? null : t('validation.required')),
      options: (v, all) =>
        (all.type === 'select' || all.type === 'multiselect') && v.length === 0
          ? t('settings.fields.needOptions')
          : null,
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const withOptions = v.type === 'select' || v.type === 'multiselect';
      return field
        ? api.patch<CustomField>(`/custom-fields/${field.id}`, {
            label: v.label.trim(),
            required: v.required,
            ...(withOptions ? { options: v.options } : {}),
          })
        : api.post<CustomField>('/custom-fields', {
            entity,
            label: v.label.trim(),
            ...(v.key.trim() ? { key: v.key.trim() } : {}),
            type: v.type,
            required: v.required,
            ...(withOptions ? { options: v.options } : {}),
          });
    },
    meta: { silentError: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: keys.customFields(entity) });
      onClose();
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const withOptions = form.values.type === 'select' || form.values.type === 'multiselect';
  return (
    <Modal opened={opened} onClose={onClose} title={field ? t('settings.fields.edit') : t('settings.fields.add')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <TextInput label={t('settings.fields.label')} required data-autofocus {...form.getInputProps('label')} />
          {!field && (
            <TextInput
              label={t('settings.fields.key')}
              description={t('settings.fields.keyHint')}
              placeholder="industry"
              {...form.getInputProps('key')}
            />
          )}
          <Select
            label={t('settings.fields.type')}
            data={FIELD_TYPES.map((ft) => ({ value: ft, label: t(`settings.fields.types.${ft}`) }))}
            allowDeselect={false}
            disabled={!!field}
            description={field ? t('settings.fields.typeFixed') : undefined}
            {...form.getInputProps('type')}
          />
          {withOptions && (
            <TagsInput
              label={t('settings.fields.options')}
              description={t('settings.fields.optionsHint')}
              {...form.getInputProps('options')}
            />
          )}
          <Switch label={t('settings.fields.required')} {...form.getInputProps('required', { type: 'checkbox' })} />
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

export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [entity, setEntity] = useState<Entity>('contact');
  const [editing, setEditing] = useState<CustomField | null | 'new'>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const fields = useCustomFields(entity);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/custom-fields/${id}`),
    onSuccess: async () => {
      setDeleting(null);
      await qc.invalidateQueries({ queryKey: keys.customFields(entity) });
    },
  });
  return (
    <Section
      title={t('settings.fields.title')}
      description={t('settings.fields.description')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('settings.fields.add')}
        </Button>
      }
    >
      <SegmentedControl
        mb="md"
        value={entity}
        onChange={(v) => setEntity(v as Entity)}
        data={[
          { value: 'contact', label: t('imports.entities.contact') },
          { value: 'company', label: t('imports.entities.company') },
        ]}
      />
      {fields.isError && <QueryError error={fields.error} />}
      {fields.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.fields.none')}
        </Text>
      ) : (
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.fields.label')}</Table.Th>
              <Table.Th>{t('settings.fields.key')}</Table.Th>
              <Table.Th>{t('settings.fields.type')}</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.data?.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td fw={600}>
                  {f.label}{' '}
                  {f.required && (
                    <Badge size="xs" variant="light" color="red">
                      {t('settings.fields.requiredBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <code>{f.key}</code>
                </Table.Td>
                <Table.Td>
                  {t(`settings.fields.types.${f.type}`)}
                  {f.options.length > 0 && (
                    <Text size="xs" c="dimmed" truncate maw={220}>
                      {f.options.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t('common.edit')}>
                      <ActionIcon variant="subtle" aria-label={t('common.edit')} onClick={() => setEditing(f)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('common.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        onClick={() => setDeleting(f)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <FieldModal
          key={editing === 'new' ? 'new' : editing.id}
          entity={entity}
          field={editing === 'new' ? null : editing}
          opened
          onClose={() => setEditing(null)}
        />
      )}
      <Modal opened={!!deleting} onClose={() => setDeleting(null)} title={t('settings.fields.deleteTitle')}>
        <Stack>
          <Text size="sm">{t('settings.fields.deleteConfirm', { label: deleting?.label })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id)}>
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
