import { Button, Checkbox, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../crm/types.ts';
import type { Draft } from './form-builder.tsx';

/** The form as visitors will see it, drawn from the unsaved draft so every change shows at once. */
export function FormPreview({ draft, customFields }: { draft: Draft; customFields: CustomField[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md" aria-label={t('audForms.preview.title')}>
      <Stack gap="sm">
        <Title order={3}>{draft.title || draft.name}</Title>
        {draft.description && <Text size="sm">{draft.description}</Text>}
        {draft.fields.map((field) => {
          const custom = field.key.startsWith('custom.')
            ? customFields.find((c) => c.key === field.key.slice(7))
            : undefined;
          const label = field.label || field.key;
          if (custom?.type === 'boolean' || (custom?.type === 'multiselect' && !custom.options.length))
            return <Checkbox key={field.key} label={label} required={field.required} readOnly />;
          if (custom?.type === 'select' || custom?.type === 'multiselect' || field.key === 'country')
            return (
              <Select
                key={field.key}
                label={label}
                required={field.required}
                placeholder={t('audForms.preview.choose')}
                data={custom ? custom.options : []}
                readOnly
              />
            );
          return (
            <TextInput
              key={field.key}
              label={label}
              required={field.required}
              placeholder={field.placeholder ?? undefined}
              type={field.key === 'email' ? 'email' : custom?.type === 'number' ? 'number' : 'text'}
              readOnly
            />
          );
        })}
        {draft.consentText && (
          <Text size="xs" c="dimmed">
            {draft.consentText}
          </Text>
        )}
        <Button type="button" style={{ alignSelf: 'flex-start' }}>
          {draft.submitLabel || t('audForms.preview.defaultButton')}
        </Button>
      </Stack>
    </Paper>
  );
}
