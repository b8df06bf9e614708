import { Badge, Button, Group, List, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useSession } from '../../../lib/session.tsx';

type Result = { results: { email: string; status: 'sent' | 'skipped' | 'failed'; reason: string | null }[] };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COLORS = { sent: 'teal', skipped: 'yellow', failed: 'red' } as const;

/** POST /campaigns/{id}/test: the saved campaign to a few addresses (edits are saved first by `beforeSend`). */
export function CampaignTestModal({
  campaignId,
  opened,
  onClose,
  beforeSend,
}: {
  campaignId: string;
  opened: boolean;
  onClose: () => void;
  beforeSend: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [emails, setEmails] = useState<string[]>([me.user.email]);
  const send = useMutation({
    mutationFn: async () => {
      await beforeSend();
      return api.post<Result>(`/campaigns/${campaignId}/test`, { emails });
    },
    onError: (e) => notifyError(e),
  });
  const invalid = emails.filter((e) => !EMAIL.test(e));
  return (
    <Modal
      opened={opened}
      onClose={() => {
        send.reset();
        onClose();
      }}
      title={t('audCampaigns.test.title')}
    >
      <Stack gap="md">
        <TagsInput
          label={t('audCampaigns.test.emails')}
          description={t('audCampaigns.test.emailsHint')}
          value={emails}
          onChange={setEmails}
          maxTags={10}
          splitChars={[',', ' ', ';']}
          error={invalid.length ? invalid.join(', ') : undefined}
          data-autofocus
        />
        {send.data && (
          <List spacing={4} listStyleType="none">
            {send.data.results.map((r) => (
              <List.Item key={r.email}>
                <Group gap="xs" wrap="nowrap">
                  <Badge color={COLORS[r.status]} variant="light">
                    {t(`audCampaigns.test.result.${r.status}`)}
                  </Badge>
                  <Text size="sm">{r.email}</Text>
                  {r.reason && (
                    <Text size="xs" c="dimmed">
                      {r.reason}
                    </Text>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Group justify="flex-end">
          <Button
            loading={send.isPending}
            disabled={emails.length === 0 || invalid.length > 0}
            onClick={() => send.mutate()}
          >
            {t('audCampaigns.test.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
