import '@mantine/dates/styles.css';
import {
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { type GetInputPropsReturnType, useForm } from '@mantine/form';
import { IconForms } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { applyFormErrors, notifySuccess } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useCustomFields } from '../queries.ts';
import type { CustomField, CustomValue } from '../types.ts';

type Values = Record<string, CustomValue>;

function Display({ field, value }: { field: CustomField; value: CustomValue | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length))
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (field.type === 'boolean') return <Text size="sm">{value ? t('common.yes') : t('common.no')}</Text>;
  if (field.type === 'date' && typeof value === 'string') return <Text size="sm">{f.date(`${value}T12:00:00Z`)}</Text>;
  if (field.type === 'number' && typeof value === 'number') return <Text size="sm">{f.number(value)}</Text>;
  return <Text size="sm">{Array.isArray(value) ? value.join(', ') : String(value)}</Text>;
}

/** One input per field type; values go to the API as the type asks (numbers as numbers, dates as YYYY-MM-DD). */
function FieldInput({ field, inputProps }: { field: CustomField; inputProps: GetInputPropsReturnType }) {
  const common = { label: field.label, required: field.required };
  switch (field.type) {
    case 'number':
      return <NumberInput {...common} {...inputProps} />;
    case 'date':
      return <DateInput {...common} valueFormat="DD MMM YYYY" clearable {...inputProps} />;
    case 'select':
      return <Select {...common} data={field.options} clearable searchable {...inputProps} />;
    case 'multiselect':
      return <MultiSelect {...common} data={field.options} clearable searchable {...inputProps} />;
    case 'boolean':
      return <Switch {...common} mt="lg" {...inputProps} checked={!!inputProps.value} />;
    default:
      return <TextInput {...common} {...inputProps} />;
  }
}

function normalise(fields: CustomField[], values: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === '') out[f.key] = null;
    else if (f.type === 'number' && typeof v === 'string') out[f.key] = v.trim() === '' ? null : Number(v);
    else if (f.type === 'date' && typeof v === 'string') out[f.key] = v.slice(0, 10);
    else out[f.key] = v;
  }
  return out;
}

export function CustomFieldsCard({
  entity,
  values,
  save,
}: {
  entity: 'contact' | 'company';
  values: Values;
  save: (custom: Values) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const fields = useCustomFields(entity);
  const [editing, setEditing] = useState(false);
  const form = useForm<{ custom: Values }>({ initialValues: { custom: {} } });
  const mutation = useMutation({
    mutationFn: (v: Values) => save(v),
    meta: { silentError: true },
    onSuccess: () => {
      setEditing(false);
      notifySuccess(t('common.saved'));
    },
    onError: (err) => applyFormErrors(form, err),
  });
  const list = fields.data ?? [];
  const startEdit = () => {
    const init: Values = {};
    for (const f of list) {
      const v = values[f.key];
      init[f.key] =
        v ?? (f.type === 'multiselect' ? [] : f.type === 'boolean' ? false : f.type === 'number' ? '' : null);
    }
    form.setValues({ custom: init });
    form.resetDirty({ custom: init });
    setEditing(true);
  };
  return (
    <Card>
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <IconForms size={18} />
          <Title order={5}>{t('customFields.title')}</Title>
        </Group>
        {list.length > 0 && !editing && (
          <Button size="compact-sm" variant="subtle" onClick={startEdit}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customFields.none')}{' '}
          <Anchor component={Link} to="/settings/fields" size="sm">
            {t('customFields.define')}
          </Anchor>
        </Text>
      ) : editing ? (
        <form onSubmit={form.onSubmit((v) => mutation.mutate(normalise(list, v.custom)))}>
          <Stack>
            <SimpleGrid cols={1}>
              {list.map((f) => (
                <FieldInput
                  key={f.key}
                  field={f}
                  inputProps={form.getInputProps(`custom.${f.key}`, f.type === 'boolean' ? { type: 'checkbox' } : {})}
                />
              ))}
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap={8}>
          {list.map((f) => (
            <div key={f.key}>
              <Text size="xs" c="dimmed">
                {f.label}
              </Text>
              <Display field={f} value={values[f.key]} />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
