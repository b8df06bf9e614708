import { Anchor, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../../lib/session.tsx';

/** The picker snippet for the shop's checkout, and the hosted "collect near you" page. */
export function WidgetPanel() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const origin = window.location.origin;
  const key = ws?.publicKey ?? 'pk_…';
  const snippet = `<div id="freehold-pickup"></div>
<input type="hidden" name="pickup_point_id">
<script src="${origin}/p/pickup/widget.js" data-key="${key}" data-country="DE" async></script>`;
  const pageUrl = `${origin}/p/pickup/${key}`;
  return (
    <Stack maw={820}>
      <Title order={4}>{t('comPickup.widget.title')}</Title>
      <Text size="sm">{t('comPickup.widget.help')}</Text>
      <Code block dir="ltr">
        {snippet}
      </Code>
      <Group>
        <CopyButton value={snippet}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
            >
              {copied ? t('comPickup.widget.copied') : t('comPickup.widget.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" c="dimmed">
        {t('comPickup.widget.events')}
      </Text>
      <Title order={4} mt="md">
        {t('comPickup.widget.pageTitle')}
      </Title>
      <Text size="sm">{t('comPickup.widget.pageHelp')}</Text>
      <Anchor href={pageUrl} target="_blank" rel="noreferrer" dir="ltr">
        {pageUrl}
      </Anchor>
    </Stack>
  );
}
