import { Button, Code, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Form } from './types.ts';

function Copy({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          onClick={copy}
          color={copied ? 'teal' : undefined}
          leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          aria-label={`${t('common.copy')}: ${label}`}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

/** The hosted link and the embed snippet, each with a copy button. */
export function FormShare({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Paper withBorder p="lg" radius="md">
        <Title order={4}>{t('audForms.share.hosted')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('audForms.share.hostedHint')}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <TextInput
            value={form.hostedUrl}
            readOnly
            flex={1}
            ff="monospace"
            aria-label={t('audForms.share.hosted')}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Copy value={form.hostedUrl} label={t('audForms.share.hosted')} />
          <Button
            component="a"
            href={form.hostedUrl}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconExternalLink size={16} />}
          >
            {t('audForms.share.openPage')}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Title order={4}>{t('audForms.share.embed')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('audForms.share.embedHint')}
        </Text>
        <Code block dir="ltr" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {form.embedCode}
        </Code>
        <Group mt="sm" justify="space-between">
          <Text size="xs" c="dimmed">
            {t('audForms.share.utmHint')}
          </Text>
          <Copy value={form.embedCode} label={t('audForms.share.embed')} />
        </Group>
      </Paper>
    </Stack>
  );
}
