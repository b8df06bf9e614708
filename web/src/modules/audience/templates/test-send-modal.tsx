import { Alert, Badge, Button, Group, List, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useSession } from '../../../lib/session.tsx';
import { ContactPicker } from '../../crm/contacts/contact-picker.tsx';
import type { TestSendResult } from './types.ts';

const MAX = 5;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sends the email to up to five addresses, personalised as a contact of the workspace (or a sample contact).
 * `source` sends what is on screen (saved or not); `templateId` alone sends the saved template.
 */
export function TestSendModal({
  opened,
  onClose,
  source,
  templateId,
  contactId,
  contactLabel,
}: {
  opened: boolean;
  onClose: () => void;
  source?: { subject: string; preheader: string | null; mjml: string };
  templateId?: string;
  contactId?: string | null;
  contactLabel?: string | null;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [emails, setEmails] = useState<string[]>([me.user.email]);
  const [asContact, setAsContact] = useState<string | null>(contactId ?? null);
  const [asLabel, setAsLabel] = useState<string | null>(contactLabel ?? null);
  useEffect(() => {
    if (opened) {
      setAsContact(contactId ?? null);
      setAsLabel(contactLabel ?? null);
    }
  }, [opened, contactId, contactLabel]);

  const send = useMutation({
    mutationFn: () => {
      const body = { emails, ...(asContact ? { contactId: asContact } : {}) };
      return source
        ? api.post<TestSendResult>('/templates/test-send', { ...source, ...body })
        : api.post<TestSendResult>(`/templates/${templateId}/test-send`, body);
    },
    onError: (e) => notifyError(e, t('audTemplates.test.failed')),
  });
  const invalid = emails.filter((e) => !EMAIL.test(e));
  const close = () => {
    send.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('audTemplates.test.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (emails.length && !invalid.length) send.mutate();
        }}
      >
        <Stack gap="md">
          <TagsInput
            label={t('audTemplates.test.emails')}
            description={t('audTemplates.test.emailsHint', { max: MAX })}
            value={emails}
            onChange={(v) => setEmails(v.map((x) => x.trim()).filter(Boolean))}
            maxTags={MAX}
            splitChars={[',', ' ', ';']}
            clearable
            data-autofocus
            error={invalid.length ? t('audTemplates.test.invalidEmail', { emails: invalid.join(', ') }) : undefined}
          />
          <ContactPicker
            label={t('audTemplates.test.personaliseAs')}
            description={t('audTemplates.test.personaliseAsHint')}
            placeholder={t('audTemplates.editor.previewAsSample')}
            value={asContact}
            initialLabel={asLabel}
            onChange={(id, c) => {
              setAsContact(id);
              setAsLabel(c ? [c.name, c.emails[0]].filter(Boolean).join(' · ') : null);
            }}
            comboboxProps={{ withinPortal: true }}
          />
          {send.data && (
            <Alert
              color={send.data.results.every((r) => r.status === 'sent') ? 'green' : 'yellow'}
              title={t('audTemplates.test.resultTitle')}
              role="status"
            >
              <List size="sm" spacing={4}>
                {send.data.results.map((r) => (
                  <List.Item key={r.email}>
                    <Group gap="xs" wrap="nowrap">
                      <Badge
                        size="sm"
                        variant="light"
                        color={r.status === 'sent' ? 'green' : r.status === 'skipped' ? 'yellow' : 'red'}
                      >
                        {t(`audTemplates.test.status.${r.status}`)}
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
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            <Button type="submit" loading={send.isPending} disabled={!emails.length || invalid.length > 0}>
              {t('audTemplates.test.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
